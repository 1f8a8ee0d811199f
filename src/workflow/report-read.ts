// Reading reports: the caller's list (by kind, year, month, state), the 监控 dashboard (lights by
// department, unit and project, the red and yellow ones with their reasons, budget execution against
// 序时进度 by month) and the 自评 department summary (projects by grade, average score, money). All
// limited to the caller's scope, all from the stored results — nothing is recomputed.
import { sql, type Kysely } from 'kysely';
import { scopeOrgIds } from '../auth/index.js';
import type { Principal } from '../auth/roles.js';
import { summarizeEvaluations, type IndicatorCount, type ProjectEvaluation, type ProjectMonitor } from '../score/index.js';
import type { Store } from '../store/index.js';
import { monitoringDb, type MonitoringDatabase } from '../store/monitoring-schema.js';
import { lastReportAction } from './last-action.js';
import { periodCoverage, type Coverage } from './report-coverage.js';
import { departmentId, departmentName, departmentOf } from './report-orgs.js';
import { REPORT_STATE_LABEL, REPORT_STATES, type ReportState } from './report-states.js';
import { periodLabel } from './reports.js';

type Db = Kysely<MonitoringDatabase>;


export interface ReportListQuery {
  readonly year?: number | undefined;
  readonly month?: number | undefined;
  readonly state?: ReportState | undefined;
  readonly planId?: number | undefined;
}

export interface ReportListItem {
  readonly id: number;
  readonly planId: number;
  readonly planName: string;
  readonly unit: string;
  readonly department: string | null;
  readonly year: number;
  readonly month: number | null;
  readonly periodLabel: string;
  readonly state: ReportState;
  readonly stateLabel: string;
  /** a draft returned by its reviewer and not resubmitted yet (the unit's 待办) */
  readonly returned: boolean;
  readonly demo: boolean;
  /** monitoring: the project's light and 执行率; evaluation: score and grade */
  readonly light: string | null;
  readonly rate: number | null;
  readonly score: number | null;
  readonly grade: string | null;
  readonly updatedAt: string;
}

async function scopeFilter(store: Store, actor: Principal): Promise<number[] | null> {
  const s = await scopeOrgIds(store, actor);
  return s === 'all' ? null : [...s];
}

function base(db: Db, table: 'monitoring_reports' | 'evaluations', scope: number[] | null) {
  let q = db.selectFrom(`${table} as r` as 'monitoring_reports as r')
    .innerJoin('plans as pl', 'pl.id', 'r.plan_id')
    .innerJoin('orgs as o', 'o.id', 'pl.unit_org_id')
    .leftJoin('orgs as parent', 'parent.id', 'o.parent_id');
  if (scope !== null) q = q.where('pl.unit_org_id', 'in', scope.length ? scope : [-1]);
  return q;
}

export async function listReports(store: Store, actor: Principal, kind: 'monitoring' | 'evaluation', f: ReportListQuery): Promise<ReportListItem[]> {
  const db = monitoringDb(store.db);
  const scope = await scopeFilter(store, actor);
  const monitoring = kind === 'monitoring';
  let q = base(db, monitoring ? 'monitoring_reports' : 'evaluations', scope);
  if (f.year !== undefined) q = q.where('r.year', '=', f.year);
  if (f.month !== undefined && monitoring) q = q.where('r.month', '=', f.month);
  if (f.state !== undefined) q = q.where('r.state', '=', f.state);
  if (f.planId !== undefined) q = q.where('r.plan_id', '=', f.planId);
  const rows = await q.select(['r.id', 'r.plan_id', 'pl.name as planName', 'o.name as unit', departmentName, 'r.year', 'r.state', 'r.demo', 'r.updated_at', 'r.result'])
    .select(lastReportAction(kind).as('lastAction'))
    .select((eb) => (monitoring ? [eb.ref('r.month').as('month'), eb.ref('r.light').as('light'), eb.ref('r.rate').as('rate')] : []) as never)
    .orderBy('r.year', 'desc').orderBy('r.id', 'desc').limit(2000).execute() as unknown as Record<string, unknown>[];
  return rows.map((r) => {
    const result = JSON.parse(String(r.result)) as Partial<ProjectMonitor & ProjectEvaluation>;
    const month = monitoring ? Number(r.month) : null;
    const state = r.state as ReportState;
    return {
      id: Number(r.id), planId: Number(r.plan_id), planName: String(r.planName), unit: String(r.unit), department: (r.department as string | null) ?? null,
      year: Number(r.year), month, periodLabel: periodLabel({ year: Number(r.year), month }), state, stateLabel: REPORT_STATE_LABEL[state],
      returned: state === 'draft' && r.lastAction === 'return', demo: Number(r.demo) === 1,
      light: monitoring ? (result.light ?? null) : null, rate: monitoring ? (result.money?.rate ?? null) : null,
      score: monitoring ? null : (result.total ?? null), grade: monitoring ? null : (result.grade ?? null), updatedAt: String(r.updated_at),
    };
  });
}

