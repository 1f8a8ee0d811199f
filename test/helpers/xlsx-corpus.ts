// Writes an expected table as an .xlsx workbook with exceljs, in either layout and in the variants
// people produce by hand: title rows, blank rows, a one- or two-row header, merged cells or none,
// amounts as text or in 元, the header repeated, the table split over sheets, extra sheets. The table
// itself comes from the expectation (test/helpers/pdf-corpus/table.ts), never from a reader's output.
import ExcelJS from 'exceljs';
import { DEFAULT_SYSTEM, systemForYear } from '../../src/model/taxonomy.js';
import { type Amounts, type ExpectedTable, formatAmount, headerLines } from './pdf-corpus/table.js';

export type XlsxLayout = 'project-rows' | 'indicator-rows';

export interface XlsxVariant {
  readonly layout: XlsxLayout;
  /** 资金来源 over the three source columns (and 绩效指标 over the indicator fields) */
  readonly twoRowHeader?: boolean;
  /** project cells merged down over their indicator rows, title merged across (default true) */
  readonly merges?: boolean;
  /** amounts written as text (`1,234.56`) instead of numbers */
  readonly numbersAsText?: boolean;
  /** amounts in 元, the header saying 单位：元 */
  readonly yuan?: boolean;
  /** blank rows between the title block and the header, and between units */
  readonly blankRows?: boolean;
  /** a notes sheet before the table sheet */
  readonly extraSheet?: boolean;
  /** the column header printed again every n body rows */
  readonly repeatHeaderEvery?: number;
  /** level cells as names only (产出指标, 数量指标), no codes */
  readonly levelNamesOnly?: boolean;
  /** the project name repeated on every indicator row instead of merged */
  readonly repeatNames?: boolean;
  readonly sheetName?: string;
}

const year = (t: ExpectedTable): number | null => {
  const m = /((?:19|20)\d{2})\s*年/.exec(t.title ?? '');
  return m ? Number(m[1]) : null;
};

export async function writeTableXlsx(t: ExpectedTable, v: XlsxVariant): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jixiao tests';
  if (v.extraSheet) {
    const notes = wb.addWorksheet('填报说明');
    notes.addRow(['填报说明']);
    notes.addRow(['1. 本表金额以万元为单位。']);
  }
  const ws = wb.addWorksheet(v.sheetName ?? 'Sheet1');
  const merges = v.merges ?? true;
  const system = systemForYear(year(t) ?? 0) ?? DEFAULT_SYSTEM;
  const perIndicator = v.layout === 'indicator-rows';
  const width = perIndicator ? 11 : 7;
  const [title, department] = headerLines(t);
  const unit = v.yuan ? '单位：元' : `单位：${t.currencyUnit ?? '万元'}`;
  const amount = (x: number | null): string | number | null => {
    if (x === null) return null;
    const value = v.yuan ? Math.round(x * 10000) : x;
    return v.numbersAsText ? (v.yuan ? String(value) : formatAmount(x)) : value;
  };
  const amounts = (a: Amounts | null) => (a ? [amount(a.total), amount(a.fiscal), amount(a.specialAccount), amount(a.other)] : [null, null, null, null]);
  const put = (cells: readonly (string | number | null)[]) => ws.addRow(cells.map((c) => (c === null || c === '' ? null : c))).number;

  const titleRow = put([title!]);
  if (merges) ws.mergeCells(titleRow, 1, titleRow, width);
  if (v.blankRows) put([]);
  put([department!, ...Array<null>(width - 2).fill(null), unit]);
  if (v.blankRows) put([]);
  const header = (): void => {
    const first = perIndicator
      ? ['项目名称（资金使用单位）', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '一级指标', '二级指标', '三级指标', '实施周期指标值', '年度指标值']
      : ['项目名称（资金使用单位）', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '绩效指标'];
    if (!v.twoRowHeader) { put(first); return; }
    const top = first.map((h, i) => (i >= 2 && i <= 4 ? '资金来源' : perIndicator && i >= 6 ? '绩效指标' : h));
    const bottom = first.map((h, i) => ((i >= 2 && i <= 4) || (perIndicator && i >= 6) ? h : merges ? null : null));
    const r0 = put(top);
    const r1 = put(bottom);
    if (merges) {
      ws.mergeCells(r0, 3, r0, 5);
      if (perIndicator) ws.mergeCells(r0, 7, r0, 11);
      for (const c of [1, 2, 6, ...(perIndicator ? [] : [7])]) ws.mergeCells(r0, c, r1, c);
    } else {
      // unmerged: the grouping word written once over its first column only
      for (const c of [4, 5, ...(perIndicator ? [8, 9, 10, 11] : [])]) ws.getCell(r0, c).value = null;
    }
  };
  header();
  let body = 0;
  const bodyRow = (cells: readonly (string | number | null)[]): number => {
    if (v.repeatHeaderEvery && body > 0 && body % v.repeatHeaderEvery === 0) header();
    body++;
    return put(cells);
  };
  const levelText = (code: string | null, table: Readonly<Record<string, string>>): string => {
    if (code === null) return '';
    const name = table[code] ?? '';
    return v.levelNamesOnly && name ? name : `${code}-${name}`;
  };
  if (t.total) bodyRow(['合计', ...amounts(t.total), ...Array<null>(width - 5).fill(null)]);
  for (const u of t.units) {
    if (v.blankRows) put([]);
    bodyRow([u.name, ...amounts(u.funding), ...Array<null>(width - 5).fill(null)]);
    for (const p of u.projects) {
      const head = [p.name, ...amounts(p.funding), p.goal];
      if (!perIndicator) {
        const r = bodyRow([...head, p.indicatorLines.join('\n')]);
        ws.getCell(r, 7).alignment = { wrapText: true };
        continue;
      }
      const lines: (string | null)[][] = [];
      if (p.indicatorsText !== undefined) lines.push([null, null, p.indicatorsText, null, null]);
      for (const i of p.indicators) lines.push([levelText(i.level1, system.level1), levelText(i.level2, system.level2), i.name, i.period, i.annual]);
      if (lines.length === 0) lines.push([null, null, null, null, null]);
      const first = bodyRow([...head, ...lines[0]!]);
      for (const l of lines.slice(1)) bodyRow([...(v.repeatNames ? head : [null, null, null, null, null, null]), ...l]);
      const last = first + lines.length - 1;
      if (merges && !v.repeatNames && last > first && !v.repeatHeaderEvery) for (let c = 1; c <= 6; c++) ws.mergeCells(first, c, last, c);
    }
  }
  put([]);
  put(['注：本表由单位填报。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
