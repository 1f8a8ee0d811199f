// Reading many files while the writer stores them: parse, targets, review and the rows to write
// (read.ts) run in worker threads, and the documents come back in the order given, so the single writer
// (one transaction per document, storeRead) writes one while the next ones are read. At most `ahead`
// documents are read and not yet taken, so memory stays bounded whatever the number of files. Without
// the compiled worker script (tests running the sources with no build), with one file or with
// JIXIAO_IMPORT_WORKERS=0, files are read in this thread, one at a time.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { readDocument, type ReadResult, type Stage } from './read.js';

export interface ReadInput {
  readonly file: string;
  /** the file's bytes; a rejection's message becomes the file's failure reason */
  bytes(): Promise<Uint8Array>;
}

export interface ReadManyOptions {
  /** worker threads (default JIXIAO_IMPORT_WORKERS, else one per core, at most 4: the writer mostly waits); 0: this thread */
  readonly workers?: number;
  /** documents read ahead of the one taken (default twice the workers) */
  readonly ahead?: number;
  /** milliseconds per stage, summed over the workers, are added to it */
  readonly timings?: Record<Stage, number>;
}

export interface ReadReply {
  readonly id: number;
  readonly result: ReadResult;
  readonly timings: Record<Stage, number>;
}

export const noTimings = (): Record<Stage, number> => ({ parse: 0, targets: 0, review: 0, plan: 0, write: 0 });

export function defaultWorkers(env: NodeJS.ProcessEnv = process.env): number {
  const set = env['JIXIAO_IMPORT_WORKERS'];
  if (set !== undefined && /^\d+$/.test(set.trim())) return Number(set);
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** read-worker.js beside this module when compiled, else the build's copy (tests run the sources) */
function workerScript(): string | null {
  for (const candidate of ['./read-worker.js', '../../dist/src/store/read-worker.js']) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  return null;
}

const failed = (file: string, e: unknown): ReadResult => ({ status: 'failed', file, reason: String((e as Error)?.message ?? e) });

const add = (into: Record<Stage, number> | undefined, t: Record<Stage, number>): void => {
  if (into) for (const k of Object.keys(t) as Stage[]) into[k] += t[k];
};

/** The inputs read, in their order, with at most `ahead` read before they are taken. */
export async function* readMany(inputs: readonly ReadInput[], options: ReadManyOptions = {}): AsyncGenerator<ReadResult> {
  const script = workerScript();
  const size = Math.min(inputs.length, options.workers ?? defaultWorkers());
  if (script === null || size === 0 || inputs.length <= 1) {
    for (const input of inputs) {
      try {
        yield await readDocument(await input.bytes(), { file: input.file, ...(options.timings ? { timings: options.timings } : {}) });
      } catch (e) {
        yield failed(input.file, e);
      }
    }
    return;
  }
  const pool = new ReadPool(script, size);
  try {
    const ahead = Math.max(1, options.ahead ?? 2 * size);
    const start = async (input: ReadInput): Promise<ReadResult> => {
      let bytes: Uint8Array;
      try {
        bytes = await input.bytes();
      } catch (e) {
        return failed(input.file, e);
      }
      const reply = await pool.read(input.file, bytes);
      add(options.timings, reply.timings);
      return reply.result;
    };
    const inflight: Promise<ReadResult>[] = [];
    let next = 0;
    while (next < inputs.length && inflight.length < ahead) inflight.push(start(inputs[next++]!));
    while (inflight.length) {
      const r = await inflight.shift()!;
      if (next < inputs.length) inflight.push(start(inputs[next++]!));
      yield r;
    }
  } finally {
    await pool.close();
  }
}

interface Job {
  readonly id: number;
  readonly file: string;
  readonly bytes: Uint8Array;
  resolve(r: ReadReply): void;
}

/** worker threads that each read one file at a time; a worker that dies fails its file and is replaced */
class ReadPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly queue: Job[] = [];
  private next = 1;
  private closing = false;

  constructor(private readonly script: string, size: number) {
    for (let i = 0; i < size; i++) this.idle.push(this.spawn());
  }

  read(file: string, bytes: Uint8Array): Promise<ReadReply> {
    return new Promise((resolve) => {
      this.queue.push({ id: this.next++, file, bytes, resolve });
      this.dispatch();
    });
  }

  private spawn(): Worker {
    const w = new Worker(this.script);
    w.on('message', (m: ReadReply) => {
      const job = this.busy.get(w);
      this.busy.delete(w);
      this.idle.push(w);
      job?.resolve(m);
      this.dispatch();
    });
    let dead = false;
    const lost = (why: string) => {
      if (dead) return;
      dead = true;
      const job = this.busy.get(w);
      this.busy.delete(w);
      const at = this.idle.indexOf(w);
      if (at >= 0) this.idle.splice(at, 1);
      if (job) job.resolve({ id: job.id, result: { status: 'failed', file: job.file, reason: `读取失败：${why}` }, timings: noTimings() });
      if (!this.closing) {
        this.idle.push(this.spawn());
        this.dispatch();
      }
    };
    w.on('error', (e) => lost(e.message));
    w.on('exit', (code) => { if (this.busy.has(w) || (!this.closing && code !== 0)) lost(`读取线程意外退出（${code}）`); });
    return w;
  }

  private dispatch(): void {
    while (this.queue.length && this.idle.length) {
      const w = this.idle.pop()!;
      const job = this.queue.shift()!;
      this.busy.set(w, job);
      w.postMessage({ id: job.id, file: job.file, bytes: job.bytes });
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all([...this.idle, ...this.busy.keys()].map((w) => w.terminate()));
  }
}
