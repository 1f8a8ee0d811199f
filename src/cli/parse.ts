// `jixiao parse`: every readable file is printed; an unreadable one gets a message on stderr and a
// non-zero exit, and the others are still processed.
import type { Writable } from 'node:stream';
import { readDocuments } from './read.js';
import { renderCsv } from './render/csv.js';
import { renderTable } from './render/table.js';

export type ParseFormat = 'json' | 'table' | 'csv' | 'csv-raw';

export async function parseCommand(files: readonly string[], format: ParseFormat, out: Writable, err: Writable): Promise<number> {
  const { docs, failed } = await readDocuments(files, err);
  if (format === 'json') {
    if (files.length === 1 && docs.length === 1) out.write(`${JSON.stringify(docs[0], null, 2)}\n`);
    else for (const d of docs) out.write(`${JSON.stringify(d)}\n`);
  } else if (format === 'table') {
    out.write(docs.map(renderTable).join('\n'));
  } else {
    out.write(renderCsv(docs, format === 'csv' ? 'labels' : 'codes'));
  }
  return failed > 0 ? 1 : 0;
}
