// What the fill-in templates share: a sheet with a title, the unit line, one header row whose columns are
// either known (filled, locked) or to be filled (unlocked, tinted, required ones starred), validation lists,
// and sheet protection without a password — it keeps the known columns from being overwritten by accident,
// not from a determined user (审阅 → 撤消工作表保护 lifts it).
import type { Writable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { frozen, headerFooter, pageSetup, rowHeight, linesIn, STYLE } from './styles.js';
import { levelText } from './layout.js';
import type { TemplateInput, XlsxFunding } from './types.js';

export type TemplateCell = 'id' | 'text' | 'amount' | 'percent' | 'input' | 'inputAmount';

export interface TemplateColumn {
  readonly header: string;
  readonly width: number;
  readonly cell: TemplateCell;
  /** a required input column: its header carries a * */
  readonly required?: boolean;
  /** the fixed values a validation list offers */
  readonly list?: readonly string[];
  /** a number the cell must hold, inclusive bounds */
  readonly decimal?: { readonly min: number; readonly max: number };
}

const LOCKED_OF: Readonly<Record<TemplateCell, TemplateCell>> = {
  id: 'id', text: 'text', amount: 'amount', percent: 'percent', input: 'text', inputAmount: 'amount',
};

export const headerOf = (c: TemplateColumn): string => (c.required ? `${c.header}*` : c.header);

const STYLE_OF: Readonly<Record<TemplateCell, Partial<ExcelJS.Style>>> = {
  id: STYLE.text, text: STYLE.text, amount: STYLE.amount, percent: STYLE.percent, input: STYLE.input, inputAmount: STYLE.inputAmount,
};

export const templateTitle = (t: TemplateInput, what: string): string => `${t.year !== null ? `${t.year}年` : ''}项目支出绩效${what}（${t.unit}）`;

/** Title (row 1), unit line (row 2), header (row 3); the body starts at row 4. */
export function openTemplateSheet(wb: ExcelJS.Workbook, name: string, title: string, t: TemplateInput, columns: readonly TemplateColumn[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, { views: frozen(4, 2), pageSetup: pageSetup(3, 3), headerFooter });
  ws.columns = columns.map((c) => ({ width: c.width }));
  ws.mergeCells(1, 1, 1, columns.length);
  const r1 = ws.getRow(1);
  r1.getCell(1).value = title;
  r1.getCell(1).style = STYLE.title;
  r1.height = 30;
  const r2 = ws.getRow(2);
  ws.mergeCells(2, 1, 2, columns.length - 1);
  r2.getCell(1).value = `单位名称：${t.unit}${t.department ? `　　部门名称：${t.department}` : ''}`;
  r2.getCell(1).style = STYLE.meta;
  r2.getCell(columns.length).value = '单位：万元';
  r2.getCell(columns.length).style = STYLE.metaRight;
  const r3 = ws.getRow(3);
  columns.forEach((c, k) => {
    const cell = r3.getCell(k + 1);
    cell.value = headerOf(c);
    cell.style = c.cell === 'input' || c.cell === 'inputAmount' ? { ...STYLE.header, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE699' } } } : STYLE.header;
  });
  r3.height = rowHeight(Math.max(...columns.map((c) => linesIn(headerOf(c), c.width))));
  return ws;
}

/** Writes one body row: values by column, styles, validation; returns the row. */
export function templateRow(ws: ExcelJS.Worksheet, row: number, columns: readonly TemplateColumn[], values: readonly ExcelJS.CellValue[]): ExcelJS.Row {
  const r = ws.getRow(row);
  let lines = 1;
  columns.forEach((c, k) => {
    const cell = r.getCell(k + 1);
    const v = values[k] ?? null;
    cell.value = v;
    // a formula in an input column (a 合计 row) is computed, so it is locked like known cells
    const formula = v !== null && typeof v === 'object' && 'formula' in v;
    // a copy: an in-memory workbook's style setters (font, fill) write through to the object assigned
    cell.style = { ...STYLE_OF[formula ? LOCKED_OF[c.cell] : c.cell] };
    if (formula) {
      // no validation on computed cells
    } else if (c.list) {
      cell.dataValidation = {
        type: 'list', allowBlank: !c.required, formulae: [`"${c.list.join(',')}"`], showErrorMessage: true,
        errorStyle: 'stop', errorTitle: '请从列表中选择', error: `“${c.header}”只能填：${c.list.join('、')}`,
        showInputMessage: true, promptTitle: c.header, prompt: `请选择：${c.list.join('、')}`,
      };
    } else if (c.decimal) {
      cell.dataValidation = {
        type: 'decimal', operator: 'between', allowBlank: !c.required, formulae: [c.decimal.min, c.decimal.max], showErrorMessage: true,
        errorStyle: 'stop', errorTitle: '数值有误', error: `“${c.header}”应为 ${c.decimal.min} 到 ${c.decimal.max} 之间的数`,
      };
    }
    if (typeof v === 'string') lines = Math.max(lines, linesIn(v, c.width));
  });
  r.height = rowHeight(lines);
  return r;
}

/** Locks the sheet (no password): known cells cannot be changed, input cells can; filtering and resizing stay allowed. */
export async function lockSheet(ws: ExcelJS.Worksheet): Promise<void> {
  await ws.protect('', {
    selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, autoFilter: true, sort: false,
    insertRows: false, deleteRows: false, insertColumns: false, deleteColumns: false,
  });
}

/** The 填报说明 sheet: what to fill and how. */
export function instructionsSheet(wb: ExcelJS.Workbook, title: string, lines: readonly string[]): void {
  const ws = wb.addWorksheet('填报说明', { pageSetup: { orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 } });
  ws.columns = [{ width: 100 }];
  ws.getRow(1).getCell(1).value = title;
  ws.getRow(1).getCell(1).style = STYLE.title;
  ws.getRow(1).height = 30;
  lines.forEach((l, k) => {
    const r = ws.getRow(k + 2);
    r.getCell(1).value = l;
    r.getCell(1).style = STYLE.note;
    r.height = rowHeight(linesIn(l, 100));
  });
}

/**
 * The indicator sheet both templates share: one row per indicator, its known columns first (项目编号, 项目名称,
 * 指标编号, 一级指标, 二级指标, 三级指标, 年度指标值), the project's two cells merged down over its rows; locked.
 */
export async function indicatorSheet(wb: ExcelJS.Workbook, name: string, title: string, t: TemplateInput, columns: readonly TemplateColumn[]): Promise<void> {
  const ws = openTemplateSheet(wb, name, title, t, columns);
  let row = 4;
  for (const p of t.projects) {
    const first = row;
    for (const i of p.indicators) {
      templateRow(ws, row++, columns, [p.id ?? null, p.name, i.id ?? null, levelText(i.level1), levelText(i.level2), i.name, i.annual]);
    }
    if (row - first > 1) { ws.mergeCells(first, 1, row - 1, 1); ws.mergeCells(first, 2, row - 1, 2); }
  }
  await lockSheet(ws);
}

/** The workbook and its writing: the first data sheet (after 填报说明) active. */
export async function writeTemplate(wb: ExcelJS.Workbook, out: Writable): Promise<void> {
  wb.views = [{ activeTab: 1, x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, visibility: 'visible' }];
  await wb.xlsx.write(out);
  out.end();
}

/** the four rows of a project's budget block: its 合计 and each funding source */
export const SOURCE_ROWS = [
  ['合计', 'total'], ['财政拨款', 'fiscal'], ['财政专户拨款', 'specialAccount'], ['其他资金', 'other'],
] as const satisfies readonly (readonly [string, keyof XlsxFunding])[];

/**
 * The budget sheet both templates share: a block of four rows per project (合计, 财政拨款, 财政专户拨款,
 * 其他资金; 项目编号 and 项目名称 merged over them), columns 项目编号 | 项目名称 | 资金来源 | the published
 * amount | two amounts to fill (E, F) | 执行率 = F / E; the 合计 row sums the sources. `extra` adds a kind's
 * own cells to each 合计 row.
 */
export async function budgetSheet(wb: ExcelJS.Workbook, name: string, title: string, t: TemplateInput, columns: readonly TemplateColumn[], extra?: (r: ExcelJS.Row) => void): Promise<ExcelJS.Worksheet> {
  const ws = openTemplateSheet(wb, name, title, t, columns);
  const [a, b] = [5, 6].map((c) => ws.getColumn(c).letter) as [string, string];
  let row = 4;
  for (const p of t.projects) {
    SOURCE_ROWS.forEach(([label, key], k) => {
      const r = row + k;
      const values: ExcelJS.CellValue[] = [p.id ?? null, p.name, label, p.funding[key]];
      if (k === 0) values.push({ formula: `SUM(${a}${r + 1}:${a}${r + 3})` }, { formula: `SUM(${b}${r + 1}:${b}${r + 3})` });
      const rr = templateRow(ws, r, columns, values);
      rr.getCell(7).value = { formula: `IF(N(${a}${r})>0,${b}${r}/${a}${r},"")` };
      if (k === 0) {
        for (let c = 3; c <= columns.length; c++) { const cell = rr.getCell(c); cell.style = { ...cell.style, font: { ...cell.style.font, bold: true } }; }
        extra?.(rr);
      }
    });
    ws.mergeCells(row, 1, row + 3, 1);
    ws.mergeCells(row, 2, row + 3, 2);
    row += SOURCE_ROWS.length;
  }
  await lockSheet(ws);
  return ws;
}
