// Review findings across the store (latest version of each unit), filtered by rule, severity, category
// and unit, one page errors first (or in document order), with counts by rule over the other filters.
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { Severity } from '../model/index.js';
import type { FindingOrder } from '../review/index.js';
import type { Store } from './connect.js';
import { dimensionsOf, ruleTitle, type FindingDetail } from './queries.js';
import type { Database } from './schema.js';
import { departmentIs, yearIs, type YearFilter } from './scope.js';

export interface FindingFilters {
  readonly rule?: string | undefined;
  readonly severity?: Severity | undefined;
  /** the rule category id: arithmetic, form, completeness, measurability, consistency, appropriateness */
  readonly category?: string | undefined;
  /** 资金使用单位, exactly */
  readonly unit?: string | undefined;
  /** the table's year; 'none': tables that print none */
  readonly year?: YearFilter | undefined;
  /** 部门名称, exactly */
  readonly department?: string | undefined;
}

export interface FindingQuery extends FindingFilters {
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
  /** errors first, then warnings, info, each in document order (default); or document order */
  readonly order?: FindingOrder | undefined;
}

/** A finding as the findings list shows it: the detail fields, less the indicator link, plus where it is. */
export interface FindingRow extends Omit<FindingDetail, 'indicatorId'> {
  readonly unit: string | null;
  readonly project: string | null;
  readonly projectId: number | null;
  readonly documentId: number;
}

export interface FindingPage {
  readonly total: number;
  readonly items: readonly FindingRow[];
  readonly byRule: readonly { readonly rule: string; readonly title: string; readonly count: number }[];
}

type From = Database & { f: Database['findings']; u: Database['units']; p: Database['projects'] };
type Q = SelectQueryBuilder<From, 'f' | 'u' | 'p', object>;

function base(store: Store, filters: FindingFilters, skipRule = false): Q {
  let q = store.db.selectFrom('findings as f')
    .leftJoin('units as u', 'u.id', 'f.unit_id')
    .leftJoin('projects as p', 'p.id', 'f.project_id') as unknown as Q;
  // a finding on a unit's rows counts while the unit is the latest version; one on a whole table (the
  // 合计 row) while any unit of its table is
  q = q.where((eb: ExpressionBuilder<From, 'f' | 'u' | 'p'>) => eb.or([
    eb('u.latest', '=', 1),
    eb.and([
      eb('f.unit_id', 'is', null),
      eb.exists(eb.selectFrom('units as lu').select('lu.id').whereRef('lu.document_id', '=', 'f.document_id').where('lu.latest', '=', 1)),
    ]),
  ]));
  if (filters.rule !== undefined && !skipRule) q = q.where('f.rule', '=', filters.rule);
  if (filters.severity !== undefined) q = q.where('f.severity', '=', filters.severity);
  if (filters.category !== undefined) q = q.where('f.category', '=', filters.category);
  if (filters.unit !== undefined) q = q.where('u.name', '=', filters.unit);
  const { year, department } = filters;
  // a finding on a whole table has no unit: the year is its document's (the same for all its units)
  if (year !== undefined) q = q.where((eb: ExpressionBuilder<From, 'f' | 'u' | 'p'>) => eb.exists(eb.selectFrom('documents as yd').select('yd.id').whereRef('yd.id', '=', 'f.document_id').where((e) => yearIs(e, 'yd.year', year))));
  if (department !== undefined) q = q.where((eb: ExpressionBuilder<From, 'f' | 'u' | 'p'>) => departmentIs(eb, 'f.document_id', department));
  return q;
}

export async function listFindings(store: Store, query: FindingQuery = {}): Promise<FindingPage> {
  const [count, rows, rules] = await Promise.all([
    base(store, query).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base(store, query)
      .select(['f.id', 'f.rule', 'f.severity', 'f.category', 'f.message', 'f.suggestion', 'f.path', 'f.line', 'u.name as unit', 'p.name as project', 'f.project_id', 'f.document_id'])
      .$if((query.order ?? 'severity') === 'severity', (q) => q.orderBy(sql`case f.severity when 'error' then 0 when 'warning' then 1 else 2 end`))
      .orderBy('f.document_id').orderBy('f.id').limit(query.limit ?? 50).offset(query.offset ?? 0).execute(),
    base(store, query, true).groupBy('f.rule').select((eb) => ['f.rule', eb.fn.countAll<number>().as('n')]).execute(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      id: Number(r.id), rule: r.rule, title: ruleTitle(r.rule), severity: r.severity as Severity, category: r.category, message: r.message, suggestion: r.suggestion,
      path: r.path, line: r.line, dimensions: dimensionsOf(r.rule), unit: r.unit, project: r.project, projectId: r.project_id === null ? null : Number(r.project_id), documentId: Number(r.document_id),
    })),
    byRule: rules.map((r) => ({ rule: r.rule, title: ruleTitle(r.rule), count: Number(r.n) }))
      .sort((a, b) => b.count - a.count || (a.rule < b.rule ? -1 : 1)),
  };
}
