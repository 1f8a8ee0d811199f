// The 监控 dashboard's year and period (GET /api/monitoring/dashboard), on SQLite and PostgreSQL: without a
// year or period it shows the one a reviewer wants — the newest period holding a submitted or approved
// report, not a newer one holding only a unit's first draft; only drafts: the period with the most reports
// — and says how it chose (`basis`); the years are those of the caller's plans, reports and
// self-evaluations, newest first, whatever the calendar says (2027, 2028 work as 2024 does); nothing at
// all is `year: null` with no years, not an error.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, test } from 'vitest';
import * as p from '../../src/server/plan-schemas.js';
import { dashboardResponse } from '../../src/server/report-schemas.js';
import { defaultPeriod } from '../../src/workflow/report-read.js';
import { GOOD, monitoringInput } from '../workflow/fixtures.js';
import { loginAs, type AuthHeaders } from './auth-helpers.js';
import { error, json, serverSuite } from './helpers.js';


describe('defaultPeriod', () => {
  const at = (year: number, month: number, reports: number, submitted = 0) => ({ year, month, reports, submitted });
  test('the newest period with a submitted or approved report, not a newer one of drafts only', () => {
    expect(defaultPeriod([at(2024, 6, 40, 30), at(2024, 8, 1), at(2027, 3, 2)])).toEqual({ year: 2024, month: 6, basis: 'submitted' });
    expect(defaultPeriod([at(2024, 6, 40, 30), at(2024, 8, 2, 1)])).toEqual({ year: 2024, month: 8, basis: 'submitted' });
  });
  test('drafts only: the period with the most reports, the newest of equals; nothing: null', () => {
    expect(defaultPeriod([at(2024, 3, 5), at(2024, 6, 9), at(2024, 8, 1)])).toEqual({ year: 2024, month: 6, basis: 'most' });
    expect(defaultPeriod([at(2024, 3, 3), at(2024, 8, 3), at(2024, 6, 3)])).toEqual({ year: 2024, month: 8, basis: 'most' });
    expect(defaultPeriod([at(2031, 2, 1), at(2030, 12, 1)])).toEqual({ year: 2031, month: 2, basis: 'most' });
    expect(defaultPeriod([])).toBeNull();
  });
});

