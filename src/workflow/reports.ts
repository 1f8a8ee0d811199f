// The store operations shared by 运行监控 reports (monitoring.ts) and 绩效自评 (evaluations.ts): create
// on an approved plan, save based on a revision (a stale one is a 409 with the current report; nothing
// is overwritten), submit / approve / return, read and list — each in one transaction that checks the
// caller's scope (a unit its own plans, a department its units', finance all) and the state machine
// (report-states.ts), computes the lights or scores with src/score, and appends to the audit log.
// What differs between the two kinds (the input, how it is scored, what a submission needs) is a
// ReportKind value; this file is the same for both.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { audit, getOrg } from '../auth/index.js';
import type { Caller, Principal } from '../auth/roles.js';
import type { Database, Store } from '../store/index.js';
import type { PlanContent } from './content.js';
import { WorkflowError } from './errors.js';
import { inTransaction, nowIso, planFor, versionContent, type Trx } from './plans.js';
import { allowedReportActions, decideReport, REPORT_STATE_LABEL, type ReportAction, type ReportState } from './report-states.js';
import { zhError } from '../model/zod-zh.js';

// the two tables have the same shape but different names: queries here are written once for both
type AnyDb = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- one query over two tables
const anyDb = (x: Trx | Kysely<Database>): AnyDb => x as unknown as AnyDb;

/** the approved plan a report is measured against, as the report needs it */
export interface PlanBasis {
  readonly planId: number;
  readonly versionId: number;
  readonly versionNumber: number;
  readonly name: string;
  readonly unitOrgId: number;
  readonly unit: string;
  readonly department: string | null;
  readonly planYear: number | null;
  /** the published project the plan is a row of (templates carry it as 项目编号), if any */
  readonly projectId: number | null;
  readonly content: PlanContent;
}

/** one thing a submission needs, on the field it concerns (`indicators.2.measures`) */
export interface FieldIssue {
  readonly field: string;
  readonly message: string;
}

export interface Computed<R> {
  readonly result: R;
  /** the summary columns of the row (light and rate; score and grade) */
  readonly columns: Readonly<Record<string, string | number | null>>;
  /** what must still be filled in before the report can be submitted */
  readonly issues: readonly FieldIssue[];
}

export interface ReportKind<I, R> {
  readonly kind: 'monitoring' | 'evaluation';
  readonly table: 'monitoring_reports' | 'evaluations';
  /** 运行监控报告 / 绩效自评 */
  readonly label: string;
  readonly schema: z.ZodType<I>;
  readonly blank: (plan: PlanBasis) => I;
  readonly compute: (plan: PlanBasis, input: I, period: Period) => Computed<R>;
  /** 运行监控: the periods (end months, 1—N月) the configuration allows in a year; absent: one report a year */
  readonly periods?: (year: number) => readonly number[];
}

/**
 * The scoring configuration the stored reports are computed with (src/score/config.ts as written in a
 * file: defaults, overrides per region and year) and the region it is resolved for. The server takes it
 * from `jixiao serve --score-config`; absent, the defaults (monthly periods).
 */
export interface ReportSettings {
  readonly config?: unknown;
  readonly region?: string | null | undefined;
}

/** what the shared code needs of a kind */
type KindName = Pick<ReportKind<unknown, unknown>, 'kind' | 'table' | 'label'>;

export interface Period {
  readonly year: number;
  /** 运行监控: the period is 1–month月; a self-evaluation covers the whole year */
  readonly month: number | null;
}

export const periodLabel = (p: Period): string => (p.month === null ? `${p.year}年度` : p.month === 1 ? `${p.year}年1月` : `${p.year}年1—${p.month}月`);

export interface ReportEvent {
  readonly action: string;
  readonly from: ReportState | null;
  readonly to: ReportState;
  readonly toLabel: string;
  readonly actor: string;
  readonly role: string | null;
  readonly comment: string | null;
  readonly at: string;
}

