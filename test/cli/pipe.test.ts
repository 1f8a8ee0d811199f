// A reader that stops early (`jixiao parse FILE | head -c 100`): the built binary with its stdout, or its
// stderr, closed after the first bytes.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'jixiao');
const samples = ['000_df1d7dc7c09f411b.txt', '001_34b9b435912c22a9.txt', '002_02da4d888feccc7a.txt', '003_7b33df3d06e95335.txt', '004_08daa9245e557faf.txt'].map((f) => join(root, 'samples', f));
const env = { ...process.env } as NodeJS.ProcessEnv;
delete env['JIXIAO_DB'];
delete env['DATABASE_URL'];

/** runs jixiao, closes its stderr after the first bytes, as `2>&1 | head -1` would, and collects its stdout */
function runClosingStderr(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { cwd: root, env });
    child.stderr.once('data', () => child.stderr.destroy());
    let stdout = '';
    child.stdout.on('data', (b: Buffer) => { stdout += b.toString('utf8'); });
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

describe('a closed stdout or stderr', { timeout: 120_000 }, () => {
  // through bash and a real pipe into head, as a user types it (a spawned child's stdout is a socket whose
  // larger buffer can take the whole output); every output here is well over the pipe's 64 KB
  it.each([
    ['parse', samples[2]!],
    ['parse', samples[2]!, '--format', 'csv'],
    ['check', samples[2]!],
    ['check', samples[2]!, '--format', 'html'],
  ])('%s … | head -c 100 ends quietly with exit 0, no EPIPE stack trace', (...args) => {
    const r = spawnSync('bash', ['-c', '"$0" "$@" | head -c 100 > /dev/null; exit ${PIPESTATUS[0]}', bin, ...args], { cwd: root, env, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('a closed stderr only silences import progress: every file is still imported', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'jixiao-cli-pipe-')), 'store.sqlite');
    const r = await runClosingStderr(['import', ...samples, '--accept-proposed', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('导入 5 个文件：已导入 5，未变 0，失败 0。');
  });
});
