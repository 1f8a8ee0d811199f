// The printed forms, opened and looked at: the 绩效自评表 and 运行监控表 HTML rendered in Debian's
// Chromium (screenshots kept in test/report/screenshots/, printed to PDF: A4, each project on a page of
// its own, nothing wider than its page), and the XLSX read back with exceljs (sheets, merged cells as the
// paper form merges them, values, A4 print setup).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderEvaluationHtml } from '../../src/report/evaluation-html.js';
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

const pdfInfo = (pdf: string) => execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
const pdfPageText = (pdf: string, n: number) => execFileSync('pdftotext', ['-f', String(n), '-l', String(n), '-layout', pdf, '-'], { encoding: 'utf8' });

describe('绩效自评表 (HTML)', () => {
  it('prints on A4 portrait, the summary first, each project starting a page of its own, nothing cut off', async () => {
    const html = renderEvaluationHtml(ev);
    for (const w of ['年初预算数', '全年预算数', '全年执行数', '执行率', '预期目标', '实际完成情况', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '偏差原因分析及改进措施', '评分说明', '红色预警']) expect(html).toContain(w);
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
