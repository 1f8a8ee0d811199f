// Reading plans: 我的项目 (the caller's plans by year and state), 待我审核 (the plans waiting for the
// caller's decision), one plan with its versions, events, comments and the review of its working
// version, and the comparison of two versions. Everything is limited to the caller's scope; a plan
// outside it is not found.
import type { Kysely } from 'kysely';
import { listOrgs, scopeOrgIds, type OrgScope } from '../auth/index.js';
import type { Principal } from '../auth/roles.js';
import type { Database, Store } from '../store/index.js';
import { planDb, type PlanDatabase } from '../store/plans-schema.js';
import { checkPlan, type PlanCheck } from './check.js';
import { comparePlans, type PlanDiff } from './compare.js';
import type { PlanContent } from './content.js';
import { WorkflowError } from './errors.js';
import { planFor, inTransaction, versionContent } from './plans.js';
import { lastPlanAction } from './last-action.js';
import { syncPublishedPlans } from './publication.js';
import { publicCheck, publicDiffers, type PublicCheck } from './public-check.js';
import { ACTIONS, decide, REVIEWER_OF, STATE_LABEL, STATES, type Action, type State } from './states.js';
import { SUPERSEDED } from './edit-session.js';

export interface PlanSummary {
  readonly id: number;
  readonly unitOrgId: number;
  readonly unit: string;
  readonly department: string | null;
  readonly year: number | null;
  readonly name: string;
  readonly state: State;
  readonly stateLabel: string;
  readonly source: 'authored' | 'publication';
  /** 总计 of the working version, 万元 */
  readonly total: number;
  readonly reviewScore: number | null;
  readonly reviewGrade: string | null;
  readonly currentVersion: number;
  readonly approvedVersion: number | null;
  /** an 调整 under way: the approved version is in force while a newer one is edited or reviewed */
  readonly adjusting: boolean;
  /** written in the app and published: whether its public row differs from the approved version; else null */
  readonly publicDiffers: boolean | null;
  /** a draft returned by its reviewer and not resubmitted yet (the unit's 待办) */
  readonly returned: boolean;
  readonly updatedAt: string;
}

