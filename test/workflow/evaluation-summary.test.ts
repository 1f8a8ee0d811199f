// Configured 运行监控 periods and a department's printable 自评 summary, through the API on SQLite and
// PostgreSQL, with a server whose scoring configuration monitors 1—6月, 1—8月 and 1—12月 (monthly from
// 2026 on for its region): a period not configured is a 400 naming the ones that are, 序时进度 comes
// from the period's end month, labels are 1—N月; the summary (HTML, XLSX, all forms) of a department
// holds what the caller may see — a unit itself, the department its units, finance all — escaped, in
// the workbook conventions; and `jixiao summary` writes the same from the database.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, test } from 'vitest';
import * as p from '../../src/server/plan-schemas.js';
import { dashboardResponse, evaluationSummaryResponse, monitoringDetailResponse, periodsResponse } from '../../src/server/report-schemas.js';
import { error, json, serverSuite } from '../server/helpers.js';
import { loginAs, orgPath, type AuthHeaders } from '../server/auth-helpers.js';
import { GOOD } from './fixtures.js';

const root = join(import.meta.dirname, '..', '..');
const HOSTILE = '<script>alert(1)</script>培训&补贴';
const config = {
  monitoring: { periods: ['1-6月', '1—8月', 12] },
  overrides: [{ region: '某市', years: [2026, null], monitoring: { periods: 'monthly' } }],
};

