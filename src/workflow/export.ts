// Plans for the .xlsx export: one plan (its working or its approved version) or every plan a 我的项目
// filter selects, with its unit and department, limited to the caller's scope as the JSON reads are
// (a plan outside it is not found). The rows are written by src/report/xlsx/plans.ts.
import type { Principal } from '../auth/roles.js';
import type { Store } from '../store/index.js';
import type { PlanContent } from './content.js';
import { WorkflowError } from './errors.js';
import { inTransaction, planFor, versionContent } from './plans.js';
import { listPlans, type PlanListQuery } from './read.js';

export type PlanVersionChoice = 'current' | 'approved';

export interface ExportedPlan {
  readonly id: number;
  readonly unit: string;
  readonly department: string | null;
  readonly year: number | null;
  /** the version written, as numbered in the plan's history */
  readonly version: number;
  readonly content: PlanContent;
}

/** a set larger than this is refused rather than read whole (plans are a unit's or a department's, not thousands) */
export const EXPORT_MAX_PLANS = 5000;

/** One plan: its working version, or the approved one (404 when it has none yet). */
export async function planForExport(store: Store, actor: Principal, id: number, which: PlanVersionChoice): Promise<ExportedPlan> {
  return inTransaction(store, async (trx) => {
    const row = await planFor(trx, store, actor, id);
    const versionId = which === 'approved' ? row.approvedVersionId : row.currentVersionId;
    if (versionId === null) throw new WorkflowError('not-found', 'plan-not-approved', '此申报尚无批复版本。');
    const names = await trx.selectFrom('orgs as o').leftJoin('orgs as parent', 'parent.id', 'o.parent_id')
      .select(['o.name as unit', 'parent.name as department']).where('o.id', '=', row.unitOrgId).executeTakeFirst();
    const v = await versionContent(trx, versionId);
    return { id, unit: names?.unit ?? '', department: names?.department ?? null, year: row.year, version: v.number, content: v.content };
  });
}

/** Every plan the 我的项目 filters select within the caller's scope, each in its working version. */
export async function plansForExport(store: Store, actor: Principal, query: Omit<PlanListQuery, 'limit' | 'offset'>): Promise<ExportedPlan[]> {
  const page = await listPlans(store, actor, { ...query, limit: EXPORT_MAX_PLANS + 1 });
  if (page.items.length > EXPORT_MAX_PLANS) throw new WorkflowError('invalid', 'export-too-large', `所选申报超过 ${EXPORT_MAX_PLANS} 项，请按年度或单位筛选后再导出。`);
  return inTransaction(store, async (trx) => {
    // the working versions' content, a chunk of plans a query
    const content = new Map<number, { number: number; content: PlanContent }>();
    const ids = page.items.map((x) => x.id);
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await trx.selectFrom('plans as pl').innerJoin('plan_versions as v', 'v.id', 'pl.current_version_id')
        .select(['pl.id', 'v.number', 'v.content']).where('pl.id', 'in', ids.slice(i, i + 500)).execute();
      for (const r of rows) content.set(Number(r.id), { number: r.number, content: JSON.parse(r.content) as PlanContent });
    }
    return page.items.flatMap((s) => {
      const v = content.get(s.id);
      return v ? [{ id: s.id, unit: s.unit, department: s.department, year: s.year, version: v.number, content: v.content }] : [];
    });
  });
}
