// The readers under contract: each takes the same tables in its own format. A reader joins by adding
// an entry: its name, what its format can say (capabilities), how to produce its inputs from the
// expected tables, and how to read bytes. An XLSX reader would add an entry whose inputs write the
// tables with an XLSX writer and whose capabilities say columns: true (it does: `xlsx`).
import { readFileSync } from 'node:fs';
import { parseBytes } from '../../src/ingest/index.js';
import type { TableDocument } from '../../src/model/types.js';
import type { PdfCorpus } from '../helpers/pdf-corpus/index.js';
import type { ExpectedTable } from '../helpers/pdf-corpus/table.js';
import { tabularText } from '../helpers/pdf-corpus/tabular.js';
import { NO_PDF_READER, parseDocument } from '../helpers/readers.js';
import { loadSamples } from '../helpers/samples.js';
import { writeTableXlsx } from '../helpers/xlsx-corpus.js';
import type { Capabilities } from './compare.js';

export interface ContractInput {
  readonly name: string;
  readonly file: string;
  readonly bytes: Uint8Array;
  readonly expected: ExpectedTable;
  /** generated from the expected table (so nothing else is in it); false for a published sample */
  readonly generated: boolean;
}

export interface ContractReader {
  readonly name: string;
  readonly capabilities: Omit<Capabilities, 'generated'>;
  /** why the reader cannot run here, if it cannot */
  readonly unavailable?: string;
  inputs(tables: readonly ExpectedTable[], corpus: PdfCorpus): ContractInput[] | Promise<ContractInput[]>;
  read(bytes: Uint8Array, file: string): Promise<TableDocument>;
}

const bySample = (tables: readonly ExpectedTable[], id: string): ExpectedTable => {
  const t = tables.find((x) => x.sample === id);
  if (!t) throw new Error(`no expected table for sample ${id}`);
  return t;
};

export const READERS: readonly ContractReader[] = [
  {
    name: 'tabular-text',
    capabilities: { columns: true },
    inputs: (tables) => [
      // every table written as tabular text, and the published tabular sample itself
      ...tables.map((t) => ({ name: `${t.sample} written as tabular text`, file: `${t.sample}-tabular.txt`, bytes: Buffer.from(tabularText(t)), expected: t, generated: true })),
      ...loadSamples().filter((s) => s.kind === 'tabular').map((s) => ({ name: `${s.file} (published)`, file: s.file, bytes: s.bytes, expected: bySample(tables, s.id), generated: false })),
    ],
    read: async (bytes, file) => parseBytes(bytes, { file }),
  },
  {
    name: 'flowed-text',
    // flowed text drops empty amount cells: the sources are compared in any column
    capabilities: { columns: false },
    inputs: (tables) => loadSamples().filter((s) => s.kind === 'flowed')
      .map((s) => ({ name: `${s.file} (published)`, file: s.file, bytes: s.bytes, expected: bySample(tables, s.id), generated: false })),
    read: async (bytes, file) => parseBytes(bytes, { file }),
  },
  {
    name: 'pdf',
    capabilities: { columns: true },
    ...(parseDocument ? {} : { unavailable: NO_PDF_READER }),
    inputs: (_tables, corpus) => corpus.pdfs.flatMap((p) => (p.expect.kind === 'table'
      ? [{ name: `${p.name}.pdf (${p.producer}, ${p.pages} pages)`, file: `${p.name}.pdf`, bytes: readFileSync(p.path), expected: p.expect.table, generated: true }]
      : [])),
    read: (bytes, file) => parseDocument!(bytes, { file }),
  },
  {
    // every table as a workbook (exceljs), a row per project with the two-row header; the layout with a
    // row per indicator and the hand-made variants are in test/ingest/xlsx*.test.ts
    name: 'xlsx',
    capabilities: { columns: true },
    ...(parseDocument ? {} : { unavailable: NO_PDF_READER }),
    inputs: async (tables) => Promise.all(tables.map(async (t) => ({ name: `${t.sample} written as .xlsx`, file: `${t.sample}.xlsx`, bytes: new Uint8Array(await writeTableXlsx(t, { layout: 'project-rows', twoRowHeader: true })), expected: t, generated: true }))),
    read: (bytes, file) => parseDocument!(bytes, { file }),
  },
];
