// The published 7-column layout: one row per project, the indicators in one cell, as the samples and the
// published PDFs print it. Header (one row): 项目名称（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标.
import { indicatorText, NAME_AND_AMOUNTS, type LayoutColumn, type TableLayout } from './layout.js';
import { linesIn, rowHeight, STYLE } from './styles.js';
import type { XlsxProject } from './types.js';

const COLUMNS: readonly LayoutColumn[] = [...NAME_AND_AMOUNTS, { header: '绩效目标', width: 40 }, { header: '绩效指标', width: 70 }];
const [NAME_W, , , , , GOAL_W, INDICATORS_W] = COLUMNS.map((c) => c.width) as [number, number, number, number, number, number, number];

/** The indicator cell: one indicator a line, then any prose the table printed in the cell. */
export function indicatorCell(p: XlsxProject): string {
  const parts = p.indicators.map((i, k) => indicatorText(i, k + 1));
  if (p.indicatorsText) parts.push(p.indicatorsText);
  return parts.join('\n');
}

export const table7: TableLayout = {
  id: 'table',
  columns: COLUMNS,
  headerRows: 1,
  writeHeader(ws, _merges, row) {
    const r = ws.getRow(row);
    COLUMNS.forEach((c, k) => { const cell = r.getCell(k + 1); cell.value = c.header; cell.style = STYLE.header; });
    r.height = 30;
  },
  rowsOf: () => 1,
  writeProject(ws, _merges, row, p) {
    const r = ws.getRow(row);
    const f = p.funding;
    const cells = [p.name, f.total, f.fiscal, f.specialAccount, f.other, p.goal, indicatorCell(p)];
    cells.forEach((v, k) => {
      const cell = r.getCell(k + 1);
      cell.value = v;
      cell.style = k >= 1 && k <= 4 ? STYLE.amount : k === 6 ? STYLE.textTop : STYLE.text;
    });
    r.height = rowHeight(Math.max(linesIn(p.name, NAME_W), linesIn(p.goal, GOAL_W), linesIn(cells[6] as string, INDICATORS_W)));
  },
};
