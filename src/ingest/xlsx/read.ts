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
import { CellLocations, quoteSheet, readSheetTable, type ColumnOverrides, type SheetTable, type TableGrid } from './table.js';
import { columnName, fillMerges, readSharedStrings, readSheet, readWorkbookSheets, type SheetGrid } from './workbook.js';
import { openZip, ZipOverrun, type ZipEntry } from './zip.js';

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
    const grids: SheetGrid[] = [];
    const pre: Diagnostic[] = [];
    for (const ref of book.sheets) {
      const entry: ZipEntry | undefined = entries.get(ref.path);
      if (!entry) { pre.push(diag('xlsx-damaged', `工作表“${ref.name}”在文件中找不到（${ref.path}），未读入。`)); continue; }
      const grid = await readSheet(bytes, entry, ref, sst);
      fillMerges(grid);
      grids.push(grid);
    }
    return assemble(grids, source, 'binary', options, pre);
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
  const rows = parseCsv(decoded.text);
  if (rows.length === 0) return empty(source, [...decoded.diagnostics, diag('input-empty', '文件为空（或只有空白），没有可读取的内容。')]);
  return assemble([{ name: '', hidden: false, rows, merges: [], dimension: null, emptyRows: 0, clippedCells: 0 }], source, decoded.encoding, options, [...decoded.diagnostics]);
}

function assemble(grids: readonly SheetGrid[], source: Omit<SourceInfo, 'layout' | 'lines'>, encoding: SourceInfo['encoding'], options: XlsxOptions, pre: Diagnostic[]): TableDocument {
  const locations = new CellLocations();
  const tables: SheetTable[] = [];
  const infos: SheetInfo[] = [];
  const visible = grids.filter((g) => !g.hidden);
  for (const grid of grids) {
    if (grid.hidden && visible.length > 0) { infos.push({ name: grid.name, read: false, skipped: '隐藏的工作表' }); continue; }
    const overrides = options.columns?.[grid.name];
    const table = readSheetTable(grid as TableGrid, { locations, ...(overrides ? { overrides } : {}) });
    infos.push(table.info);
    if (!table.info.read) continue;
    tables.push(table);
    pre.push(...cellProblems(grid, locations));
  }
  const where = (name: string) => (name ? `工作表“${name}”` : '表格');
  if (tables.length === 0) {
    const why = infos.map((i) => `${where(i.name)}：${i.skipped ?? '未读取'}`).join('；');
    pre.push(diag('xlsx-no-table', `没有找到项目支出绩效目标表（需要有项目名称、总计、绩效目标或绩效指标等栏目的表头）。${why}。`));
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
  const info: Diagnostic[] = [];
  if (grids.length > 1) {
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

/** Formulas (read from their saved results, or without one), error values and clipped columns. */
function cellProblems(grid: SheetGrid, locations: CellLocations): Diagnostic[] {
  const out: Diagnostic[] = [];
  const missing: string[] = [];
  const errors: string[] = [];
  let cached = 0;
  const at = (r: number, c: number) => `${grid.name ? `${quoteSheet(grid.name)}!` : ''}${columnName(c)}${r}`;
  for (const row of grid.rows) {
    row.cells.forEach((v, c) => {
      if (v === undefined || typeof v !== 'object' || row.filled?.[c]) return;
      if (v.formula === 'missing') missing.push(at(row.r, c));
      else if (v.formula === 'cached') cached++;
      if (v.error !== undefined) errors.push(`${at(row.r, c)}（${v.error}）`);
    });
  }
  const list = (xs: string[]) => `${xs.slice(0, 8).join('、')}${xs.length > 8 ? ` 等 ${xs.length} 处` : ''}`;
  if (missing.length > 0) {
    out.push(diag('xlsx-formula-no-value', `${list(missing)} 是公式，但文件中没有保存计算结果（由程序生成、未经 Excel 计算的工作簿），无法知道其值，整个文件未读入。请在 Excel 或 WPS 中打开、重新计算并保存后再导入。`, { line: locations.add(missing[0]!) }));
  }
  if (cached > 0) out.push(diag('xlsx-formula-cached', `工作表${grid.name ? `“${grid.name}”` : ''}有 ${cached} 个单元格是公式，按文件中保存的计算结果读取。`));
  if (errors.length > 0) out.push(diag('xlsx-cell-error', `${list(errors)} 是错误值（公式出错），其内容按原样的错误值读取；请在 Excel 或 WPS 中修正后再导入。`, { line: locations.add(errors[0]!.replace(/（.*$/, '')) }));
  if (grid.clippedCells > 0) out.push(diag('xlsx-columns-clipped', `工作表“${grid.name}”有 ${grid.clippedCells} 个单元格在第 ${columnName(255)} 列之后，不属于表格，未读取。`));
  return out;
}

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
