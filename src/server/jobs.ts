// The server's jobs (src/store/jobs.ts): long work started by a request that answers 202 at once, run
// here in the background (the work itself in the worker threads), its state and progress written to the
// database so that any server process can answer GET /api/jobs/:id. This process answers for its own
// running jobs from memory (the freshest state) and writes progress at most every PROGRESS_MS; on
// SQLite the writes go through a thread of their own, since a write waits there while an import holds
// the database's write lock, and the request thread must never wait.
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import {
  failInterrupted, getJob, pruneJobs, QUEUED, runnerId, writeJob,
  type Job, type JobKind, type JobProgress, type JobWrite, type Store,
} from '../store/index.js';
import type { WorkerPool } from './pool.js';

/** a job's progress is written to the database at most this often */
const PROGRESS_MS = 500;
/** a running job's heartbeat is written this often … */
const HEARTBEAT_MS = 15_000;
/** … and a job whose heartbeat is older than this, run by a process of another host, is taken for dead */
export const STALE_MS = 120_000;
/** finished jobs are kept this long, then pruned */
export const RETENTION_MS = 7 * 24 * 3600_000;
const SWEEP_MS = 60_000;

export type JobView = Omit<Job, 'heartbeatAt' | 'runner'>;

/** runs its functions one at a time, in the order given */
export type Serial = <T>(f: () => Promise<T>) => Promise<T>;

export function serial(): Serial {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(f: () => Promise<T>) => {
    const p = last.then(f, f);
    last = p.catch(() => undefined);
    return p;
  };
}

interface Live {
  view: JobView;
  /** writes waiting, in order; a progress write is replaced by a later one */
  readonly writes: { w: JobWrite; progress: boolean }[];
  writing: boolean;
  lastProgressAt: number;
}

export class JobRunner {
  readonly runner = runnerId(randomUUID().slice(0, 8));
  private readonly live = new Map<string, Live>();
  private timers: NodeJS.Timeout[] = [];

  /**
   * `writer`: SQLite's jobs-table thread; `between`: SQLite's one-writer-at-a-time queue the imports go
   * through — a job write made while an import's transaction is open would make that transaction's first
   * write fail (SQLITE_BUSY on upgrading its read snapshot), so job writes wait between imports there.
   */
  constructor(private readonly store: Store, private readonly writer: WorkerPool | null, private readonly log: FastifyBaseLogger, private readonly between: Serial | null = null) {}

  /** Marks failed the jobs a stopped process left behind, prunes old ones, and keeps doing so. */
  async init(): Promise<void> {
    await this.sweep(true);
    // on SQLite the later sweeps write between imports too
    this.timers.push(setInterval(() => { void (this.between ? this.between(() => this.sweep(false)) : this.sweep(false)); }, SWEEP_MS).unref());
    this.timers.push(setInterval(() => {
      for (const [id, l] of this.live) if (l.view.state === 'running') this.enqueue(l, { op: 'update', id, at: now() }, true);
    }, HEARTBEAT_MS).unref());
  }

  private async sweep(first: boolean): Promise<void> {
    try {
      const failed = await failInterrupted(this.store, { runner: this.runner, mine: new Set(this.live.keys()), staleMs: STALE_MS, now: new Date() });
      if (failed.length) this.log.warn({ jobs: failed }, `${failed.length} 个任务因运行它的服务进程已停止而标记为失败`);
      const pruned = await pruneJobs(this.store, new Date(Date.now() - RETENTION_MS));
      if (pruned && first) this.log.info({ pruned }, '已清理过期任务');
    } catch (e) {
      this.log.warn({ err: e }, 'job sweep failed');
    }
  }

