// The web client is typed from the server's zod schemas (src/server/schemas.ts): a change in the API
// contract that the pages do not follow is a type error, caught here rather than in a user's browser.
// The compiler runs as a child process without blocking this worker (a synchronous wait of a minute and
// more on a loaded machine starved vitest's own messages).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { ROOT } from './setup.js';

test('web/ type-checks against the API schemas', { timeout: 300_000 }, async () => {
  let output = '';
  try {
    await promisify(execFile)(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'web', 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  } catch (e) {
    output = String((e as { stdout?: string }).stdout || e);
  }
  expect(output).toBe('');
});