export interface StoredReport<I, R> {
  readonly id: number;
  readonly kind: 'monitoring' | 'evaluation';
  readonly planId: number;
  readonly planName: string;
  readonly planVersion: number;
  readonly unit: string;
  readonly department: string | null;
  readonly period: Period;
  readonly periodLabel: string;
  readonly state: ReportState;
  readonly stateLabel: string;
  readonly revision: number;
  readonly demo: boolean;
  /** the plan version measured against */
  readonly content: PlanContent;
  readonly input: I;
  readonly result: R;
  readonly issues: readonly FieldIssue[];
  readonly allowed: readonly ReportAction[];
  readonly events: readonly ReportEvent[];
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

const notFound = (k: { label: string }, id: number) => new WorkflowError('not-found', 'report-not-found', `没有编号为 ${id} 的${k.label}，或您无权查看`);

/** the unit and its department (the unit's parent organization), by name */
export async function orgNames(db: Kysely<Database>, unitOrgId: number): Promise<{ unit: string; department: string | null }> {
  const unit = await getOrg(db, unitOrgId);
  // a department's own plan: the unit is the department
  if (unit?.kind === 'department') return { unit: unit.name, department: unit.name };
  const parent = unit?.parentId ? await getOrg(db, unit.parentId) : undefined;
  return { unit: unit?.name ?? '单位', department: parent?.name ?? null };
}

export async function basisOf(trx: Trx, store: Store, actor: Principal, planId: number, versionId?: number): Promise<PlanBasis> {
  const plan = await planFor(trx, store, actor, planId);
  const vid = versionId ?? plan.approvedVersionId;
  if (vid === null || vid === undefined) {
    throw new WorkflowError('state', 'plan-not-approved', `“${plan.name}”尚未批复：运行监控和绩效自评只能针对已批复的绩效目标填报。`);
  }
  const v = await versionContent(trx, vid);
  const names = await orgNames(trx as unknown as Kysely<Database>, plan.unitOrgId);
  const row = await trx.selectFrom('plans').select('project_id').where('id', '=', plan.id).executeTakeFirst();
  const projectId = row?.project_id === null || row?.project_id === undefined ? null : Number(row.project_id);
  return { planId: plan.id, versionId: v.id, versionNumber: v.number, name: v.content.name, unitOrgId: plan.unitOrgId, ...names, planYear: plan.year, projectId, content: v.content };
}

function parseInput<I>(k: ReportKind<I, unknown>, input: unknown): I {
  const r = k.schema.safeParse(input, { error: zhError });
  if (!r.success) {
    const msg = r.error.issues.map((i) => `${i.path.join('.') || '内容'}：${i.message}`).join('；');
    throw new WorkflowError('invalid', 'report-invalid', `${k.label}内容有误：${msg}`, { issues: r.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })) });
  }
  return r.data;
}

interface Row {
  id: number; plan_id: number; version_id: number; year: number; month?: number; state: string; input: string; result: string;
  demo: number; revision: number; created_by: string; created_at: string; updated_by: string; updated_at: string;
}

async function rowFor(trx: Trx, store: Store, actor: Principal, k: KindName, id: number, lock = false): Promise<{ row: Row; plan: PlanBasis }> {
  let q = anyDb(trx).selectFrom(k.table).selectAll().where('id', '=', id);
  if (lock && store.dialect === 'postgres') q = q.forUpdate();
  const row = (await q.executeTakeFirst()) as Row | undefined;
  if (!row) throw notFound(k, id);
  try {
    return { row, plan: await basisOf(trx, store, actor, Number(row.plan_id), Number(row.version_id)) };
  } catch (e) {
    if (e instanceof WorkflowError && e.kind === 'not-found') throw notFound(k, id);
    throw e;
  }
}

const periodOf = (row: Row): Period => ({ year: row.year, month: row.month === undefined || row.month === null ? null : Number(row.month) });

async function addEvent(trx: Trx, k: { kind: string }, reportId: number, e: { action: string; from: ReportState | null; to: ReportState; actor: Principal | null; comment?: string | null }, now: string): Promise<void> {
  await anyDb(trx).insertInto('report_events').values({
    kind: k.kind, report_id: reportId, action: e.action, from_state: e.from, to_state: e.to, actor_name: e.actor?.username ?? '系统',
    actor_role: e.actor?.role ?? null, comment: e.comment ?? null, created_at: now,
  }).execute();
}

async function log(trx: Trx, actor: Caller | null, k: KindName, id: number, action: string, summary: string, detail: Record<string, unknown>): Promise<void> {
  await audit(trx as unknown as Kysely<Database>, { actor, ip: actor?.ip ?? null, action: `${k.kind}.${action}`, target: { type: k.kind, id }, summary, detail });
}

export interface CreateInput<I> {
  readonly planId: number;
  readonly period: Period;
  /** what to start from; absent: blank (the plan's budget, nothing entered) */
  readonly input?: I | undefined;
  /** generated 演示数据 */
  readonly demo?: boolean | undefined;
}

