// One department's 绩效自评 of a year, for its printable summary and its forms: every stored
// self-evaluation of the department's units (within the caller's scope: a unit sees itself only, a
// department its units, finance all), each with the latest 运行监控 light of its plan that year. A
// department outside the caller's scope answers as a missing one. Read from the stored results.
import type { Kysely } from 'kysely';
import { listOrgs, scopeOrgIds, subtree, withinScope } from '../auth/index.js';
import type { Principal } from '../auth/roles.js';
import type { LightColour, ProjectEvaluation, ProjectMonitor } from '../score/index.js';
import type { Database, Store } from '../store/index.js';
import { monitoringDb } from '../store/monitoring-schema.js';
import { WorkflowError } from './errors.js';
import { REPORT_STATE_LABEL, type ReportState } from './report-states.js';
import { periodLabel } from './reports.js';

export interface DepartmentEvaluation {
  readonly reportId: number;
  readonly unit: string;
  readonly state: ReportState;
  readonly stateLabel: string;
  readonly demo: boolean;
  readonly evaluation: ProjectEvaluation;
  /** the plan's latest 运行监控 of the year: its light and period, if any */
  readonly monitoring: { readonly light: LightColour | null; readonly periodLabel: string } | null;
}

export interface DepartmentEvaluations {
  readonly department: { readonly id: number; readonly name: string };
  readonly year: number;
  readonly demo: boolean;
  /** in unit order, then project name */
  readonly projects: readonly DepartmentEvaluation[];
  /** the year's approved plans of the same units with no 自评 (绩效自评 is to cover every one), by unit and name */
  readonly notEvaluated: readonly { readonly unit: string; readonly project: string; readonly planId: number }[];
}

const missing = (id: number) => new WorkflowError('not-found', 'department-not-found', `没有编号为 ${id} 的部门，或您无权查看`);

/**
 * A department the caller may ask about: in its scope, or the department its own unit belongs to (a
 * unit's summary is of its department, holding the unit alone).
 */
export async function departmentEvaluations(store: Store, actor: Principal, departmentId: number, year: number): Promise<DepartmentEvaluations> {
  const orgs = await listOrgs(store.db as Kysely<Database>);
  const dept = orgs.find((o) => o.id === departmentId);
  if (!dept || dept.kind !== 'department') throw missing(departmentId);
  const scope = await scopeOrgIds(store, actor);
  const own = actor.orgId === null ? undefined : orgs.find((o) => o.id === actor.orgId);
  const visible = withinScope(scope, dept.id) || (own !== undefined && own.parentId === dept.id);
  if (!visible) throw missing(departmentId);
  const units = [...subtree(orgs, dept.id)].filter((id) => withinScope(scope, id));
  const db = monitoringDb(store.db);
  const rows = units.length === 0 ? [] : await db.selectFrom('evaluations as r')
    .innerJoin('plans as pl', 'pl.id', 'r.plan_id')
    .innerJoin('orgs as o', 'o.id', 'pl.unit_org_id')
    .where('r.year', '=', year).where('pl.unit_org_id', 'in', units)
    .select(['r.id', 'r.plan_id', 'r.state', 'r.demo', 'r.result', 'o.name as unit'])
    .execute();
  const plans = rows.map((r) => Number(r.plan_id));
  const latest = new Map<number, { month: number; light: LightColour | null }>();
  if (plans.length) {
    const ms = await db.selectFrom('monitoring_reports').select(['plan_id', 'month', 'result'])
      .where('year', '=', year).where('plan_id', 'in', plans).execute();
    for (const m of ms) {
      const had = latest.get(Number(m.plan_id));
      if (had && had.month >= Number(m.month)) continue;
      latest.set(Number(m.plan_id), { month: Number(m.month), light: (JSON.parse(m.result) as ProjectMonitor).light });
    }
  }
  const projects = rows.map((r) => {
    const m = latest.get(Number(r.plan_id));
    const state = r.state as ReportState;
    return {
      reportId: Number(r.id), unit: String(r.unit), state, stateLabel: REPORT_STATE_LABEL[state], demo: Number(r.demo) === 1,
      evaluation: JSON.parse(r.result) as ProjectEvaluation,
      monitoring: m ? { light: m.light, periodLabel: periodLabel({ year, month: m.month }) } : null,
    };
  }).sort((a, b) => a.unit.localeCompare(b.unit, 'zh') || a.evaluation.project.localeCompare(b.evaluation.project, 'zh') || a.reportId - b.reportId);
  const evaluated = new Set(plans);
  const due = units.length === 0 ? [] : await db.selectFrom('plans as pl').innerJoin('orgs as o', 'o.id', 'pl.unit_org_id')
    .where('pl.year', '=', year).where('pl.unit_org_id', 'in', units).where('pl.approved_version_id', 'is not', null)
    .select(['pl.id', 'pl.name', 'o.name as unit']).execute();
  const notEvaluated = due.filter((p) => !evaluated.has(Number(p.id))).map((p) => ({ unit: String(p.unit), project: p.name, planId: Number(p.id) }))
    .sort((a, b) => a.unit.localeCompare(b.unit, 'zh') || a.project.localeCompare(b.project, 'zh') || a.planId - b.planId);
  return { department: { id: dept.id, name: dept.name }, year, demo: projects.some((p) => p.demo), projects, notEvaluated };
}
