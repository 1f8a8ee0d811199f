// The tasks a worker thread runs, by name, with their arguments as plain (structured-cloneable) data.
// The same table runs them in the request thread when no worker can be started.
import { deserialize, serialize } from 'node:v8';
import { writeJob, type ImportOutcome, type ImportStage, type JobWrite, type ReadDocument } from '../store/index.js';
import type { DocumentDiff } from '../diff/index.js';
import { syncPublishedPlans } from '../workflow/publication.js';
import type { Encoded } from './encode.js';
import type { Upload } from './upload.js';
import type { ImportChoice } from './schemas.js';
import { diff, importFile, inspect, readEncoded, storeFor, streamReport, type Inspection, type StoreRef } from './work.js';

export interface Tasks {
  inspect: { args: { store: StoreRef; upload: Upload; forImport?: boolean; choice?: ImportChoice }; value: Inspection };
  /** `packedRead`: what `inspect` read, as the bytes it sent them in (the request thread never unpacks them) */
  import: { args: { store: StoreRef; upload: Upload; choice: ImportChoice; read?: ReadDocument; packedRead?: Uint8Array }; value: ImportOutcome };
  /** the report sent piece by piece (Emit.chunk) as it is rendered; the value is its length in bytes */
  'report-stream': { args: { store: StoreRef; documentId: number }; value: number };
  /** a write to the jobs table (SQLite: in a thread of its own, never waiting in the request thread) */
  job: { args: { store: StoreRef; write: JobWrite }; value: null };
  diff: { args: { store: StoreRef; a: number; b: number; unit: string }; value: DocumentDiff };
  /** a read route's answer, encoded (encode.ts) */
  read: { args: { store: StoreRef; route: string; input: unknown }; value: Encoded };
  /** imported tables' rows made published plans: thousands of statements in one transaction, kept off the request thread */
  'sync-plans': { args: { store: StoreRef }; value: number };
}
export type TaskName = keyof Tasks;

/** an import's progress, as the pool passes it on */
export interface StageProgress {
  readonly stage: ImportStage;
  readonly done: number;
  readonly total: number;
}

/** what a running task sends besides its answer */
export interface Emit {
  progress(p: unknown): void;
  /** a piece of a streamed answer; resolves when the consumer can take more */
  chunk(c: Uint8Array): Promise<void>;
}

const NO_EMIT: Emit = { progress: () => undefined, chunk: async () => undefined };

export interface TaskMessage {
  readonly id: number;
  readonly task: TaskName;
  readonly args: unknown;
}

/** Runs one task; `transfer` lists the buffers to move rather than copy to the other thread. */
export async function runTask(task: TaskName, args: unknown, emit: Emit = NO_EMIT): Promise<{ value: unknown; transfer: ArrayBuffer[] }> {
  switch (task) {
    case 'inspect': {
      const a = args as Tasks['inspect']['args'];
      const value = await inspect(storeFor(a.store), upload(a.upload), { ...(a.forImport ? { forImport: true } : {}), ...(a.choice ? { choice: a.choice } : {}) });
      if (!value.read) return { value, transfer: [] };
      // a large table's read is a graph of millions of objects: copied as such, the request thread would
      // spend a second and more taking it in and sending it on to the importing worker, answering nothing
      // meanwhile. As bytes it passes through untouched.
      const { read, ...rest } = value;
      const packedRead = new Uint8Array(serialize(read));
      return { value: { ...rest, packedRead } satisfies Inspection, transfer: movable(packedRead) };
    }
    case 'import': {
      const a = args as Tasks['import']['args'];
      const onStage = (stage: ImportStage, done: number, total: number) => emit.progress({ stage, done, total } satisfies StageProgress);
      const read = a.read ?? (a.packedRead ? deserialize(a.packedRead) as ReadDocument : undefined);
      return { value: await importFile(storeFor(a.store), upload(a.upload), a.choice, read, onStage), transfer: [] };
    }
    case 'report-stream': {
      const a = args as Tasks['report-stream']['args'];
      return { value: await streamReport(storeFor(a.store), a.documentId, (c) => emit.chunk(c)), transfer: [] };
    }
    case 'job': {
      const a = args as Tasks['job']['args'];
      await writeJob(storeFor(a.store), a.write);
      return { value: null, transfer: [] };
    }
    case 'diff': {
      const a = args as Tasks['diff']['args'];
      return { value: await diff(storeFor(a.store), a.a, a.b, a.unit), transfer: [] };
    }
    case 'read': {
      const a = args as Tasks['read']['args'];
      return { value: await readEncoded(storeFor(a.store), a.route, a.input), transfer: [] };
    }
    case 'sync-plans': {
      const a = args as Tasks['sync-plans']['args'];
      return { value: await syncPublishedPlans(storeFor(a.store)), transfer: [] };
    }
    default: {
      const never: never = task;
      throw new Error(`unknown task ${String(never)}`);
    }
  }
}

/** a Buffer arrives in a worker as a plain Uint8Array: make it a Buffer again */
const upload = (u: Upload): Upload => {
  const b = u.bytes as Uint8Array;
  return { file: u.file, bytes: Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength) };
};

/** the buffer of a Uint8Array when it owns all of it (a pooled Buffer's cannot be moved) */
export const movable = (b: Uint8Array): ArrayBuffer[] => (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer ? [b.buffer] : []);
