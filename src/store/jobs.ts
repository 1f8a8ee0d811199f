// Jobs: long work (an import of large files) run in the background while the client polls its state.
// The state lives in the database (migration 0009_jobs) so that every server process answers for every
// job; the process that runs a job writes its progress and a heartbeat, and a job whose process is gone
// (a crash, a restart) is marked failed, never left running for ever. Finished jobs are pruned.
import { hostname } from 'node:os';
import type { Store } from './connect.js';

export const JOB_STATES = ['queued', 'running', 'done', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];
export const JOB_KINDS = ['import'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export interface JobProgress {
  /** what is being done, in Chinese (读取, 审核, 写入 …) */
  readonly stage: string;
  /** how far the stage is: done of total (pages, rows, files) */
  readonly done: number;
  readonly total: number;
  /** one line for a person: which file, what, how far */
  readonly message: string;
  /** 0–100 over the whole job; never goes down */
  readonly percent: number;
}

export interface Job {
  readonly id: string;
  readonly kind: JobKind;
  readonly state: JobState;
  readonly progress: JobProgress;
  readonly result: unknown;
  readonly error: string | null;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
  readonly heartbeatAt: string;
  readonly runner: string;
  readonly createdBy: number | null;
}

/** The writes a runner makes, as plain data: on SQLite they are made in a thread of their own. */
export type JobWrite =
  | { readonly op: 'create'; readonly id: string; readonly kind: JobKind; readonly runner: string; readonly createdBy: number | null; readonly progress: JobProgress; readonly at: string }
  | {
    readonly op: 'update'; readonly id: string; readonly at: string; readonly state?: JobState; readonly progress?: JobProgress;
    readonly result?: unknown; readonly error?: string; readonly started?: boolean; readonly finished?: boolean;
  };

export const QUEUED: JobProgress = { stage: '排队', done: 0, total: 0, message: '等待开始', percent: 0 };

/** this process, as a job's runner: host, pid and a token (a pid is reused after a restart) */
export function runnerId(token: string): string {
  return `${hostname()} ${process.pid} ${token}`;
}

export async function writeJob(store: Store, w: JobWrite): Promise<void> {
  if (w.op === 'create') {
    await store.db.insertInto('jobs').values({
      id: w.id, kind: w.kind, state: 'queued', progress: JSON.stringify(w.progress), result: null, error: null,
      created_at: w.at, started_at: null, finished_at: null, heartbeat_at: w.at, runner: w.runner, created_by: w.createdBy,
    }).execute();
    return;
  }
  await store.db.updateTable('jobs').set({
    heartbeat_at: w.at,
    ...(w.state ? { state: w.state } : {}),
    ...(w.progress ? { progress: JSON.stringify(w.progress) } : {}),
    ...(w.result !== undefined ? { result: JSON.stringify(w.result) } : {}),
    ...(w.error !== undefined ? { error: w.error } : {}),
    ...(w.started ? { started_at: w.at } : {}),
    ...(w.finished ? { finished_at: w.at } : {}),
  }).where('id', '=', w.id).execute();
}

export async function getJob(store: Store, id: string): Promise<Job | null> {
  const r = await store.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id, kind: r.kind as JobKind, state: r.state as JobState, progress: JSON.parse(r.progress) as JobProgress,
    result: r.result === null ? null : JSON.parse(r.result), error: r.error,
    createdAt: r.created_at, startedAt: r.started_at, finishedAt: r.finished_at, heartbeatAt: r.heartbeat_at, runner: r.runner,
    createdBy: r.created_by === null ? null : Number(r.created_by),
  };
}

/** whether a process of this host with this pid is alive */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const INTERRUPTED = '任务中断：运行它的服务进程已停止（重启或崩溃），任务没有完成。已写入的内容以数据库为准（导入的每个文件要么完整存入，要么没有存入）；请重新提交。';

/**
 * Marks failed the jobs left queued or running by a process that is gone: one of this host whose pid is
 * not alive (or is this process's pid under another token: a restart), or one whose heartbeat is older
 * than `staleMs` (another host, or a hung process). `mine` are the jobs this process runs. Returns their ids.
 */
export async function failInterrupted(store: Store, o: { runner: string; mine: ReadonlySet<string>; staleMs: number; now: Date }): Promise<string[]> {
  const open = await store.db.selectFrom('jobs').select(['id', 'runner', 'heartbeat_at']).where('state', 'in', ['queued', 'running']).execute();
  const [host, pid] = o.runner.split(' ');
  const stale = new Date(o.now.getTime() - o.staleMs).toISOString();
  const gone = open.filter((j) => {
    if (o.mine.has(j.id) || j.runner === o.runner) return false;
    const [h, p] = j.runner.split(' ');
    if (h === host && (p === pid || !alive(Number(p)))) return true;
    return j.heartbeat_at < stale;
  }).map((j) => j.id);
  for (const id of gone) {
    await store.db.updateTable('jobs').set({ state: 'failed', error: INTERRUPTED, finished_at: o.now.toISOString(), heartbeat_at: o.now.toISOString() })
      .where('id', '=', id).where('state', 'in', ['queued', 'running']).execute();
  }
  return gone;
}

/** Deletes finished jobs that finished before `before`; returns how many. */
export async function pruneJobs(store: Store, before: Date): Promise<number> {
  const r = await store.db.deleteFrom('jobs').where('state', 'in', ['done', 'failed']).where('finished_at', '<', before.toISOString()).executeTakeFirst();
  return Number(r.numDeletedRows);
}
