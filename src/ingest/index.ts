// The ingest stage's one entry point: bytes in, a TableDocument with diagnostics out. Never throws on
// bad input; throws only when called wrongly.
import { createHash } from 'node:crypto';
import type { Diagnostic, TableDocument } from '../model/index.js';
import { buildDocument } from './build.js';
import { decode } from './decode.js';
import { diag } from './diagnostics.js';
import type { RawDocument } from './rows.js';
import { readFlowed } from './text/flowed.js';
import { splitLines, type SourceLine } from './text/lines.js';
import { readTabular } from './text/tabular.js';
import { readPdf } from './pdf/read.js';
import { isCfb, readCsvTable, readXlsx } from './xlsx/read.js';
import type { ColumnOverrides } from './xlsx/table.js';

export type { ColumnOverrides } from './xlsx/table.js';

export { ranges as pageRanges } from './pdf/read.js';

export interface ParseOptions {
  /** the input file's base name, printed as source.file */
  readonly file?: string;
}

export type TextLayout = 'tabular-text' | 'flowed-text';

/** Tabular text has rows of seven tab-separated cells; anything else is read as flowed text. */
export function detectLayout(lines: readonly SourceLine[]): TextLayout {
  let rows = 0;
  let other = 0;
  for (const l of lines) {
    if (l.raw.trim() === '') continue;
    const tabs = l.raw.split('\t').length - 1;
    if (tabs >= 4) rows++;
    else other++;
    if (rows + other > 400) break;
  }
  return rows >= 2 && rows >= other / 4 ? 'tabular-text' : 'flowed-text';
}

export function parseBytes(bytes: Uint8Array, options: ParseOptions = {}): TableDocument {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('parseBytes expects a Uint8Array');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const decoded = decode(bytes);
  const source = { file: options.file ?? '', sha256, bytes: bytes.length, encoding: decoded.encoding };
  const lines = splitLines(decoded.text);
  const nonBlank = lines.some((l) => l.raw.trim() !== '');
  let raw: RawDocument;
  if (decoded.binary || !nonBlank) {
    raw = { layout: 'flowed-text', meta: { title: null, year: null, department: null, currencyUnit: null }, rows: [], orphans: [], diagnostics: [], lineCount: decoded.binary ? 0 : lines.length };
  } else {
    raw = detectLayout(lines) === 'tabular-text' ? readTabular(lines) : readFlowed(lines);
  }
  const doc = buildDocument(raw, source);
  const pre = [...decoded.diagnostics];
  if (!decoded.binary && !nonBlank) pre.push(diag('input-empty', '文件为空（或只有空白），没有可读取的内容。', { line: 1 }));
  // a scrambled reading order has its own error and keeps its text: no second error for it
  else if (!decoded.binary && raw.rows.length === 0 && !raw.diagnostics.some((d) => d.code === 'reading-order-scrambled')) {
    pre.push(diag('layout-unknown', '找不到任何带金额的项目行，无法识别为项目支出绩效目标表；可读取的文字已单独列为“无所属内容”。', { line: 1 }));
  } else if (!decoded.binary && (raw.meta.department === null || raw.meta.currencyUnit === null)) {
    pre.push(diag('header-missing', `表头缺少${[raw.meta.department === null ? '部门（单位）名称' : '', raw.meta.currencyUnit === null ? '金额单位' : ''].filter(Boolean).join('和')}。`, { line: 1 }));
  }
  return { ...doc, diagnostics: [...pre, ...doc.diagnostics] };
}

export function parseText(text: string, options: ParseOptions = {}): TableDocument {
  if (typeof text !== 'string') throw new TypeError('parseText expects a string');
  return parseBytes(new TextEncoder().encode(text), options);
}

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** A PDF file: `%PDF-` within the first 1024 bytes (some producers put junk before it). */
export function isPdf(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length - PDF_MAGIC.length, 1024);
  outer: for (let i = 0; i <= end; i++) {
    for (let k = 0; k < PDF_MAGIC.length; k++) if (bytes[i + k] !== PDF_MAGIC[k]) continue outer;
    return true;
  }
  return false;
}

