// Reader threads share the list orders they read (list-ids.ts): an order read in one worker thread is
// kept by another without reading it again, and the two hold one copy of it (shared memory). Runs the built module (dist/), as the server's threads do.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { expect, it } from 'vitest';

const built = join(import.meta.dirname, '..', '..', 'dist', 'src', 'store', 'list-ids.js');

// a worker that answers { key, ids } messages with what idsOnce gives, `ids` being what its read
// returns (null: a read that must not happen)
const script = `
import { parentPort } from 'node:worker_threads';
const { idsOnce } = await import(${JSON.stringify(pathToFileURL(built).href)});
let state = 0;
const store = { location: 'shared-test', db: { selectFrom: () => ({ select: () => ({ executeTakeFirstOrThrow: async () => ({ last: 1, n: state }) }) }) } };
parentPort.on('message', async (m) => {
  if (m.state !== undefined) { state = m.state; parentPort.postMessage('ok'); return; }
  let reads = 0;
  try {
    const got = await idsOnce(store, m.key, async () => { reads++; if (m.ids === null) throw new Error('read again'); return m.ids; });
    parentPort.postMessage({ ids: got ? [...got] : null, reads, ...(m.raw ? { raw: got } : {}) });
  } catch (e) { parentPort.postMessage({ error: String(e.message), reads }); }
});
`;

const ask = (w: Worker, m: unknown) => new Promise<any>((resolve) => { w.once('message', resolve); w.postMessage(m); }); // eslint-disable-line @typescript-eslint/no-explicit-any
const settle = () => new Promise((r) => setTimeout(r, 200));

it.runIf(existsSync(built))('an order read in one reader thread is kept by the others, for the state it was read in', async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'jixiao-ids-')), 'worker.mjs');
  writeFileSync(file, script);
  const [a, b] = [new Worker(file), new Worker(file)];
  try {
    for (const w of [a, b]) await ask(w, { state: 1 });
    // b reads a list once, so that it listens
    expect(await ask(b, { key: 'warm', ids: [9] })).toEqual({ ids: [9], reads: 1 });
    expect(await ask(a, { key: 'k', ids: [3, 1, 2] })).toEqual({ ids: [3, 1, 2], reads: 1 });
    await settle();
    expect(await ask(b, { key: 'k', ids: null })).toEqual({ ids: [3, 1, 2], reads: 0 });
    // one copy between them: the two threads' ids are the same shared memory
    const [fromA, fromB] = [await ask(a, { key: 'k', ids: null, raw: true }), await ask(b, { key: 'k', ids: null, raw: true })];
    expect(fromA.raw.buffer).toBeInstanceOf(SharedArrayBuffer);
    fromA.raw[0] = 77;
    expect(fromB.raw[0]).toBe(77);
    // another state of the store: the order is read again
    await ask(b, { state: 2 });
    expect(await ask(b, { key: 'k', ids: null })).toMatchObject({ error: 'read again', reads: 1 });
  } finally {
    await Promise.all([a.terminate(), b.terminate()]);
  }
});
