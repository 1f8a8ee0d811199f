// Which 部门 a report or plan belongs to, in queries joining its unit as `o` and the unit's parent as
// `parent`: the unit's parent, or the unit itself when the plan is a department's own (单位 = 部门).
import { sql } from 'kysely';

export const departmentOf = sql<string | null>`case when o.kind = 'department' then o.name else parent.name end`;
export const departmentName = departmentOf.as('department');
export const departmentId = sql<number | null>`case when o.kind = 'department' then o.id else parent.id end`.as('department_id');
