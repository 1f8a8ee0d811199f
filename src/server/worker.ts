// A worker thread of the pool (pool.ts): runs the tasks of work.ts on messages `{ id, task, args }` and
// answers `{ id, ok, value }` or `{ id, ok: false, error }`, an error as plain fields the pool rebuilds.
import { parentPort } from 'node:worker_threads';
import { movable, runTask, type Emit, type TaskMessage } from './tasks.js';

/** the acknowledgements a streaming task waits for, by task id */
const acks = new Map<number, ((ok: boolean) => void)[]>();
/** pieces sent and not yet taken by the consumer, at most this many before the task waits */
const IN_FLIGHT = 4;

parentPort?.on('message', (m: TaskMessage | { id: number; ack: boolean }) => {
  if ('ack' in m) {
    acks.get(m.id)?.shift()?.(m.ack);
    return;
  }
  const waiting: Promise<boolean>[] = [];
  const emit: Emit = {
    progress: (p) => parentPort!.postMessage({ id: m.id, progress: p }),
    async chunk(c) {
      waiting.push(new Promise((ok) => { const q = acks.get(m.id) ?? []; q.push(ok); acks.set(m.id, q); }));
      parentPort!.postMessage({ id: m.id, chunk: c }, movable(c));
      if (waiting.length >= IN_FLIGHT && !(await waiting.shift()!)) throw Object.assign(new Error('客户端已断开'), { name: 'AbortError' });
    },
  };
  runTask(m.task, m.args, emit).finally(() => acks.delete(m.id)).then(
    ({ value, transfer }) => parentPort!.postMessage({ id: m.id, ok: true, value }, transfer),
    (e: unknown) => parentPort!.postMessage({ id: m.id, ok: false, error: plainError(e) }),
  );
});

function plainError(e: unknown): Record<string, unknown> {
  const x = (e ?? {}) as Record<string, unknown>;
  return { name: x['name'], message: String(x['message'] ?? e), code: x['code'], statusCode: x['statusCode'], issues: x['issues'] };
}
