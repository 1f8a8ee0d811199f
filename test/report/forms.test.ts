// The printed forms, opened and looked at: the 绩效自评表 and 运行监控表 HTML rendered in Debian's
// Chromium (screenshots kept in test/report/screenshots/, printed to PDF: A4, each project on a page of
// its own, nothing wider than its page), and the XLSX read back with exceljs (sheets, merged cells as the
// paper form merges them, values, A4 print setup).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderEvaluationHtml } from '../../src/report/evaluation-html.js';
import { departmentSummary } from '../../src/report/evaluation-summary.js';
import { renderEvaluationSummaryHtml } from '../../src/report/evaluation-summary-html.js';
import { evaluationXlsx, monitoringXlsx } from '../../src/report/evaluation-xlsx.js';
import { renderMonitoringHtml } from '../../src/report/monitoring-html.js';
import { evaluate, evaluationInput, monitor, monitorInput } from '../../src/score/index.js';

const root = join(import.meta.dirname, '..', '..');
const shots = join(import.meta.dirname, 'screenshots');
const sample = (f: string) => JSON.parse(readFileSync(join(root, 'samples', f), 'utf8')) as unknown;
const ev = evaluate(evaluationInput.parse(sample('evaluation-example.json')));
const mon = monitor(monitorInput.parse(sample('monitoring-example.json')));

let browser: Browser;
beforeAll(async () => { browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] }); }, 60_000);
afterAll(async () => { await browser?.close(); });

async function look(name: string, page: string, width: number): Promise<{ pdf: string; overflow: string[] }> {
  mkdirSync(shots, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-forms-'));
  const file = join(dir, `${name}.html`);
  writeFileSync(file, page);
  const p = await browser.newPage({ viewport: { width, height: 1100 } });
  await p.goto(`file://${file}`);
  await p.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  // a table wider than its sheet of paper would be cut off in print
  const overflow = await p.evaluate(() => [...document.querySelectorAll('.page')].flatMap((s) => {
    const page = s as HTMLElement;
    return [...page.querySelectorAll('table')].filter((t) => t.scrollWidth > page.clientWidth + 1).map((t) => `${page.querySelector('h1')?.textContent} ${t.scrollWidth}>${page.clientWidth}`);
  }));
  const pdf = join(dir, `${name}.pdf`);
  await p.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  await p.close();
  return { pdf, overflow };
}

/**
 * Label cells as printed — every header (th), the form's labels (td.label) and the 一级/二级指标 cells — that
 * break a label: a piece of text laid out on more than one line, or wider than its cell. A label may be broken
 * on purpose between its words (偏差原因分析<br>及改进措施, 31-<wbr>服务对象满意度); each piece stays whole.
 */
async function brokenLabels(p: Page): Promise<string[]> {
  await p.emulateMedia({ media: 'print' });
  return p.evaluate(() => [...document.querySelectorAll('.form th, .form td.label, .form td.cat')].flatMap((cell) => {
    const out: string[] = [];
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent!.trim();
      if (!text) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (lines.size > 1) out.push(`“${text}”折成 ${lines.size} 行`);
    }
    const c = cell as HTMLElement;
    if (c.scrollWidth > c.clientWidth + 1) out.push(`“${c.textContent}”超出单元格（${c.scrollWidth} > ${c.clientWidth}）`);
    return out;
  // numbers never wrap either (td.n): they must fit their column
  }).concat([...document.querySelectorAll('.form td.n')].filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => `数字“${c.textContent}”超出单元格`)));
}

/** A4's printable width in CSS px: the page less the @page margins of score-style.ts (11 mm a side portrait, 10 mm landscape) */
const PRINTABLE = { portrait: Math.floor(((210 - 22) * 96) / 25.4), landscape: Math.floor(((297 - 20) * 96) / 25.4) } as const;

/** the page laid out at its printable width with the print style — as Chromium lays out the PDF — measured, then printed */
async function printedLabels(name: string, page: string, paper: keyof typeof PRINTABLE): Promise<{ pdf: string; broken: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-labels-'));
  const file = join(dir, `${name}.html`);
  writeFileSync(file, page);
  const p = await browser.newPage({ viewport: { width: PRINTABLE[paper], height: 1100 } });
  await p.goto(`file://${file}`);
  const broken = await brokenLabels(p);
  const pdf = join(dir, `${name}.pdf`);
  await p.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  await p.close();
  return { pdf, broken };
}