export interface DocumentOptions extends ParseOptions {
  /** PDF: called after each page */
  readonly onProgress?: (done: number, total: number) => void;
  /** workbook and CSV: the column mapping chosen in the import preview, per sheet name ('' for CSV) */
  readonly columns?: ColumnOverrides;
}

/** A zip (an .xlsx is one) or an OLE compound file (.xls, or an .xlsx with a password). */
export function isWorkbook(bytes: Uint8Array): boolean {
  return (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) || isCfb(bytes);
}

/** A CSV file is known by its name: its bytes are text like any other. */
export const isCsvName = (file: string | undefined): boolean => /\.csv$/i.test(file ?? '');

/**
 * Any input: a PDF is read from its page geometry, a workbook (or a CSV file) as a grid of cells,
 * anything else as text. Never rejects on bad input.
 */
export async function parseDocument(bytes: Uint8Array, options: DocumentOptions = {}): Promise<TableDocument> {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('parseDocument expects a Uint8Array');
  if (isPdf(bytes)) return readPdf(bytes, options);
  const sheetOptions = { ...(options.file !== undefined ? { file: options.file } : {}), ...(options.columns ? { columns: options.columns } : {}) };
  // a file named as a workbook is answered as one, even when it is not (a renamed file, a truncated download)
  if (isWorkbook(bytes) || /\.(?:xlsx|xlsm|xls|et)$/i.test(options.file ?? '')) return readXlsx(bytes, sheetOptions);
  if (isCsvName(options.file)) return readCsvTable(bytes, sheetOptions);
  return parseBytes(bytes, options);
}

/**
 * Codes that mean the file, or part of it, could not be read at all: a command reports the file as
 * unreadable and the importer refuses it, so an incomplete reading is never stored as the table.
 */
export const UNREADABLE_CODES: ReadonlySet<string> = new Set([
  'input-binary', 'input-empty',
  'pdf-encrypted', 'pdf-damaged', 'pdf-page-unread', 'pdf-text-garbled', 'pdf-no-text', 'pdf-no-table',
  'xlsx-not-workbook', 'xlsx-damaged', 'xlsx-encrypted', 'xlsx-old-format', 'xlsx-too-large', 'xlsx-no-table', 'xlsx-several-tables',
  'xlsx-formula-no-value',
]);

export function unreadable(doc: TableDocument): Diagnostic | undefined {
  return doc.diagnostics.find((d) => UNREADABLE_CODES.has(d.code));
}

/**
 * Codes that mean a text was read but no project could be placed in it (no table found; columns printed
 * interleaved): the whole text is kept as content no project owns, which `parse` shows. Reviewing,
 * scoring or storing it would present an empty table, scored 100, as the publication.
 */
export const NO_TABLE_CODES: ReadonlySet<string> = new Set(['layout-unknown', 'reading-order-scrambled']);

export function noTable(doc: TableDocument): Diagnostic | undefined {
  return doc.diagnostics.find((d) => NO_TABLE_CODES.has(d.code));
}

/**
 * How a stored document whose bytes are kept (PDF, workbook) is read again: its reading options, kept
 * as JSON in `documents.source_text` ('' when there are none).
 */
export function storedOptions(options: { readonly columns?: ColumnOverrides | undefined }): string {
  return options.columns && Object.keys(options.columns).length > 0 ? JSON.stringify({ columns: options.columns }) : '';
}

/** A stored document read again: from its bytes with its reading options, or from its text. */
export async function parseStored(stored: { readonly file: string; readonly text: string | null; readonly bytes: Uint8Array | null }): Promise<TableDocument> {
  if (!stored.bytes) return parseText(stored.text ?? '', { file: stored.file });
  let columns: ColumnOverrides | undefined;
  try {
    const o = stored.text?.startsWith('{') ? JSON.parse(stored.text) as { columns?: ColumnOverrides } : null;
    columns = o?.columns;
  } catch { columns = undefined; }
  return parseDocument(stored.bytes, { file: stored.file, ...(columns ? { columns } : {}) });
}
