// A workbook (.xlsx, as Excel, WPS or LibreOffice save it) or a CSV file → TableDocument. The sheets
// that hold a target table are read (src/ingest/xlsx/table.ts) and joined in sheet order; the others
// are named in a diagnostic. Whole-file problems get one clear error each, decided before anything is
// inflated where the file allows: not a workbook, the old .xls format, a password, a zip bomb, a
// formula without a saved value. Location ids become cell addresses: workbook output has `cell`
// (`Sheet1!C14`), never `line`. Never throws on bad input.
import { createHash } from 'node:crypto';
import type { Diagnostic, SheetInfo, SourceInfo, TableDocument } from '../../model/index.js';
import { buildDocument } from '../build.js';
import { decode } from '../decode.js';
import { diag } from '../diagnostics.js';
import type { RawOrphan, RawRow } from '../rows.js';
import { relocate } from '../relocate.js';
import { emptyMeta, type HeaderMeta } from '../text/lines.js';
import { parseCsv } from './csv.js';
import { CellLocations, quoteSheet, sheetTableReader, type ColumnOverrides, type SheetTable } from './table.js';
import { columnName, readMerges, readSharedStrings, readWorkbookSheets, streamSheet, type GridRow } from './workbook.js';
import { openZip, ZipOverrun } from './zip.js';

export interface XlsxOptions {
  readonly file?: string;
  /** the import preview's column mapping, per sheet (a CSV file's sheet is '') */
  readonly columns?: ColumnOverrides;
}

/** Limits a workbook must stay within before anything is inflated (a clerk's table is a few MB). */
export const LIMITS = {
  /** all entries together, uncompressed */
  totalBytes: 2 * 1024 ** 3,
  /** an entry compressed more than this many times over is a bomb once it is large */
  ratio: 200,
  ratioFrom: 64 * 1024 ** 2,
};

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isCfb(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && CFB_MAGIC.every((b, i) => bytes[i] === b);
}