/** the labels not found whole on one line of the printed page's text (pdftotext -layout) */
const notWhole = (text: string, labels: readonly string[]): string[] => {
  const lines = text.split('\n').map((l) => l.replace(/\s+/g, ' '));
  return labels.filter((w) => !lines.some((l) => l.includes(w)));
};

const pdfInfo = (pdf: string) => execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
const pdfPageText = (pdf: string, n: number) => execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-layout', pdf, '-'], { encoding: 'utf8' });

describe('绩效自评表 (HTML)', () => {
  it('prints on A4 portrait, the summary first, each project starting a page of its own, nothing cut off', async () => {
    const html = renderEvaluationHtml(ev);
    // a long header is broken on purpose between its words (偏差原因分析<br>及改进措施)
    for (const w of ['年初预算数', '全年预算数', '全年执行数', '执行率', '预期目标', '实际完成情况', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '偏差原因分析及改进措施', '评分说明', '红色预警']) expect(html.replace(/<br>/g, '')).toContain(w);
    const { pdf, overflow } = await look('evaluation', html, 900);
    expect(overflow).toEqual([]);
    const info = pdfInfo(pdf);
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    expect(pdfPageText(pdf, 1)).toContain('项目支出绩效自评汇总表');
    // find the page each project's form starts on: in order, each on a new page after the summary
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    const starts = ev.projects.map((p) => Array.from({ length: pages }, (_, i) => i + 1).find((n) => { const t = pdfPageText(pdf, n); return t.includes('项目支出绩效自评表') && !t.includes('汇总') && t.includes(p.project); }));
    expect(starts.every((s) => s !== undefined && s > 1)).toBe(true);
    expect(starts[1]!).toBeGreaterThan(starts[0]!);
    // the printed page holds the form's figures (headers may wrap inside their cells, so they are checked in the HTML)
    const first = pdfPageText(pdf, starts[0]!).replace(/\s+/g, '');
    for (const w of ['120.00', '111.60', '93.00%', '9.3', '89.13', '自评等级：良']) expect(first).toContain(w);
  }, 120_000);
});

describe('label cells in print', () => {
  // the 自评表's labels, headers and category names as the form prints them: each whole on one line
  const EVALUATION_LABELS = [
    '项目名称', '主管部门', '实施单位', '项目资金', '年度资金总额', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分',
    '年度总体目标', '预期目标', '实际完成情况', '绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '偏差原因分析', '及改进措施',
    '产出指标', '效益指标', '满意度指标', '数量指标', '质量指标', '时效指标', '成本指标', '社会效益', '可持续影响', '服务对象满意度', '自评等级：良',
  ];

  it('绩效自评表: no label, header or category name wraps inside itself or spills out of its cell; pdftotext finds each whole on a line', async () => {
    const { pdf, broken } = await printedLabels('evaluation-labels', renderEvaluationHtml(ev), 'portrait');
    expect(broken).toEqual([]);
    const pages = Number(/Pages:\s+(\d+)/.exec(pdfInfo(pdf))![1]);
    const first = Array.from({ length: pages }, (_, i) => pdfPageText(pdf, i + 1)).find((t) => t.includes('项目支出绩效自评表') && t.includes(ev.projects[0]!.project))!;
    expect(notWhole(first, EVALUATION_LABELS)).toEqual([]);
    // and the summary page's headers
    expect(notWhole(pdfPageText(pdf, 1), ['项目数', '平均分', '年初预算数', '全年预算数', '全年执行数', '执行率', '项目名称', '总分', '等级', '预警'])).toEqual([]);
    // the widest figures a form prints: 100.00% executed of six-figure amounts
    const full = sample('evaluation-example.json') as { projects: { budget: Record<string, number> }[] };
    for (const p of full.projects) p.budget = { initial: 123456.78, annual: 123456.78, executed: 123456.78 };
    expect((await printedLabels('evaluation-figures', renderEvaluationHtml(evaluate(evaluationInput.parse(full))), 'portrait')).broken).toEqual([]);
  }, 120_000);

  it('运行监控表 and the department 自评汇总表: no header or category name wraps inside itself', async () => {
    const m = await printedLabels('monitoring-labels', renderMonitoringHtml(mon), 'landscape');
    expect(m.broken).toEqual([]);
    const last = pdfPageText(m.pdf, Number(/Pages:\s+(\d+)/.exec(pdfInfo(m.pdf))![1]));
    expect(notWhole(last, ['资金来源', '调整后预算', '累计支出', '一级指标', '二级指标', '年度指标值', '当前完成值', '完成可能性', '全年预计', '偏差原因', '纠偏措施', '监控结果', '服务对象满意度'])).toEqual([]);
    const projects = ev.projects.map((e) => ({ unit: e.unit ?? '单位', stateLabel: '草稿', demo: false, evaluation: e, monitoring: null }));
    const s = await printedLabels('summary-labels', renderEvaluationSummaryHtml(departmentSummary({ department: '人社局', year: ev.year, demo: false, projects })), 'landscape');
    expect(s.broken).toEqual([]);
  }, 120_000);
});