/** 1—N月, without the year */
export const shortLabel = (month: number): string => (month === 1 ? '1月' : `1—${month}月`);

type Colour = 'red' | 'yellow' | 'blue' | 'green' | 'none';
const COLOURS: readonly Colour[] = ['red', 'yellow', 'blue', 'green', 'none'];
const zero = (): Record<Colour, number> => ({ red: 0, yellow: 0, blue: 0, green: 0, none: 0 });

export interface DashboardQuery {
  /** the year shown; absent: the year of the default period (defaultPeriod) */
  readonly year?: number | undefined;
  /** the period shown; absent: the default period of the year (defaultPeriod) */
  readonly month?: number | undefined;
  readonly department?: string | undefined;
  readonly unit?: string | undefined;
  readonly light?: Colour | undefined;
}

/** the states a reviewer has something to look at in: submitted, or approved by the department or finance */
export const SUBMITTED_STATES: readonly ReportState[] = REPORT_STATES.filter((s) => s !== 'draft');

/** one period's monitoring reports: how many, and how many of them are submitted or approved */
export interface PeriodCount { readonly year: number; readonly month: number; readonly reports: number; readonly submitted: number }

/**
 * How the period shown was chosen: asked for (`requested`); by default the newest period holding a report
 * submitted or approved (`submitted`), else — only drafts anywhere — the period with the most reports, the
 * newest of equals (`most`); `none` when there is no report to show (in the year asked for, or at all).
 */
export type PeriodBasis = 'requested' | 'submitted' | 'most' | 'none';

/**
 * The period a reviewer wants to land on: the newest one that holds a submitted or approved report (a
 * newer period holding only a unit's first draft is not it), else the one with the most reports (the newest
 * of equals); null without reports.
 */
export function defaultPeriod(periods: readonly PeriodCount[]): { year: number; month: number; basis: 'submitted' | 'most' } | null {
  const newestFirst = [...periods].filter((p) => p.reports > 0).sort((a, b) => b.year - a.year || b.month - a.month);
  const submitted = newestFirst.find((p) => p.submitted > 0);
  if (submitted) return { year: submitted.year, month: submitted.month, basis: 'submitted' };
  let most: PeriodCount | null = null;
  for (const p of newestFirst) if (most === null || p.reports > most.reports) most = p;
  return most ? { year: most.year, month: most.month, basis: 'most' } : null;
}

/** a year with something to monitor in the caller's scope: its plans, 运行监控 reports and 绩效自评 */
export interface DashboardYear { readonly year: number; readonly plans: number; readonly reports: number; readonly evaluations: number }

