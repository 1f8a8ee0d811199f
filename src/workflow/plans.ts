// The store operations of the workflow: create, save (based on a version: a stale base is a 409 with the
// other person's changes), submit, approve, return with comments, publish, adjust, comment. Each runs in
// one transaction that checks the caller's scope and the state machine (states.ts), writes the version
// or event, and appends to the audit log (src/auth audit) with what changed — so the log and the plan
// never disagree. Nothing is ever updated in place except the plan row's pointers: versions, events and
// comments are only inserted.
import type { Kysely, Transaction } from 'kysely';
import { audit, getOrg, scopeOrgIds, withinScope } from '../auth/index.js';
import type { Caller, Principal } from '../auth/roles.js';
import type { Database, Store } from '../store/index.js';
import { planDb, type PlanDatabase } from '../store/plans-schema.js';
import { checkPlan, type PlanCheck } from './check.js';
import { comparePlans, type PlanDiff } from './compare.js';
import { continuedVersion, supersede, type SessionVersion } from './edit-session.js';
import { blankPlan, canonical, fundingAddsUp, periodFor, planContentSchema, type PlanContent } from './content.js';
import { notFound, WorkflowError } from './errors.js';
import { storedProject } from './publication.js';
import { ACTION_LABEL, decide, STATE_LABEL, type Action, type State } from './states.js';
import { zhError } from '../model/zod-zh.js';

export type Trx = Kysely<PlanDatabase>;
export const nowIso = (): string => new Date().toISOString();
const cents = (x: number): number => Math.round(x * 100);

export interface PlanRow {
  readonly id: number;
  readonly unitOrgId: number;
  readonly year: number | null;
  readonly name: string;
  readonly state: State;
  readonly source: 'authored' | 'publication';
  readonly currentVersionId: number;
  readonly approvedVersionId: number | null;
}

/** Runs `f` in one transaction of the store, with the plan tables typed. */
export function inTransaction<T>(store: Store, f: (trx: Trx) => Promise<T>): Promise<T> {
  return planDb(store.db).transaction().execute((trx: Transaction<PlanDatabase>) => f(trx));
}

/**
 * The plan if the caller may see it (its unit is in the caller's scope), locked for the rest of the
 * transaction on PostgreSQL (SQLite runs one writer at a time). Outside the scope it is "not found":
 * the answer does not reveal that the plan exists.
 */
export async function planFor(trx: Trx, store: Store, actor: Principal, id: number, lock = false): Promise<PlanRow> {
  let q = trx.selectFrom('plans').select(['id', 'unit_org_id', 'year', 'name', 'state', 'source', 'current_version_id', 'approved_version_id']).where('id', '=', id);
  if (lock && store.dialect === 'postgres') q = q.forUpdate();
  const r = await q.executeTakeFirst();
  if (!r || !withinScope(await scopeOrgIds({ db: trx as unknown as Kysely<Database> }, actor), Number(r.unit_org_id))) throw notFound(id);
  return {
    id: Number(r.id), unitOrgId: Number(r.unit_org_id), year: r.year, name: r.name, state: r.state as State, source: r.source as PlanRow['source'],
    currentVersionId: Number(r.current_version_id), approvedVersionId: r.approved_version_id === null ? null : Number(r.approved_version_id),
  };
}

/** refuses what the state machine refuses: the role (403) or the state (409), with its Chinese reason */
function allow(plan: PlanRow, action: Action, actor: Principal) {
  const d = decide(plan.state, action, actor.role);
  if (!d.ok) throw new WorkflowError(d.reason === 'role' ? 'forbidden' : 'state', d.reason === 'role' ? 'action-forbidden' : 'invalid-state', d.message);
  return d.transition;
}

export async function versionContent(trx: Trx, versionId: number): Promise<{ id: number; number: number; content: PlanContent; author: string; createdAt: string }> {
  const v = await trx.selectFrom('plan_versions').select(['id', 'number', 'content', 'author_name', 'created_at']).where('id', '=', versionId).executeTakeFirstOrThrow();
  return { id: Number(v.id), number: v.number, content: JSON.parse(v.content) as PlanContent, author: v.author_name, createdAt: v.created_at };
}

