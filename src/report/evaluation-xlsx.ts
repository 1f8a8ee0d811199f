// The 绩效自评表 and 运行监控表 as XLSX in the layout of the printed forms (exceljs): a sheet per project,
// merged cells where the paper form merges them, ruled, wrapped, A4 print setup (portrait for the
// self-evaluation, landscape for monitoring, fitted to the page width, header rows repeated), and a
// summary sheet first. Explanations go in a column of their own so a clerk sees why each number is what it is.
import ExcelJS from 'exceljs';
import type { Evaluation, Monitoring, ProjectEvaluation, ProjectMonitor } from '../score/index.js';
import { LIGHT_LABEL, type LightColour } from '../score/index.js';
import { categorySpans, categoryText, type Category } from './form-parts.js';

type Value = string | number | null;
interface CellStyle { readonly bold?: boolean; readonly align?: 'left' | 'center' | 'right'; readonly fill?: string; readonly size?: number; readonly format?: string; readonly colour?: string }

const FONT = '宋体';
const HEAD_FILL = 'FFF2F2F2';
const LIGHT_FILL: Readonly<Record<LightColour, string>> = { red: 'FFF9C7C3', yellow: 'FFFFF1B8', green: 'FFCFF5DF', blue: 'FFD1E9FF' };
const MONEY = '#,##0.00';
const PCT = '0.00%';

/** a sheet written cell by cell on a grid, merging where a cell spans */
class Grid {
  row = 1;
  constructor(readonly ws: ExcelJS.Worksheet, readonly cols: number) {}
  put(r: number, c: number, value: Value, s: CellStyle = {}, rows = 1, cols = 1): void {
    if (rows > 1 || cols > 1) this.ws.mergeCells(r, c, r + rows - 1, c + cols - 1);
    const cell = this.ws.getCell(r, c);
    cell.value = value;
    const border = { style: 'thin' as const, color: { argb: 'FF000000' } };
    for (let i = r; i < r + rows; i++) for (let j = c; j < c + cols; j++) this.ws.getCell(i, j).border = { top: border, left: border, bottom: border, right: border };
    cell.font = { name: FONT, size: s.size ?? 10, bold: s.bold ?? false, ...(s.colour ? { color: { argb: s.colour } } : {}) };
    cell.alignment = { wrapText: true, vertical: 'middle', horizontal: s.align ?? (typeof value === 'number' ? 'right' : 'left') };
    if (s.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: s.fill } };
    if (s.format) cell.numFmt = s.format;
  }
  /** a row of cells left to right: [value, span, style] */
  line(cells: readonly (readonly [Value, number?, CellStyle?])[], height?: number): void {
    let c = 1;
    for (const [v, span = 1, s] of cells) { this.put(this.row, c, v, s, 1, span); c += span; }
    if (height) this.ws.getRow(this.row).height = height;
    this.row++;
  }
  title(text: string, sub: string): void {
    this.ws.mergeCells(this.row, 1, this.row, this.cols);
    const t = this.ws.getCell(this.row, 1);
    t.value = text;
    t.font = { name: '黑体', size: 16, bold: true };
    t.alignment = { horizontal: 'center', vertical: 'middle' };
    this.ws.getRow(this.row).height = 28;
    this.row++;
    this.ws.mergeCells(this.row, 1, this.row, this.cols);
    const s = this.ws.getCell(this.row, 1);
    s.value = sub;
    s.font = { name: FONT, size: 10 };
    s.alignment = { horizontal: 'center' };
    this.row++;
  }
  /** indicator rows: the 一级/二级指标 columns (2, 3) merged over runs of the same category, the rest by `fill` */
  indicators<T extends { readonly level1: Category; readonly level2: Category }>(rows: readonly T[], fill: (row: T) => number): void {
    const spans = categorySpans(rows);
    rows.forEach((i, k) => {
      if (spans.level1[k]) this.put(this.row, 2, categoryText(i.level1), C, spans.level1[k], 1);
      if (spans.level2[k]) this.put(this.row, 3, categoryText(i.level2), C, spans.level2[k], 1);
      this.ws.getRow(this.row).height = fill(i);
      this.row++;
    });
  }
  note(text: string, colour?: string): void {
    this.ws.mergeCells(this.row, 1, this.row, this.cols);
    const c = this.ws.getCell(this.row, 1);
    c.value = text;
    c.font = { name: FONT, size: 9, ...(colour ? { color: { argb: colour } } : {}) };
    c.alignment = { wrapText: true, vertical: 'top' };
    // a merged cell does not grow with its text: an estimate of the lines it needs
    const perLine = Math.max(20, this.cols * 9);
    this.ws.getRow(this.row).height = Math.max(15, Math.ceil(text.length / perLine) * 13);
    this.row++;
  }
}

