// Reading a file for the store, without the store: parse, targets, review, and the rows to write
// (plan.ts). Plain functions of plain data, so a worker thread can run them (pipeline.ts) while the
// writer stores what was read before.
import type { TableDocument } from '../model/index.js';
import { noTable, parseDocument, storedOptions, unreadable, type ColumnOverrides } from '../ingest/index.js';
import { review, type ReviewResult } from '../review/index.js';
import { readTargets } from '../targets/index.js';
import { needsColumns } from './columns-from-stored.js';
import { planDocument, type DocumentPlan } from './plan.js';
import { contentHash } from './publication.js';

/** where an import's time goes: parse, targets, review, plan (the rows, in memory), write (the transaction) */
export type Stage = 'parse' | 'targets' | 'review' | 'plan' | 'write';

/** what reading needs of the import's options */
export interface ReadOptions {
  readonly file: string;
  /** when given, milliseconds spent per stage are added to it */
  readonly timings?: Record<Stage, number>;
  /** PDF: called after each page */
  readonly onProgress?: (done: number, total: number) => void;
  /** workbook and CSV: the column mapping chosen in the import preview (kept with the document) */
  readonly columns?: ColumnOverrides;
}

/** A file read, reviewed and planned, not yet checked against the store: plain data (a worker's answer). */
export interface ReadDocument {
  readonly file: string;
  readonly sha256: string;
  readonly contentHash: string;
  /** as printed */
  readonly year: number | null;
  readonly department: string | null;
  /**
   * the parsed document when the store may still complete it (it prints no year or department) or
   * change it (flowed text whose columns a stored publication may give); null when nothing stored can
   */
  readonly doc: TableDocument | null;
  /** its rows, as read without anything from the store */
  readonly plan: DocumentPlan;
}

export type ReadResult = { readonly status: 'read'; readonly read: ReadDocument } | { readonly status: 'failed'; readonly file: string; readonly reason: string };

export const clockFor = (timings: ReadOptions['timings']) => <T>(stage: Stage, f: () => T): T => {
  if (!timings) return f();
  const t = performance.now();
  try { return f(); } finally { timings[stage] += performance.now() - t; }
};

/** PDFs and workbooks keep their bytes; their stored text is how they were read (a workbook's chosen column mapping) */
const binary = (doc: TableDocument): boolean => doc.source.layout === 'pdf' || doc.source.layout === 'xlsx';
const decodeText = (doc: TableDocument, bytes: Uint8Array, columns: ColumnOverrides | undefined): string =>
  (binary(doc) ? storedOptions({ columns }) : new TextDecoder(doc.source.encoding === 'gb18030' ? 'gb18030' : 'utf-8').decode(bytes));

/** Targets, review and rows of a document as parseDocument returns it. Never throws on bad input. */
export function readParsed(parsed: TableDocument, bytes: Uint8Array, options: Pick<ReadOptions, 'timings' | 'columns'> = {}): { read: ReadDocument; result: ReviewResult } | { failed: string } {
  // a file read only in part (a garbled or unreadable PDF page) is refused whole: never stored incomplete
  const fatal = unreadable(parsed) ?? noTable(parsed);
  if (fatal) return { failed: fatal.message };
  const clock = clockFor(options.timings);
  const doc = clock('targets', () => readTargets(parsed));
  const result = clock('review', () => review(doc));
  const plan = clock('plan', () => planDocument(doc, result, decodeText(parsed, bytes, options.columns), binary(parsed) ? bytes : null));
  const storeMayChange = parsed.year === null || parsed.department === null || needsColumns(parsed);
  return {
    read: { file: parsed.source.file, sha256: parsed.source.sha256, contentHash: contentHash(parsed), year: parsed.year, department: parsed.department, doc: storeMayChange ? parsed : null, plan },
    result,
  };
}

/** Parses, reads targets, reviews and plans one file's bytes. Never throws on bad input. */
export async function readDocument(bytes: Uint8Array, options: ReadOptions): Promise<ReadResult> {
  const t0 = performance.now();
  const parsed = await parseDocument(bytes, { file: options.file, ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.columns ? { columns: options.columns } : {}) });
  if (options.timings) options.timings.parse += performance.now() - t0;
  const r = readParsed(parsed, bytes, options);
  return 'failed' in r ? { status: 'failed', file: options.file, reason: r.failed } : { status: 'read', read: r.read };
}