async function unitName(trx: Trx, orgId: number): Promise<string> {
  return (await getOrg(trx as unknown as Kysely<Database>, orgId))?.name ?? '单位';
}

interface NewVersion {
  readonly planId: number;
  readonly basedOn: number | null;
  readonly kind: 'create' | 'save' | 'adjust' | 'import';
  readonly content: PlanContent;
  readonly authorId: number | null;
  readonly authorName: string;
  readonly check: PlanCheck;
  /** the working version the new one must replace: a plan moved on meanwhile is a conflict (409) */
  readonly replaces?: number;
  /** the working version this save continues (edit-session.ts): the new one takes its number and base */
  readonly continues?: SessionVersion | null;
  /** the editor instance saving (edit-session.ts) */
  readonly session?: string | null;
}

/** inserts the next version of a plan and makes it the working one; returns its id and number */
export async function addVersion(trx: Trx, v: NewVersion, now = nowIso()): Promise<{ id: number; number: number }> {
  let number: number;
  if (v.continues) {
    await supersede(trx, v.continues);
    number = v.continues.number;
  } else {
    const last = await trx.selectFrom('plan_versions').select((eb) => eb.fn.max('number').as('n')).where('plan_id', '=', v.planId).executeTakeFirst();
    number = Number(last?.n ?? 0) + 1;
  }
  const r = await trx.insertInto('plan_versions').values({
    plan_id: v.planId, number, based_on_id: v.continues ? v.continues.basedOn : v.basedOn, kind: v.kind, content: canonical(v.content), author_id: v.authorId, author_name: v.authorName,
    created_at: now, review_score: v.check.score, review_grade: v.check.grade, finding_count: v.check.findings.length, edit_session: v.session ?? null,
  }).returning('id').executeTakeFirstOrThrow();
  const id = Number(r.id);
  let q = trx.updateTable('plans').set({
    current_version_id: id, name: v.content.name, total: cents(v.content.funding.total), review_score: v.check.score, review_grade: v.check.grade, updated_at: now,
  }).where('id', '=', v.planId);
  // the pointer moves only from the version the edit was based on: a writer racing past the row lock
  // (SQLite takes none) cannot make another's save disappear
  if (v.replaces !== undefined) q = q.where('current_version_id', '=', v.replaces);
  const moved = await q.executeTakeFirst();
  if (Number(moved.numUpdatedRows) !== 1) throw new WorkflowError('conflict', 'plan-conflict', '保存未成功：计划在保存时被他人修改，请刷新后重试；您的内容没有丢失。');
  return { id, number };
}

export async function addEvent(trx: Trx, e: {
  planId: number; versionId: number | null; action: string; from: State | null; to: State; actor: Principal | null; actorName?: string;
  comment?: string | null; score?: number | null; grade?: string | null;
}, now = nowIso()): Promise<number> {
  const r = await trx.insertInto('plan_events').values({
    plan_id: e.planId, version_id: e.versionId, action: e.action, from_state: e.from, to_state: e.to,
    actor_id: e.actor?.userId ?? null, actor_name: e.actorName ?? e.actor?.username ?? '系统', actor_role: e.actor?.role ?? null,
    comment: e.comment ?? null, review_score: e.score ?? null, review_grade: e.grade ?? null, created_at: now,
  }).returning('id').executeTakeFirstOrThrow();
  return Number(r.id);
}

const logDb = (trx: Trx): Kysely<Database> => trx as unknown as Kysely<Database>;

async function log(trx: Trx, actor: Caller | null, action: string, plan: { id: number; name: string }, summary: string, detail: Record<string, unknown>): Promise<void> {
  await audit(logDb(trx), { actor, ip: actor?.ip ?? null, action: `plan.${action}`, target: { type: 'plan', id: plan.id }, summary, detail });
}

