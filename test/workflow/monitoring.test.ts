// 运行监控 reports and 绩效自评 stored per approved plan, through the API on SQLite and PostgreSQL: a unit
// enters and submits its own (incomplete submissions refused per field, stale saves 409), the department
// returns with a reason and approves, finance confirms; lights and scores are src/score's with their
// explanations; other units cannot see them; the dashboard and the department summary read them; the
// HTML and XLSX of one are real; every step is in the audit log.
import ExcelJS from 'exceljs';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, test } from 'vitest';
import { z } from 'zod';
import { auditActionLabel } from '../../src/auth/audit-labels.js';
import { listAudit } from '../../src/auth/index.js';
import * as p from '../../src/server/plan-schemas.js';
import { dashboardResponse, evaluationDetailResponse, evaluationSummaryResponse, monitoringDetailResponse, reportListResponse } from '../../src/server/report-schemas.js';
import { monitorTemplate } from '../../src/report/xlsx/index.js';
import { error, form, json, serverSuite } from '../server/helpers.js';
import { loginAs, orgPath, type AuthHeaders } from '../server/auth-helpers.js';
import { GOOD } from './fixtures.js';
import { liveEvaluation, liveMonitoring } from '../../web/src/lib/reportLive.js';

const saved = z.object({ revision: z.number(), result: z.unknown(), issues: z.array(z.object({ field: z.string(), message: z.string() })) });

