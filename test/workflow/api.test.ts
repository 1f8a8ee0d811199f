// The plan workflow through the API, on SQLite and PostgreSQL, with real accounts in an organization
// tree (财政局 → 部门 → 单位): every legal step, the refusals (role, state, scope), a stale save refused
// with 409 leaving both versions intact, an 调整 keeping the approved version in force, published tables
// becoming published plans, and the audit log holding every step.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { beforeAll, expect, test } from 'vitest';
import { listAudit } from '../../src/auth/index.js';
import { importBytes } from '../../src/store/index.js';
import * as p from '../../src/server/plan-schemas.js';
import type { PlanContent } from '../../src/workflow/content.js';
import { error, json, serverSuite } from '../server/helpers.js';
import { loginAs, orgPath, type AuthHeaders } from '../server/auth-helpers.js';
import { SAMPLES } from '../store/harness.js';
import { GOOD } from './fixtures.js';

type Method = 'GET' | 'POST';

serverSuite('plan workflow API', (app, store) => {
  let unitA: AuthHeaders; let unitA2: AuthHeaders; let unitB: AuthHeaders; let deptA: AuthHeaders; let deptB: AuthHeaders; let finance: AuthHeaders; let viewerA: AuthHeaders;
  const call = (h: AuthHeaders | null, method: Method, url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    (app() as FastifyInstance).inject({ method, url, headers: h ? { ...h } : {}, ...(payload === undefined ? {} : { payload: payload as object }) });
  const get = async (h: AuthHeaders, id: number) => json(await call(h, 'GET', `/api/plans/${id}`), p.planDetailResponse);
  const create = async (h: AuthHeaders, body: unknown = { year: 2025, from: { kind: 'blank', name: '职业技能培训补贴项目' } }) =>
    json(await call(h, 'POST', '/api/plans', body), p.planCreatedResponse, 201);

  beforeAll(async () => {
    await orgPath(store(), '人社局/技师学院');
    await orgPath(store(), '人社局/职业培训中心');
    await orgPath(store(), '教育局/第一中学');
    unitA = await loginAs(app(), { role: 'unit', org: '人社局/技师学院' });
    unitA2 = await loginAs(app(), { role: 'unit', org: '人社局/技师学院' });
    unitB = await loginAs(app(), { role: 'unit', org: '教育局/第一中学' });
    deptA = await loginAs(app(), { role: 'department', org: '人社局' });
    deptB = await loginAs(app(), { role: 'department', org: '教育局' });
    finance = await loginAs(app(), { role: 'finance' });
    viewerA = await loginAs(app(), { role: 'viewer', org: '人社局' });
  }, 90_000); // seven accounts, each password hashed with scrypt

  test('a unit writes a plan: blank draft, saves as versions, and the review engine reads it as it is', async () => {
    const { id, versionId } = await create(unitA);
    const d = await get(unitA, id);
    expect(d.plan).toMatchObject({ state: 'draft', source: 'authored', unit: '技师学院', department: '人社局', year: 2025, currentVersion: 1 });
    expect(d.allowed).toEqual(expect.arrayContaining(['save', 'submit', 'comment']));
    expect(d.check.gate.map((g) => g.code)).toContain('no-structured-indicators');
    const bad: PlanContent = { ...GOOD, indicators: GOOD.indicators.map((i, k) => (k === 4 ? { ...i, annual: '较满意', period: '较满意' } : i)) };
    const s = json(await call(unitA, 'POST', `/api/plans/${id}/save`, { baseVersionId: versionId, content: bad }), p.planSaveResponse);
    expect(s).toMatchObject({ number: 2, unchanged: false });
    expect(s.check.findings.some((f) => f.indicator === 4)).toBe(true);
    const again = json(await call(unitA, 'POST', `/api/plans/${id}/save`, { baseVersionId: s.versionId, content: bad }), p.planSaveResponse);
    expect(again).toMatchObject({ number: 2, unchanged: true });
    // a client that sends no editing session (a script) gets a version per save
    const fixed = json(await call(unitA, 'POST', `/api/plans/${id}/save`, { baseVersionId: s.versionId, content: GOOD }), p.planSaveResponse);
    expect(fixed).toMatchObject({ number: 3, unchanged: false });
    expect(fixed.check.findings.some((f) => f.indicator === 4)).toBe(false);
    const diff = json(await call(unitA, 'GET', `/api/plans/${id}/diff?a=2&b=3`), p.versionsDiffResponse);
    expect(diff.diff.indicators[0]?.annual?.summary).toMatch(/较满意.*→.*90/);
  });

  test('a save based on a stale version is refused with 409 and the other person\'s changes; both versions stay intact', async () => {
    const { id, versionId } = await create(unitA);
    const first = json(await call(unitA, 'POST', `/api/plans/${id}/save`, { baseVersionId: versionId, content: GOOD }), p.planSaveResponse);
    const mine: PlanContent = { ...GOOD, goal: `${GOOD.goal}（另一人的修改）` };
    const r = await call(unitA2, 'POST', `/api/plans/${id}/save`, { baseVersionId: versionId, content: mine });
    const e = json(r, p.planConflictResponse, 409);
    expect(e.code).toBe('plan-conflict');
    expect(e.message).toMatch(/第 2 版.*没有丢失/);
    expect(e.detail?.current).toMatchObject({ versionId: first.versionId, number: 2 });
    expect(e.detail?.changes?.indicators.length).toBe(GOOD.indicators.length);
    const d = await get(unitA, id);
    expect(d.version.number).toBe(2);
    expect(d.content).toEqual(GOOD);
    expect(d.versions.map((v) => v.number)).toEqual([2, 1]);
    // two saves at once on the same base: exactly one wins, the other is a 409, nothing is lost or mixed
    const [x, y] = await Promise.all([
      call(unitA, 'POST', `/api/plans/${id}/save`, { baseVersionId: first.versionId, content: { ...GOOD, notes: '甲' } }),
      call(unitA2, 'POST', `/api/plans/${id}/save`, { baseVersionId: first.versionId, content: { ...GOOD, notes: '乙' } }),
    ]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
    const after = await get(unitA, id);
    expect(after.versions.map((v) => v.number)).toEqual([3, 2, 1]);
    expect(after.content.notes).toBe(x.statusCode === 200 ? '甲' : '乙');
  });

  test('one editing session is one version: an editor\'s saves continue it until a decision, a comment, another editor or a pause', async () => {
    const { id, versionId } = await create(unitA);
    const save = async (h: AuthHeaders, base: number, notes: string, session?: string) =>
      json(await call(h, 'POST', `/api/plans/${id}/save`, { baseVersionId: base, content: { ...GOOD, notes }, ...(session ? { session } : {}) }), p.planSaveResponse);
    const a = await save(unitA, versionId, '一', 'editor-a-0001');
    const b = await save(unitA, a.versionId, '二', 'editor-a-0001');
    expect(a.number).toBe(2);
    expect(b).toMatchObject({ number: 2, unchanged: false });
    expect(b.versionId).not.toBe(a.versionId); // a new row: a save based on the old one is still stale
    let d = await get(unitA, id);
    expect(d.versions.map((v) => [v.number, v.basedOn])).toEqual([[2, 1], [1, null]]);
    expect(d.content.notes).toBe('二');
    // a colleague who opened 第 2 版 before the last save: 409 with what changed since, nothing overwritten
    const stale = json(await call(unitA2, 'POST', `/api/plans/${id}/save`, { baseVersionId: a.versionId, content: { ...GOOD, notes: '乙' }, session: 'editor-b-0001' }), p.planConflictResponse, 409);
    expect(stale.detail?.current).toMatchObject({ versionId: b.versionId, number: 2 });
    expect(stale.detail?.changes?.notes).toBeTruthy();
    // the same account in another tab (a conflict kept as mine) and another person: each a new version
    const tab = await save(unitA, b.versionId, '另一窗口', 'editor-a-0002');
    const c = await save(unitA2, tab.versionId, '三', 'editor-b-0001');
    const c2 = await save(unitA2, c.versionId, '三（续）', 'editor-b-0001');
    expect([tab.number, c.number, c2.number]).toEqual([3, 4, 4]);
    // a reviewer's comment on 第 4 版 freezes it
    json(await call(deptA, 'POST', `/api/plans/${id}/comments`, { versionId: c2.versionId, body: '请补充满意度指标' }), p.planCommentResponse, 201);
    const e = await save(unitA2, c2.versionId, '五', 'editor-b-0001');
    expect(e.number).toBe(5);
    // a pause longer than the window: the next save is a new version
    const past = new Date(Date.now() - 11 * 60_000).toISOString();
    await store().db.updateTable('plan_versions' as never).set({ created_at: past } as never).where('id' as never, '=', e.versionId as never).execute();
    const f = await save(unitA2, e.versionId, '六', 'editor-b-0001');
    expect(f.number).toBe(6);
    // no session (a script, the CLI): a version per save
    const g = await save(unitA2, f.versionId, '七');
    const h = await save(unitA2, g.versionId, '八');
    expect([g.number, h.number]).toEqual([7, 8]);
    d = await get(unitA, id);
    expect(d.versions.map((v) => v.number)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    expect(d.comments).toEqual([expect.objectContaining({ version: 4, body: '请补充满意度指标' })]);
    // versions compare by the numbers shown; the audit log keeps every save, saying which continued
    const diff = json(await call(unitA, 'GET', `/api/plans/${id}/diff?a=2&b=4`), p.versionsDiffResponse);
    expect(diff.diff.notes).toBeTruthy();
    const log = await listAudit(store().db, { targetType: 'plan', targetId: String(id), limit: 100 });
    const saves = log.items.filter((x) => x.action === 'plan.save').reverse().map((x) => x.summary.replace(/“.*”/, ''));
    expect(saves.slice(0, 5)).toEqual(['保存第 2 版（基于第 1 版）', '保存第 2 版（继续编辑）', '保存第 3 版（基于第 2 版）', '保存第 4 版（基于第 3 版）', '保存第 4 版（继续编辑）']);
    // a malformed session id is refused with the field named
    expect(error(await call(unitA2, 'POST', `/api/plans/${id}/save`, { baseVersionId: h.versionId, content: GOOD, session: 'x' }), 400).message).toMatch(/session/);
  });

  test('the whole review: submit, department returns with a comment on one indicator, resubmit, department and finance approve, publish', async () => {
    const { id, versionId } = await create(unitA);
    const incomplete = await call(unitA, 'POST', `/api/plans/${id}/submit`, { versionId });
    expect(error(incomplete, 422, 'plan-incomplete').message).toMatch(/没有绩效指标/);
    const v2 = json(await call(unitA, 'POST', `/api/plans/${id}/save`, { baseVersionId: versionId, content: GOOD }), p.planSaveResponse);
    expect(json(await call(unitA, 'POST', `/api/plans/${id}/submit`, { versionId: v2.versionId }), p.planStateResponse).state).toBe('submitted');

    // refusals while submitted: the unit cannot edit or approve; the other department does not see it
    expect(error(await call(unitA, 'POST', `/api/plans/${id}/save`, { baseVersionId: v2.versionId, content: GOOD }), 409, 'invalid-state').message).toMatch(/已提交.*退回后才能修改/);
    error(await call(unitA, 'POST', `/api/plans/${id}/approve`, { versionId: v2.versionId }), 403);
    error(await call(deptB, 'POST', `/api/plans/${id}/approve`, { versionId: v2.versionId }), 404, 'plan-not-found');
    error(await call(deptB, 'GET', `/api/plans/${id}`), 404, 'plan-not-found');
    error(await call(unitB, 'GET', `/api/plans/${id}`), 404, 'plan-not-found');
    error(await call(finance, 'POST', `/api/plans/${id}/approve`, { versionId: v2.versionId }), 403, 'action-forbidden');
    error(await call(deptA, 'POST', `/api/plans/${id}/return`, { versionId: v2.versionId }), 422, 'comment-required');

    const queue = json(await call(deptA, 'GET', '/api/plans/queue'), p.planListResponse);
    expect(queue.items.map((x) => x.id)).toContain(id);
    expect(json(await call(deptB, 'GET', '/api/plans/queue'), p.planListResponse).items.map((x) => x.id)).not.toContain(id);

    const ret = await call(deptA, 'POST', `/api/plans/${id}/return`, { versionId: v2.versionId, indicatorComments: [{ indicator: 3, body: '就业率目标偏低，请按上年实际值测算' }] });
    expect(json(ret, p.planStateResponse).state).toBe('draft');
    let d = await get(unitA, id);
    expect(d.comments).toEqual([expect.objectContaining({ indicator: 3, indicatorName: '就业率', body: '就业率目标偏低，请按上年实际值测算', version: 2 })]);
    expect(d.events.at(-1)).toMatchObject({ action: 'return', fromState: 'submitted', toState: 'draft', reviewGrade: expect.any(String) });

    const fixed: PlanContent = { ...GOOD, indicators: GOOD.indicators.map((i, k) => (k === 3 ? { ...i, period: '≥85%', annual: '≥85%' } : i)) };
    const v3 = json(await call(unitA, 'POST', `/api/plans/${id}/save`, { baseVersionId: v2.versionId, content: fixed }), p.planSaveResponse);
    json(await call(unitA, 'POST', `/api/plans/${id}/submit`, { versionId: v3.versionId }), p.planStateResponse);
    expect(json(await call(deptA, 'POST', `/api/plans/${id}/approve`, { versionId: v3.versionId, comment: '同意' }), p.planStateResponse).state).toBe('department-approved');
    expect(json(await call(finance, 'GET', '/api/plans/queue'), p.planListResponse).items.map((x) => x.id)).toContain(id);
    error(await call(deptA, 'POST', `/api/plans/${id}/approve`, { versionId: v3.versionId }), 403, 'action-forbidden');
    expect(json(await call(finance, 'POST', `/api/plans/${id}/approve`, { versionId: v3.versionId }), p.planStateResponse).state).toBe('approved');
    d = await get(finance, id);
    expect(d.plan).toMatchObject({ state: 'approved', approvedVersion: 3, adjusting: false });
    expect(json(await call(finance, 'POST', `/api/plans/${id}/publish`, { versionId: v3.versionId }), p.planStateResponse).state).toBe('published');
    d = await get(viewerA, id);
    expect(d.plan.state).toBe('published');
    expect(d.allowed).toEqual([]);
    expect(d.events.map((e) => e.action)).toEqual(['create', 'submit', 'return', 'submit', 'approve', 'approve', 'publish']);
    // each decision keeps the score and grade of the version decided on
    for (const e of d.events.slice(1)) expect(e.reviewScore).not.toBeNull();

    const log = await listAudit(store().db, { targetType: 'plan', targetId: String(id), limit: 100 });
    expect(log.items.map((x) => x.action).reverse()).toEqual(['plan.create', 'plan.save', 'plan.submit', 'plan.return', 'plan.save', 'plan.submit', 'plan.approve', 'plan.approve', 'plan.publish']);
    expect(log.items.find((x) => x.action === 'plan.return')?.detail).toMatchObject({ indicatorComments: [{ indicator: 4, name: '就业率' }] });
    expect((log.items.find((x) => x.action === 'plan.save')?.detail as { diff?: { indicators?: unknown[] } }).diff?.indicators?.length).toBeGreaterThan(0);

    // 调整: a new draft version; the approved one stays in force until the new one is approved
    const adj = json(await call(unitA, 'POST', `/api/plans/${id}/adjust`, { comment: '追加预算' }), p.planAdjustResponse);
    d = await get(unitA, id);
    expect(d.plan).toMatchObject({ state: 'draft', approvedVersion: 3, currentVersion: 4, adjusting: true });
    expect(d.approved?.content).toEqual(fixed);
    const more: PlanContent = { ...fixed, funding: { total: 150.5, fiscal: 130, specialAccount: null, other: 20.5 } };
    const v5 = json(await call(unitA, 'POST', `/api/plans/${id}/save`, { baseVersionId: adj.versionId, content: more }), p.planSaveResponse);
    json(await call(unitA, 'POST', `/api/plans/${id}/submit`, { versionId: v5.versionId }), p.planStateResponse);
    expect((await get(finance, id)).plan).toMatchObject({ approvedVersion: 3, adjusting: true });
    json(await call(deptA, 'POST', `/api/plans/${id}/approve`, { versionId: v5.versionId }), p.planStateResponse);
    json(await call(finance, 'POST', `/api/plans/${id}/approve`, { versionId: v5.versionId }), p.planStateResponse);
    expect((await get(unitA, id)).plan).toMatchObject({ state: 'approved', approvedVersion: 5, adjusting: false, total: 150.5 });
  });

  test('submit refuses (422 plan-incomplete) indicators without a 三级指标名称, a 指标值 or a category, naming each by its number', async () => {
    const { id, versionId } = await create(unitA);
    // 添加指标 after the last row: its categories copied, everything else blank
    const added = { ...GOOD.indicators[4]!, name: '', period: '', annual: '' };
    const uncategorised = { level1: { code: null, name: null }, level2: { code: null, name: null }, name: '培训课时', period: '≥40课时', annual: '—' };
    const content: PlanContent = { ...GOOD, indicators: [...GOOD.indicators, added, uncategorised] };
    const s = json(await call(unitA, 'POST', `/api/plans/${id}/save`, { baseVersionId: versionId, content }), p.planSaveResponse);
    const m = error(await call(unitA, 'POST', `/api/plans/${id}/submit`, { versionId: s.versionId }), 422, 'plan-incomplete').message;
    expect(m).toContain('第 6 项指标缺少三级指标名称、实施周期指标值、年度指标值');
    expect(m).toContain('第 7 项指标“培训课时”缺少一级指标、二级指标、年度指标值');
    expect(m).not.toMatch(/第 [1-5] 项/);
    expect((await get(unitA, id)).plan.state).toBe('draft');
  });

  test('我的项目 lists only the caller\'s scope; copies come from the unit\'s plans and from published projects', async () => {
    const mine = json(await call(unitA, 'GET', '/api/plans?year=2025'), p.planListResponse);
    expect(mine.items.length).toBeGreaterThan(0);
    expect(new Set(mine.items.map((x) => x.unit))).toEqual(new Set(['技师学院']));
    expect(json(await call(unitB, 'GET', '/api/plans?year=2025'), p.planListResponse).total).toBe(0);
    const dept = json(await call(deptA, 'GET', '/api/plans?state=published'), p.planListResponse);
    expect(dept.items.every((x) => x.department === '人社局' || x.unit === '人社局')).toBe(true);

    const source = mine.items.find((x) => x.state === 'approved')!;
    const copy = await create(unitA, { year: 2026, from: { kind: 'plan', planId: source.id } });
    const c = await get(unitA, copy.id);
    expect(c.content.attribute).toBe('continuing');
    expect(c.origin).toMatchObject({ kind: 'plan', planId: source.id });
    error(await call(unitB, 'POST', '/api/plans', { year: 2026, from: { kind: 'plan', planId: source.id } }), 404, 'plan-not-found');
    error(await call(deptA, 'POST', '/api/plans', { year: 2026, from: { kind: 'blank' } }), 403);
  });

  test('an imported published table makes published plans of its units, which can then be adjusted', async () => {
    const file = '002_02da4d888feccc7a.txt';
    await importBytes(store(), readFileSync(join(SAMPLES, file)), { file });
    const all = json(await call(finance, 'GET', '/api/plans?source=publication&limit=200'), p.planListResponse);
    expect(all.total).toBeGreaterThan(0);
    expect(all.items.every((x) => x.state === 'published' && x.approvedVersion === 1)).toBe(true);
    const d = await get(finance, all.items[0]!.id);
    expect(d.publication?.documentId).toBeGreaterThan(0);
    expect(d.events[0]).toMatchObject({ action: 'import', toState: 'published' });
    // listing again does not make them twice
    expect(json(await call(finance, 'GET', '/api/plans?source=publication&limit=200'), p.planListResponse).total).toBe(all.total);
    const copy = await create(unitA, { year: 2026, from: { kind: 'project', projectId: d.publication!.projectId! } });
    expect((await get(unitA, copy.id)).content.indicators.length).toBe(d.content.indicators.length);
  });

  test('a copy into a new year moves its 实施期 to contain the year; a published row\'s 实施期 is the span its name prints', async () => {
    const { id, versionId } = await create(unitA, { year: 2024, from: { kind: 'blank', name: '职业技能培训补贴项目' } });
    json(await call(unitA, 'POST', `/api/plans/${id}/save`, { baseVersionId: versionId, content: GOOD }), p.planSaveResponse);
    const copy = await get(unitA, (await create(unitA, { year: 2025, from: { kind: 'plan', planId: id } })).id);
    expect(copy.content).toMatchObject({ startYear: 2025, endYear: 2025, attribute: 'continuing' });
    expect(copy.origin).toMatchObject({ kind: 'plan', planId: id, period: [2024, 2024] });
    expect(copy.check.findings.some((f) => f.rule === 'plan-period-year')).toBe(false);
    // a period of several years keeps its length and ends in the new year
    const long = await create(unitA, { year: 2024, from: { kind: 'blank', name: '三年期项目' } });
    json(await call(unitA, 'POST', `/api/plans/${long.id}/save`, { baseVersionId: long.versionId, content: { ...GOOD, name: '三年期项目', startYear: 2022, endYear: 2024 } }), p.planSaveResponse);
    expect((await get(unitA, (await create(unitA, { year: 2025, from: { kind: 'plan', planId: long.id } })).id)).content).toMatchObject({ startYear: 2023, endYear: 2025 });
    // a 2025 plan saved with last year's period: the review says the year lies outside it
    const kept = await create(unitA);
    const saved = json(await call(unitA, 'POST', `/api/plans/${kept.id}/save`, { baseVersionId: kept.versionId, content: GOOD }), p.planSaveResponse);
    expect(saved.check.findings.find((f) => f.rule === 'plan-period-year')?.message).toBe('预算年度 2025 年不在实施期 2024—2024年 内。');

    const file = '002_02da4d888feccc7a.txt';
    await importBytes(store(), readFileSync(join(SAMPLES, file)), { file });
    const spans = json(await call(finance, 'GET', `/api/plans?source=publication&year=2024&q=${encodeURIComponent('2024-2025年信息化运维项目')}`), p.planListResponse);
    expect(spans.total).toBeGreaterThan(0);
    const published = await get(finance, spans.items[0]!.id);
    expect(published.content).toMatchObject({ startYear: 2024, endYear: 2025 });
    const fromRow = await get(unitA, (await create(unitA, { year: 2026, from: { kind: 'project', projectId: published.publication!.projectId! } })).id);
    expect(fromRow.content).toMatchObject({ startYear: 2025, endYear: 2026 });
  });

  test('the live check reviews unsaved content and refuses malformed content with a Chinese message', async () => {
    const r = json(await call(unitA, 'POST', '/api/plans/check', { content: GOOD, year: 2025 }), p.planCheckResponse);
    expect(r.grade).toBe('优');
    expect(r.targets[2]!.annual).toMatchObject({ kind: 'deadline', year: 2024, month: 11 });
    expect(error(await call(unitA, 'POST', '/api/plans/check', { content: { ...GOOD, name: '' } }), 422, 'plan-invalid').message).toMatch(/项目名称不能为空/);
    error(await call(null, 'POST', '/api/plans/check', { content: GOOD }), 401);
  });
});

