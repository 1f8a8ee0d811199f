// A small pool of worker threads for the heavy work (tasks.ts): each worker runs one task at a time,
// tasks queue in order, a worker that dies fails only its own task and is replaced. Without the compiled
// worker script (running from TypeScript sources with no build) or with size 0, tasks run in this thread.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { QueryError } from '../store/queries.js';
import { HttpError } from './errors.js';
import { runTask, type Emit, type TaskName, type Tasks } from './tasks.js';

export const DEFAULT_WORKERS = 2;

/** worker.js beside this module when compiled, else the build's copy (tests run the sources) */
export function workerScript(root: string): string | null {
  const here = fileURLToPath(new URL('./worker.js', import.meta.url));
  if (existsSync(here)) return here;
  const built = join(root, 'dist', 'src', 'server', 'worker.js');
  return existsSync(built) ? built : null;
}

/** what a task sends before its answer: progress, and pieces of a streamed answer */
export interface RunOptions {
  readonly transfer?: ArrayBuffer[];
  /** progress reported by the task (tasks.ts decides its shape) */
  readonly onProgress?: (p: unknown) => void;
  /**
   * pieces of the answer as the task produces them, in order; the task waits while the promise this
   * returns is pending (the consumer is slower), so at most a few pieces are held at a time
   */
  readonly onChunk?: (chunk: Uint8Array) => Promise<void>;
  /** end the worker after this task: the memory a heavy task grew its heap to goes back to the system */
  readonly retire?: boolean;
}

interface Job {
  readonly id: number;
  readonly task: TaskName;
  readonly args: unknown;
  readonly options: RunOptions;
  resolve(v: unknown): void;
  reject(e: unknown): void;
}

interface Slot {
  readonly worker: Worker;
  job: Job | null;
}

/** an error from the other thread, rebuilt as the type the error handler knows */
function rebuild(e: { name?: string; message?: string; code?: unknown; statusCode?: unknown; issues?: unknown }): Error {
  const message = e.message ?? '后台任务失败';
  if (e.name === 'HttpError' && typeof e.statusCode === 'number') {
    return new HttpError(e.statusCode, String(e.code), message, e.issues as { field: string; message: string }[] | undefined);
  }
  if (e.name === 'QueryError' && (e.code === 'invalid' || e.code === 'not-found')) return new QueryError(e.code, message, (e.issues ?? []) as never);
  if (e.name === 'UnitMatchError') return new HttpError(422, 'unit-mismatch', message);
  if (e.name === 'SearchError') return new HttpError(400, 'invalid', message);
  return Object.assign(new Error(message), { name: e.name ?? 'Error', code: e.code });
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private next = 1;
  private closed = false;
  private readonly script: string | null;

  constructor(readonly size: number, script: string | null) {
    this.script = size > 0 ? script : null;
  }

  /** whether tasks run in worker threads (false: in this thread) */
  get threaded(): boolean {
    return this.script !== null;
  }

  run<T extends TaskName>(task: T, args: Tasks[T]['args'], options: RunOptions = {}): Promise<Tasks[T]['value']> {
    if (this.script === null) {
      const emit: Emit = { progress: (p) => options.onProgress?.(p), chunk: async (c) => { await options.onChunk?.(c); } };
      return runTask(task, args, emit).then((r) => r.value as Tasks[T]['value']);
    }
    if (this.closed) return Promise.reject(new HttpError(503, 'closing', '服务正在停止，请稍后再试'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.next++, task, args, options, resolve: resolve as (v: unknown) => void, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length) {
      let slot = this.slots.find((s) => s.job === null);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage({ id: job.id, task: job.task, args: job.args }, job.options.transfer ?? []);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.script!);
    const slot: Slot = { worker, job: null };
    const done = (retire: boolean) => {
      slot.job = null;
      worker.unref();
      if (retire) {
        this.slots.splice(this.slots.indexOf(slot), 1);
        void worker.terminate();
      }
      this.dispatch();
    };
    worker.on('message', (m: { id: number; ok?: boolean; value?: unknown; error?: Parameters<typeof rebuild>[0]; progress?: unknown; chunk?: Uint8Array }) => {
      const job = slot.job;
      if (!job || job.id !== m.id) return;
      if ('progress' in m) {
        job.options.onProgress?.(m.progress);
        return;
      }
      if (m.chunk) {
        // acknowledged once the consumer has taken it: the worker waits for that (backpressure)
        const taken = job.options.onChunk ? job.options.onChunk(m.chunk) : Promise.resolve();
        taken.then(() => worker.postMessage({ id: m.id, ack: true }), () => worker.postMessage({ id: m.id, ack: false }));
        return;
      }
      if (m.ok) job.resolve(m.value);
      else job.reject(rebuild(m.error ?? {}));
      done(job.options.retire === true);
    });
    const lost = (why: unknown) => {
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      const job = slot.job;
      slot.job = null;
      job?.reject(Object.assign(new Error(`worker failed: ${String((why as Error)?.message ?? why)}`), { name: 'WorkerError' }));
      if (!this.closed) this.dispatch();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => { if (this.slots.includes(slot)) lost(`exit ${code}`); });
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const j of this.queue.splice(0)) j.reject(new HttpError(503, 'closing', '服务正在停止，请稍后再试'));
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}
