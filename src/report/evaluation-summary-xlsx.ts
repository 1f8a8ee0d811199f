// A department's 绩效自评 summary as XLSX in the layout of the printed one (evaluation-summary-html.ts),
// with the conventions of every workbook jixiao writes (src/report/xlsx/styles.ts): row 1 the title,
// row 2 主管部门 … 单位：万元, the header rows frozen and repeated on each printed page, A4 landscape fitted
// to the width. Sheet 按单位汇总: 合计 then each unit; sheet 项目明细: every project; sheet 未评分指标, when any
// indicator could not be scored: each with its report and the rule's reason.
import ExcelJS from 'exceljs';
import { LIGHT_LABEL, unscoredText, type LightColour } from '../score/index.js';
import { GRADES, SUMMARY_LIGHTS, type DepartmentSummary, type SummaryRow } from './evaluation-summary.js';
import { frozen, headerFooter, pageSetup, rowHeight, STYLE, textWidth } from './xlsx/styles.js';

type Value = string | number | null;
type Style = Partial<ExcelJS.Style>;

const PERCENT: Style = STYLE.percent;
const SCORE: Style = { ...STYLE.amount, numFmt: '0.00' };
const COUNT: Style = { ...STYLE.amount, numFmt: '0' };
const CENTER: Style = { ...STYLE.text, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } };
// lights on coloured cells with their word, as in the monitoring form's XLSX
const LIGHT_FILL: Readonly<Record<LightColour, string>> = { red: 'FFF9C7C3', yellow: 'FFFFF1B8', green: 'FFCFF5DF', blue: 'FFD1E9FF' };
const lit = (c: LightColour | null | undefined): Style => (c ? { ...CENTER, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: LIGHT_FILL[c] } } } : CENTER);
const bold = (s: Style): Style => ({ ...s, font: { ...s.font, bold: true } });

function sheet(wb: ExcelJS.Workbook, name: string, title: string, s: DepartmentSummary, widths: readonly number[], headerRows: number): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    views: frozen(3 + headerRows, 1),
    pageSetup: pageSetup(3, 2 + headerRows),
    headerFooter,
    properties: { defaultRowHeight: 15 },
  });
  ws.columns = widths.map((width) => ({ width }));
  const n = widths.length;
  ws.mergeCells(1, 1, 1, n);
  Object.assign(ws.getCell(1, 1), { value: title, style: STYLE.title });
  ws.getRow(1).height = 30;
  ws.mergeCells(2, 1, 2, n - 2);
  Object.assign(ws.getCell(2, 1), { value: `主管部门：${s.department}　${s.year}年度${s.demo ? '　含演示数据' : ''}`, style: STYLE.meta });
  ws.mergeCells(2, n - 1, 2, n);
  Object.assign(ws.getCell(2, n - 1), { value: '单位：万元', style: STYLE.metaRight });
  ws.getRow(2).height = 18;
  return ws;
}

function put(ws: ExcelJS.Worksheet, r: number, c: number, value: Value, style: Style, rows = 1, cols = 1): void {
  if (rows > 1 || cols > 1) ws.mergeCells(r, c, r + rows - 1, c + cols - 1);
  for (let i = r; i < r + rows; i++) for (let j = c; j < c + cols; j++) ws.getCell(i, j).style = style;
  ws.getCell(r, c).value = value;
}

