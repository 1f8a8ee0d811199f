// 待办 (GET /api/todo), on SQLite and PostgreSQL: the counts behind the menu's badges follow a plan and a
// monitoring report through their workflows — waiting for the department, then for finance, returned
// to the unit and resubmitted — each account counting only what is its own to act on, within its scope.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, test } from 'vitest';
import * as p from '../../src/server/plan-schemas.js';
import { reportListResponse } from '../../src/server/report-schemas.js';
import { GOOD, monitoringInput } from '../workflow/fixtures.js';
import { loginAs, type AuthHeaders } from './auth-helpers.js';
import { error, json, serverSuite } from './helpers.js';

serverSuite('待办 counts what waits for each account', (app) => {
  let unit: AuthHeaders; let dept: AuthHeaders; let finance: AuthHeaders; let otherDept: AuthHeaders; let viewer: AuthHeaders;
  const call = (h: AuthHeaders | null, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    (app() as FastifyInstance).inject({ method, url, headers: h ? { ...h } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });
  const todo = async (h: AuthHeaders) => json(await call(h, 'GET', '/api/todo'), p.todoResponse);
  const counts = async () => Object.fromEntries(await Promise.all(
    ([['unit', unit], ['dept', dept], ['finance', finance], ['otherDept', otherDept], ['viewer', viewer]] as const)
      .map(async ([k, h]) => { const t = await todo(h); return [k, [t.plans.review, t.plans.returned, t.reports.review, t.reports.returned, t.total]] as const; })));
  const decide = async (h: AuthHeaders, id: number, action: string, versionId: number, comment?: string) =>
    json(await call(h, 'POST', `/api/plans/${id}/${action}`, { versionId, ...(comment ? { comment } : {}) }), p.planStateResponse);

  beforeAll(async () => {
    unit = await loginAs(app(), { role: 'unit', org: '待办局/待办学院' });
    dept = await loginAs(app(), { role: 'department', org: '待办局' });
    finance = await loginAs(app(), { role: 'finance' });
    otherDept = await loginAs(app(), { role: 'department', org: '别的局' });
    viewer = await loginAs(app(), { role: 'viewer' });
  }, 60_000);

  test('a plan: the department\'s, then finance\'s, then returned to the unit until it resubmits', async () => {
    const zero = [0, 0, 0, 0, 0];
    expect(await counts()).toEqual({ unit: zero, dept: zero, finance: zero, otherDept: zero, viewer: zero });
    const c = json(await call(unit, 'POST', '/api/plans', { year: 2026, from: { kind: 'blank' } }), p.planCreatedResponse, 201);
    const v = json(await call(unit, 'POST', `/api/plans/${c.id}/save`, { baseVersionId: c.versionId, content: { ...GOOD, name: '待办测试项目', startYear: 2026, endYear: 2026 } }), p.planSaveResponse);
    await decide(unit, c.id, 'submit', v.versionId);
    expect(await counts()).toMatchObject({ unit: zero, dept: [1, 0, 0, 0, 1], finance: zero, otherDept: zero });
    await decide(dept, c.id, 'approve', v.versionId);
    expect(await counts()).toMatchObject({ unit: zero, dept: zero, finance: [1, 0, 0, 0, 1] });
    await decide(finance, c.id, 'return', v.versionId, '请补充成本指标');
    expect(await counts()).toMatchObject({ unit: [0, 1, 0, 0, 1], dept: zero, finance: zero });
    // 我的项目 marks the returned one
    const returned = async () => json(await call(unit, 'GET', '/api/plans'), p.planListResponse).items.map((x) => [x.id, x.state, x.returned]);
    expect(await returned()).toEqual([[c.id, 'draft', true]]);
    await decide(unit, c.id, 'submit', v.versionId);
    expect(await returned()).toEqual([[c.id, 'submitted', false]]);
    expect(await counts()).toMatchObject({ unit: zero, dept: [1, 0, 0, 0, 1] });
    await decide(dept, c.id, 'approve', v.versionId);
    await decide(finance, c.id, 'approve', v.versionId);
    expect(await counts()).toEqual({ unit: zero, dept: zero, finance: zero, otherDept: zero, viewer: zero });

    // a monitoring report of it: submitted, the department's; returned, the unit's
    const created = await call(unit, 'POST', '/api/monitoring', { planId: c.id, year: 2026, month: 6 });
    expect(created.statusCode, created.body).toBe(201);
    const r = created.json() as { id: number; revision: number };
    const saved = (await call(unit, 'POST', `/api/monitoring/${r.id}/save`, { revision: r.revision, input: monitoringInput(50, 10) })).json() as { revision: number };
    expect((await call(unit, 'POST', `/api/monitoring/${r.id}/submit`, { revision: saved.revision })).statusCode).toBe(200);
    expect(await counts()).toMatchObject({ unit: zero, dept: [0, 0, 1, 0, 1], finance: zero, otherDept: zero });
    expect((await call(dept, 'POST', `/api/monitoring/${r.id}/return`, { revision: saved.revision, comment: '支出数请核对' })).statusCode).toBe(200);
    expect(await counts()).toMatchObject({ unit: [0, 0, 0, 1, 1], dept: zero, finance: zero });
    // 我的报告 marks it 已退回
    const reports = json(await call(unit, 'GET', '/api/monitoring'), reportListResponse);
    expect(reports.map((x) => [x.id, x.state, x.returned])).toEqual([[r.id, 'draft', true]]);
  });

  test('only an account asks', async () => {
    error(await call(null, 'GET', '/api/todo'), 401);
    expect((await call(unit, 'GET', '/api/todo')).headers['cache-control']).toBe('no-store');
  });
}, { seed: false });
