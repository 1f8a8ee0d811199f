// The readers as the contract suite and the PDF fuzz test see them: bytes in, a TableDocument out,
// each with what its format can say. parseDocument (src/ingest/index.ts, the PDF reader of branch
// `pdf`) is looked up at run time, so these tests compile and skip with a message until it exists.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as ingest from '../../src/ingest/index.js';
import type { TableDocument } from '../../src/model/types.js';
import { REPO_ROOT } from './samples.js';

export type ParseDocument = (bytes: Uint8Array, options?: { readonly file?: string }) => Promise<TableDocument>;

/** The async entry point that reads PDF and text alike; undefined until the PDF reader lands. */
export const parseDocument: ParseDocument | undefined =
  (ingest as unknown as { parseDocument?: ParseDocument }).parseDocument;

export const NO_PDF_READER = 'parseDocument is not exported by src/ingest/index.ts yet (the PDF reader, branch `pdf`): PDF cases skipped';

/**
 * ../shared/real beside the repository root; for a git worktree, beside the main checkout it belongs to.
 * JIXIAO_SHARED_REAL overrides. undefined when absent.
 */
export function realDir(): string | undefined {
  const candidates = [process.env['JIXIAO_SHARED_REAL'], join(REPO_ROOT, '..', 'shared', 'real')];
  try {
    const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    candidates.push(join(dirname(resolve(REPO_ROOT, common)), '..', 'shared', 'real'));
  } catch {
    // not a git checkout (a release tarball): only the plain ../shared/real
  }
  return candidates.find((c): c is string => c !== undefined && existsSync(c));
}