/** what a version diff says in the audit log: the fields that changed, as summaries */
function diffSummary(d: PlanDiff): Record<string, unknown> {
  return {
    ...(d.name ? { name: d.name.summary } : {}),
    ...(d.funding ? { funding: d.funding.amounts.map((a) => ({ field: a.field, a: a.a, b: a.b })) } : {}),
    ...(d.goal ? { goal: d.goal.summary } : {}),
    ...(d.indicators.length ? { indicators: d.indicators.map((i) => ({ status: i.status, name: i.b?.name ?? i.a?.name, period: i.period?.summary, annual: i.annual?.summary })) } : {}),
    ...(d.attribute ? { attribute: [d.attribute.a, d.attribute.b] } : {}),
    ...(d.period ? { period: [d.period.a, d.period.b] } : {}),
    ...(d.notes ? { notes: d.notes.summary } : {}),
  };
}

function validContent(input: unknown): PlanContent {
  const r = planContentSchema.safeParse(input, { error: zhError });
  if (!r.success) {
    const msg = r.error.issues.map((i) => `${i.path.join('.') || '内容'}：${i.message}`).join('；');
    throw new WorkflowError('invalid', 'plan-invalid', `绩效目标内容有误：${msg}`);
  }
  return r.data;
}

/** the 实施期 a copy moved from, for its origin (the audit log says what the copy changed) */
function periodMoved(from: PlanContent, to: PlanContent): { period?: [number | null, number | null] } {
  return from.startYear === to.startYear && from.endYear === to.endYear ? {} : { period: [from.startYear, from.endYear] };
}

export type CreateSource =
  | { readonly kind: 'blank'; readonly name?: string | undefined }
  | { readonly kind: 'plan'; readonly planId: number }
  | { readonly kind: 'project'; readonly projectId: number }
  | { readonly kind: 'content'; readonly content: PlanContent };

/**
 * A new plan of the caller's unit for a budget year, in 草稿: blank, copied from one of its plans (last
 * year's: the version in force, else the working one) or from any published project, or with content given.
 * A copy's 实施期 is moved to contain the new year (content.ts periodFor); given content is kept as given.
 */
