// Writes target tables to an .xlsx stream with ExcelJS's streaming WorkbookWriter: rows are committed as
// they are written, so a million indicators go out with memory bounded. One sheet per table (a document,
// or one document's share of a filtered set); a sheet that reaches Excel's row limit continues on the next.
//   row 1  title (merged across)        row 2  部门名称：…  …  单位：万元
//   header row(s) (the layout's)        合计   then each unit row followed by its projects
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { TableLayout } from './layout.js';
import { indicatorsLayout } from './layout-indicators.js';
import { table7 } from './layout-table7.js';
import { compactMerges, frozen, headerFooter, linesIn, MAX_SHEET_ROWS, pageSetup, rowHeight, sheetName, STYLE, type CompactMerges } from './styles.js';
import type { TableLayoutId, XlsxFunding, XlsxProject, XlsxSheetMeta, XlsxUnitRow } from './types.js';

export const LAYOUTS: Readonly<Record<TableLayoutId, TableLayout>> = { table: table7, indicators: indicatorsLayout };

/** the last column of a sheet with amounts the source does not place: they are written there, with why */
export const UNPLACED_HEADER = '未能归位的金额';
const UNPLACED_WIDTH = 36;
const UNPLACED_WHY = '原表未标明属于财政拨款、财政专户拨款还是其他资金，未归入任何一栏';

/** `47.66、3.00（why）`, or null when every amount has its column; the reader reads the amounts back */
export function unplacedText(f: XlsxFunding | null | undefined): string | null {
  if (!f?.unplaced?.length) return null;
  return `${f.unplaced.map((x) => x.toFixed(2)).join('、')}（${f.unplacedNote || UNPLACED_WHY}）`;
}

export interface TableWriteResult {
  readonly sheets: number;
  readonly projects: number;
  readonly indicators: number;
  /** rows written, header rows included */
  readonly rows: number;
}

export function tableTitle(meta: XlsxSheetMeta): string {
  if (meta.title) return meta.title;
  return `${meta.department ?? ''}${meta.year !== null ? `${meta.year}年` : ''}项目支出绩效目标表`;
}

/** a workbook writer over `out`; ExcelJS's writer closes `out` when it commits */
export function workbookWriter(out: Writable): ExcelJS.stream.xlsx.WorkbookWriter {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'jixiao';
  wb.created = new Date();
  return wb;
}

export class XlsxTableWriter {
  private readonly wb: ExcelJS.stream.xlsx.WorkbookWriter;
  private readonly layout: TableLayout;
  private readonly names = new Set<string>();
  private ws: ExcelJS.Worksheet | null = null;
  private merges: CompactMerges | null = null;
  private meta: XlsxSheetMeta | null = null;
  private row = 0;
  private part = 1;
  private sheets = 0;
  private projects = 0;
  private indicators = 0;
  private rows = 0;
  private sinceYield = 0;
  /** the sheet has the 未能归位的金额 column */
  private unplaced = false;

  constructor(private readonly out: Writable, layout: TableLayoutId) {
    this.layout = LAYOUTS[layout];
    this.wb = workbookWriter(out);
  }

  /** Starts the sheet of one table: title, department line, header rows and 合计. */
  async sheet(meta: XlsxSheetMeta): Promise<void> {
    await this.endSheet();
    this.meta = meta;
    this.unplaced = Boolean(meta.unplaced);
    this.part = 1;
    this.openSheet(meta.sheetName ?? meta.department ?? tableTitle(meta));
    if (meta.total) this.sumRow('合计', meta.total);
  }

  /** A 资金使用单位 row: its name and amounts. */
  async unit(u: XlsxUnitRow): Promise<void> {
    await this.room(1);
    this.sumRow(u.name, u.funding);
  }

  async project(p: XlsxProject): Promise<void> {
    // the reader went away (a download cancelled): stop reading the store for nobody
    if (this.out.destroyed) throw new Error('输出已关闭，导出中止');
    if (!this.ws) await this.sheet({ title: null, department: null, year: null, total: null });
    const loose = !this.unplaced && Boolean(p.funding.unplaced?.length);
    const n = this.layout.rowsOf(p) + (loose ? 1 : 0);
    await this.room(n);
    this.layout.writeProject(this.ws!, this.merges!, this.row, p);
    if (this.unplaced) this.note(this.row, n, unplacedText(p.funding), STYLE.text);
    else if (loose) this.noteRow(this.row + n - 1, unplacedText(p.funding)!);
    this.row += n;
    this.rows += n;
    this.projects++;
    this.indicators += p.indicators.length;
    this.ws!.getRow(this.row - 1).commit();
    this.sinceYield += n;
    if (this.sinceYield >= 256) {
      this.sinceYield = 0;
      await this.flow();
    }
  }

  /** Commits the workbook; `out` is ended by ExcelJS. */
  async close(): Promise<TableWriteResult> {
    if (!this.ws) await this.sheet({ title: null, department: null, year: null, total: null });
    await this.endSheet();
    await this.wb.commit();
    return { sheets: this.sheets, projects: this.projects, indicators: this.indicators, rows: this.rows };
  }