export interface PlanListQuery {
  readonly year?: number | undefined;
  readonly state?: State | undefined;
  readonly source?: 'authored' | 'publication' | undefined;
  readonly unitOrgId?: number | undefined;
  readonly q?: string | undefined;
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

type Db = Kysely<PlanDatabase>;

const scoped = (scope: OrgScope) => (scope === 'all' ? null : [...scope]);

async function summaries(db: Db, where: (q: ReturnType<typeof base>) => ReturnType<typeof base>, limit: number, offset: number, compare = true): Promise<{ total: number; items: PlanSummary[] }> {
  const q = where(base(db));
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await q.select([
    'pl.id', 'pl.unit_org_id', 'pl.year', 'pl.name', 'pl.state', 'pl.source', 'pl.total', 'pl.review_score', 'pl.review_grade', 'pl.updated_at',
    'o.name as unit', 'parent.name as department', 'cv.number as currentNumber', 'av.number as approvedNumber', 'pl.approved_version_id', 'pl.current_version_id', 'pl.project_id',
    lastPlanAction.as('lastAction'),
  ]).orderBy('pl.year', 'desc').orderBy('pl.updated_at', 'desc').orderBy('pl.id', 'desc').limit(limit).offset(offset).execute();
  const differs = new Map<number, boolean | null>();
  for (const r of compare ? rows : []) {
    if (r.source !== 'authored' || r.project_id === null || r.approved_version_id === null) continue;
    differs.set(Number(r.id), await publicDiffers(db, Number(r.approved_version_id), Number(r.project_id)));
  }
  return {
    total,
    items: rows.map((r) => ({
      id: Number(r.id), unitOrgId: Number(r.unit_org_id), unit: r.unit ?? '', department: r.department ?? null, year: r.year, name: r.name,
      state: r.state as State, stateLabel: STATE_LABEL[r.state as State], source: r.source as PlanSummary['source'], total: Number(r.total) / 100,
      reviewScore: r.review_score, reviewGrade: r.review_grade, currentVersion: Number(r.currentNumber ?? 0), approvedVersion: r.approvedNumber === null ? null : Number(r.approvedNumber),
      adjusting: r.approved_version_id !== null && Number(r.approved_version_id) !== Number(r.current_version_id),
      publicDiffers: differs.get(Number(r.id)) ?? null, returned: r.state === 'draft' && r.lastAction === 'return', updatedAt: r.updated_at,
    })),
  };
}

function base(db: Db) {
  return db.selectFrom('plans as pl')
    .leftJoin('orgs as o', 'o.id', 'pl.unit_org_id')
    .leftJoin('orgs as parent', 'parent.id', 'o.parent_id')
    .leftJoin('plan_versions as cv', 'cv.id', 'pl.current_version_id')
    .leftJoin('plan_versions as av', 'av.id', 'pl.approved_version_id');
}

/** 我的项目: the plans in the caller's scope, newest year first, filtered by year, state, source, unit or name. */
export async function listPlans(store: Store, actor: Principal, query: PlanListQuery = {}): Promise<{ total: number; items: PlanSummary[] }> {
  await syncPublishedPlans(store);
  const db = planDb(store.db);
  const ids = scoped(await scopeOrgIds(store, actor));
  if (ids !== null && ids.length === 0) return { total: 0, items: [] };
  return summaries(db, (q) => {
    let x = q;
    if (ids !== null) x = x.where('pl.unit_org_id', 'in', ids);
    if (query.year !== undefined) x = x.where('pl.year', '=', query.year);
    if (query.state) x = x.where('pl.state', '=', query.state);
    if (query.source) x = x.where('pl.source', '=', query.source);
    if (query.unitOrgId !== undefined) x = x.where('pl.unit_org_id', '=', query.unitOrgId);
    if (query.q) x = x.where('pl.name', 'like', `%${query.q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`);
    return x;
  }, query.limit ?? 50, query.offset ?? 0);
}

/** 待我审核: plans whose next step is the caller's (a department: submitted; finance: 部门已审), oldest first. */
export async function reviewQueue(store: Store, actor: Principal): Promise<{ total: number; items: PlanSummary[] }> {
  const states = STATES.filter((s) => REVIEWER_OF[s] === actor.role);
  if (states.length === 0) return { total: 0, items: [] };
  const db = planDb(store.db);
  const ids = scoped(await scopeOrgIds(store, actor));
  if (ids !== null && ids.length === 0) return { total: 0, items: [] };
  const page = await summaries(db, (q) => {
    let x = q.where('pl.state', 'in', states);
    if (ids !== null) x = x.where('pl.unit_org_id', 'in', ids);
    return x;
  }, 500, 0);
  return { total: page.total, items: [...page.items].sort((a, b) => a.updatedAt.localeCompare(b.updatedAt)) };
}

export interface VersionInfo {
  readonly id: number;
  readonly number: number;
  readonly basedOn: number | null;
  readonly kind: string;
  readonly author: string;
  readonly createdAt: string;
  readonly reviewScore: number | null;
  readonly reviewGrade: string | null;
  readonly findingCount: number;
}

export interface EventInfo {
  readonly id: number;
  readonly action: string;
  readonly version: number | null;
  readonly fromState: State | null;
  readonly toState: State;
  readonly actor: string;
  readonly actorRole: string | null;
  readonly comment: string | null;
  readonly reviewScore: number | null;
  readonly reviewGrade: string | null;
  readonly createdAt: string;
}

export interface CommentInfo {
  readonly id: number;
  readonly version: number | null;
  readonly eventId: number | null;
  /** 0-based index of the indicator in that version; null: the whole plan */
  readonly indicator: number | null;
  readonly indicatorName: string | null;
  readonly author: string;
  readonly authorRole: string | null;
  readonly body: string;
  readonly createdAt: string;
}

export interface PlanDetail {
  readonly plan: PlanSummary;
  /** the working version: what a save must be based on */
  readonly version: VersionInfo;
  readonly content: PlanContent;
  /** the review of the working version, findings on the lines they concern */
  readonly check: PlanCheck;
  /** the version in force when it is not the working one (an 调整 under way) */
  readonly approved: { readonly version: VersionInfo; readonly content: PlanContent } | null;
  readonly versions: readonly VersionInfo[];
  readonly events: readonly EventInfo[];
  readonly comments: readonly CommentInfo[];
  /** what the caller may do now (states.ts for its role) */
  readonly allowed: readonly Action[];
  /** the publication a plan from an imported table came from */
  readonly publication: { readonly documentId: number; readonly projectId: number | null } | null;
  /** a plan written in the app and linked to a published row: that row against the approved version */
  readonly publicCheck: PublicCheck | null;
  readonly origin: Record<string, unknown>;
}

export async function getPlan(store: Store, actor: Principal, id: number): Promise<PlanDetail> {
  // a table imported since (by any path) may publish this plan: its row is linked before it is shown
  await syncPublishedPlans(store);
  return inTransaction(store, async (trx) => {
    const row = await planFor(trx, store, actor, id);
    // its public check is made below, in full: the summary's flag is taken from it, not compared again
    const listed = (await summaries(trx, (q) => q.where('pl.id', '=', id), 1, 0, false)).items[0]!;
    const extra = await trx.selectFrom('plans').select(['document_id', 'project_id', 'origin']).where('id', '=', id).executeTakeFirstOrThrow();
    const publicState = listed.source === 'authored' ? await publicCheck(trx, id, row.approvedVersionId, extra.project_id === null ? null : Number(extra.project_id)) : null;
    const summary: PlanSummary = { ...listed, publicDiffers: publicState ? publicState.diff.changed : null };
    const versions = (await trx.selectFrom('plan_versions as v').leftJoin('plan_versions as b', 'b.id', 'v.based_on_id')
      .select(['v.id', 'v.number', 'b.number as basedOn', 'v.kind', 'v.author_name', 'v.created_at', 'v.review_score', 'v.review_grade', 'v.finding_count'])
      .where('v.plan_id', '=', id).where('v.kind', '<>', SUPERSEDED).orderBy('v.number', 'desc').execute()).map((v): VersionInfo => ({
      id: Number(v.id), number: v.number, basedOn: v.basedOn === null ? null : Number(v.basedOn), kind: v.kind, author: v.author_name, createdAt: v.created_at,
      reviewScore: v.review_score, reviewGrade: v.review_grade, findingCount: v.finding_count,
    }));
    const numberOf = new Map(versions.map((v) => [v.id, v.number]));
    const events = (await trx.selectFrom('plan_events').selectAll().where('plan_id', '=', id).orderBy('id').execute()).map((e): EventInfo => ({
      id: Number(e.id), action: e.action, version: e.version_id === null ? null : numberOf.get(Number(e.version_id)) ?? null, fromState: e.from_state as State | null,
      toState: e.to_state as State, actor: e.actor_name, actorRole: e.actor_role, comment: e.comment, reviewScore: e.review_score, reviewGrade: e.review_grade, createdAt: e.created_at,
    }));
    const comments = (await trx.selectFrom('plan_comments').selectAll().where('plan_id', '=', id).orderBy('id').execute()).map((c): CommentInfo => ({
      id: Number(c.id), version: c.version_id === null ? null : numberOf.get(Number(c.version_id)) ?? null, eventId: c.event_id === null ? null : Number(c.event_id),
      indicator: c.indicator_index, indicatorName: c.indicator_name, author: c.author_name, authorRole: c.author_role, body: c.body, createdAt: c.created_at,
    }));
    const current = await versionContent(trx, row.currentVersionId);
    const approved = row.approvedVersionId !== null && row.approvedVersionId !== row.currentVersionId
      ? { version: versions.find((v) => v.id === row.approvedVersionId)!, content: (await versionContent(trx, row.approvedVersionId)).content } : null;
    return {
      plan: summary,
      version: versions.find((v) => v.id === row.currentVersionId)!,
      content: current.content,
      check: checkPlan(current.content, summary.unit, row.year),
      approved,
      versions, events, comments,
      allowed: ACTIONS.filter((a) => decide(row.state, a, actor.role).ok),
      publication: extra.document_id === null ? null : { documentId: Number(extra.document_id), projectId: extra.project_id === null ? null : Number(extra.project_id) },
      publicCheck: publicState,
      origin: JSON.parse(extra.origin) as Record<string, unknown>,
    };
  });
}

/** What changed from version `a` to version `b` of one plan (numbers as shown in its history). */
export async function compareVersions(store: Store, actor: Principal, id: number, a: number, b: number): Promise<{ a: VersionInfo; b: VersionInfo; diff: PlanDiff }> {
  return inTransaction(store, async (trx) => {
    await planFor(trx, store, actor, id);
    const rows = await trx.selectFrom('plan_versions').select(['id', 'number', 'based_on_id', 'kind', 'author_name', 'created_at', 'review_score', 'review_grade', 'finding_count', 'content'])
      .where('plan_id', '=', id).where('number', 'in', [a, b]).where('kind', '<>', SUPERSEDED).execute();
    const pick = (n: number) => {
      const r = rows.find((x) => x.number === n);
      if (!r) throw new WorkflowError('not-found', 'version-not-found', `此计划没有第 ${n} 版。`);
      return r;
    };
    const [ra, rb] = [pick(a), pick(b)];
    const info = (r: typeof ra): VersionInfo => ({
      id: Number(r.id), number: r.number, basedOn: null, kind: r.kind, author: r.author_name, createdAt: r.created_at, reviewScore: r.review_score, reviewGrade: r.review_grade, findingCount: r.finding_count,
    });
    return { a: info(ra), b: info(rb), diff: comparePlans(JSON.parse(ra.content) as PlanContent, JSON.parse(rb.content) as PlanContent) };
  });
}

/** the units (单位) the caller can write plans for or review, for filters: its scope's unit organizations */
export async function scopeUnits(store: Store, actor: Principal): Promise<{ id: number; name: string; kind: string }[]> {
  const scope = await scopeOrgIds(store, actor);
  return (await listOrgs(store.db as unknown as Kysely<Database>)).filter((o) => scope === 'all' || scope.has(o.id)).map((o) => ({ id: o.id, name: o.name, kind: o.kind }));
}