serverSuite('configured monitoring periods and the department self-evaluation summary', (app, store) => {
  let unitA: AuthHeaders; let unitA2: AuthHeaders; let unitB: AuthHeaders; let deptA: AuthHeaders; let finance: AuthHeaders;
  const plan = { a: 0, a2: 0 };
  let deptId = 0;
  const call = (h: AuthHeaders, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    (app() as FastifyInstance).inject({ method, url, headers: { ...h }, ...(payload === undefined ? {} : { payload: payload as object }) });

  const approvedPlan = async (unit: AuthHeaders, name: string) => {
    const c = json(await call(unit, 'POST', '/api/plans', { year: 2024, from: { kind: 'blank' } }), p.planCreatedResponse, 201);
    const v = json(await call(unit, 'POST', `/api/plans/${c.id}/save`, { baseVersionId: c.versionId, content: { ...GOOD, name } }), p.planSaveResponse);
    for (const [h, a] of [[unit, 'submit'], [deptA, 'approve'], [finance, 'approve']] as const) {
      json(await call(h, 'POST', `/api/plans/${c.id}/${a}`, { versionId: v.versionId }), p.planStateResponse);
    }
    return c.id;
  };
  const evaluated = async (unit: AuthHeaders, planId: number, executed: number) => {
    const r = await call(unit, 'POST', '/api/evaluations', { planId, year: 2024 });
    expect(r.statusCode, r.body).toBe(201);
    const { id } = r.json() as { id: number };
    const input = {
      budget: { initial: 120.5, annual: 120.5, executed }, goalActual: '完成培训',
      indicators: ['1150人次', '93%', '2024年10月', '82%', '96%'].map((actual) => ({ actual, weight: null, score: null, deviation: '' })),
    };
    expect((await call(unit, 'POST', `/api/evaluations/${id}/save`, { revision: 1, input })).statusCode).toBe(200);
    return id;
  };

  beforeAll(async () => {
    deptId = await orgPath(store(), '人社局');
    await orgPath(store(), '人社局/技师学院');
    await orgPath(store(), '人社局/培训中心');
    await orgPath(store(), '教育局/第一中学');
    unitA = await loginAs(app(), { role: 'unit', org: '人社局/技师学院' });
    unitA2 = await loginAs(app(), { role: 'unit', org: '人社局/培训中心' });
    unitB = await loginAs(app(), { role: 'unit', org: '教育局/第一中学' });
    deptA = await loginAs(app(), { role: 'department', org: '人社局' });
    finance = await loginAs(app(), { role: 'finance' });
    plan.a = await approvedPlan(unitA, GOOD.name);
    plan.a2 = await approvedPlan(unitA2, HOSTILE);
  }, 120_000);

  test('a report is made for a configured period only; 序时进度 and the labels come from its end month', async () => {
    const periods = json(await call(unitA, 'GET', '/api/monitoring/periods?year=2024'), periodsResponse);
    expect(periods.periods).toEqual([{ month: 6, label: '1—6月' }, { month: 8, label: '1—8月' }, { month: 12, label: '1—12月' }]);
    // the region's override: monthly from 2026
    const later = json(await call(unitA, 'GET', '/api/monitoring/periods?year=2026'), periodsResponse);
    expect(later.periods.map((x) => x.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(later.periods[0]!.label).toBe('1月');
    const refused = error(await call(unitA, 'POST', '/api/monitoring', { planId: plan.a, year: 2024, month: 3 }), 400, 'period-not-configured');
    expect(refused.message).toBe('监控期间“2024年1—3月”不在2024年配置的监控期间内：应为 1—6月、1—8月、1—12月 之一。');
    const c = await call(unitA, 'POST', '/api/monitoring', { planId: plan.a, year: 2024, month: 8 });
    expect(c.statusCode, c.body).toBe(201);
    const { id } = c.json() as { id: number };
    const d = json(await call(unitA, 'GET', `/api/monitoring/${id}`), monitoringDetailResponse);
    expect(d.periodLabel).toBe('2024年1—8月');
    expect(d.result.budgetLight.explanation).toContain('序时进度 = 8/12');
    const dash = json(await call(deptA, 'GET', '/api/monitoring/dashboard?year=2024'), dashboardResponse);
    expect(dash.periodLabel).toBe('1—8月');
    expect(dash.periods).toEqual([{ month: 8, label: '1—8月', reports: 1, submitted: 0 }]);
    expect(dash.execution.map((e) => [e.label, e.schedule])).toEqual([['1—8月', 8 / 12]]);
  });

  test('the department summary holds what the caller may see, escaped, as HTML, XLSX and all the forms', async () => {
    await evaluated(unitA, plan.a, 110);
    await evaluated(unitA2, plan.a2, 60);
    // the summary list names the department by id, for the documents' routes
    const list = json(await call(finance, 'GET', '/api/evaluations/summary?year=2024'), evaluationSummaryResponse);
    expect(list.departments.map((d) => [d.id, d.name, d.projects, d.due])).toEqual([[deptId, '人社局', 2, 2]]);
    // every indicator of both reports scored: nothing left out of the grades and the average
    expect(list.departments[0]!.indicators).toEqual({ total: 10, scored: 10, unscored: [] });

    const url = (kind: string) => `/api/evaluations/summary/${deptId}/${kind}?year=2024`;
    const html = await call(deptA, 'GET', url('html'));
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    expect(html.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(html.body).not.toContain('<script>');
    expect(html.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;培训&amp;补贴');
    expect(html.body).toContain('主管部门：人社局');
    for (const unit of ['技师学院', '培训中心']) expect(html.body).toContain(unit);
    // the unit's own summary holds itself only; another department's unit gets the 404 of a missing department
    const own = await call(unitA, 'GET', url('html'));
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('技师学院');
    expect(own.body).not.toContain('培训中心');
    expect(own.body).not.toContain('alert(1)');
    const hidden = error(await call(unitB, 'GET', url('html')), 404, 'department-not-found');
    expect(hidden.message).toBe(`没有编号为 ${deptId} 的部门，或您无权查看`);
    expect(error(await call(finance, 'GET', `/api/evaluations/summary/${await orgPath(store(), '人社局/技师学院')}/html?year=2024`), 404, 'department-not-found')).toBeTruthy();

    const x = await call(finance, 'GET', url('xlsx'));
    expect(x.statusCode).toBe(200);
    expect(decodeURIComponent(String(x.headers['content-disposition']))).toContain('人社局-2024年度-绩效自评汇总表.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按单位汇总', '项目明细']);
    const a = wb.getWorksheet('按单位汇总')!;
    expect(a.getCell('A1').value).toBe('人社局2024年度项目支出绩效自评汇总表');
    expect(a.getCell('Q2').value).toBe('单位：万元');
    expect(a.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    expect(a.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, printTitlesRow: '3:4' });
    // 合计, then each unit: projects, scored, unscored indicators, 优良中差, average, lights (none: no monitoring report of 技师学院's plan for 培训中心), money
    const rowOf = (r: number) => Array.from({ length: 18 }, (_, k) => a.getCell(r, k + 1).value);
    const total = rowOf(5);
    expect(total.slice(0, 4)).toEqual(['合计', 2, 2, 0]);
    expect((total.slice(4, 8) as number[]).reduce((s, n) => s + n, 0)).toBe(2);
    expect(total.slice(14, 17)).toEqual([241, 241, 170]);
    expect(total[17]).toBe(0.7054); // 170 ÷ 241 to 4 decimals (src/score/precision.ts)
    // the units in Chinese (pinyin) order: 技师学院 (ji) before 培训中心 (pei)
    expect([rowOf(6)[0], rowOf(7)[0]]).toEqual(['技师学院', '培训中心']);
    // 技师学院's plan has its 1—8月 report (a light); 培训中心's none
    expect((rowOf(6).slice(9, 13) as number[]).reduce((s, n) => s + n, 0)).toBe(1);
    expect(rowOf(7)[13]).toBe(1);
    const b = wb.getWorksheet('项目明细')!;
    expect([b.getCell('C4').value, b.getCell('C5').value]).toEqual([GOOD.name, HOSTILE]);
    expect([b.getCell('I3').value, b.getCell('I4').value, b.getCell('I5').value]).toEqual(['未评分指标', 0, 0]);
    expect(String(b.getCell('J4').value)).toMatch(/^(红|黄|绿|蓝)灯（1—8月）$/);
    expect(b.getCell('J5').value).toBe('未监控');

    // every form of the department in one document: a summary page, then one page per project
    const forms = await call(deptA, 'GET', url('forms'));
    expect(forms.statusCode).toBe(200);
    expect(forms.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(forms.body.match(/<section class="page/g)).toHaveLength(3);
    expect(forms.body.match(/<h1>项目支出绩效自评表<\/h1>/g)).toHaveLength(2);
    expect(forms.body).not.toContain('<script>');
  });

  test('jixiao summary writes the same documents from the database (SQLite file)', async (ctx) => {
    if (store().dialect !== 'sqlite') ctx.skip();
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-summary-'));
    const run = (...args: string[]) => spawnSync(join(root, 'bin', 'jixiao'), ['summary', '--department', '人社局', '--year', '2024', '--db', store().location, ...args], { encoding: 'utf8', cwd: root });
    const h = run('-o', join(dir, 's.html'));
    expect(h.status, h.stderr).toBe(0);
    expect(h.stderr).toContain('人社局 2024 年度：2 份绩效自评');
    expect(readFileSync(join(dir, 's.html'), 'utf8')).toContain('项目支出绩效自评汇总表');
    const x = run('--format', 'xlsx', '-o', join(dir, 's.xlsx'));
    expect(x.status, x.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 's.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['按单位汇总', '项目明细']);
    const f = run('--format', 'forms');
    expect(f.status, f.stderr).toBe(0);
    expect(f.stdout.match(/<h1>项目支出绩效自评表<\/h1>/g)).toHaveLength(2);
    const missing = spawnSync(join(root, 'bin', 'jixiao'), ['summary', '--department', '人社', '--year', '2024', '--db', store().location], { encoding: 'utf8', cwd: root });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('没有名为“人社”的部门（相近的：人社局）');
  }, 300_000);

  test('自评 covers every approved plan: a department lists its plans due beside those evaluated, one with none evaluated is listed too', async () => {
    await approvedPlan(unitA, '技师学院第二个项目');
    const deptB = await loginAs(app(), { role: 'department', org: '教育局' });
    const c = json(await call(unitB, 'POST', '/api/plans', { year: 2024, from: { kind: 'blank' } }), p.planCreatedResponse, 201);
    const v = json(await call(unitB, 'POST', `/api/plans/${c.id}/save`, { baseVersionId: c.versionId, content: { ...GOOD, name: '第一中学项目' } }), p.planSaveResponse);
    for (const [h, a] of [[unitB, 'submit'], [deptB, 'approve'], [finance, 'approve']] as const) json(await call(h, 'POST', `/api/plans/${c.id}/${a}`, { versionId: v.versionId }), p.planStateResponse);
    // a plan not approved is not due
    json(await call(unitA, 'POST', '/api/plans', { year: 2024, from: { kind: 'blank' } }), p.planCreatedResponse, 201);
    const all = json(await call(finance, 'GET', '/api/evaluations/summary?year=2024'), evaluationSummaryResponse);
    expect(all.departments.map((d) => [d.name, d.projects, d.due, d.scored, d.averageScore]).sort()).toEqual([['人社局', 2, 3, 2, expect.any(Number)], ['教育局', 0, 1, 0, null]].sort());
    // each caller its own scope
    expect(json(await call(unitB, 'GET', '/api/evaluations/summary?year=2024'), evaluationSummaryResponse).departments.map((d) => [d.name, d.projects, d.due])).toEqual([['教育局', 0, 1]]);
    expect(json(await call(deptA, 'GET', '/api/evaluations/summary?year=2024'), evaluationSummaryResponse).departments.map((d) => [d.name, d.projects, d.due])).toEqual([['人社局', 2, 3]]);
    expect(json(await call(finance, 'GET', '/api/evaluations/summary?year=2023'), evaluationSummaryResponse).departments).toEqual([]);
    // the printed summary and its workbook name the plan without a 自评
    const html = await call(deptA, 'GET', `/api/evaluations/summary/${deptId}/html?year=2024`);
    expect(html.body).toContain('应评项目 3 个，已自评 2 个（<b class="err">未自评 1 个</b>）');
    expect(html.body).toMatch(/三、未开展自评的项目（1 个）[\s\S]*<td>技师学院<\/td><td>技师学院第二个项目<\/td>/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await call(deptA, 'GET', `/api/evaluations/summary/${deptId}/xlsx?year=2024`)).rawPayload as never);
    const sheet = wb.getWorksheet('未自评项目')!;
    expect(String(sheet.getCell(1, 1).value)).toContain('应评 3 个，未自评 1 个');
    expect([sheet.getCell(4, 1).value, sheet.getCell(4, 2).value, sheet.getCell(4, 3).value]).toEqual([1, '技师学院', '技师学院第二个项目']);
    expect(sheet.getCell(5, 3).value).toBeNull();
  });
}, { server: { reports: { config, region: '某市' } } });