export interface Dashboard {
  /** the year shown: the one asked for, else the default period's (else the newest year with a 绩效自评, else the newest year); null when nothing exists */
  readonly year: number | null;
  readonly month: number | null;
  /** the period shown, 1—N月 */
  readonly periodLabel: string | null;
  /** how the period shown was chosen */
  readonly basis: PeriodBasis;
  /** every year of the caller's plans, reports and self-evaluations, newest first: the year filter's options */
  readonly years: readonly DashboardYear[];
  readonly months: readonly number[];
  /** the months of the year with reports as the periods they are (1—N月), with how many reports and how many submitted or approved */
  readonly periods: readonly { month: number; label: string; reports: number; submitted: number }[];
  readonly demo: boolean;
  readonly totals: Record<Colour, number>;
  readonly byDepartment: readonly { name: string; lights: Record<Colour, number> }[];
  readonly byUnit: readonly { name: string; department: string | null; lights: Record<Colour, number> }[];
  readonly projects: readonly { reportId: number; planId: number; project: string; unit: string; department: string | null; light: Colour; explanation: string; rate: number | null; state: string; demo: boolean }[];
  /** the red and yellow ones: the project and each indicator (or the budget) lit red or yellow, with the numbers and the rule */
  readonly alerts: readonly { reportId: number; project: string; unit: string; light: 'red' | 'yellow'; reasons: readonly { what: string; light: string; explanation: string }[] }[];
  /** per month: 累计支出 ÷ 调整后预算 of the reports of that month, against 序时进度 (month ÷ 12) */
  readonly execution: readonly { month: number; label: string; adjusted: number; spent: number; rate: number | null; schedule: number; reports: number }[];
  /** 报送情况 of the period shown (the year's plans with an approved version, within the department and unit filters); null without a period */
  readonly coverage: Coverage | null;
}

/** the years of the caller's plans, 运行监控 reports and 绩效自评, newest first (a plan that prints no year has none) */
async function dashboardYears(db: Db, scope: number[] | null): Promise<DashboardYear[]> {
  const inScope = scope === null ? null : (scope.length ? scope : [-1]);
  let plans = db.selectFrom('plans as pl').where('pl.year', 'is not', null);
  if (inScope !== null) plans = plans.where('pl.unit_org_id', 'in', inScope);
  const perYear = (t: 'monitoring_reports' | 'evaluations') => base(db, t, scope).select((eb) => ['r.year', eb.fn.countAll<number>().as('n')]).groupBy('r.year').execute();
  const [p, m, e] = await Promise.all([plans.select((eb) => ['pl.year', eb.fn.countAll<number>().as('n')]).groupBy('pl.year').execute(), perYear('monitoring_reports'), perYear('evaluations')]);
  const years = new Map<number, { year: number; plans: number; reports: number; evaluations: number }>();
  const at = (y: unknown) => {
    const year = Number(y);
    if (!years.has(year)) years.set(year, { year, plans: 0, reports: 0, evaluations: 0 });
    return years.get(year)!;
  };
  for (const r of p) at(r.year).plans += Number(r.n);
  for (const r of m) at(r.year).reports += Number(r.n);
  for (const r of e) at(r.year).evaluations += Number(r.n);
  return [...years.values()].sort((a, b) => b.year - a.year);
}

