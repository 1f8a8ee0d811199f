// What reading a filled template back (read-monitor.ts, read-evaluate.ts) shares: opening the workbook
// and finding its sheets, each column by its header (`实际完成值*`) rather than its position, cells as
// text and amounts, the budget sheet's blocks of four rows per project, and projects keyed by 项目编号
// (or 项目名称). Never throws: what cannot be read is an error naming its cell (`指标!H7`).
import ExcelJS from 'exceljs';
import { headerOf, type TemplateColumn } from './template-sheet.js';

export interface CellError { readonly cell: string; readonly message: string }

/** the header row and the first body row of every template sheet (template-sheet.ts) */
export const HEADER_ROW = 3;
export const BODY_ROW = 4;

/** a cell's value as text: rich text joined, a formula's result, dates as ISO dates */
export function cellText(v: ExcelJS.CellValue): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('').trim() || null;
  if (typeof v === 'object' && 'result' in v) return cellText(v.result as ExcelJS.CellValue);
  if (typeof v === 'object' && 'text' in v) return String(v.text).trim() || null;
  return null;
}

/** The workbook's named sheets, or one error on the file saying what it is not. */
export async function openTemplate(bytes: Uint8Array, sheets: readonly string[], what: string): Promise<{ sheets: ExcelJS.Worksheet[] } | { error: CellError }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as never);
  } catch {
    return { error: { cell: '文件', message: `不是可读取的 xlsx 文件，请上传由本系统下载并填写的${what}` } };
  }
  const found = sheets.map((n) => wb.getWorksheet(n));
  if (found.some((ws) => !ws)) return { error: { cell: '文件', message: `缺少${sheets.map((n) => `“${n}”`).join('或')}工作表：请使用本系统下载的${what}模板` } };
  return { sheets: found as ExcelJS.Worksheet[] };
}

/** One template sheet read by its columns' headers; cells are addressed `指标!H7`. */
export class FilledSheet {
  private readonly at = new Map<string, number>();

  constructor(readonly ws: ExcelJS.Worksheet, columns: readonly TemplateColumn[], private readonly errors: CellError[]) {
    const header = ws.getRow(HEADER_ROW);
    const found = new Map<string, number>();
    header.eachCell((cell, c) => { const t = cellText(cell.value); if (t) found.set(t.replace(/\*$/, ''), c); });
    // a header moved or renamed: fall back on the template's own position, and say so once
    columns.forEach((col, k) => {
      const c = found.get(col.header);
      if (c === undefined) errors.push({ cell: `${ws.name}!${ws.getColumn(k + 1).letter}${HEADER_ROW}`, message: `应为栏目“${headerOf(col)}”：请勿增删或改动模板的列` });
      this.at.set(col.header, c ?? k + 1);
    });
  }

  get name(): string { return this.ws.name; }
  get lastRow(): number { return this.ws.rowCount; }

  address(row: number, header: string): string {
    return `${this.ws.name}!${this.ws.getColumn(this.col(header)).letter}${row}`;
  }

  text(row: number, header: string): string | null {
    return cellText(this.ws.getRow(row).getCell(this.col(header)).value);
  }

  /** a number in [min, max] (万元 or points), or null for an empty cell; anything else is an error */
  number(row: number, header: string, what: string, min = 0, max = 1e12): number | null {
    const t = this.text(row, header);
    if (t === null) return null;
    const x = Number(t.normalize('NFKC').replace(/[,\s]/g, ''));
    if (!Number.isFinite(x) || x < min || x > max) {
      this.errors.push({ cell: this.address(row, header), message: `${header}“${t}”不是${what}` });
      return null;
    }
    return x;
  }

  /** one of `list` (a validation list), or null; anything else is an error */
  choice<T extends string>(row: number, header: string, list: readonly T[]): T | null {
    const t = this.text(row, header);
    if (t === null) return null;
    if ((list as readonly string[]).includes(t)) return t as T;
    this.errors.push({ cell: this.address(row, header), message: `${header}“${t}”应为 ${list.join('、')} 之一` });
    return null;
  }

  private col(header: string): number {
    const c = this.at.get(header);
    if (c === undefined) throw new Error(`template column ${header} is not declared`);
    return c;
  }
}

export interface ProjectKey { readonly id: number | null; readonly name: string }

/** Projects as the filled rows name them: by 项目编号 when it is a number, else by 项目名称; in first-seen order. */
export class FilledProjects<P extends ProjectKey> {
  private readonly byKey = new Map<string, P>();
  constructor(private readonly make: (key: ProjectKey) => P) {}

  get(idText: string | null, name: string | null): P {
    const n = idText === null ? null : Number(idText);
    const id = n !== null && Number.isFinite(n) ? n : null;
    const key = id !== null ? `#${id}` : `name:${name ?? ''}`;
    let p = this.byKey.get(key);
    if (!p) { p = this.make({ id, name: name ?? '' }); this.byKey.set(key, p); }
    return p;
  }

  all(): P[] { return [...this.byKey.values()]; }
}

export interface FilledBudgetRow {
  readonly source: string;
  readonly row: number;
  readonly initial: number | null;
  /** the two amounts the template asks for: 调整后预算/累计支出, or 全年预算数/全年执行数 */
  readonly first: number | null;
  readonly second: number | null;
}

/**
 * The budget sheet's blocks: a 合计 row opens a project (its 项目编号 and 项目名称), the source rows under it
 * are its funding. `headers`: the published amount's column and the two to fill. The 合计 row's own amounts are
 * formulas (or, re-saved by a spreadsheet, their results): `total` gets them, for a project whose source
 * rows are empty.
 */
export function readBudgetBlocks<P extends ProjectKey>(sheet: FilledSheet, projects: FilledProjects<P>, headers: readonly [initial: string, first: string, second: string], errors: CellError[],
  put: (p: P, row: FilledBudgetRow, total: boolean) => void): void {
  let current: P | null = null;
  const [initial, a, b] = headers;
  const amount = (r: number, h: string) => sheet.number(r, h, '金额（万元，不能为负）');
  for (let r = BODY_ROW; r <= sheet.lastRow; r++) {
    const source = sheet.text(r, '资金来源');
    if (source === null) continue;
    if (source === '合计') {
      current = projects.get(sheet.text(r, '项目编号'), sheet.text(r, '项目名称'));
      put(current, { source, row: r, initial: null, first: amount(r, a), second: amount(r, b) }, true);
      continue;
    }
    if (!current) { errors.push({ cell: sheet.address(r, '资金来源'), message: '资金来源行之前没有项目的合计行' }); continue; }
    put(current, { source, row: r, initial: amount(r, initial), first: amount(r, a), second: amount(r, b) }, false);
  }
}
