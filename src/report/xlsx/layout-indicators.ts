// One row per indicator: the project's name, amounts and goal merged down over its indicators; 一级指标,
// 二级指标, 三级指标, 实施周期指标值 and 年度指标值 in their own columns. Two header rows:
//   row 1: 项目名称（资金使用单位） | 总计 | 资金来源 (over 3) | 绩效目标 | 绩效指标 (over 5)
//   row 2: (merged) | (merged) | 财政拨款 | 财政专户拨款 | 其他资金 | (merged) | 一级指标 | 二级指标 | 三级指标 | 实施周期指标值 | 年度指标值
import { levelText, NAME_AND_AMOUNTS, type TableLayout } from './layout.js';
import { linesIn, rowHeight, STYLE } from './styles.js';

const COLUMNS = [
  ...NAME_AND_AMOUNTS,
  { header: '绩效目标', width: 36 },
  { header: '一级指标', width: 12 },
  { header: '二级指标', width: 14 },
  { header: '三级指标', width: 26 },
  { header: '实施周期指标值', width: 18 },
  { header: '年度指标值', width: 18 },
] as const;

/** the project's own columns (name, amounts, goal), merged down over its indicator rows */
const PROJECT_COLUMNS = 6;

export const indicatorsLayout: TableLayout = {
  id: 'indicators',
  columns: COLUMNS,
  headerRows: 2,
  writeHeader(ws, merges, row) {
    const top = ws.getRow(row);
    const bottom = ws.getRow(row + 1);
    const topText = ['项目名称（资金使用单位）', '总计', '资金来源', null, null, '绩效目标', '绩效指标', null, null, null, null];
    const bottomText = [null, null, '财政拨款', '财政专户拨款', '其他资金', null, '一级指标', '二级指标', '三级指标', '实施周期指标值', '年度指标值'];
    COLUMNS.forEach((_c, k) => {
      const a = top.getCell(k + 1); a.value = topText[k] ?? null; a.style = STYLE.header;
      const b = bottom.getCell(k + 1); b.value = bottomText[k] ?? null; b.style = STYLE.header;
    });
    for (const c of [1, 2, 6]) merges.add(row, c, row + 1, c);
    merges.add(row, 3, row, 5);
    merges.add(row, 7, row, 11);
    top.height = 20;
    bottom.height = 20;
  },
  rowsOf: (p) => Math.max(1, p.indicators.length + (p.indicatorsText ? 1 : 0)),
  writeProject(ws, merges, row, p) {
    const n = this.rowsOf(p);
    const f = p.funding;
    const first = ws.getRow(row);
    [p.name, f.total, f.fiscal, f.specialAccount, f.other, p.goal].forEach((v, k) => {
      const cell = first.getCell(k + 1);
      cell.value = v;
      cell.style = k >= 1 && k <= 4 ? STYLE.amount : STYLE.text;
    });
    const lines: number[] = [];
    for (let k = 0; k < n; k++) {
      const r = ws.getRow(row + k);
      if (k > 0) for (let c = 1; c <= PROJECT_COLUMNS; c++) r.getCell(c).style = c >= 2 && c <= 5 ? STYLE.amount : STYLE.text;
      const i = p.indicators[k];
      // a prose indicator cell gets a row of its own, its text in 三级指标
      const values = i ? [levelText(i.level1), levelText(i.level2), i.name, i.period, i.annual]
        : [null, null, k === p.indicators.length ? p.indicatorsText ?? null : null, null, null];
      values.forEach((v, j) => { const cell = r.getCell(PROJECT_COLUMNS + 1 + j); cell.value = v; cell.style = STYLE.text; });
      lines.push(Math.max(...values.map((v, j) => linesIn(v, COLUMNS[PROJECT_COLUMNS + j]!.width))));
    }
    // the merged name and goal are never fitted by Excel: share their lines out over the project's rows
    const need = Math.max(linesIn(p.name, COLUMNS[0].width), linesIn(p.goal, COLUMNS[5].width));
    const have = lines.reduce((a, b) => a + b, 0);
    const extra = need > have ? Math.ceil((need - have) / n) : 0;
    lines.forEach((l, k) => { ws.getRow(row + k).height = rowHeight(l + extra); });
    if (n > 1) for (let c = 1; c <= PROJECT_COLUMNS; c++) merges.add(row, c, row + n - 1, c);
  },
};