export async function monitoringDashboard(store: Store, actor: Principal, f: DashboardQuery): Promise<Dashboard> {
  const db = monitoringDb(store.db);
  const scope = await scopeFilter(store, actor);
  const filtered = () => {
    let q = base(db, 'monitoring_reports', scope);
    if (f.department) q = q.where(departmentOf, '=', f.department);
    if (f.unit) q = q.where('o.name', '=', f.unit);
    return q;
  };
  // every period of the reports the filters leave (any year), counted by state: the default period is chosen from them
  const byState = await filtered().select((eb) => ['r.year', 'r.month', 'r.state', eb.fn.countAll<number>().as('n')]).groupBy(['r.year', 'r.month', 'r.state']).execute();
  const counts = new Map<string, { year: number; month: number; reports: number; submitted: number }>();
  for (const r of byState) {
    const k = `${Number(r.year)}-${Number(r.month)}`;
    if (!counts.has(k)) counts.set(k, { year: Number(r.year), month: Number(r.month), reports: 0, submitted: 0 });
    const c = counts.get(k)!;
    c.reports += Number(r.n);
    if (SUBMITTED_STATES.includes(r.state as ReportState)) c.submitted += Number(r.n);
  }
  const periodCounts = [...counts.values()];
  const years = await dashboardYears(db, scope);
  let year: number | null;
  let month: number | null;
  let basis: PeriodBasis;
  if (f.year !== undefined && f.month !== undefined) {
    [year, month, basis] = [f.year, f.month, 'requested'];
  } else if (f.year !== undefined) {
    const d = defaultPeriod(periodCounts.filter((p) => p.year === f.year));
    [year, month, basis] = [f.year, d?.month ?? null, d?.basis ?? 'none'];
  } else {
    const d = defaultPeriod(periodCounts);
    // no report at all: the newest year with a 绩效自评 (the page shows their summary), else the newest year with a plan
    year = d?.year ?? years.find((y) => y.evaluations > 0)?.year ?? years[0]?.year ?? null;
    month = f.month ?? d?.month ?? null;
    basis = f.month !== undefined ? 'requested' : d?.basis ?? 'none';
  }
  const rows = year === null ? [] : await filtered().where('r.year', '=', year)
    .select(['r.id', 'r.plan_id', 'r.month', 'r.state', 'r.demo', 'r.result', 'o.name as unit', departmentName]).orderBy('r.month').orderBy('r.id').execute();
  const months = [...new Set(rows.map((r) => Number(r.month)))].sort((a, b) => a - b);
  const execution = months.map((m) => {
    const of = rows.filter((r) => Number(r.month) === m).map((r) => (JSON.parse(r.result) as ProjectMonitor).money);
    const adjusted = of.reduce((a, x) => a + x.adjusted, 0);
    const spent = of.reduce((a, x) => a + x.spent, 0);
    return { month: m, label: shortLabel(m), adjusted: Math.round(adjusted * 100) / 100, spent: Math.round(spent * 100) / 100, rate: adjusted > 0 ? spent / adjusted : null, schedule: m / 12, reports: of.length };
  });
  const current = rows.filter((r) => Number(r.month) === month).map((r) => ({ row: r, m: JSON.parse(r.result) as ProjectMonitor }))
    .filter((x) => !f.light || (x.m.light ?? 'none') === f.light);
  const totals = zero();
  const dep = new Map<string, Record<Colour, number>>();
  const unit = new Map<string, { department: string | null; lights: Record<Colour, number> }>();
  for (const { row, m } of current) {
    const c: Colour = m.light ?? 'none';
    totals[c]++;
    const d = row.department ?? '（无部门）';
    if (!dep.has(d)) dep.set(d, zero());
    dep.get(d)![c]++;
    if (!unit.has(row.unit)) unit.set(row.unit, { department: row.department, lights: zero() });
    unit.get(row.unit)!.lights[c]++;
  }
  const rank = (c: Colour) => COLOURS.indexOf(c);
  const projects = current.map(({ row, m }) => ({
    reportId: Number(row.id), planId: Number(row.plan_id), project: m.project, unit: row.unit, department: row.department, light: (m.light ?? 'none') as Colour,
    explanation: m.lightExplanation, rate: m.money.rate, state: REPORT_STATE_LABEL[row.state as ReportState], demo: Number(row.demo) === 1,
  })).sort((a, b) => rank(a.light) - rank(b.light) || a.project.localeCompare(b.project, 'zh'));
  const alerts = current.filter(({ m }) => m.light === 'red' || m.light === 'yellow').map(({ row, m }) => ({
    reportId: Number(row.id), project: m.project, unit: row.unit, light: m.light as 'red' | 'yellow',
    reasons: [
      ...(m.budgetLight.colour === 'red' || m.budgetLight.colour === 'yellow' ? [{ what: '预算执行', light: m.budgetLight.colour, explanation: m.budgetLight.explanation }] : []),
      ...m.indicators.filter((i) => i.light.colour === 'red' || i.light.colour === 'yellow').map((i) => ({ what: i.name, light: i.light.colour!, explanation: i.light.explanation })),
    ],
  })).sort((a, b) => rank(a.light) - rank(b.light));
  return {
    year, month, periodLabel: month === null ? null : shortLabel(month), basis, years, months,
    periods: months.map((m) => ({ month: m, label: shortLabel(m), reports: counts.get(`${year}-${m}`)?.reports ?? 0, submitted: counts.get(`${year}-${m}`)?.submitted ?? 0 })),
    demo: current.some(({ row }) => Number(row.demo) === 1), totals,
    byDepartment: [...dep].map(([name, lights]) => ({ name, lights })),
    byUnit: [...unit].map(([name, v]) => ({ name, department: v.department, lights: v.lights })),
    projects, alerts, execution,
    coverage: year === null || month === null ? null : await periodCoverage(db, scope, { year, month, department: f.department, unit: f.unit }, SUBMITTED_STATES),
  };
}