/** An OLE compound file holding a name in UTF-16LE in its directory: EncryptionInfo, Workbook, Book. */
function cfbHas(bytes: Uint8Array, name: string): boolean {
  const needle = Buffer.from(name, 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}

export async function readXlsx(bytes: Uint8Array, options: XlsxOptions = {}): Promise<TableDocument> {
  const source = sourceOf(bytes, options, 'binary');
  const fail = (d: Diagnostic): TableDocument => empty(source, [d]);
  if (isCfb(bytes)) {
    // Excel and WPS save a password-protected .xlsx as an OLE file with EncryptionInfo + EncryptedPackage
    if (cfbHas(bytes, 'EncryptionInfo') || cfbHas(bytes, 'EncryptedPackage')) return fail(diag('xlsx-encrypted', '工作簿设置了打开密码（已加密），无法读取。请在 Excel 或 WPS 中取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后另存为 .xlsx 再导入。'));
    if (cfbHas(bytes, 'Workbook') || cfbHas(bytes, 'Book')) return fail(diag('xlsx-old-format', '这是 Excel 97-2003 旧格式（.xls）的工作簿，不能直接读取。请在 Excel 或 WPS 中打开，另存为“Excel 工作簿（.xlsx）”后再导入。'));
    return fail(diag('xlsx-not-workbook', '文件是 Office 旧格式的复合文档，但不是 Excel 工作簿，无法读取。'));
  }
  const zip = openZip(bytes);
  if (!zip.ok) {
    if (zip.why === 'zip64') return fail(diag('xlsx-too-large', '工作簿超过 4 GB（ZIP64 格式），超出可导入的大小。'));
    return fail(diag(zip.why === 'not-zip' ? 'xlsx-not-workbook' : 'xlsx-damaged', zip.why === 'not-zip'
      ? '文件不是 Excel 工作簿（.xlsx 是 zip 压缩包，此文件不是），无法读取。'
      : '工作簿已损坏或不完整（可能下载中断：找不到压缩包的目录），无法读取。请重新保存或重新下载后再导入。'));
  }
  const entries = zip.entries;
  if ([...entries.values()].some((e) => e.encrypted)) return fail(diag('xlsx-encrypted', '工作簿的压缩包已加密（需要密码），无法读取。请去掉密码后另存为 .xlsx 再导入。'));
  const total = [...entries.values()].reduce((s, e) => s + e.size, 0);
  const bomb = [...entries.values()].find((e) => e.size > LIMITS.ratioFrom && e.size > LIMITS.ratio * Math.max(1, e.compressed));
  if (total > LIMITS.totalBytes || bomb) {
    return fail(diag('xlsx-too-large', bomb
      ? `工作簿中的“${bomb.name}”解压后有 ${mb(bomb.size)}，是压缩后大小的 ${Math.round(bomb.size / Math.max(1, bomb.compressed))} 倍，不像正常的表格（疑为压缩炸弹），未读取。`
      : `工作簿解压后共 ${mb(total)}，超过可导入的上限 ${mb(LIMITS.totalBytes)}，未读取。`));
  }
  try {
    const book = await readWorkbookSheets(bytes, entries);
    if (book.sheets.length === 0) return fail(diag('xlsx-not-workbook', '压缩包中没有 Excel 工作表（可能是 Word、PowerPoint 文件或其他压缩包），无法读取。'));
    const sst = await readSharedStrings(bytes, book.sharedStrings ? entries.get(book.sharedStrings) : undefined);
    const pre: Diagnostic[] = [];
    const present = book.sheets.filter((ref) => {
      if (entries.has(ref.path)) return true;
      pre.push(diag('xlsx-damaged', `工作表“${ref.name}”在文件中找不到（${ref.path}），未读入。`));
      return false;
    });
    const visible = present.some((ref) => !ref.hidden);
    const locations = new CellLocations();
    const sheets: SheetRead[] = [];
    for (const ref of present) {
      if (ref.hidden && visible) { sheets.push({ info: { name: ref.name, read: false, skipped: '隐藏的工作表' }, table: null, problems: [] }); continue; }
      const entry = entries.get(ref.path)!;
      // the rows stream from the zip into the table reader: the sheet is never held, only its table
      const overrides = options.columns?.[ref.name];
      const reader = sheetTableReader(ref.name, { locations, ...(overrides ? { overrides } : {}) });
      const problems = new CellProblems(ref.name);
      const merges = await readMerges(bytes, entry);
      const stats = await streamSheet(bytes, entry, sst, merges, (row) => { reader.push(row); problems.add(row); });
      const table = reader.end();
      sheets.push(table.info.read ? { info: table.info, table, problems: problems.diagnostics(locations, stats.clippedCells) } : { info: table.info, table: null, problems: [] });
    }
    return assemble(sheets, locations, source, 'binary', pre);
  } catch (e) {
    if (e instanceof ZipOverrun) return fail(diag('xlsx-too-large', `工作簿中的“${e.message}”解压后比文件目录所写的大（疑为压缩炸弹），未读取。`));
    return fail(diag('xlsx-damaged', `工作簿已损坏，无法读取：${(e as Error).message ?? String(e)}。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再导入。`));
  }
}

/** A CSV file (UTF-8 with or without BOM, or GBK), read as a one-sheet workbook. */
export function readCsvTable(bytes: Uint8Array, options: XlsxOptions = {}): TableDocument {
  const decoded = decode(bytes);
  const source = sourceOf(bytes, options, decoded.encoding);
  if (decoded.binary) return empty(source, [...decoded.diagnostics]);
  const locations = new CellLocations();
  const overrides = options.columns?.[''];
  // rows go to the table reader as they are parsed: a million-row file is never a grid
  const reader = sheetTableReader('', { locations, ...(overrides ? { overrides } : {}) });
  const rows = parseCsv(decoded.text, (row) => reader.push(row));
  if (rows === 0) return empty(source, [...decoded.diagnostics, diag('input-empty', '文件为空（或只有空白），没有可读取的内容。')]);
  const table = reader.end();
  return assemble([{ info: table.info, table: table.info.read ? table : null, problems: [] }], locations, source, decoded.encoding, [...decoded.diagnostics]);
}

/** A sheet as read: its table when it holds one, and what its cells say beside it (formulas, errors). */
interface SheetRead { readonly info: SheetInfo; readonly table: SheetTable | null; readonly problems: readonly Diagnostic[] }

function assemble(sheets: readonly SheetRead[], locations: CellLocations, source: Omit<SourceInfo, 'layout' | 'lines'>, encoding: SourceInfo['encoding'], pre: Diagnostic[]): TableDocument {
  const tables: SheetTable[] = [];
  const infos: SheetInfo[] = [];
  for (const sheet of sheets) {
    infos.push(sheet.info);
    if (!sheet.table) continue;
    tables.push(sheet.table);
    pre.push(...sheet.problems);
  }
  const where = (name: string) => (name ? `工作表“${name}”` : '表格');
  if (tables.length === 0) {
    const why = infos.map((i) => `${where(i.name)}：${i.skipped ?? '未读取'}`).join('；');
    pre.push(diag('xlsx-no-table', `没有找到项目支出绩效目标表（需要有项目名称、总计、绩效目标或绩效指标等栏目的表头）。${why}。`));
    return { ...empty(source, pre), source: { ...source, encoding, layout: 'xlsx', lines: 0, sheets: infos } };
  }
  // Sheets of different departments or years are separate tables (jixiao's own export writes one sheet per
  // department and year): joined, the later sheets' 合计 rows would become units and every project would
  // take the first sheet's department and year. A document is one table, so such a workbook is refused.
  const tableOf = (t: SheetTable): string => `${t.meta.department ?? ''}\u0000${t.meta.year ?? ''}`;
  const distinct = new Set(tables.filter((t) => t.meta.department !== null || t.meta.year !== null).map(tableOf));
  if (distinct.size > 1) {
    const each = tables.map((t) => `${where(t.info.name)}（${t.meta.department ?? '未注明部门'}，${t.meta.year === null ? '未注明年度' : `${t.meta.year}年`}）`).join('、');
    pre.push(diag('xlsx-several-tables', `工作簿中有 ${distinct.size} 张不同部门或年度的绩效目标表：${each}。一个文件只能读作一张表：请把各工作表分别另存为单独的文件后再导入。`));
    return { ...empty(source, pre), source: { ...source, encoding, layout: 'xlsx', lines: 0, sheets: infos } };
  }
  const meta: HeaderMeta = emptyMeta();
  for (const t of tables) {
    meta.title ??= t.meta.title;
    meta.year ??= t.meta.year;
    meta.department ??= t.meta.department;
    meta.currencyUnit ??= t.meta.currencyUnit;
  }
  const rows: RawRow[] = tables.flatMap((t) => t.rows);
  const orphans: RawOrphan[] = tables.flatMap((t) => t.orphans);
  const raw = { layout: 'xlsx' as const, meta, rows, orphans, diagnostics: tables.flatMap((t) => t.diagnostics), lineCount: 0 };
  const built = buildDocument(raw, { ...source, encoding });
  // the rows are in the document now: let them go before it is relocated (a copy of what has a `line`)
  rows.length = 0;
  for (const t of tables) t.rows.length = 0;
  const info: Diagnostic[] = [];
  if (sheets.length > 1) {
    const read = infos.filter((i) => i.read).map((i) => `“${i.name}”`).join('、');
    const skipped = infos.filter((i) => !i.read);
    info.push(diag('xlsx-sheets-read', `读取了工作表${read}${skipped.length ? `；未读取${skipped.map((i) => `“${i.name}”（${i.skipped}）`).join('、')}` : ''}。`));
  }
  if (meta.department === null || meta.currencyUnit === null) {
    info.push(diag('header-missing', `表头缺少${[meta.department === null ? '部门（单位）名称' : '', meta.currencyUnit === null ? '金额单位' : ''].filter(Boolean).join('和')}。`));
  }
  const doc = relocate({ ...built, diagnostics: [...pre, ...info, ...built.diagnostics] }, (id) => {
    const cell = locations.get(id);
    return cell ? { cell } : undefined;
  });
  return { ...doc, source: { ...doc.source, sheets: infos } };
}

/**
 * Formulas (read from their saved results, or without one), error values and clipped columns, counted
 * as the rows stream by: the first few addresses are kept to name, the rest only counted.
 */
class CellProblems {
  private readonly missing: string[] = [];
  private missingCount = 0;
  private readonly errors: string[] = [];
  private errorCount = 0;
  private cached = 0;
  constructor(private readonly sheet: string) {}
  private at(r: number, c: number): string { return `${this.sheet ? `${quoteSheet(this.sheet)}!` : ''}${columnName(c)}${r}`; }
  add(row: GridRow): void {
    const { cells } = row;
    for (let c = 0; c < cells.length; c++) {
      const v = cells[c];
      if (v === undefined || typeof v !== 'object' || row.filled?.[c]) continue;
      if (v.formula === 'missing') { if (this.missingCount++ < SHOWN) this.missing.push(this.at(row.r, c)); }
      else if (v.formula === 'cached') this.cached++;
      if (v.error !== undefined && this.errorCount++ < SHOWN) this.errors.push(`${this.at(row.r, c)}（${v.error}）`);
    }
  }
  diagnostics(locations: CellLocations, clippedCells: number): Diagnostic[] {
    const out: Diagnostic[] = [];
    const name = this.sheet;
    const list = (xs: string[], n: number) => `${xs.join('、')}${n > SHOWN ? ` 等 ${n} 处` : ''}`;
    if (this.missingCount > 0) {
      out.push(diag('xlsx-formula-no-value', `${list(this.missing, this.missingCount)} 是公式，但文件中没有保存计算结果（由程序生成、未经 Excel 计算的工作簿），无法知道其值，整个文件未读入。请在 Excel 或 WPS 中打开、重新计算并保存后再导入。`, { line: locations.add(this.missing[0]!) }));
    }
    if (this.cached > 0) out.push(diag('xlsx-formula-cached', `工作表${name ? `“${name}”` : ''}有 ${this.cached} 个单元格是公式，按文件中保存的计算结果读取。`));
    if (this.errorCount > 0) out.push(diag('xlsx-cell-error', `${list(this.errors, this.errorCount)} 是错误值（公式出错），其内容按原样的错误值读取；请在 Excel 或 WPS 中修正后再导入。`, { line: locations.add(this.errors[0]!.replace(/（.*$/, '')) }));
    if (clippedCells > 0) out.push(diag('xlsx-columns-clipped', `工作表“${name}”有 ${clippedCells} 个单元格在第 ${columnName(255)} 列之后，不属于表格，未读取。`));
    return out;
  }
}
const SHOWN = 8;

function sourceOf(bytes: Uint8Array, options: XlsxOptions, encoding: SourceInfo['encoding']): Omit<SourceInfo, 'layout' | 'lines'> {
  return { file: options.file ?? '', sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length, encoding };
}

function empty(source: Omit<SourceInfo, 'layout' | 'lines'>, diagnostics: Diagnostic[]): TableDocument {
  return {
    source: { ...source, layout: 'xlsx', lines: 0 },
    title: null, year: null, department: null, currencyUnit: null,
    total: null, units: [], orphans: [], diagnostics,
  };
}

const mb = (n: number): string => (n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GB` : `${(n / 1024 ** 2).toFixed(1)} MB`);
