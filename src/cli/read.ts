// Reading files for any command: every readable file is returned, an unreadable one is reported on
// stderr with what and why, and counted.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Writable } from 'node:stream';
import type { TableDocument } from '../model/index.js';
import { parseBytes } from '../ingest/index.js';
import { readTargets } from '../targets/index.js';

export async function readDocuments(files: readonly string[], err: Writable): Promise<{ docs: TableDocument[]; failed: number }> {
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
    const doc = parseBytes(bytes, { file: basename(file) });
    const fatal = doc.diagnostics.find((d) => d.code === 'input-binary' || d.code === 'input-empty');
    if (fatal) {
      failed++;
      err.write(`jixiao: ${file}：${fatal.message}\n`);
      continue;
    }
    docs.push(readTargets(doc));
  }
  return { docs, failed };
}
