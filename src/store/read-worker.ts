// A worker thread of the import pipeline (pipeline.ts): reads one file per message `{ id, file, bytes }`
// and answers `{ id, result, timings }` with the rows to write (read.ts).
import { parentPort } from 'node:worker_threads';
import { noTimings, type ReadReply } from './pipeline.js';
import { readDocument } from './read.js';

parentPort?.on('message', (m: { id: number; file: string; bytes: Uint8Array }) => {
  const timings = noTimings();
  readDocument(m.bytes, { file: m.file, timings }).then(
    (result) => parentPort!.postMessage({ id: m.id, result, timings } satisfies ReadReply),
    (e: unknown) => parentPort!.postMessage({ id: m.id, result: { status: 'failed', file: m.file, reason: `读取失败：${String((e as Error)?.message ?? e)}` }, timings } satisfies ReadReply),
  );
});