serverSuite('the monitoring dashboard chooses its year and period from the data', (app) => {
  let unitA: AuthHeaders; let deptA: AuthHeaders; let finance: AuthHeaders; let unitB: AuthHeaders;
  const call = (h: AuthHeaders, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    (app() as FastifyInstance).inject({ method, url, headers: { ...h }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const ok = async (h: AuthHeaders, url: string, payload: unknown, status = 200) => {
    const r = await call(h, 'POST', url, payload);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(status);
    return r.json() as { id: number; revision: number };
  };
  const dashboard = async (h: AuthHeaders, query = '') => json(await call(h, 'GET', `/api/monitoring/dashboard${query}`), dashboardResponse);
  /** a plan of 技师学院 for `year`, approved by its department and finance */
  const approved = async (year: number, name: string) => {
    const c = json(await call(unitA, 'POST', '/api/plans', { year, from: { kind: 'blank' } }), p.planCreatedResponse, 201);
    const v = json(await call(unitA, 'POST', `/api/plans/${c.id}/save`, { baseVersionId: c.versionId, content: { ...GOOD, name, startYear: year, endYear: year } }), p.planSaveResponse);
    for (const [h, a] of [[unitA, 'submit'], [deptA, 'approve'], [finance, 'approve']] as const) json(await call(h, 'POST', `/api/plans/${c.id}/${a}`, { versionId: v.versionId }), p.planStateResponse);
    return c.id;
  };
  /** a monitoring report of `planId` for 1—month月, left as a draft or submitted complete (and approved by the department) */
  const report = async (planId: number, year: number, month: number, to: 'draft' | 'submitted' | 'department-approved') => {
    const { id } = await ok(unitA, '/api/monitoring', { planId, year, month }, 201);
    if (to === 'draft') return;
    const { revision } = await ok(unitA, `/api/monitoring/${id}/save`, { revision: 1, input: monitoringInput(50, 10) });
    await ok(unitA, `/api/monitoring/${id}/submit`, { revision });
    if (to === 'department-approved') await ok(deptA, `/api/monitoring/${id}/approve`, { revision });
  };

  beforeAll(async () => {
    finance = await loginAs(app(), { role: 'finance' });
    unitA = await loginAs(app(), { role: 'unit', org: '人社局/技师学院' });
    deptA = await loginAs(app(), { role: 'department', org: '人社局' });
    unitB = await loginAs(app(), { role: 'unit', org: '教育局/第一中学' });
  }, 60_000);

  test('nothing at all: no year, no years, an empty dashboard (not an error)', async () => {
    const d = await dashboard(finance);
    expect(d).toMatchObject({ year: null, month: null, periodLabel: null, basis: 'none', years: [], months: [], periods: [], projects: [], alerts: [], coverage: null });
  });

  test('a newer period holding one draft does not hide the one the department submitted; the years are the data\'s', async () => {
    const p1 = await approved(2024, '职业技能培训补贴项目');
    const p2 = await approved(2024, '创业培训补贴项目');
    const p27 = await approved(2027, '技能大师工作室项目');
    // a plan still being written for 2028: its year is offered, with nothing to show yet
    json(await call(unitA, 'POST', '/api/plans', { year: 2028, from: { kind: 'blank' } }), p.planCreatedResponse, 201);
    await report(p1, 2024, 3, 'draft');
    await report(p1, 2024, 6, 'submitted');
    await report(p2, 2024, 6, 'department-approved');
    await report(p1, 2024, 8, 'draft');
    await report(p27, 2027, 3, 'draft');
    expect((await call(unitA, 'POST', '/api/evaluations', { planId: p1, year: 2024 })).statusCode).toBe(201);

    for (const h of [finance, deptA]) {
      const d = await dashboard(h);
      // the newest period with submitted reports, not 2027年1—3月 (one draft) nor 2024年1—8月 (one draft)
      expect([d.year, d.month, d.periodLabel, d.basis]).toEqual([2024, 6, '1—6月', 'submitted']);
      expect(d.projects.map((x) => x.project).sort()).toEqual(['创业培训补贴项目', '职业技能培训补贴项目']);
      expect(d.years).toEqual([
        { year: 2028, plans: 1, reports: 0, evaluations: 0 },
        { year: 2027, plans: 1, reports: 1, evaluations: 0 },
        { year: 2024, plans: 2, reports: 4, evaluations: 1 },
      ]);
      expect(d.periods).toEqual([
        { month: 3, label: '1—3月', reports: 1, submitted: 0 },
        { month: 6, label: '1—6月', reports: 2, submitted: 2 },
        { month: 8, label: '1—8月', reports: 1, submitted: 0 },
      ]);
    }
    // a year asked for: its own default period; only drafts: the one with the most; none: said so
    expect(await dashboard(finance, '?year=2024')).toMatchObject({ year: 2024, month: 6, basis: 'submitted' });
    expect(await dashboard(finance, '?year=2027')).toMatchObject({ year: 2027, month: 3, periodLabel: '1—3月', basis: 'most', periods: [{ month: 3, label: '1—3月', reports: 1, submitted: 0 }] });
    expect(await dashboard(finance, '?year=2028')).toMatchObject({ year: 2028, month: null, periodLabel: null, basis: 'none', months: [], projects: [] });
    // a period asked for is shown as asked
    const asked = await dashboard(finance, '?year=2024&month=8');
    expect([asked.month, asked.basis, asked.projects.map((x) => x.state)]).toEqual([8, 'requested', ['草稿']]);
    // the light filter narrows what is shown, never the period chosen
    expect(await dashboard(finance, '?light=red')).toMatchObject({ year: 2024, month: 6, basis: 'submitted' });
    // the caller's scope: another unit has no plan and no report, so no year
    expect(await dashboard(unitB)).toMatchObject({ year: null, years: [], basis: 'none' });
    expect((await dashboard(unitA)).years.map((y) => y.year)).toEqual([2028, 2027, 2024]);
  });

  test('报送情况: the year\'s approved plans, which have a report of the period and which have submitted it, whatever the light filter', async () => {
    const p3 = await approved(2024, '职业培训基地建设项目');
    // a plan not yet approved is not to report
    json(await call(unitA, 'POST', '/api/plans', { year: 2024, from: { kind: 'blank' } }), p.planCreatedResponse, 201);
    const june = await dashboard(finance, '?year=2024&month=6');
    expect(june.coverage).toEqual({
      plans: 3, reported: 2, submitted: 2,
      byUnit: [{ unit: '技师学院', department: '人社局', plans: 3, reported: 2, submitted: 2 }],
      missing: [{ planId: p3, project: '职业培训基地建设项目', unit: '技师学院', department: '人社局' }], missingTotal: 1,
    });
    // 1—8月: only the first plan's draft
    expect((await dashboard(deptA, '?year=2024&month=8')).coverage).toMatchObject({ plans: 3, reported: 1, submitted: 0, missingTotal: 2 });
    expect((await dashboard(finance, '?year=2024&month=8')).coverage!.missing.map((m) => m.project)).toEqual(['创业培训补贴项目', '职业培训基地建设项目']);
    expect((await dashboard(finance, '?year=2024&month=6&light=red')).coverage).toEqual(june.coverage);
    expect((await dashboard(finance, `?year=2024&month=6&department=${encodeURIComponent('教育局')}`)).coverage).toMatchObject({ plans: 0, reported: 0, byUnit: [], missing: [] });
    // another unit's scope holds none of them; no period, no coverage
    expect((await dashboard(unitB, '?year=2024&month=6')).coverage).toMatchObject({ plans: 0, missingTotal: 0 });
    expect((await dashboard(finance, '?year=2028')).coverage).toBeNull();
  });

  test('the year and period asked for are checked', async () => {
    error(await call(finance, 'GET', '/api/monitoring/dashboard?year=abc'), 400);
    error(await call(finance, 'GET', '/api/monitoring/dashboard?year=2024&month=13'), 400);
  });
});
