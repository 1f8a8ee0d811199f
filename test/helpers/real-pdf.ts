// The real published PDFs live outside the repository, in ../shared/real; tests skip when it is absent.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { REPO_ROOT } from './samples.js';

/** ../shared/real beside the repository, or beside the main checkout of a git worktree (JIXIAO_SHARED_REAL overrides). */
export function realDir(): string | null {
  const candidates = [process.env['JIXIAO_SHARED_REAL'], join(REPO_ROOT, '..', 'shared', 'real')];
  try {
    const common = execFileSync('git', ['rev-parse', '--git-common-dir'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    candidates.push(join(dirname(resolve(REPO_ROOT, common)), '..', 'shared', 'real'));
  } catch { /* not a git checkout */ }
  return candidates.find((c): c is string => !!c && existsSync(join(c, '001_gz_zsj_2026_xmzc.pdf'))) ?? null;
}