describe('运行监控表 (HTML)', () => {
  it('prints on A4 landscape with every light and its explanation', async () => {
    const html = renderMonitoringHtml(mon);
    const { pdf, overflow } = await look('monitoring', html, 1250);
    expect(overflow).toEqual([]);
    expect(pdfInfo(pdf)).toMatch(/Page size:\s+841\.\d+ x 59[45]\.\d+ pts \(A4\)/);
    for (const w of ['项目支出绩效运行监控汇总表', '黄灯', '蓝灯', '序时进度', '完成可能性', '纠偏措施']) expect(html).toContain(w);
    expect(html.match(/class="light /g)!.length).toBeGreaterThanOrEqual(mon.projects.reduce((n, p) => n + p.indicators.length + 2, 0));
  }, 120_000);
});

describe('XLSX in the same layout', () => {
  it('绩效自评表: a summary sheet, a sheet per project, merged like the paper form, A4 portrait fitted to width', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await evaluationXlsx(ev)) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '自评-劳动人事争议仲裁信息化运维项目', '自评-技能人才培训补贴项目']);
    const ws = wb.getWorksheet('自评-技能人才培训补贴项目')!;
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    const cells = new Map<string, ExcelJS.Cell>();
    // the first cell holding a value: a merged range repeats its master's value in every cell it covers
    ws.eachRow((row) => row.eachCell((c) => { if ((typeof c.value === 'string' || typeof c.value === 'number') && !cells.has(String(c.value))) cells.set(String(c.value), c); }));
    for (const w of ['项目支出绩效自评表', '年初预算数', '全年预算数', '全年执行数', '预期目标', '实际完成情况', '一级指标', '偏差原因分析及改进措施', '评分说明', '自评等级：良']) expect(cells.has(w), w).toBe(true);
    // 绩效指标 spans the header, the six indicators and the total row; 1-产出指标 its three rows
    const label = cells.get('绩效指标')!;
    expect(label.isMerged).toBe(true);
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    const rows = (c: ExcelJS.Cell) => {
      const m = merges.find((r) => r.startsWith(`${c.address}:`));
      const [, a, b] = /^[A-Z]+(\d+):[A-Z]+(\d+)$/.exec(m ?? '') ?? [];
      return Number(b) - Number(a) + 1;
    };
    expect(rows(label)).toBe(8);
    expect(rows(cells.get('1-产出指标')!)).toBe(3);
    expect(cells.has(81.6)).toBe(false);
    expect([...cells.keys()]).toContain('81.6');
    expect([...cells.keys()].some((k) => k.startsWith('红色预警'))).toBe(true);
    const summary = wb.getWorksheet('汇总')!;
    expect([summary.getCell('B7').value, summary.getCell('B8').value, summary.getCell('A9').value]).toEqual(['劳动人事争议仲裁信息化运维项目', '技能人才培训补贴项目', '合计']);
  });

  it('运行监控表: lights as words on coloured cells, A4 landscape', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await monitoringXlsx(mon)) as never);
    const ws = wb.worksheets[1]!;
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1 });
    const lights: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => { if (typeof c.value === 'string' && /^(红|黄|绿|蓝)灯$/.test(c.value)) lights.push(`${c.value}:${(c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb}`); }));
    expect(lights).toContain('黄灯:FFFFF1B8');
    expect(lights).toContain('绿灯:FFCFF5DF');
    expect(lights.length).toBe(mon.projects[0]!.indicators.length + 2);
  });
});