export interface EvaluationSummary {
  readonly year: number;
  readonly demo: boolean;
  readonly departments: readonly {
    id: number | null; name: string; projects: number;
    /** 应评: the department's plans of the year with an approved version (绩效自评 covers every one) */
    due: number;
    scored: number; byGrade: Record<'优' | '良' | '中' | '差', number>; averageScore: number | null;
    /** the indicators of its reports: how many, how many scored, the rest by kind of reason — grades and the average cover the scored projects only */
    indicators: IndicatorCount;
    money: { annual: number; executed: number; rate: number | null };
  }[];
}

/** 部门汇总: per department, its projects' self-evaluations by grade, the average score, the indicators that could not be scored and the money */
export async function evaluationSummary(store: Store, actor: Principal, year: number): Promise<EvaluationSummary> {
  const db = monitoringDb(store.db);
  const scope = await scopeFilter(store, actor);
  const rows = await base(db as Db, 'evaluations', scope).where('r.year', '=', year)
    .select(['r.result', 'r.demo', departmentName, departmentId]).execute();
  const by = new Map<string, ProjectEvaluation[]>();
  const ids = new Map<string, number | null>();
  const due = new Map<string, number>();
  const at = (r: { department: string | null; department_id?: number | null | undefined }) => {
    const d = r.department ?? '（无部门）';
    if (!by.has(d)) by.set(d, []);
    ids.set(d, r.department_id === null || r.department_id === undefined ? null : Number(r.department_id));
    return d;
  };
  for (const r of rows) by.get(at(r))!.push(JSON.parse(r.result) as ProjectEvaluation);
  // the plans to evaluate: a department with none evaluated yet is listed too
  let plans = db.selectFrom('plans as pl').innerJoin('orgs as o', 'o.id', 'pl.unit_org_id').leftJoin('orgs as parent', 'parent.id', 'o.parent_id')
    .where('pl.year', '=', year).where('pl.approved_version_id', 'is not', null);
  if (scope !== null) plans = plans.where('pl.unit_org_id', 'in', scope.length ? scope : [-1]);
  for (const r of await plans.select(['pl.id', departmentName, departmentId]).execute()) {
    const d = at(r);
    due.set(d, (due.get(d) ?? 0) + 1);
  }
  return {
    year, demo: rows.some((r) => Number(r.demo) === 1),
    departments: [...by].map(([name, es]) => {
      const x = summarizeEvaluations(es);
      return {
        id: ids.get(name) ?? null, name, projects: x.projects, due: due.get(name) ?? 0, scored: x.scored, byGrade: x.byGrade, averageScore: x.averageScore, indicators: x.indicators,
        money: { annual: x.money.annual, executed: x.money.executed, rate: x.money.rate },
      };
    }),
  };
}
