// A worker thread of the pool (pool.ts): runs the tasks of work.ts on messages `{ id, task, args }` and
// answers `{ id, ok, value }` or `{ id, ok: false, error }`, an error as plain fields the pool rebuilds.
import { parentPort } from 'node:worker_threads';
import { runTask, type TaskMessage } from './tasks.js';

parentPort?.on('message', (m: TaskMessage) => {
  runTask(m.task, m.args).then(
    ({ value, transfer }) => parentPort!.postMessage({ id: m.id, ok: true, value }, transfer),
    (e: unknown) => parentPort!.postMessage({ id: m.id, ok: false, error: plainError(e) }),
  );
});

function plainError(e: unknown): Record<string, unknown> {
  const x = (e ?? {}) as Record<string, unknown>;
  return { name: x['name'], message: String(x['message'] ?? e), code: x['code'], statusCode: x['statusCode'], issues: x['issues'] };
}
