// Between tests, let this worker's event loop reach its I/O phase. Tests that run CLI commands with
// spawnSync only ever await resolved promises, so a file of them can block the worker for minutes on a
// loaded machine; vitest's replies to the worker then sit unread past its fixed 60 s RPC timeout, and
// the run fails with "Timeout calling onTaskUpdate" although every test passed (vitest issue 6479).
import { afterEach } from 'vitest';

// two turns: a first setImmediate queued from the poll phase runs before the next poll; the second cannot
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
afterEach(async () => { await turn(); await turn(); });
