// `jixiao parse`: every readable file is printed; an unreadable one gets a message on stderr and a
// non-zero exit, and the others are still processed.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Writable } from 'node:stream';
import type { TableDocument } from '../model/index.js';
import { parseBytes } from '../ingest/index.js';
import { renderCsv } from './render/csv.js';
import { renderTable } from './render/table.js';

export type ParseFormat = 'json' | 'table' | 'csv';

export async function parseCommand(files: readonly string[], format: ParseFormat, out: Writable, err: Writable): Promise<number> {
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
    docs.push(doc);
  }
  if (format === 'json') {
    if (files.length === 1 && docs.length === 1) out.write(`${JSON.stringify(docs[0], null, 2)}\n`);
    else for (const d of docs) out.write(`${JSON.stringify(d)}\n`);
  } else if (format === 'table') {
    out.write(docs.map(renderTable).join('\n'));
  } else {
    out.write(renderCsv(docs));
  }
  return failed > 0 ? 1 : 0;
}
