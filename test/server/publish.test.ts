// 公开 in the app makes the plan public as a published table is: anyone, logged in or not, finds it in
// the project list, search and the project page, with its indicators and amounts as approved; its plan
// links to that row; a second plan of the unit-year joins the unit's table; a plan under 调整 stays public
// in the version last published until the new one is published. On SQLite and PostgreSQL.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, test } from 'vitest';
import { listAudit } from '../../src/auth/index.js';
import * as p from '../../src/server/plan-schemas.js';
import * as s from '../../src/server/schemas.js';
import type { PlanContent } from '../../src/workflow/content.js';
import { GOOD } from '../workflow/fixtures.js';
import { loginAs, orgPath, type AuthHeaders } from './auth-helpers.js';
import { json, serverSuite } from './helpers.js';

serverSuite('公开 makes a plan public', (app, store) => {
  let unit: AuthHeaders; let dept: AuthHeaders; let finance: AuthHeaders;
  const call = (h: AuthHeaders | null, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    (app() as FastifyInstance).inject({ method, url, headers: h ? { ...h } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });
  const post = async (h: AuthHeaders, url: string, body: unknown) => json(await call(h, 'POST', url, body), p.planStateResponse);
  const publicProjects = async (q: string) => json(await call(null, 'GET', `/api/projects?year=2026&unit=${encodeURIComponent('公开测试学院')}&q=${encodeURIComponent(q)}`), s.projectsResponse);

  /** written, submitted, approved by department and finance; returns the plan and its approved version */
  async function approved(content: PlanContent): Promise<{ id: number; versionId: number }> {
    const { id, versionId } = json(await call(unit, 'POST', '/api/plans', { year: 2026, from: { kind: 'blank', name: content.name } }), p.planCreatedResponse, 201);
    const v = json(await call(unit, 'POST', `/api/plans/${id}/save`, { baseVersionId: versionId, content }), p.planSaveResponse);
    await post(unit, `/api/plans/${id}/submit`, { versionId: v.versionId });
    await post(dept, `/api/plans/${id}/approve`, { versionId: v.versionId });
    expect((await post(finance, `/api/plans/${id}/approve`, { versionId: v.versionId })).state).toBe('approved');
    return { id, versionId: v.versionId };
  }

  beforeAll(async () => {
    await orgPath(store(), '公开测试局/公开测试学院');
    unit = await loginAs(app(), { role: 'unit', org: '公开测试局/公开测试学院' });
    dept = await loginAs(app(), { role: 'department', org: '公开测试局' });
    finance = await loginAs(app(), { role: 'finance' });
  }, 90_000);

  const first: PlanContent = { ...GOOD, name: '公开测试培训补贴项目', startYear: 2026, endYear: 2026 };
  const second: PlanContent = { ...GOOD, name: '公开测试实训基地项目', funding: { total: 80, fiscal: 80, specialAccount: null, other: null }, startYear: 2026, endYear: 2026 };

  test('approved is not public; 公开 stores the table, and anyone finds the project with its indicators and amounts', async () => {
    const a = await approved(first);
    expect((await publicProjects('公开测试')).total).toBe(0);
    const r = await post(finance, `/api/plans/${a.id}/publish`, { versionId: a.versionId });
    expect(r.state).toBe('published');
    expect(r.publication).toMatchObject({ plans: 1, file: expect.stringMatching(/^公开测试学院2026年项目支出绩效目标表（\d{4}-\d\d-\d\d公开）\.xlsx$/) });

    const list = await publicProjects('公开测试');
    expect(list.items.map((x) => [x.name, x.department, x.amounts.total])).toEqual([[first.name, '公开测试局', 120.5]]);
    const row = list.items[0]!;
    expect(row.document.id).toBe(r.publication!.documentId);
    const detail = json(await call(null, 'GET', `/api/projects/${row.id}`), s.projectDetailResponse);
    expect(detail.indicators.map((i) => [i.name, i.annual.raw])).toEqual(first.indicators.map((i) => [i.name, i.annual]));
    expect(detail.goal).toBe(first.goal);
    const found = json(await call(null, 'GET', `/api/search?q=${encodeURIComponent('公开测试培训补贴')}`), s.searchResponse);
    expect(found.hits.some((h) => h.projectId === row.id)).toBe(true);

    // the plan links to its public row, and no second (imported) plan was made of the row
    const d = json(await call(finance, 'GET', `/api/plans/${a.id}`), p.planDetailResponse);
    expect(d.publication).toEqual({ documentId: r.publication!.documentId, projectId: row.id });
    const plans = json(await call(finance, 'GET', `/api/plans?q=${encodeURIComponent('公开测试培训补贴')}`), p.planListResponse);
    expect(plans.items.map((x) => [x.id, x.source])).toEqual([[a.id, 'authored']]);
    const log = await listAudit(store().db, { action: 'plan.publication', limit: 10 });
    expect(log.items[0]?.summary).toMatch(/公开《公开测试局2026年项目支出绩效目标表（公开测试学院，.*公开）》：1 个项目/);
  });

  test('a second plan joins its unit\'s table; a plan under 调整 stays public as last published until 公开 again', async () => {
    const b = await approved(second);
    await post(finance, `/api/plans/${b.id}/publish`, { versionId: b.versionId });
    expect((await publicProjects('公开测试')).items.map((x) => x.name).sort()).toEqual([second.name, first.name].sort());

    // 调整 of the first plan: 150.5 万元, approved — the public still sees 120.5 until it is published
    const id = json(await call(finance, 'GET', `/api/plans?q=${encodeURIComponent(first.name)}`), p.planListResponse).items[0]!.id;
    const adj = json(await call(unit, 'POST', `/api/plans/${id}/adjust`, { comment: '追加预算' }), p.planAdjustResponse);
    const more: PlanContent = { ...first, funding: { total: 150.5, fiscal: 130, specialAccount: null, other: 20.5 } };
    const v = json(await call(unit, 'POST', `/api/plans/${id}/save`, { baseVersionId: adj.versionId, content: more }), p.planSaveResponse);
    await post(unit, `/api/plans/${id}/submit`, { versionId: v.versionId });
    await post(dept, `/api/plans/${id}/approve`, { versionId: v.versionId });
    await post(finance, `/api/plans/${id}/approve`, { versionId: v.versionId });
    const total = async () => (await publicProjects(first.name)).items.map((x) => x.amounts.total);
    expect(await total()).toEqual([120.5]);
    // another plan of the unit published meanwhile keeps the adjusted one at its published version
    const c = await approved({ ...second, name: '公开测试第三个项目' });
    await post(finance, `/api/plans/${c.id}/publish`, { versionId: c.versionId });
    expect(await total()).toEqual([120.5]);
    expect((await publicProjects('公开测试')).total).toBe(3);
    const r = await post(finance, `/api/plans/${id}/publish`, { versionId: v.versionId });
    expect(r.publication?.plans).toBe(3);
    expect(await total()).toEqual([150.5]);
    // every version of the unit's table stays for history: the list shows the latest only
    expect((await publicProjects('公开测试')).total).toBe(3);
  });
}, { seed: false });