  private openSheet(wanted: string): void {
    const meta = this.meta!;
    const cols = this.columns();
    const head = 3;
    const body = head + this.layout.headerRows;
    const ws = this.wb.addWorksheet(sheetName(this.part > 1 ? `${wanted}（续${this.part - 1}）` : wanted, this.names), {
      views: frozen(body, 1),
      pageSetup: pageSetup(head, body - 1),
      headerFooter,
      properties: { defaultRowHeight: 15 },
    });
    ws.columns = cols.map((c) => ({ width: c.width }));
    const merges = compactMerges(ws);
    const title = ws.getRow(1);
    title.getCell(1).value = this.part > 1 ? `${tableTitle(meta)}（续）` : tableTitle(meta);
    title.getCell(1).style = STYLE.title;
    title.height = 30;
    merges.add(1, 1, 1, cols.length);
    const line = ws.getRow(2);
    line.getCell(1).value = meta.department ? `部门名称：${meta.department}` : null;
    line.getCell(1).style = STYLE.meta;
    merges.add(2, 1, 2, cols.length - 1);
    line.getCell(cols.length).value = '单位：万元';
    line.getCell(cols.length).style = STYLE.metaRight;
    line.height = 18;
    this.layout.writeHeader(ws, merges, head);
    if (this.unplaced) {
      const c = cols.length;
      for (let k = 0; k < this.layout.headerRows; k++) ws.getRow(head + k).getCell(c).style = STYLE.header;
      ws.getRow(head).getCell(c).value = UNPLACED_HEADER;
      if (this.layout.headerRows > 1) merges.add(head, c, head + this.layout.headerRows - 1, c);
    }
    this.ws = ws;
    this.merges = merges;
    this.row = body;
    this.rows += body - 1;
    this.sheets++;
  }

  private columns(): readonly { readonly width: number }[] {
    return this.unplaced ? [...this.layout.columns, { width: UNPLACED_WIDTH }] : this.layout.columns;
  }

  /** the 未能归位的金额 cell of a row (merged down over a project's rows) */
  private note(row: number, n: number, text: string | null, style: Partial<ExcelJS.Style>): void {
    const c = this.layout.columns.length + 1;
    for (let k = 0; k < n; k++) this.ws!.getRow(row + k).getCell(c).style = style;
    const r = this.ws!.getRow(row);
    r.getCell(c).value = text;
    if (text) r.height = Math.max(r.height ?? 0, rowHeight(linesIn(text, UNPLACED_WIDTH)));
    if (n > 1) this.merges!.add(row, c, row + n - 1, c);
  }

  /**
   * A sheet opened without the column (its writer did not say it has such amounts): a note row under the
   * row, across the sheet, so the amounts are still seen — `注：` makes the reader pass over it as a note.
   */
  private noteRow(row: number, text: string): void {
    const r = this.ws!.getRow(row);
    r.getCell(1).value = `注：上行${UNPLACED_HEADER} ${text}`;
    r.getCell(1).style = STYLE.note;
    const width = this.layout.columns.reduce((a, c) => a + c.width, 0);
    r.height = rowHeight(linesIn(String(r.getCell(1).value), width));
    this.merges!.add(row, 1, row, this.layout.columns.length);
  }

  private sumRow(name: string, f: XlsxFunding | null): void {
    const r = this.ws!.getRow(this.row);
    const cols = this.columns();
    const values = [name, f?.total ?? null, f?.fiscal ?? null, f?.specialAccount ?? null, f?.other ?? null];
    cols.forEach((_c, k) => {
      const cell = r.getCell(k + 1);
      cell.value = values[k] ?? null;
      cell.style = k >= 1 && k <= 4 ? STYLE.sumAmount : STYLE.sumText;
    });
    r.height = rowHeight(1);
    if (this.unplaced) this.note(this.row, 1, unplacedText(f), STYLE.sumText);
    r.commit();
    this.row++;
    this.rows++;
    if (!this.unplaced && f?.unplaced?.length) {
      this.noteRow(this.row, unplacedText(f)!);
      this.ws!.getRow(this.row).commit();
      this.row++;
      this.rows++;
    }
  }

  /** Continues on a new sheet when `n` more rows would pass Excel's limit. */
  private async room(n: number): Promise<void> {
    if (this.row + n - 1 <= MAX_SHEET_ROWS) return;
    const name = this.meta?.sheetName ?? this.meta?.department ?? tableTitle(this.meta!);
    await this.endSheet();
    this.part++;
    this.openSheet(name);
  }

  private async endSheet(): Promise<void> {
    if (!this.ws) return;
    this.ws.commit();
    this.ws = null;
    this.merges = null;
    await this.flow();
  }

  /**
   * Lets the zip catch up, so memory stays bounded. ExcelJS's sheet stream writes into the zip's deflate
   * stream without looking at its return value: left alone, rows are made faster than they are compressed
   * and pile up in the deflater (a million indicators reached 400 MB). So the writer waits while the
   * deflater, or the consumer of the workbook, is behind.
   */
  private async flow(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    const sheet = (this.ws as unknown as { _stream?: { pipes?: Writable[] } } | null)?._stream;
    for (const s of [...(sheet?.pipes ?? []), this.out]) await drained(s);
  }
}

/** Resolves when `s` has room again (or is gone); archiver's streams are readable-stream 2, without writableNeedDrain. */
function drained(s: Writable): Promise<void> {
  const needDrain = s.writableNeedDrain ?? (s as unknown as { _writableState?: { needDrain?: boolean } })._writableState?.needDrain;
  if (!needDrain || s.destroyed) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = (): void => { s.off('drain', done); s.off('close', done); s.off('error', done); resolve(); };
    s.on('drain', done).on('close', done).on('error', done);
  });
}