/** A new report in 草稿 for an approved plan of the caller's unit and a period; one per plan and period. */
export async function createReport<I, R>(store: Store, actor: Caller | null, k: ReportKind<I, R>, c: CreateInput<I>): Promise<{ id: number; revision: number }> {
  if (actor !== null && actor.role !== 'unit') {
    throw new WorkflowError('forbidden', 'action-forbidden', `只有单位填报人员可以新建${k.label}，审核人员只能审核。`);
  }
  const allowed = c.period.month === null ? null : k.periods?.(c.period.year);
  if (allowed && !allowed.includes(c.period.month!)) {
    throw new WorkflowError('request', 'period-not-configured',
      `监控期间“${periodLabel(c.period)}”不在${c.period.year}年配置的监控期间内：应为 ${allowed.map((m) => `1—${m}月`).join('、')} 之一。`, { periods: allowed });
  }
  return inTransaction(store, async (trx) => {
    const system: Principal = { userId: 0, username: '系统', role: 'finance', orgId: null, via: 'token' };
    const plan = await basisOf(trx, store, actor ?? system, c.planId);
    let dup = anyDb(trx).selectFrom(k.table).select('id').where('plan_id', '=', plan.planId).where('year', '=', c.period.year);
    if (c.period.month !== null) dup = dup.where('month', '=', c.period.month);
    const existing = await dup.executeTakeFirst();
    if (existing) {
      throw new WorkflowError('conflict', 'report-exists', `“${plan.name}”${periodLabel(c.period)}的${k.label}已存在（编号 ${existing.id}），请打开它继续填报。`, { id: Number(existing.id) });
    }
    const input = c.input === undefined ? k.blank(plan) : parseInput(k, c.input);
    const computed = k.compute(plan, input, c.period);
    const now = nowIso();
    const who = actor?.username ?? '系统';
    const r = await anyDb(trx).insertInto(k.table).values({
      plan_id: plan.planId, version_id: plan.versionId, year: c.period.year, ...(c.period.month === null ? {} : { month: c.period.month }),
      state: 'draft', input: JSON.stringify(input), result: JSON.stringify(computed.result), ...computed.columns,
      demo: c.demo ? 1 : 0, revision: 1, created_by: who, created_at: now, updated_by: who, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    const id = Number(r.id);
    await addEvent(trx, k, id, { action: 'create', from: null, to: 'draft', actor }, now);
    await log(trx, actor, k, id, 'create', `新建“${plan.name}”${periodLabel(c.period)}${k.label}${c.demo ? '（演示数据）' : ''}`, { plan: plan.planId, version: plan.versionNumber, ...c.period, demo: Boolean(c.demo) });
    return { id, revision: 1 };
  });
}

export interface ReportSaved<R> {
  readonly revision: number;
  readonly result: R;
  readonly issues: readonly FieldIssue[];
}

/**
 * Saves what the unit entered, based on `revision` (the one the form was loaded with): when someone saved
 * since, 409 report-conflict with the current input — nothing is overwritten. Lights / scores are
 * computed and stored with their explanations; what a submission still needs comes back as `issues`.
 */
export async function saveReport<I, R>(store: Store, actor: Caller, k: ReportKind<I, R>, id: number, revision: number, raw: unknown): Promise<ReportSaved<R>> {
  const input = parseInput(k, raw);
  return inTransaction(store, async (trx) => {
    const { row, plan } = await rowFor(trx, store, actor, k, id, true);
    allow(row.state as ReportState, 'save', actor);
    if (Number(row.revision) !== revision) throw stale(k, row);
    const computed = k.compute(plan, input, periodOf(row));
    const now = nowIso();
    const moved = await anyDb(trx).updateTable(k.table).set({
      input: JSON.stringify(input), result: JSON.stringify(computed.result), ...computed.columns, revision: revision + 1, updated_by: actor.username, updated_at: now,
    }).where('id', '=', id).where('revision', '=', revision).executeTakeFirst();
    // SQLite takes no row lock: the revision in the WHERE makes a racing second save miss, and the
    // conflict then carries the row as it is now (the other save's input), not as it was read
    if (Number(moved.numUpdatedRows) !== 1) {
      const current = await anyDb(trx).selectFrom(k.table).selectAll().where('id', '=', id).executeTakeFirst() as Row | undefined;
      throw stale(k, current ?? row);
    }
    await log(trx, actor, k, id, 'save', `保存“${plan.name}”${periodLabel(periodOf(row))}${k.label}（第 ${revision + 1} 次保存）`,
      { revision: revision + 1, columns: computed.columns, issues: computed.issues.length });
    return { revision: revision + 1, result: computed.result, issues: computed.issues };
  });
}

function stale(k: { label: string }, row: Row): WorkflowError {
  return new WorkflowError('conflict', 'report-conflict',
    `保存未成功：此${k.label}已由 ${row.updated_by} 于 ${row.updated_at} 保存（第 ${row.revision} 次），您的修改基于较早的内容。您填写的内容没有丢失，请刷新查看对方的修改后再保存。`,
    { current: { revision: Number(row.revision), updatedBy: row.updated_by, updatedAt: row.updated_at, input: JSON.parse(row.input) as unknown } });
}

function allow(state: ReportState, action: ReportAction, actor: Principal) {
  const d = decideReport(state, action, actor.role);
  if (!d.ok) throw new WorkflowError(d.reason === 'role' ? 'forbidden' : 'state', d.reason === 'role' ? 'action-forbidden' : 'invalid-state', d.message);
  return d;
}

/** submit / approve / return: a return must say why; a submission must have nothing left to fill in. */
export async function decideOn<I, R>(store: Store, actor: Caller, k: ReportKind<I, R>, id: number, action: 'submit' | 'approve' | 'return', input: { revision: number; comment?: string | undefined }): Promise<{ state: ReportState }> {
  return inTransaction(store, async (trx) => {
    const { row, plan } = await rowFor(trx, store, actor, k, id, true);
    const from = row.state as ReportState;
    const d = allow(from, action, actor);
    if (Number(row.revision) !== input.revision) throw stale(k, row);
    const comment = input.comment?.trim() || null;
    if (action === 'return' && !comment) throw new WorkflowError('invalid', 'comment-required', '退回时必须写明退回理由。');
    if (action === 'submit') {
      const computed = k.compute(plan, JSON.parse(row.input) as I, periodOf(row));
      if (computed.issues.length) {
        throw new WorkflowError('invalid', 'report-incomplete', `不能提交：${computed.issues.map((i) => i.message).join('；')}。`, { issues: computed.issues });
      }
    }
    const now = nowIso();
    await anyDb(trx).updateTable(k.table).set({ state: d.to, updated_at: now }).where('id', '=', id).execute();
    await addEvent(trx, k, id, { action, from, to: d.to, actor, comment }, now);
    await log(trx, actor, k, id, action,
      `${d.label}“${plan.name}”${periodLabel(periodOf(row))}${k.label}：${REPORT_STATE_LABEL[from]} → ${REPORT_STATE_LABEL[d.to]}${comment ? `，意见：${comment}` : ''}`,
      { state: [from, d.to], ...(comment ? { comment } : {}) });
    return { state: d.to };
  });
}

/** one report with its plan, history, what the caller may do and what a submission still needs */
export async function getReport<I, R>(store: Store, actor: Principal, k: ReportKind<I, R>, id: number): Promise<StoredReport<I, R>> {
  return inTransaction(store, async (trx) => {
    const { row, plan } = await rowFor(trx, store, actor, k, id);
    const input = JSON.parse(row.input) as I;
    const period = periodOf(row);
    const events = await anyDb(trx).selectFrom('report_events').selectAll().where('kind', '=', k.kind).where('report_id', '=', id).orderBy('id').execute();
    const state = row.state as ReportState;
    return {
      id, kind: k.kind, planId: plan.planId, planName: plan.name, planVersion: plan.versionNumber, unit: plan.unit, department: plan.department,
      period, periodLabel: periodLabel(period), state, stateLabel: REPORT_STATE_LABEL[state], revision: Number(row.revision), demo: Number(row.demo) === 1,
      content: plan.content, input, result: JSON.parse(row.result) as R, issues: k.compute(plan, input, period).issues, allowed: allowedReportActions(state, actor.role),
      events: events.map((e) => ({
        action: String(e.action), from: (e.from_state ?? null) as ReportState | null, to: e.to_state as ReportState, toLabel: REPORT_STATE_LABEL[e.to_state as ReportState],
        actor: String(e.actor_name), role: e.actor_role ?? null, comment: e.comment ?? null, at: String(e.created_at),
      })),
      createdBy: row.created_by, createdAt: row.created_at, updatedBy: row.updated_by, updatedAt: row.updated_at,
    };
  });
}

/** the report's plan basis and its stored input (for filling it from a template) */
export async function reportBasis<I, R>(store: Store, actor: Principal, k: ReportKind<I, R>, id: number): Promise<{ plan: PlanBasis; input: I; revision: number; period: Period }> {
  return inTransaction(store, async (trx) => {
    const { row, plan } = await rowFor(trx, store, actor, k, id);
    return { plan, input: JSON.parse(row.input) as I, revision: Number(row.revision), period: periodOf(row) };
  });
}