function unitRow(ws: ExcelJS.Worksheet, r: number, u: SummaryRow, total: boolean): void {
  const t = (x: Style) => (total ? bold(x) : x);
  const values: [Value, Style][] = [
    [u.name, total ? STYLE.sumText : STYLE.text], [u.projects, t(COUNT)], [u.scored, t(COUNT)], [u.indicators.total - u.indicators.scored, t(COUNT)],
    ...GRADES.map((g) => [u.byGrade[g], t(COUNT)] as [Value, Style]), [u.averageScore, t(SCORE)],
    ...SUMMARY_LIGHTS.map((l) => [u.byLight[l], t(COUNT)] as [Value, Style]),
    [u.money.initial, total ? STYLE.sumAmount : STYLE.amount], [u.money.annual, total ? STYLE.sumAmount : STYLE.amount],
    [u.money.executed, total ? STYLE.sumAmount : STYLE.amount], [u.money.rate, t(PERCENT)],
  ];
  values.forEach(([v, s], k) => put(ws, r, k + 1, v, s));
  ws.getRow(r).height = rowHeight(Math.ceil(textWidth(u.name) / 20));
}

export async function evaluationSummaryXlsx(s: DepartmentSummary): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jixiao';
  wb.created = new Date();

  // 按单位汇总: two header rows (自评等级, 运行监控亮灯 and the money grouped)
  const a = sheet(wb, '按单位汇总', `${s.department}${s.year}年度项目支出绩效自评汇总表`, s, [22, 7, 7, 7, 5, 5, 5, 5, 8, 5, 5, 5, 5, 6, 13, 13, 13, 9], 2);
  const single: [number, string][] = [[1, '单位'], [2, '项目数'], [3, '已评分'], [4, '未评分指标'], [9, '平均分'], [15, '年初预算数'], [16, '全年预算数'], [17, '全年执行数'], [18, '执行率']];
  for (const [c, v] of single) put(a, 3, c, v, STYLE.header, 2, 1);
  put(a, 3, 5, '自评等级', STYLE.header, 1, 4);
  GRADES.forEach((g, k) => put(a, 4, 5 + k, g, STYLE.header));
  put(a, 3, 10, '运行监控亮灯（最近一期）', STYLE.header, 1, 5);
  SUMMARY_LIGHTS.forEach((l, k) => put(a, 4, 10 + k, l === 'none' ? '未亮' : LIGHT_LABEL[l], STYLE.header));
  a.getRow(3).height = 20;
  a.getRow(4).height = 20;
  unitRow(a, 5, s.total, true);
  s.units.forEach((u, k) => unitRow(a, 6 + k, u, false));
  const noteRow = 7 + s.units.length;
  a.mergeCells(noteRow, 1, noteRow, 18);
  const missing = unscoredText(s.total.indicators);
  const open = s.total.projects - s.total.scored;
  Object.assign(a.getCell(noteRow, 1), {
    value: `说明：${open ? `注意：指标 ${s.total.indicators.total} 项中 ${missing || '0 项未能评分'}，${open} 个项目未得出总分，不计入等级统计和平均分，逐项原因见工作表“未评分指标”。` : ''}自评等级按评分配置的分数线（默认 优 ≥ 90 分，良 ≥ 80 分，中 ≥ 60 分，其下为差）；平均分为已得出总分的项目的平均；项目的每项指标都得分后才有总分和等级；运行监控亮灯取各项目当年最近一期运行监控报告的项目亮灯，“未亮”为没有监控报告或无法判断；执行率 = 全年执行数 ÷ 全年预算数。`,
    style: STYLE.note,
  });
  a.getRow(noteRow).height = rowHeight(open ? 3 : 2);

  // 项目明细: one header row
  const b = sheet(wb, '项目明细', `${s.department}${s.year}年度项目支出绩效自评项目明细`, s, [6, 20, 36, 13, 13, 9, 8, 6, 10, 16, 12, 10], 1);
  ['序号', '单位', '项目名称', '全年预算数', '全年执行数', '执行率', '总分', '等级', '未评分指标', '运行监控', '预警', '状态'].forEach((h, k) => put(b, 3, k + 1, h, STYLE.header));
  b.getRow(3).height = 20;
  // 演示数据 beside real reports is marked on its row; a wholly generated summary says so once, in row 2
  const mixed = s.demo && s.projects.some((p) => !p.demo);
  s.projects.forEach((p, i) => {
    const r = 4 + i;
    const e = p.evaluation;
    const warnings = e.warnings.filter((w) => w.level !== 'info').map((w) => (w.level === 'red' ? '红色预警' : '黄色预警')).join('、');
    const light = p.monitoring ? `${p.monitoring.light ? LIGHT_LABEL[p.monitoring.light] : '无法判断'}（${p.monitoring.periodLabel.replace(/^\d+年/, '')}）` : '未监控';
    const cells: [Value, Style][] = [
      [i + 1, CENTER], [p.unit, STYLE.text], [`${e.project}${p.demo && mixed ? '（演示）' : ''}`, STYLE.text], [e.budget.annual, STYLE.amount], [e.budget.executed, STYLE.amount],
      [e.budget.rate, PERCENT], [e.total ?? '待定', e.total === null ? CENTER : SCORE], [e.grade ?? '待定', CENTER], [e.indicators.filter((x) => x.result.score === null).length, COUNT],
      [light, lit(p.monitoring?.light)], [warnings, CENTER], [p.stateLabel, CENTER],
    ];
    cells.forEach(([v, st], k) => put(b, r, k + 1, v, st));
    b.getRow(r).height = rowHeight(Math.max(Math.ceil(textWidth(e.project) / 34), Math.ceil(textWidth(p.unit) / 18)));
  });
  if (s.projects.length === 0) {
    put(b, 4, 1, '本年度尚无绩效自评', CENTER, 1, 12);
  }

  // 未评分指标: every report without a total, each indicator without a score and the rule's reason
  if (s.unscored.length) {
    const c = sheet(wb, '未评分指标', `${s.department}${s.year}年度绩效自评未能评分的指标`, s, [6, 20, 30, 22, 14, 14, 60], 1);
    ['序号', '单位', '项目名称', '三级指标', '年度指标值', '实际完成值', '未能评分的原因'].forEach((h, k) => put(c, 3, k + 1, h, STYLE.header));
    c.getRow(3).height = 20;
    let r = 4;
    for (const u of s.unscored) {
      const rows: [string, string, string, string][] = [...u.indicators.map((i) => [i.name, i.target, i.actual || '（未填）', i.message] as [string, string, string, string]), ...u.errors.map((e) => ['（分值设定）', '', '', e] as [string, string, string, string])];
      for (const [name, target, actual, why] of rows) {
        const cells: [Value, Style][] = [[r - 3, CENTER], [u.unit, STYLE.text], [u.project, STYLE.text], [name, STYLE.text], [target, CENTER], [actual, CENTER], [why, STYLE.text]];
        cells.forEach(([v, st], k) => put(c, r, k + 1, v, st));
        c.getRow(r).height = rowHeight(Math.max(Math.ceil(textWidth(why) / 58), Math.ceil(textWidth(u.project) / 28), Math.ceil(textWidth(name) / 20)));
        r++;
      }
    }
  }
  // 未自评项目: the approved plans of the year with no 自评
  if (s.notEvaluated.length) {
    const d = sheet(wb, '未自评项目', `${s.department}${s.year}年度未开展绩效自评的项目（应评 ${s.total.projects + s.notEvaluated.length} 个，未自评 ${s.notEvaluated.length} 个）`, s, [6, 24, 50], 1);
    ['序号', '单位', '项目名称'].forEach((h, k) => put(d, 3, k + 1, h, STYLE.header));
    d.getRow(3).height = 20;
    s.notEvaluated.forEach((p, i) => {
      const cells: [Value, Style][] = [[i + 1, CENTER], [p.unit, STYLE.text], [p.project, STYLE.text]];
      cells.forEach(([v, st], k) => put(d, 4 + i, k + 1, v, st));
      d.getRow(4 + i).height = rowHeight(Math.max(Math.ceil(textWidth(p.project) / 48), Math.ceil(textWidth(p.unit) / 22)));
    });
  }
  return new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer);
}