const H: CellStyle = { bold: true, align: 'center', fill: HEAD_FILL };
const L: CellStyle = { bold: true, align: 'center', fill: 'FFF7F7F7' };
const C: CellStyle = { align: 'center' };
const M: CellStyle = { format: MONEY };
const P: CellStyle = { format: PCT };

function sheetName(used: Set<string>, prefix: string, name: string): string {
  const base = `${prefix}${name}`.replace(/[[\]:*?/\\]/g, '').slice(0, 28) || prefix;
  let n = base;
  for (let i = 2; used.has(n); i++) n = `${base.slice(0, 26)}-${i}`;
  used.add(n);
  return n;
}

function sheet(wb: ExcelJS.Workbook, name: string, widths: readonly number[], landscape: boolean): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    pageSetup: {
      paperSize: 9, orientation: landscape ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  ws.columns = widths.map((width) => ({ width }));
  return ws;
}

function evaluationSheet(wb: ExcelJS.Workbook, used: Set<string>, p: ProjectEvaluation, e: Evaluation): void {
  const ws = sheet(wb, sheetName(used, '自评-', p.project), [9, 12, 12, 22, 13, 13, 8, 8, 26, 40], false);
  const g = new Grid(ws, 10);
  g.title('项目支出绩效自评表', `（${e.year}年度）　金额单位：${e.moneyUnit}`);
  g.line([['项目名称', 1, L], [p.project, 9]], 22);
  g.line([['主管部门', 1, L], [p.department ?? e.department ?? '', 3], ['实施单位', 2, L], [p.unit ?? '', 4]], 22);
  const b = p.budget;
  g.put(g.row, 1, '项目资金', L, 2, 1);
  let c = 2;
  const put = (v: Value, span: number, s?: CellStyle) => { g.put(g.row, c, v, s, 1, span); c += span; };
  put('', 2, H);
  for (const h of ['年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分', '评分说明']) put(h, 1, H);
  g.row++;
  c = 2;
  put('年度资金总额', 2, C); put(b.initial, 1, M); put(b.annual, 1, M); put(b.executed, 1, M); put(b.points, 1); put(b.rate, 1, P); put(b.score, 1); put(b.explanation, 1, { size: 8 });
  ws.getRow(g.row).height = 42;
  g.row++;
  const goals = p.goals.length ? p.goals : [{ expected: '', actual: '' }];
  g.put(g.row, 1, '年度总体目标', L, goals.length + 1, 1);
  c = 2; put('预期目标', 4, H); put('实际完成情况', 5, H); g.row++;
  for (const goal of goals) { c = 2; put(goal.expected, 4); put(goal.actual, 5); ws.getRow(g.row).height = 45; g.row++; }
  const ind = p.indicators;
  g.put(g.row, 1, '绩效指标', L, ind.length + 2, 1);
  c = 2;
  for (const h of ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施', '评分说明']) put(h, 1, H);
  ws.getRow(g.row).height = 30;
  g.row++;
  g.indicators(ind, (i) => {
    c = 4;
    put(i.name, 1); put(i.target, 1, C); put(i.actual, 1, C); put(i.weight, 1); put(i.result.score, 1); put(i.deviation, 1, { size: 9 });
    put(`${i.result.explanation}${i.result.error && i.result.error !== i.result.explanation ? ` ${i.result.error}` : ''}`, 1, { size: 8, ...(i.result.score === null ? { colour: 'FFB42318' } : {}) });
    return Math.max(30, Math.ceil(i.result.explanation.length / 26) * 11);
  });
  c = 2; put('总分', 5, { bold: true, align: 'center' }); put(100, 1, { bold: true }); put(p.total, 1, { bold: true }); put(`自评等级：${p.grade ?? '待定'}`, 2, { bold: true, align: 'center' });
  g.row++;
  g.row++;
  for (const x of p.errors) g.note(`无法计分：${x}`, 'FFB42318');
  for (const w of p.warnings) g.note(w.message, w.level === 'red' ? 'FFB42318' : w.level === 'yellow' ? 'FF93370D' : undefined);
  g.note(`分值设定：${p.categories.map((x) => `${x.name} ${x.points} 分（${x.weighting}）`).join('；')}；预算执行率 ${p.budget.points} 分。`);
  ws.pageSetup.printTitlesRow = '1:2';
}

function monitorSheet(wb: ExcelJS.Workbook, used: Set<string>, p: ProjectMonitor, m: Monitoring): void {
  const ws = sheet(wb, sheetName(used, '监控-', p.project), [9, 11, 11, 20, 12, 12, 9, 12, 18, 18, 8, 40], true);
  const g = new Grid(ws, 12);
  g.title('项目支出绩效运行监控表', `（${m.year}年1–${m.month}月）　金额单位：${m.moneyUnit}`);
  g.line([['项目名称', 1, L], [p.project, 7], ['项目监控结果', 2, L], [light(p.light), 1, lightStyle(p.light)], [p.lightExplanation, 1, { size: 8 }]], 30);
  g.line([['主管部门', 1, L], [p.department ?? m.department ?? '', 3], ['实施单位', 2, L], [p.unit ?? '', 6]], 22);
  g.put(g.row, 1, '项目资金', L, p.funding.length + 2, 1);
  let c = 2;
  const put = (v: Value, span: number, s?: CellStyle) => { g.put(g.row, c, v, s, 1, span); c += span; };
  put('资金来源', 2, H); put('年初预算', 1, H); put('调整后预算', 1, H); put('累计支出', 1, H); put('执行率', 1, H); put(`预算执行（序时进度 ${m.month}/12）`, 5, H); g.row++;
  for (const f of p.funding) { c = 2; put(f.source, 2); put(f.initial, 1, M); put(f.adjusted, 1, M); put(f.spent, 1, M); put(f.rate, 1, P); put('', 5); g.row++; }
  c = 2; put('合计', 2, { bold: true, align: 'center' }); put(p.money.initial, 1, M); put(p.money.adjusted, 1, M); put(p.money.spent, 1, M); put(p.money.rate, 1, P);
  put(light(p.budgetLight.colour), 1, lightStyle(p.budgetLight.colour)); put(p.budgetLight.explanation, 4, { size: 8 });
  ws.getRow(g.row).height = 36; g.row++;
  const ind = p.indicators;
  g.put(g.row, 1, '绩效指标', L, ind.length + 1, 1);
  c = 2;
  for (const h of ['一级指标', '二级指标', '三级指标', '年度指标值', '当前完成值', '完成可能性', '全年预计完成值', '偏差原因', '纠偏措施', '监控结果', '说明']) put(h, 1, H);
  ws.getRow(g.row).height = 30; g.row++;
  g.indicators(ind, (i) => {
    c = 4;
    put(i.name, 1); put(i.target, 1, C); put(i.current, 1, C); put(i.likelihood, 1, C); put(i.forecast, 1, C);
    put([i.reasons.join('、'), i.reasonText].filter(Boolean).join('：'), 1, { size: 9 }); put(i.measures, 1, { size: 9 });
    put(light(i.light.colour), 1, lightStyle(i.light.colour)); put(i.light.explanation, 1, { size: 8 });
    return Math.max(30, Math.ceil(i.light.explanation.length / 26) * 11);
  });
  ws.pageSetup.printTitlesRow = '1:2';
}

const light = (c: LightColour | null): string => (c === null ? '无法判断' : LIGHT_LABEL[c]);
const lightStyle = (c: LightColour | null): CellStyle => ({ bold: true, align: 'center', ...(c ? { fill: LIGHT_FILL[c] } : {}) });

function workbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jixiao 绩效';
  wb.created = new Date(0);
  return wb;
}

