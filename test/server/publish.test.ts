// 公开 in the app makes the plan public as a published table is: anyone, logged in or not, finds it in
// the project list, search and the project page, with its indicators and amounts as approved; its plan
// links to that row; a second plan of the unit-year joins the unit's table; a plan under 调整 stays public
// in the version last published until the new one is published. On SQLite and PostgreSQL.
import { PassThrough } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, test } from 'vitest';
import { listAudit } from '../../src/auth/index.js';
import * as p from '../../src/server/plan-schemas.js';
import { writePlansXlsx } from '../../src/report/xlsx/index.js';
import * as s from '../../src/server/schemas.js';
import { importBytes } from '../../src/store/index.js';
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
    // what the public reads is what was approved: the table written and read back differs in nothing
    expect(d.publicCheck).toMatchObject({ documentId: r.publication!.documentId, projectId: row.id, madeHere: true, approvedVersion: d.version.number, publishedVersion: d.version.number });
    expect(d.publicCheck!.diff.changed, JSON.stringify(d.publicCheck!.diff)).toBe(false);
    const plans = json(await call(finance, 'GET', `/api/plans?q=${encodeURIComponent('公开测试培训补贴')}`), p.planListResponse);
    expect(plans.items.map((x) => [x.id, x.source, x.publicDiffers])).toEqual([[a.id, 'authored', false]]);
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
    // the plan page says the public table still shows the version published before, and how it differs
    const pending = json(await call(unit, 'GET', `/api/plans/${id}`), p.planDetailResponse).publicCheck!;
    expect(pending.publishedVersion).toBeLessThan(pending.approvedVersion);
    expect(pending.diff.changed).toBe(true);
    expect(pending.diff.funding?.amounts[0]).toMatchObject({ field: 'total', a: 150.5, b: 120.5 });
    expect([pending.diff.goal, pending.diff.name, pending.diff.indicators.length]).toEqual([null, null, 0]);
    // another plan of the unit published meanwhile keeps the adjusted one at its published version
    const c = await approved({ ...second, name: '公开测试第三个项目' });
    await post(finance, `/api/plans/${c.id}/publish`, { versionId: c.versionId });
    expect(await total()).toEqual([120.5]);
    expect((await publicProjects('公开测试')).total).toBe(3);
    const r = await post(finance, `/api/plans/${id}/publish`, { versionId: v.versionId });
    expect(r.publication?.plans).toBe(3);
    expect(await total()).toEqual([150.5]);
    const now = json(await call(unit, 'GET', `/api/plans/${id}`), p.planDetailResponse).publicCheck!;
    expect([now.diff.changed, now.publishedVersion === now.approvedVersion]).toEqual([false, true]);
    // every version of the unit's table stays for history: the list shows the latest only
    expect((await publicProjects('公开测试')).total).toBe(3);
  });

  test('the government\'s own table, imported later, is compared with what was approved: a changed amount and target are shown', async () => {
    const own: PlanContent = { ...second, name: '公开测试政府公开项目' };
    const d = await approved(own);
    // the bureau's published table prints 90 万元 and another 培训人次 target than the unit's approved 80 and ≥1200人次
    const printed: PlanContent = {
      ...own, funding: { total: 90, fiscal: 90, specialAccount: null, other: null },
      indicators: own.indicators.map((i) => (i.name === '培训人次' ? { ...i, annual: '≥1000人次' } : i)),
    };
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writePlansXlsx([{ unit: '公开测试学院', department: '公开测试局', year: 2026, content: printed }], 'table', out, { title: '公开测试局2026年项目支出绩效目标表' });
    const r = await importBytes(store(), new Uint8Array(Buffer.concat(chunks)), { file: '公开测试局2026年项目支出绩效目标表.xlsx', year: 2026, department: '公开测试局' });
    expect(r.status).toBe('imported');
    // the plan lists sync the new table: the approved plan is linked to its row, no second plan is made
    const listed = json(await call(finance, 'GET', `/api/plans?q=${encodeURIComponent(own.name)}`), p.planListResponse);
    expect(listed.items.map((x) => [x.id, x.source, x.publicDiffers])).toEqual([[d.id, 'authored', true]]);
    // a plan not yet published anywhere, and a published table's own plan, have nothing to compare
    const all = json(await call(finance, 'GET', '/api/plans?limit=200'), p.planListResponse).items;
    expect(all.filter((x) => x.source === 'publication' || x.approvedVersion === null).every((x) => x.publicDiffers === null)).toBe(true);
    const c = json(await call(dept, 'GET', `/api/plans/${d.id}`), p.planDetailResponse).publicCheck!;
    expect(c).toMatchObject({ madeHere: false, publishedVersion: null, file: '公开测试局2026年项目支出绩效目标表.xlsx', documentId: (r as { documentId: number }).documentId });
    expect(c.diff.changed).toBe(true);
    expect(c.diff.funding?.amounts[0]).toMatchObject({ field: 'total', a: 80, b: 90, difference: 10 });
    expect(c.diff.indicators.map((i) => [i.status, i.b?.name ?? i.a?.name, i.annual?.summary])).toEqual([['changed', '培训人次', expect.stringContaining('1000')]]);
    expect(c.diff.goal).toBeNull();
    // nobody outside the plan's scope reads it
    expect((await call(await loginAs(app(), { role: 'unit', org: '公开测试局/别的学院' }), 'GET', `/api/plans/${d.id}`)).statusCode).toBe(404);
  });
}, { seed: false });
