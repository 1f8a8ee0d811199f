// The tasks a worker thread runs, by name, with their arguments as plain (structured-cloneable) data.
// The same table runs them in the request thread when no worker can be started.
import type { ImportOutcome } from '../store/index.js';
import type { DocumentDiff } from '../diff/index.js';
import type { Upload } from './upload.js';
import type { ImportChoice } from './schemas.js';
import { diff, importFile, inspect, READERS, report, storeFor, type Inspection, type StoreRef } from './work.js';

export interface Tasks {
  inspect: { args: { store: StoreRef; upload: Upload; choice?: ImportChoice }; value: Inspection };
  import: { args: { store: StoreRef; upload: Upload; choice: ImportChoice }; value: ImportOutcome };
  report: { args: { store: StoreRef; documentId: number }; value: Uint8Array };
  diff: { args: { store: StoreRef; a: number; b: number; unit: string }; value: DocumentDiff };
  read: { args: { store: StoreRef; route: string; input: unknown }; value: unknown };
}
export type TaskName = keyof Tasks;

export interface TaskMessage {
  readonly id: number;
  readonly task: TaskName;
  readonly args: unknown;
}

/** Runs one task; `transfer` lists the buffers to move rather than copy to the other thread. */
export async function runTask(task: TaskName, args: unknown): Promise<{ value: unknown; transfer: ArrayBuffer[] }> {
  switch (task) {
    case 'inspect': {
      const a = args as Tasks['inspect']['args'];
      return { value: await inspect(storeFor(a.store), upload(a.upload), a.choice ?? {}), transfer: [] };
    }
    case 'import': {
      const a = args as Tasks['import']['args'];
      return { value: await importFile(storeFor(a.store), upload(a.upload), a.choice), transfer: [] };
    }
    case 'report': {
      const a = args as Tasks['report']['args'];
      const bytes = await report(storeFor(a.store), a.documentId);
      return { value: bytes, transfer: movable(bytes) };
    }
    case 'diff': {
      const a = args as Tasks['diff']['args'];
      return { value: await diff(storeFor(a.store), a.a, a.b, a.unit), transfer: [] };
    }
    case 'read': {
      const a = args as Tasks['read']['args'];
      const reader = READERS[a.route];
      if (!reader) throw new Error(`no reader for ${a.route}`);
      return { value: await reader(storeFor(a.store), a.input), transfer: [] };
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
const movable = (b: Uint8Array): ArrayBuffer[] => (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer ? [b.buffer] : []);
