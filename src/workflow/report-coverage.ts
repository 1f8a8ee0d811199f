// 报送情况 of one monitoring period: the plans that are to report — a version approved (已批复, 已公开, or
// under 调整), of the year, in the caller's scope and the dashboard's filters — and which of them have a
// report of the period and which have submitted it. The lights cover only the reports that exist, so a
// unit that reports nothing shows no red there; this is where the finance bureau sees whom to chase (催报).
import type { Kysely } from 'kysely';
import type { MonitoringDatabase } from '../store/monitoring-schema.js';
import { departmentName, departmentOf } from './report-orgs.js';
import type { ReportState } from './report-states.js';

/** the plans without a report that the answer lists by name; the counts cover all */
export const MISSING_LISTED = 200;

export interface CoverageCount {
  /** plans to report (应报) */
  readonly plans: number;
  /** with a report of the period, in any state (已填报) */
  readonly reported: number;
  /** with the report submitted or approved (已报送) */
  readonly submitted: number;
}

export interface Coverage extends CoverageCount {
  /** per unit, the units with most plans not reported first */
  readonly byUnit: readonly (CoverageCount & { readonly unit: string; readonly department: string | null })[];
  /** plans without a report of the period (未填报), by unit and name; at most MISSING_LISTED */
  readonly missing: readonly { readonly planId: number; readonly project: string; readonly unit: string; readonly department: string | null }[];
  readonly missingTotal: number;
}

export async function periodCoverage(
  db: Kysely<MonitoringDatabase>, scope: readonly number[] | null,
  f: { readonly year: number; readonly month: number; readonly department?: string | undefined; readonly unit?: string | undefined },
  submittedStates: readonly ReportState[],
): Promise<Coverage> {
  let q = db.selectFrom('plans as pl')
    .innerJoin('orgs as o', 'o.id', 'pl.unit_org_id')
    .leftJoin('orgs as parent', 'parent.id', 'o.parent_id')
    .leftJoin('monitoring_reports as r', (j) => j.onRef('r.plan_id', '=', 'pl.id').on('r.year', '=', f.year).on('r.month', '=', f.month))
    .where('pl.year', '=', f.year).where('pl.approved_version_id', 'is not', null);
  if (scope !== null) q = q.where('pl.unit_org_id', 'in', scope.length ? [...scope] : [-1]);
  if (f.department) q = q.where(departmentOf, '=', f.department);
  if (f.unit) q = q.where('o.name', '=', f.unit);
  const rows = await q.select(['pl.id', 'pl.name', 'o.name as unit', departmentName, 'r.state']).orderBy('o.name').orderBy('pl.name').orderBy('pl.id').execute();
  const units = new Map<string, { unit: string; department: string | null; plans: number; reported: number; submitted: number }>();
  const missing: { planId: number; project: string; unit: string; department: string | null }[] = [];
  let reported = 0;
  let submitted = 0;
  for (const r of rows) {
    if (!units.has(r.unit)) units.set(r.unit, { unit: r.unit, department: r.department, plans: 0, reported: 0, submitted: 0 });
    const u = units.get(r.unit)!;
    u.plans++;
    if (r.state === null) {
      missing.push({ planId: Number(r.id), project: r.name, unit: r.unit, department: r.department });
      continue;
    }
    u.reported++;
    reported++;
    if (submittedStates.includes(r.state as ReportState)) {
      u.submitted++;
      submitted++;
    }
  }
  const byUnit = [...units.values()].sort((a, b) => (b.plans - b.reported) - (a.plans - a.reported) || a.unit.localeCompare(b.unit, 'zh'));
  return { plans: rows.length, reported, submitted, byUnit, missing: missing.slice(0, MISSING_LISTED), missingTotal: missing.length };
}
