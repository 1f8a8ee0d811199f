// The web client is typed from the server's zod schemas (src/server/schemas.ts): a change in the API
// contract that the pages do not follow is a type error, caught here rather than in a user's browser.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { ROOT } from './setup.js';

test('web/ type-checks against the API schemas', { timeout: 120_000 }, () => {
  let output = '';
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'web', 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    output = String((e as { stdout?: string }).stdout ?? e);
  }
  expect(output).toBe('');
});