export async function evaluationXlsx(e: Evaluation): Promise<Uint8Array> {
  const wb = workbook();
  const used = new Set<string>();
  if (e.projects.length > 1) {
    const ws = sheet(wb, sheetName(used, '汇总', ''), [6, 36, 13, 13, 10, 8, 7, 30], false);
    const g = new Grid(ws, 8);
    const s = e.summary;
    g.title('项目支出绩效自评汇总表', `（${e.year}年度${e.department ? `　${e.department}` : ''}）　金额单位：${e.moneyUnit}`);
    g.line([['项目数', 1, H], ['优', 1, H], ['良', 1, H], ['中', 1, H], ['差', 1, H], ['平均分', 1, H], ['执行率', 2, H]]);
    g.line([[s.projects], [s.byGrade['优']], [s.byGrade['良']], [s.byGrade['中']], [s.byGrade['差']], [s.averageScore], [s.money.rate, 2, P]]);
    g.row++;
    g.line([['序号', 1, H], ['项目名称', 1, H], ['全年预算数', 1, H], ['全年执行数', 1, H], ['执行率', 1, H], ['总分', 1, H], ['等级', 1, H], ['预警', 1, H]], 22);
    e.projects.forEach((p, i) => g.line([[i + 1, 1, C], [p.project], [p.budget.annual, 1, M], [p.budget.executed, 1, M], [p.budget.rate, 1, P], [p.total], [p.grade ?? '待定', 1, C],
      [p.warnings.filter((w) => w.level !== 'info').map((w) => (w.level === 'red' ? '红色预警' : '黄色预警')).join('、')]]));
    g.line([['合计', 2, { bold: true, align: 'center' }], [s.money.annual, 1, M], [s.money.executed, 1, M], [s.money.rate, 1, P], ['', 3]]);
  }
  for (const p of e.projects) evaluationSheet(wb, used, p, e);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

export async function monitoringXlsx(m: Monitoring): Promise<Uint8Array> {
  const wb = workbook();
  const used = new Set<string>();
  if (m.projects.length > 1) {
    const ws = sheet(wb, sheetName(used, '汇总', ''), [6, 40, 13, 13, 10, 11, 13], true);
    const g = new Grid(ws, 7);
    const s = m.summary;
    g.title('项目支出绩效运行监控汇总表', `（${m.year}年1–${m.month}月${m.department ? `　${m.department}` : ''}）　金额单位：${m.moneyUnit}`);
    g.line([['项目数', 1, H], ['红灯', 1, H], ['黄灯', 1, H], ['蓝灯', 1, H], ['绿灯', 1, H], ['无法判断', 1, H], ['执行率', 1, H]]);
    g.line([[s.projects], [s.byLight.red], [s.byLight.yellow], [s.byLight.blue], [s.byLight.green], [s.byLight.none], [s.money.rate, 1, P]]);
    g.row++;
    g.line([['序号', 1, H], ['项目名称', 1, H], ['调整后预算', 1, H], ['累计支出', 1, H], ['执行率', 1, H], ['预算执行', 1, H], ['项目监控结果', 1, H]], 22);
    m.projects.forEach((p, i) => g.line([[i + 1, 1, C], [p.project], [p.money.adjusted, 1, M], [p.money.spent, 1, M], [p.money.rate, 1, P], [light(p.budgetLight.colour), 1, lightStyle(p.budgetLight.colour)], [light(p.light), 1, lightStyle(p.light)]]));
  }
  for (const p of m.projects) monitorSheet(wb, used, p, m);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
