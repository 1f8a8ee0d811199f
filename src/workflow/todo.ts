// 待办: what waits for the caller's action, counted for the menu's badges — plans and reports whose next
// step is the caller's review (by the workflows' own tables, so the count cannot drift from who may
// approve), and, for a unit, its plans and reports returned to it (a draft whose last event is a return).
// Within the caller's scope; a handful of indexed counts, cheap enough for every page's menu.
import type { Kysely } from 'kysely';
import { scopeOrgIds } from '../auth/index.js';
import type { Principal } from '../auth/roles.js';
import type { Store } from '../store/index.js';
import { monitoringDb, type MonitoringDatabase } from '../store/monitoring-schema.js';
import { lastPlanAction, lastReportAction } from './last-action.js';
import { REPORT_STATES, REPORT_TRANSITIONS } from './report-states.js';
import { REVIEWER_OF, STATES } from './states.js';

export interface Todo {
  /** plans waiting for the caller's review (待我审核), and a unit's plans returned to it */
  readonly plans: { readonly review: number; readonly returned: number };
  /** 运行监控 reports and 绩效自评 likewise */
  readonly reports: { readonly review: number; readonly returned: number };
  readonly total: number;
}

type Db = Kysely<MonitoringDatabase>;
const KINDS = [['monitoring_reports', 'monitoring'], ['evaluations', 'evaluation']] as const;

export async function todo(store: Store, actor: Principal): Promise<Todo> {
  const db = monitoringDb(store.db);
  const s = await scopeOrgIds(store, actor);
  const scope = s === 'all' ? null : [...s];
  const inScope = scope === null ? null : scope.length ? scope : [-1];
  const planStates = STATES.filter((x) => REVIEWER_OF[x] === actor.role);
  const reportStates = REPORT_STATES.filter((x) => REPORT_TRANSITIONS[x].approve?.roles.includes(actor.role));
  const unit = actor.role === 'unit';

  const plans = (q: ReturnType<typeof planBase>) => q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n));
  const planBase = () => {
    let q = db.selectFrom('plans as pl');
    if (inScope !== null) q = q.where('pl.unit_org_id', 'in', inScope);
    return q;
  };
  const planReview = planStates.length ? plans(planBase().where('pl.state', 'in', planStates)) : Promise.resolve(0);
  const planReturned = unit ? plans(planBase().where('pl.state', '=', 'draft').where(lastPlanAction, '=', 'return')) : Promise.resolve(0);

  const reports = async (table: (typeof KINDS)[number][0], kind: (typeof KINDS)[number][1], returned: boolean): Promise<number> => {
    let q = (db as Db).selectFrom(`${table} as r` as 'monitoring_reports as r').innerJoin('plans as pl', 'pl.id', 'r.plan_id');
    if (inScope !== null) q = q.where('pl.unit_org_id', 'in', inScope);
    q = returned
      ? q.where('r.state', '=', 'draft').where(lastReportAction(kind), '=', 'return')
      : q.where('r.state', 'in', reportStates);
    return Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  };
  const reportCounts = (returned: boolean) => Promise.all(KINDS.map(([t, k]) => reports(t, k, returned))).then((ns) => ns.reduce((a, b) => a + b, 0));
  const [pr, pt, rr, rt] = await Promise.all([
    planReview, planReturned,
    reportStates.length ? reportCounts(false) : Promise.resolve(0),
    unit ? reportCounts(true) : Promise.resolve(0),
  ]);
  return { plans: { review: pr, returned: pt }, reports: { review: rr, returned: rt }, total: pr + pt + rr + rt };
}
