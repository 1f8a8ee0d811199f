// Reading files for any command: every readable file is returned, an unreadable one is reported on
// stderr with what and why, and counted. A PDF of several pages shows its page progress on stderr when
// stderr is a terminal or --progress was given.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Writable } from 'node:stream';
import type { TableDocument } from '../model/index.js';
import { noTable, parseDocument, unreadable } from '../ingest/index.js';
import { readTargets } from '../targets/index.js';

/** --progress: page progress on stderr even when it is not a terminal */
export const progress = { force: false };

export function pageProgress(file: string, err: Writable & { isTTY?: boolean }): ((done: number, total: number) => void) | undefined {
  const tty = err.isTTY === true;
  if (!tty && !progress.force) return undefined;
  return (done, total) => {
    if (total < 2) return;
    if (tty) err.write(`\r\x1b[K${file}：第 ${done}/${total} 页${done === total ? '\n' : ''}`);
    else if (done === total || done % 10 === 0) err.write(`${file}：第 ${done}/${total} 页\n`);
  };
}

/**
 * `table: true` (check, stats, diff, xlsx): a text in which no project could be placed is reported like an
 * unreadable file, not reviewed as an empty table scoring 100; `parse` shows it, with the text it kept.
 */
export async function readDocuments(files: readonly string[], err: Writable & { isTTY?: boolean }, options: { table?: boolean } = {}): Promise<{ docs: TableDocument[]; failed: number }> {
  let failed = 0;
  const docs: TableDocument[] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch (e) {
      failed++;
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个目录，不是文件' : code === 'EACCES' ? '没有读取权限' : String((e as Error).message);
      err.write(`jixiao: 无法读取 ${file}：${why}\n`);
      continue;
    }
    const onProgress = pageProgress(basename(file), err);
    const doc = await parseDocument(bytes, { file: basename(file), ...(onProgress ? { onProgress } : {}) });
    const fatal = unreadable(doc) ?? (options.table ? noTable(doc) : undefined);
    if (fatal) {
      failed++;
      err.write(`jixiao: ${file}：${fatal.message}\n`);
      continue;
    }
    docs.push(readTargets(doc));
  }
  return { docs, failed };
}