  /**
   * Starts `work` as a job and returns its id at once; `work` reports progress with `report` and its
   * value becomes the job's result. A job that throws is failed with the error's (Chinese) message.
   */
  start(kind: JobKind, createdBy: number | null, work: (report: (p: JobProgress) => void) => Promise<unknown>): JobView {
    const id = randomUUID();
    const at = now();
    const view: JobView = { id, kind, state: 'queued', progress: QUEUED, result: null, error: null, createdAt: at, startedAt: null, finishedAt: null, createdBy };
    const l: Live = { view, writes: [], writing: false, lastProgressAt: 0 };
    this.live.set(id, l);
    this.enqueue(l, { op: 'create', id, kind, runner: this.runner, createdBy, progress: QUEUED, at }, false);
    let percent = 0;
    const report = (p: JobProgress) => {
      // the percentage never goes down, whatever the stages say
      percent = Math.max(percent, Math.min(100, p.percent));
      const progress = { ...p, percent: Math.round(percent * 10) / 10 };
      if (l.view.state === 'queued') {
        l.view = { ...l.view, state: 'running', startedAt: now(), progress };
        this.enqueue(l, { op: 'update', id, at: l.view.startedAt!, state: 'running', started: true, progress }, false);
        return;
      }
      l.view = { ...l.view, progress };
      this.enqueue(l, { op: 'update', id, at: now(), progress }, true);
    };
    void (async () => {
      try {
        const result = await work(report);
        const progress = { ...l.view.progress, percent: 100, message: '已完成' };
        l.view = { ...l.view, state: 'done', progress, result, finishedAt: now() };
        this.enqueue(l, { op: 'update', id, at: l.view.finishedAt!, state: 'done', finished: true, progress, result }, false);
      } catch (e) {
        // a worker that died or was stopped with the server says so in English: the job says it in Chinese
        const error = (e as Error)?.name === 'WorkerError' ? '任务中断：后台线程已停止（服务正在停止或线程异常退出），任务没有完成。请重新提交。' : (e as Error)?.message || '任务失败';
        this.log.warn({ job: id, err: e }, 'job failed');
        l.view = { ...l.view, state: 'failed', error, finishedAt: now() };
        this.enqueue(l, { op: 'update', id, at: l.view.finishedAt!, state: 'failed', finished: true, error }, false);
      }
    })();
    return view;
  }

  /** A job: this process's own from memory, any other from the database. */
  async get(id: string): Promise<JobView | null> {
    const l = this.live.get(id);
    if (l) return l.view;
    const j = await getJob(this.store, id);
    if (!j) return null;
    const { heartbeatAt: _h, runner: _r, ...view } = j;
    return view;
  }

  private enqueue(l: Live, w: JobWrite, progress: boolean): void {
    const last = l.writes.at(-1);
    if (progress && last?.progress) l.writes[l.writes.length - 1] = { w, progress };
    else l.writes.push({ w, progress });
    if (!l.writing) void this.drain(l);
  }

  private async drain(l: Live): Promise<void> {
    l.writing = true;
    while (l.writes.length) {
      const next = l.writes[0]!;
      if (next.progress) {
        // progress at most every PROGRESS_MS: wait, and write whatever is latest by then
        const wait = l.lastProgressAt + PROGRESS_MS - Date.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        l.lastProgressAt = Date.now();
      }
      const { w, progress } = l.writes.shift()!;
      await this.write(w, progress);
    }
    l.writing = false;
    // once its last state is written, a finished job is answered from the database like any other
    if (l.view.state === 'done' || l.view.state === 'failed') this.live.delete(l.view.id);
  }

  private async write(w: JobWrite, progress: boolean): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        const once = () => (this.writer && this.store.reopen ? this.writer.run('job', { store: this.store.reopen, write: w }).then(() => undefined) : writeJob(this.store, w));
        await (this.between ? this.between(once) : once());
        return;
      } catch (e) {
        // progress can wait for the next one; a change of state is retried (SQLite: a long import holds the lock)
        if (progress || attempt >= 20) {
          this.log.warn({ job: w.id, op: w.op, err: e }, 'job write failed');
          return;
        }
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  /** Stops the timers; jobs still running are failed by the pool's closing and written if the store is still open. */
  async close(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    const deadline = Date.now() + 5000;
    while ([...this.live.values()].some((l) => l.writing) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  }
}

const now = (): string => new Date().toISOString();