serverSuite('monitoring reports and self-evaluations API', (app, store) => {
  let unitA: AuthHeaders; let unitA2: AuthHeaders; let unitB: AuthHeaders; let deptA: AuthHeaders; let finance: AuthHeaders;
  let planId = 0;
  const call = (h: AuthHeaders, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    (app() as FastifyInstance).inject({ method, url, headers: { ...h }, ...(payload === undefined ? {} : { payload: payload as object }) });

  beforeAll(async () => {
    await orgPath(store(), '人社局/技师学院');
    await orgPath(store(), '教育局/第一中学');
    unitA = await loginAs(app(), { role: 'unit', org: '人社局/技师学院' });
    unitA2 = await loginAs(app(), { role: 'unit', org: '人社局/技师学院' });
    unitB = await loginAs(app(), { role: 'unit', org: '教育局/第一中学' });
    deptA = await loginAs(app(), { role: 'department', org: '人社局' });
    finance = await loginAs(app(), { role: 'finance' });
    // an approved plan (批复) of 技师学院
    const c = json(await call(unitA, 'POST', '/api/plans', { year: 2024, from: { kind: 'blank' } }), p.planCreatedResponse, 201);
    planId = c.id;
    const v = json(await call(unitA, 'POST', `/api/plans/${planId}/save`, { baseVersionId: c.versionId, content: GOOD }), p.planSaveResponse);
    for (const [h, a] of [[unitA, 'submit'], [deptA, 'approve'], [finance, 'approve']] as const) {
      json(await call(h, 'POST', `/api/plans/${planId}/${a}`, { versionId: v.versionId }), p.planStateResponse);
    }
  }, 120_000);

  test('a report needs an approved plan, belongs to the unit, and is one per plan and period', async () => {
    const draft = json(await call(unitA, 'POST', '/api/plans', { year: 2024, from: { kind: 'blank' } }), p.planCreatedResponse, 201);
    expect(error(await call(unitA, 'POST', '/api/monitoring', { planId: draft.id, year: 2024, month: 6 }), 409, 'plan-not-approved').message).toMatch(/尚未批复/);
    expect(error(await call(unitB, 'POST', '/api/monitoring', { planId, year: 2024, month: 6 }), 404, 'plan-not-found').message).toBeTruthy();
    expect((await call(deptA, 'POST', '/api/monitoring', { planId, year: 2024, month: 6 })).statusCode).toBe(403);
    const r = await call(unitA, 'POST', '/api/monitoring', { planId, year: 2024, month: 3 });
    expect(r.statusCode).toBe(201);
    expect(error(await call(unitA, 'POST', '/api/monitoring', { planId, year: 2024, month: 3 }), 409, 'report-exists').message).toMatch(/已存在/);
  });

  test('monitoring: unit enters, incomplete submit refused per field, stale save 409, department returns and approves, finance confirms', async () => {
    const { id } = JSON.parse((await call(unitA, 'POST', '/api/monitoring', { planId, year: 2024, month: 6 })).body) as { id: number };
    const d = json(await call(unitA, 'GET', `/api/monitoring/${id}`), monitoringDetailResponse);
    expect(d).toMatchObject({ state: 'draft', revision: 1, unit: '技师学院', department: '人社局', periodLabel: '2024年1—6月', demo: false });
    expect(d.input.funding.map((f) => f.source)).toEqual(['财政拨款', '其他资金']);
    expect(d.issues.some((i) => i.field === 'indicators.0.current')).toBe(true);
    const input = {
      funding: [{ source: '财政拨款', initial: 100, adjusted: 100, spent: 10 }, { source: '其他资金', initial: 20.5, adjusted: 20.5, spent: 2 }],
      indicators: [
        { current: '100人次', likelihood: '有可能', forecast: '1000人次', reasons: [], reasonText: '', measures: '' },
        { current: '92%', likelihood: '确定能', forecast: '92%', reasons: [], reasonText: '', measures: '' },
        { current: '未完成', likelihood: '确定能', forecast: '2024年11月', reasons: [], reasonText: '', measures: '' },
        { current: '85%', likelihood: '确定能', forecast: '85%', reasons: [], reasonText: '', measures: '' },
        { current: '95%', likelihood: '确定能', forecast: '95%', reasons: [], reasonText: '', measures: '' },
      ],
    };
    const s = json(await call(unitA, 'POST', `/api/monitoring/${id}/save`, { revision: 1, input }), saved);
    expect(s.revision).toBe(2);
    expect(s.issues.map((i) => i.field).sort()).toEqual(['indicators.0.measures', 'indicators.0.reasons']);
    expect(s.issues[0]!.message).toMatch(/第 1 项指标“培训人次”：完成可能性为“有可能”时须填写/);
    // the lights are src/score's, stored with their explanations: 12 万 of 120.5 万 spent at mid-year is far behind 序时进度
    const after = json(await call(unitA, 'GET', `/api/monitoring/${id}`), monitoringDetailResponse);
    expect(after.result.budgetLight.colour).toBe('red');
    expect(after.result.budgetLight.explanation).toMatch(/序时进度/);
    expect(after.result.light).toBe('red');
    expect(after.result.lightExplanation).toMatch(/最差/);
    // the report carries the plan version it is measured against, and the web form's live computation
    // over it gives exactly what the server stored, issues included
    expect(after.content.indicators.map((i) => i.name)).toEqual(GOOD.indicators.map((i) => i.name));
    const shown = liveMonitoring(after, after.input);
    expect(shown.result).toEqual(after.result);
    expect(shown.issues).toEqual(after.issues);
    // submitting with the reasons missing: 422 naming each field
    const refused = error(await call(unitA, 'POST', `/api/monitoring/${id}/submit`, { revision: 2 }), 422, 'report-incomplete');
    expect(refused.message).toMatch(/偏差原因.*纠偏措施/);
    // a second person's save on the old revision: 409, the first save intact
    const stale = error(await call(unitA2, 'POST', `/api/monitoring/${id}/save`, { revision: 1, input }), 409, 'report-conflict');
    expect(stale.message).toMatch(/没有丢失/);
    const fixed = { ...input, indicators: input.indicators.map((x, i) => (i === 0 ? { ...x, reasons: ['经费', '其他'], reasonText: '培训场地改造推迟', measures: '下半年增开周末班' } : x)) };
    expect(json(await call(unitA, 'POST', `/api/monitoring/${id}/save`, { revision: 2, input: fixed }), saved).revision).toBe(3);
    expect((await call(unitA, 'POST', `/api/monitoring/${id}/submit`, { revision: 3 })).statusCode).toBe(200);
    // the unit cannot review its own; a submitted report cannot be edited
    // refused by the permission table already (units take no decision on a report)
    expect(error(await call(unitA, 'POST', `/api/monitoring/${id}/approve`, { revision: 3 }), 403, 'forbidden').message).toBeTruthy();
    expect(error(await call(unitA, 'POST', `/api/monitoring/${id}/save`, { revision: 3, input: fixed }), 409, 'invalid-state').message).toMatch(/退回后才能修改/);
    expect(error(await call(deptA, 'POST', `/api/monitoring/${id}/return`, { revision: 3 }), 422, 'comment-required').message).toMatch(/退回理由/);
    expect((await call(deptA, 'POST', `/api/monitoring/${id}/return`, { revision: 3, comment: '培训人次进度说明不足' })).statusCode).toBe(200);
    expect((await call(unitA, 'POST', `/api/monitoring/${id}/submit`, { revision: 3 })).statusCode).toBe(200);
    expect(error(await call(finance, 'POST', `/api/monitoring/${id}/approve`, { revision: 3 }), 403, 'action-forbidden').message).toBeTruthy();
    expect((await call(deptA, 'POST', `/api/monitoring/${id}/approve`, { revision: 3 })).statusCode).toBe(200);
    expect((await call(finance, 'POST', `/api/monitoring/${id}/approve`, { revision: 3 })).statusCode).toBe(200);
    const done = json(await call(deptA, 'GET', `/api/monitoring/${id}`), monitoringDetailResponse);
    expect(done.state).toBe('confirmed');
    expect(done.events.map((e) => e.action)).toEqual(['create', 'submit', 'return', 'submit', 'approve', 'approve']);
    expect(done.events[2]!.comment).toBe('培训人次进度说明不足');
    // another unit does not see it; the list and the dashboard of the department do
    expect((await call(unitB, 'GET', `/api/monitoring/${id}`)).statusCode).toBe(404);
    expect(json(await call(unitB, 'GET', '/api/monitoring?year=2024'), reportListResponse)).toEqual([]);
    expect(json(await call(deptA, 'GET', '/api/monitoring?year=2024&month=6'), reportListResponse).map((r) => [r.id, r.light])).toEqual([[id, 'red']]);
    const dash = json(await call(deptA, 'GET', '/api/monitoring/dashboard?year=2024'), dashboardResponse);
    expect(dash.month).toBe(6);
    expect(dash.byDepartment).toEqual([{ name: '人社局', lights: { red: 1, yellow: 0, blue: 0, green: 0, none: 0 } }]);
    expect(dash.alerts[0]!.reasons.map((r) => r.what)).toContain('预算执行');
    expect(dash.execution.find((e) => e.month === 6)).toMatchObject({ adjusted: 120.5, spent: 12, schedule: 0.5 });
    const log = await listAudit(store().db, { action: 'monitoring.approve' } as never);
    expect(log.items.length).toBeGreaterThanOrEqual(2);
    // the printable form and the XLSX of the stored report
    const html = await call(deptA, 'GET', `/api/monitoring/${id}/html`);
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('职业技能培训补贴项目');
    const x = await call(deptA, 'GET', `/api/monitoring/${id}/xlsx`);
    expect(x.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as never);
    expect(wb.worksheets.length).toBeGreaterThan(0);
  });

  test('self-evaluation: scored on save with explanations, submitted when complete, in the department summary and the printable form', async () => {
    const r = await call(unitA, 'POST', '/api/evaluations', { planId, year: 2024 });
    expect(r.statusCode).toBe(201);
    const { id } = JSON.parse(r.body) as { id: number };
    const input = {
      budget: { initial: 120.5, annual: 120.5, executed: 110 }, goalActual: '完成培训1150人次',
      indicators: [
        { actual: '1150人次', weight: null, score: null, deviation: '' },
        { actual: '93%', weight: null, score: null, deviation: '' },
        { actual: '2024年10月', weight: null, score: null, deviation: '' },
        { actual: '82%', weight: null, score: null, deviation: '' },
        { actual: '96%', weight: null, score: null, deviation: '' },
      ],
    };
    const saved = await call(unitA, 'POST', `/api/evaluations/${id}/save`, { revision: 1, input });
    expect(saved.statusCode).toBe(200);
    const d = json(await call(unitA, 'GET', `/api/evaluations/${id}`), evaluationDetailResponse);
    expect(d.result.total).not.toBeNull();
    expect(d.result.grade).toMatch(/优|良/);
    expect(d.result.budget.explanation).toMatch(/执行率/);
    expect(d.issues).toEqual([]);
    expect(liveEvaluation(d, d.input).result).toEqual(d.result);
    expect((await call(unitA, 'POST', `/api/evaluations/${id}/submit`, { revision: 2 })).statusCode).toBe(200);
    const sum = json(await call(finance, 'GET', '/api/evaluations/summary?year=2024'), evaluationSummaryResponse);
    expect(sum.departments).toEqual([expect.objectContaining({ name: '人社局', projects: 1, scored: 1, averageScore: d.result.total })]);
    const html = await call(deptA, 'GET', `/api/evaluations/${id}/html`);
    expect(html.body).toContain('绩效自评');
  });

  test('a filled 运行监控 template goes into the report; a bad cell is named (指标完成!I5) and nothing is saved', async () => {
    const { id } = JSON.parse((await call(unitA, 'POST', '/api/monitoring', { planId, year: 2024, month: 8 })).body) as { id: number };
    const wb = await monitorTemplate({
      unit: '技师学院', department: '人社局', year: 2024,
      projects: [{ name: GOOD.name, funding: { total: GOOD.funding.total, fiscal: GOOD.funding.fiscal, specialAccount: null, other: GOOD.funding.other }, goal: GOOD.goal, indicators: GOOD.indicators.map((i, k) => ({ ...i, seq: k + 1 })) }],
    });
    const b = wb.getWorksheet('预算执行')!;
    b.getCell('E5').value = 100; b.getCell('F5').value = 70; b.getCell('E7').value = 20.5; b.getCell('F7').value = 12;
    const ind = wb.getWorksheet('指标完成')!;
    const values = [['900人次', '确定能', '1250人次'], ['91%', '大概能', '91%'], ['未完成', '确定能', '2024年10月'], ['81%', '确定能', '81%'], ['94%', '确定能', '94%']];
    values.forEach(([c, l, f], k) => { ind.getCell(`H${4 + k}`).value = c!; ind.getCell(`I${4 + k}`).value = l!; ind.getCell(`J${4 + k}`).value = f!; });
    const upload = async (w: ExcelJS.Workbook, revision: number) => call(unitA, 'POST', `/api/monitoring/${id}/upload?revision=${revision}`, form([{ name: '运行监控表.xlsx', content: new Uint8Array(await w.xlsx.writeBuffer() as ArrayBuffer) }]) as never);
    const bad = error(await upload(wb, 1), 422, 'template-invalid');
    expect(bad.message).toMatch(/指标完成!I5：完成可能性“大概能”应为 确定能、有可能、完全不可能 之一/);
    expect(json(await call(unitA, 'GET', `/api/monitoring/${id}`), monitoringDetailResponse).revision).toBe(1);
    ind.getCell('I5').value = '确定能';
    const ok = json(await upload(wb, 1), saved);
    expect(ok.revision).toBe(2);
    expect(ok.issues).toEqual([]);
    const d = json(await call(unitA, 'GET', `/api/monitoring/${id}`), monitoringDetailResponse);
    expect(d.input.funding).toEqual([{ source: '财政拨款', initial: 100, adjusted: 100, spent: 70 }, { source: '其他资金', initial: 20.5, adjusted: 20.5, spent: 12 }]);
    expect(d.input.indicators[0]).toMatchObject({ current: '900人次', likelihood: '确定能', forecast: '1250人次' });
    expect(d.result.money.spent).toBe(82);
  });

  test('plan, monitoring and evaluation entries of the audit log record the caller\'s address, as logins do', async () => {
    const ip = '10.20.30.40';
    const from = async (h: AuthHeaders, method: 'GET' | 'POST', url: string, payload?: unknown) =>
      (app() as FastifyInstance).inject({ method, url, headers: { ...h }, remoteAddress: ip, ...(payload === undefined ? {} : { payload: payload as object }) });
    const c = json(await from(unitA, 'POST', '/api/plans', { year: 2024, from: { kind: 'blank' } }), p.planCreatedResponse, 201);
    const v = json(await from(unitA, 'POST', `/api/plans/${c.id}/save`, { baseVersionId: c.versionId, content: { ...GOOD, name: '地址审计项目' } }), p.planSaveResponse);
    for (const [h, a] of [[unitA, 'submit'], [deptA, 'approve'], [finance, 'approve']] as const) {
      json(await from(h, 'POST', `/api/plans/${c.id}/${a}`, { versionId: v.versionId }), p.planStateResponse);
    }
    json(await from(unitA, 'POST', `/api/plans/${c.id}/comments`, { body: '已批复' }), z.object({ id: z.number() }), 201);
    const m = JSON.parse((await from(unitA, 'POST', '/api/monitoring', { planId: c.id, year: 2024, month: 6 })).body) as { id: number };
    const md = json(await from(unitA, 'GET', `/api/monitoring/${m.id}`), monitoringDetailResponse);
    json(await from(unitA, 'POST', `/api/monitoring/${m.id}/save`, { revision: 1, input: md.input }), saved);
    const e = JSON.parse((await from(unitA, 'POST', '/api/evaluations', { planId: c.id, year: 2024 })).body) as { id: number };

    const entries = async (targetType: string, targetId: number) => (await listAudit(store().db, { targetType, targetId: String(targetId) })).items;
    const plan = await entries('plan', c.id);
    expect(plan.map((x) => x.action).sort()).toEqual(['plan.approve', 'plan.approve', 'plan.comment', 'plan.create', 'plan.save', 'plan.submit']);
    const monitoring = await entries('monitoring', m.id);
    expect(monitoring.map((x) => x.action).sort()).toEqual(['monitoring.create', 'monitoring.save']);
    const evaluation = await entries('evaluation', e.id);
    expect(evaluation.map((x) => x.action)).toEqual(['evaluation.create']);
    for (const x of [...plan, ...monitoring, ...evaluation]) expect(x.ip, x.action).toBe(ip);
    // and the audit page names each in Chinese
    for (const x of [...plan, ...monitoring, ...evaluation]) expect(auditActionLabel(x.action), x.action).not.toBe(x.action);
  });
});
