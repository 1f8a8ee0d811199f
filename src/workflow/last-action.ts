// The last thing done to a plan or a report, in queries naming the plan `pl` and the report `r`: a draft
// whose last event is a return waits for its unit (已退回) — the lists tag it, 待办 counts it.
import { sql } from 'kysely';

export const lastPlanAction = sql<string | null>`(select e.action from plan_events e where e.plan_id = pl.id order by e.id desc limit 1)`;
export const lastReportAction = (kind: 'monitoring' | 'evaluation') =>
  sql<string | null>`(select e.action from report_events e where e.kind = ${kind} and e.report_id = r.id order by e.id desc limit 1)`;
