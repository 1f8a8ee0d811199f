// What a table layout decides: its columns, its header rows and how a project becomes rows. The title,
// department line, 合计 and unit rows are the same in both layouts (table-writer.ts).
import type ExcelJS from 'exceljs';
import type { CompactMerges } from './styles.js';
import type { XlsxCategory, XlsxIndicator, XlsxProject, TableLayoutId } from './types.js';

export interface LayoutColumn {
  readonly header: string;
  /** Excel character units */
  readonly width: number;
  readonly amount?: boolean;
}

export interface TableLayout {
  readonly id: TableLayoutId;
  readonly columns: readonly LayoutColumn[];
  /** how many header rows (1 or 2) */
  readonly headerRows: number;
  /** writes the header rows from `row` on, with their merges */
  writeHeader(ws: ExcelJS.Worksheet, merges: CompactMerges, row: number): void;
  /** how many rows a project takes */
  rowsOf(p: XlsxProject): number;
  /** writes a project from `row` on (rows not yet committed) */
  writeProject(ws: ExcelJS.Worksheet, merges: CompactMerges, row: number, p: XlsxProject): void;
}

/** The first five columns of both layouts. */
export const NAME_AND_AMOUNTS: readonly LayoutColumn[] = [
  { header: '项目名称（资金使用单位）', width: 30 },
  { header: '总计', width: 13, amount: true },
  { header: '财政拨款', width: 13, amount: true },
  { header: '财政专户拨款', width: 13, amount: true },
  { header: '其他资金', width: 13, amount: true },
];

/** `1-产出指标`: a level as the published tables print it, code and name joined by a dash. */
export function levelText(c: XlsxCategory): string {
  if (c.code && c.name) return `${c.code}-${c.name}`;
  if (c.code) return `${c.code}-`;
  return c.name ?? '';
}

/** One indicator as the published indicator cell writes it: `1、1-产出指标；11-数量指标；名称；实施周期指标值:…；年度指标值:…。` */
export function indicatorText(i: XlsxIndicator, n: number): string {
  return `${i.seq ?? n}、${levelText(i.level1)}；${levelText(i.level2)}；${i.name}；实施周期指标值:${i.period}；年度指标值:${i.annual}。`;
}