export async function createPlan(store: Store, actor: Caller, input: { year: number; from: CreateSource }): Promise<{ id: number; versionId: number }> {
  if (actor.role !== 'unit' || actor.orgId === null) {
    throw new WorkflowError('forbidden', 'action-forbidden', `只有单位填报人员可以新建绩效目标申报，当前账号（${actor.role}）无权新建。`);
  }
  const orgId = actor.orgId;
  return inTransaction(store, async (trx) => {
    const from = input.from;
    let content: PlanContent;
    let origin: Record<string, unknown>;
    if (from.kind === 'blank') {
      content = blankPlan(input.year, from.name ?? '');
      origin = { kind: 'blank' };
    } else if (from.kind === 'content') {
      content = validContent(from.content);
      origin = { kind: 'content' };
    } else if (from.kind === 'plan') {
      const src = await planFor(trx, store, actor, from.planId);
      const v = await versionContent(trx, src.approvedVersionId ?? src.currentVersionId);
      content = { ...v.content, ...periodFor(v.content, input.year), attribute: src.year !== null && src.year < input.year ? 'continuing' : v.content.attribute };
      origin = { kind: 'plan', planId: src.id, version: v.number, year: src.year, ...periodMoved(v.content, content) };
    } else {
      const p = await storedProject(trx, from.projectId);
      if (!p) throw new WorkflowError('not-found', 'project-not-found', `没有编号为 ${from.projectId} 的已公开项目`);
      content = { ...p.content, ...periodFor(p.content, input.year), attribute: p.year !== null && p.year < input.year ? 'continuing' : p.content.attribute };
      origin = { kind: 'project', projectId: from.projectId, documentId: p.documentId, unit: p.unit, year: p.year, ...periodMoved(p.content, content) };
    }
    const now = nowIso();
    const check = checkPlan(content, await unitName(trx, orgId), input.year);
    const r = await trx.insertInto('plans').values({
      unit_org_id: orgId, year: input.year, name: content.name, state: 'draft', source: 'authored', current_version_id: null, approved_version_id: null,
      document_id: null, project_id: null, origin: JSON.stringify(origin), total: cents(content.funding.total), review_score: null, review_grade: null,
      created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    const id = Number(r.id);
    const v = await addVersion(trx, { planId: id, basedOn: null, kind: 'create', content, authorId: actor.userId, authorName: actor.username, check }, now);
    await addEvent(trx, { planId: id, versionId: v.id, action: 'create', from: null, to: 'draft', actor, score: check.score, grade: check.grade }, now);
    await log(trx, actor, 'create', { id, name: content.name }, `新建绩效目标申报“${content.name || '（未命名）'}”（${input.year}年）`, { origin, year: input.year, version: v.number });
    return { id, versionId: v.id };
  });
}

export interface SaveResult {
  /** the new working version; equal to the base when nothing changed */
  readonly versionId: number;
  readonly number: number;
  readonly unchanged: boolean;
  readonly check: PlanCheck;
}

/**
 * Saves an edit of a 草稿 as a new version, or as the working version again when it continues the same
 * editor's session (`session`, edit-session.ts). `baseVersionId` is the version the edit started from: when
 * someone saved since, the save is refused (409 plan-conflict) with the current version and what changed
 * from the base to it — both versions stay as they were, nothing is overwritten.
 */
export async function savePlan(store: Store, actor: Caller, planId: number, baseVersionId: number, input: unknown, session: string | null = null): Promise<SaveResult> {
  const content = validContent(input);
  return inTransaction(store, async (trx) => {
    const plan = await planFor(trx, store, actor, planId, true);
    allow(plan, 'save', actor);
    if (plan.currentVersionId !== baseVersionId) {
      const base = await trx.selectFrom('plan_versions').select('id').where('id', '=', baseVersionId).where('plan_id', '=', planId).executeTakeFirst();
      const current = await versionContent(trx, plan.currentVersionId);
      const changes = base ? comparePlans((await versionContent(trx, baseVersionId)).content, current.content) : null;
      throw new WorkflowError('conflict', 'plan-conflict',
        `保存未成功：此计划已由 ${current.author} 于 ${current.createdAt} 保存为第 ${current.number} 版，您的修改基于较早的版本。您的内容没有丢失，请查看对方的修改后再合并保存。`,
        { current: { versionId: current.id, number: current.number, author: current.author, createdAt: current.createdAt, content: current.content }, changes });
    }
    const base = await versionContent(trx, baseVersionId);
    const check = checkPlan(content, await unitName(trx, plan.unitOrgId), plan.year);
    if (canonical(base.content) === canonical(content)) return { versionId: base.id, number: base.number, unchanged: true, check };
    const now = nowIso();
    const continues = await continuedVersion(trx, planId, baseVersionId, actor, session, now);
    const v = await addVersion(trx, { planId, basedOn: baseVersionId, kind: 'save', content, authorId: actor.userId, authorName: actor.username, check, replaces: baseVersionId, continues, session }, now);
    await log(trx, actor, 'save', { id: planId, name: content.name },
      continues ? `保存“${content.name}”第 ${v.number} 版（继续编辑）` : `保存“${content.name}”第 ${v.number} 版（基于第 ${base.number} 版）`,
      { version: v.number, basedOn: base.number, continued: continues !== null, diff: diffSummary(comparePlans(base.content, content)) });
    return { versionId: v.id, number: v.number, unchanged: false, check };
  });
}

/** what the server needs to refuse a submission: the things no reviewer should have to send back */
function submittable(c: PlanContent): string[] {
  const out: string[] = [];
  if (!c.name.trim()) out.push('项目名称为空');
  if (!(c.funding.total > 0)) out.push('总计为 0');
  if (!fundingAddsUp(c.funding)) out.push('资金来源之和不等于总计');
  if (!c.goal.trim()) out.push('没有填写绩效目标');
  if (c.indicators.length === 0) out.push('没有绩效指标');
  c.indicators.forEach((i, k) => {
    const lacks = [
      absent(i.level1) ? '一级指标' : null, absent(i.level2) ? '二级指标' : null, blank(i.name) ? '三级指标名称' : null,
      blank(i.period) ? '实施周期指标值' : null, blank(i.annual) ? '年度指标值' : null,
    ].filter((x) => x !== null);
    if (lacks.length) out.push(`第 ${k + 1} 项指标${blank(i.name) ? '' : `“${i.name.trim()}”`}缺少${lacks.join('、')}`);
  });
  return out;
}

// as the review's target-missing rule reads a value: `-`, `—`, `/` stand for nothing
const blank = (s: string): boolean => /^[\s\-—/]*$/.test(s);
const absent = (c: { code: string | null; name: string | null }): boolean => blank(c.code ?? '') && blank(c.name ?? '');

export interface IndicatorComment {
  /** 0-based index of the indicator in the version decided on */
  readonly indicator: number;
  readonly body: string;
}

interface DecisionInput {
  /** the version the caller saw: a decision on anything else is refused (409) */
  readonly versionId: number;
  readonly comment?: string | undefined;
  readonly indicatorComments?: readonly IndicatorComment[] | undefined;
}

/**
 * submit / approve / return / publish: one state change of the working version, with the review score
 * and grade of that version kept on the event. A return must say why (a comment on the plan or on one
 * of its indicators); a department's approval leads to 部门已审, finance's to 已批复 — the version
 * approved is then the one in force.
 */
export async function transition(store: Store, actor: Caller, planId: number, action: 'submit' | 'approve' | 'return' | 'publish', input: DecisionInput): Promise<{ state: State; eventId: number }> {
  return inTransaction(store, async (trx) => {
    const plan = await planFor(trx, store, actor, planId, true);
    const t = allow(plan, action, actor);
    if (input.versionId !== plan.currentVersionId) {
      const cur = await versionContent(trx, plan.currentVersionId);
      throw new WorkflowError('conflict', 'plan-conflict', `操作未成功：计划已更新为第 ${cur.number} 版（${cur.author}，${cur.createdAt}），请刷新后查看最新版本再${ACTION_LABEL[action]}。`,
        { current: { versionId: cur.id, number: cur.number, author: cur.author, createdAt: cur.createdAt, content: cur.content }, changes: null });
    }
    const comment = input.comment?.trim() || null;
    const perIndicator = (input.indicatorComments ?? []).filter((c) => c.body.trim());
    const v = await versionContent(trx, plan.currentVersionId);
    if (action === 'return' && !comment && perIndicator.length === 0) {
      throw new WorkflowError('invalid', 'comment-required', '退回时必须写明退回理由（对整个计划或对某项指标的意见）。');
    }
    for (const c of perIndicator) {
      if (c.indicator < 0 || c.indicator >= v.content.indicators.length) {
        throw new WorkflowError('invalid', 'plan-invalid', `第 ${c.indicator + 1} 项指标不存在：此版本共有 ${v.content.indicators.length} 项指标。`);
      }
    }
    if (action === 'submit') {
      const missing = submittable(v.content);
      if (missing.length) throw new WorkflowError('invalid', 'plan-incomplete', `不能提交：${missing.join('；')}。请补充后再提交。`);
    }
    const check = checkPlan(v.content, await unitName(trx, plan.unitOrgId), plan.year);
    const now = nowIso();
    const eventId = await addEvent(trx, { planId, versionId: v.id, action, from: plan.state, to: t.to, actor, comment, score: check.score, grade: check.grade }, now);
    for (const c of perIndicator) {
      await trx.insertInto('plan_comments').values({
        plan_id: planId, version_id: v.id, event_id: eventId, indicator_index: c.indicator, indicator_name: v.content.indicators[c.indicator]!.name,
        author_id: actor.userId, author_name: actor.username, author_role: actor.role, body: c.body.trim(), created_at: now,
      }).execute();
    }
    const approvedNow = action === 'approve' && t.to === 'approved';
    await trx.updateTable('plans').set({ state: t.to, updated_at: now, ...(approvedNow ? { approved_version_id: v.id } : {}) }).where('id', '=', planId).execute();
    await log(trx, actor, action, { id: planId, name: v.content.name },
      `${t.label}“${v.content.name}”第 ${v.number} 版：${STATE_LABEL[plan.state]} → ${STATE_LABEL[t.to]}（评分 ${check.score} ${check.grade}）${comment ? `，意见：${comment}` : ''}`,
      { version: v.number, state: [plan.state, t.to], score: check.score, grade: check.grade, ...(comment ? { comment } : {}), ...(perIndicator.length ? { indicatorComments: perIndicator.map((c) => ({ indicator: c.indicator + 1, name: v.content.indicators[c.indicator]!.name, body: c.body })) } : {}) });
    return { state: t.to, eventId };
  });
}

/**
 * 调整: a change to an approved (or published) plan. The working version becomes a new 草稿 copy of the
 * one in force; the approved version stays in force until this one is approved in its turn.
 */
export async function adjustPlan(store: Store, actor: Caller, planId: number, input: { comment?: string | undefined }): Promise<{ versionId: number }> {
  return inTransaction(store, async (trx) => {
    const plan = await planFor(trx, store, actor, planId, true);
    const t = allow(plan, 'adjust', actor);
    const inForce = await versionContent(trx, plan.approvedVersionId ?? plan.currentVersionId);
    const check = checkPlan(inForce.content, await unitName(trx, plan.unitOrgId), plan.year);
    const now = nowIso();
    const v = await addVersion(trx, { planId, basedOn: inForce.id, kind: 'adjust', content: inForce.content, authorId: actor.userId, authorName: actor.username, check, replaces: plan.currentVersionId }, now);
    const comment = input.comment?.trim() || null;
    await addEvent(trx, { planId, versionId: v.id, action: 'adjust', from: plan.state, to: t.to, actor, comment, score: check.score, grade: check.grade }, now);
    await trx.updateTable('plans').set({ state: t.to, updated_at: now }).where('id', '=', planId).execute();
    await log(trx, actor, 'adjust', { id: planId, name: inForce.content.name },
      `发起调整“${inForce.content.name}”：第 ${v.number} 版（复制自批复的第 ${inForce.number} 版），批复前第 ${inForce.number} 版继续有效`,
      { version: v.number, inForce: inForce.number, state: [plan.state, t.to], ...(comment ? { comment } : {}) });
    return { versionId: v.id };
  });
}

/** A comment on the plan or on one indicator of a version (the working one by default); no state change. */
export async function commentPlan(store: Store, actor: Caller, planId: number, input: { versionId?: number | undefined; indicator?: number | null | undefined; body: string }): Promise<{ id: number }> {
  const body = input.body.trim();
  if (!body) throw new WorkflowError('invalid', 'plan-invalid', '评论内容不能为空。');
  return inTransaction(store, async (trx) => {
    const plan = await planFor(trx, store, actor, planId);
    allow(plan, 'comment', actor);
    const versionId = input.versionId ?? plan.currentVersionId;
    const own = await trx.selectFrom('plan_versions').select('id').where('id', '=', versionId).where('plan_id', '=', planId).executeTakeFirst();
    if (!own) throw new WorkflowError('not-found', 'version-not-found', `此计划没有编号为 ${versionId} 的版本。`);
    const v = await versionContent(trx, versionId);
    const index = input.indicator ?? null;
    if (index !== null && (index < 0 || index >= v.content.indicators.length)) {
      throw new WorkflowError('invalid', 'plan-invalid', `第 ${index + 1} 项指标不存在：第 ${v.number} 版共有 ${v.content.indicators.length} 项指标。`);
    }
    const r = await trx.insertInto('plan_comments').values({
      plan_id: planId, version_id: versionId, event_id: null, indicator_index: index, indicator_name: index === null ? null : v.content.indicators[index]!.name,
      author_id: actor.userId, author_name: actor.username, author_role: actor.role, body, created_at: nowIso(),
    }).returning('id').executeTakeFirstOrThrow();
    await log(trx, actor, 'comment', { id: planId, name: v.content.name },
      `评论“${v.content.name}”第 ${v.number} 版${index === null ? '' : `第 ${index + 1} 项指标“${v.content.indicators[index]!.name}”`}：${body.slice(0, 200)}`,
      { version: v.number, indicator: index === null ? null : index + 1, body });
    return { id: Number(r.id) };
  });
}
