// Read side of the store, for the CLI and (later) the web server: every function takes plain input,
// validates it with zod and returns plain typed objects. Amounts are stored as integer cents of the
// table's unit and come back as numbers in that unit (万元): cents / 100. Bad input throws QueryError
// with a Chinese message; so does an id that is not there (code 'not-found').
import { sql, type Expression, type Kysely, type Selectable, type SelectQueryBuilder } from 'kysely';
import { z } from 'zod';
import type { Box, ParsedTarget, Severity } from '../model/index.js';
import { LEVEL1, LEVEL2 } from '../model/taxonomy.js';
import { orderFindings, RULES, type DimensionId, type DimensionScore, type FindingOrder, type GateReason } from '../review/index.js';
import type { DialectName, Store } from './connect.js';
import type { Database, IndicatorTable } from './schema.js';
import { categoryMask } from './categories.js';
import { countOnce } from './counts.js';
import { idsOnce } from './list-ids.js';
import { departmentIs, yearFilter, yearIs } from './scope.js';
import { likeContains } from './search-text.js';
import { zhError } from '../model/zod-zh.js';

// ---------------------------------------------------------------------------------------------------
// Errors

export type QueryErrorCode = 'invalid' | 'not-found';

export interface QueryIssue {
  /** the input field, e.g. `year`, `missing.0` */
  readonly path: string;
  readonly message: string;
}

export class QueryError extends Error {
  override readonly name = 'QueryError';
  constructor(
    readonly code: QueryErrorCode,
    message: string,
    readonly issues: readonly QueryIssue[] = [],
  ) {
    super(message);
  }
}

const LABELS: Readonly<Record<string, string>> = {
  year: '年度', q: '检索词', department: '部门', unit: '单位', min: '最低金额', max: '最高金额', source: '资金来源', has: '包含指标类别',
  missing: '缺少指标类别', findings: '有无审核问题', rule: '审核规则', severity: '问题级别', latestOnly: '仅最新版本',
  sort: '排序字段', order: '排序方向', limit: '每页条数', offset: '起始位置', id: '编号', unitId: '单位编号', name: '名称',
  format: '导出格式',
};


function parse<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const r = schema.safeParse(input, { error: zhError });
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => {
    const path = i.path.map(String).join('.');
    const head = i.path[0] === undefined ? '' : String(i.path[0]);
    const label = LABELS[head] ? `“${LABELS[head]}”（${path}）` : path ? `“${path}”` : '';
    const message = i.code === 'unrecognized_keys' ? `未知的条件：${i.keys.join('、')}` : i.message;
    return { path, message: label ? `${label}：${message}` : message };
  });
  throw new QueryError('invalid', `${what}有误：${issues.map((i) => i.message).join('；')}`, issues);
}

// ---------------------------------------------------------------------------------------------------
// Plain result types

/** Amounts in the table's unit (万元). `unplaced`: amounts whose column the table does not reveal. */
export interface Amounts<Total extends number | null = number | null> {
  readonly total: Total;
  readonly fiscal: number | null;
  readonly specialAccount: number | null;
  readonly other: number | null;
  readonly unplaced: readonly number[];
}

/** Sums (万元); a column is null when no row has an amount in it; `unplaced` is the sum of unplaced amounts. */
export interface Totals {
  readonly total: number | null;
  readonly fiscal: number | null;
  readonly specialAccount: number | null;
  readonly other: number | null;
  readonly unplaced: number;
}

export interface UnitRef {
  readonly id: number;
  readonly name: string;
  readonly version: number;
  readonly latest: boolean;
}

export interface ProjectSummary {
  readonly id: number;
  readonly name: string;
  /** 1-based source line */
  readonly line: number | null;
  readonly unit: UnitRef;
  readonly department: string | null;
  readonly year: number | null;
  readonly document: { readonly id: number; readonly file: string };
  readonly amounts: Amounts<number>;
  readonly score: number | null;
  readonly grade: string | null;
  readonly indicatorCount: number;
  readonly findingCount: number;
  /** with a text search (`q`): where the text occurs in this project */
  readonly matches?: readonly SearchMatch[];
}

export interface SearchMatch {
  readonly field: 'name' | 'goal' | 'indicator';
  readonly text: string;
}

export interface ProjectPage {
  /** how many projects match the filters, all pages together */
  readonly total: number;
  readonly items: readonly ProjectSummary[];
}

export interface IndicatorDetail {
  readonly id: number;
  readonly ordinal: number;
  readonly seq: number | null;
  readonly level1: { readonly code: string | null; readonly name: string | null };
  readonly level2: { readonly code: string | null; readonly name: string | null };
  readonly name: string;
  readonly period: ParsedTarget;
  readonly annual: ParsedTarget;
  readonly text: string;
  readonly line: number | null;
}

export interface FindingDetail {
  readonly id: number;
  readonly rule: string;
  /** the rule's Chinese title (the id itself for a rule no longer known) */
  readonly title: string;
  readonly severity: Severity;
  readonly category: string;
  readonly message: string;
  readonly suggestion: string;
  readonly path: string;
  readonly line: number | null;
  readonly indicatorId: number | null;
  /** the 88号 dimensions its rule bears on (none for a rule no longer known) */
  readonly dimensions: readonly DimensionId[];
}

export interface DocumentRef {
  readonly id: number;
  readonly file: string;
  readonly layout: string;
  readonly title: string | null;
  readonly year: number | null;
  readonly importedAt: string;
  /** how the year was decided: printed, given (at import), proposed (accepted), none */
  readonly yearSource?: 'printed' | 'given' | 'proposed' | 'none';
  /** where a year or department not printed came from */
  readonly note?: string | null;
}

export interface SourceExcerpt {
  /** first and last 1-based line shown */
  readonly from: number;
  readonly to: number;
  /** the project's own line */
  readonly line: number;
  readonly lines: readonly string[];
}

export interface ProjectVersion {
  readonly id: number;
  readonly unit: UnitRef;
  readonly year: number | null;
  readonly document: { readonly id: number; readonly file: string; readonly importedAt: string };
  readonly total: number;
  readonly score: number | null;
}

export interface ProjectDetail extends ProjectSummary {
  /** the score by 88号 dimension; null for a project stored before scores had dimensions */
  readonly dimensions: readonly DimensionScore[] | null;
  /** why the monitoring gate capped the score; empty when it did not */
  readonly gate: readonly GateReason[];
  readonly goal: string;
  /** indicator text not in the numbered form, verbatim */
  readonly indicatorsText: string | null;
  readonly indicators: readonly IndicatorDetail[];
  readonly findings: readonly FindingDetail[];
  readonly documentInfo: DocumentRef;
  readonly excerpt: SourceExcerpt | null;
  /** where on the PDF page the row was read (PDF points, top-left origin); null for text documents */
  readonly box: Box | null;
  /** the same project (same unit name and project name) in the unit's other publications, any year: by year (none last), then version */
  readonly versions: readonly ProjectVersion[];
}

export interface CategoryCount {
  readonly code: string | null;
  readonly name: string | null;
  readonly count: number;
}

export interface RuleCount {
  readonly rule: string;
  readonly count: number;
  readonly error: number;
  readonly warning: number;
  readonly info: number;
}

export interface Rollup {
  readonly totals: {
    /** from the stored unit rows (as printed) */
    readonly stored: Totals;
    /** the sum of the projects */
    readonly projects: Totals;
    /** stored total − projects' total, null when a unit total is missing */
    readonly difference: number | null;
  };
  readonly projectCount: number;
  readonly indicatorCount: number;
  readonly indicators: { readonly byLevel1: readonly CategoryCount[]; readonly byLevel2: readonly (CategoryCount & { readonly level1: string | null })[] };
  readonly findings: { readonly total: number; readonly bySeverity: Readonly<Record<Severity, number>>; readonly byRule: readonly RuleCount[] };
}

export interface UnitRollup extends Rollup {
  readonly unit: UnitRef & { readonly year: number | null; readonly line: number | null; readonly score: number | null };
  readonly department: string | null;
  readonly document: DocumentRef;
}

export interface DepartmentUnit extends UnitRef {
  readonly year: number | null;
  readonly document: { readonly id: number; readonly file: string };
  readonly total: number | null;
  readonly projectsTotal: number | null;
  readonly projectCount: number;
}

export interface DepartmentRollup extends Rollup {
  readonly department: string;
  readonly year: number | null;
  /** the latest version of each unit the department published (for that year, when given) */
  readonly units: readonly DepartmentUnit[];
}

export interface DocumentSummary {
  readonly id: number;
  readonly file: string;
  readonly sha256: string;
  readonly layout: string;
  readonly encoding: string;
  readonly title: string | null;
  readonly year: number | null;
  readonly department: string | null;
  readonly currencyUnit: string | null;
  readonly bytes: number;
  readonly lines: number;
  readonly importedAt: string;
  /** how the year was decided (printed, given, proposed, none) and where it came from when not printed */
  readonly yearSource: 'printed' | 'given' | 'proposed' | 'none';
  readonly note: string | null;
  /** the 合计 row, null when the table prints none */
  readonly total: Amounts | null;
  readonly score: number | null;
  readonly grade: string | null;
  /** the score by 88号 dimension (amount-weighted over the projects) */
  readonly dimensions: readonly DimensionScore[] | null;
  /** how many projects the monitoring gate capped */
  readonly gated: number;
  readonly errors: number;
  readonly warnings: number;
  readonly projectCount: number;
  readonly units: readonly (UnitRef & { readonly ordinal: number; readonly total: number | null; readonly projectCount: number })[];
}

// ---------------------------------------------------------------------------------------------------
// Input

const RULE_IDS = RULES.map((r) => r.id);
const CATEGORY = z.string().trim().refine((c) => c in LEVEL1 || c in LEVEL2, {
  message: `应为一级指标代码（${Object.keys(LEVEL1).join('、')}）或二级指标代码（${Object.keys(LEVEL2).join('、')}）`,
});
const oneOrMany = <T extends z.ZodType>(t: T) => z.union([t, z.array(t)]).optional().transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
/** how many values a list filter may carry: a longer list is refused rather than made into a huge query */
export const MAX_LIST = 50;
/** A list of codes: at most MAX_LIST, repeats dropped (the query has one condition per distinct code). */
const codeList = z.union([z.string(), z.array(z.string())]).optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.string()).max(MAX_LIST, { message: `至多 ${MAX_LIST} 项` }))
  .transform((v) => [...new Set(v)])
  .pipe(z.array(CATEGORY));
/** a name as typed: no control characters (PostgreSQL refuses NUL; SQLite would cut the text at it) */
// eslint-disable-next-line no-control-regex
const nameText = () => z.string().trim().min(1).max(500).refine((x) => !/[\u0000-\u001f\u007f]/.test(x), { message: '不能包含控制字符' });
const amount = z.number().nonnegative().max(1e12);

export const SOURCES = ['fiscal', 'specialAccount', 'other', 'unplaced'] as const;
export type SourceFilter = (typeof SOURCES)[number];
export const SORTS = ['document', 'name', 'total', 'unit', 'year', 'score', 'indicators', 'findings'] as const;
export type ProjectSort = (typeof SORTS)[number];

const filterShape = {
  /** the table's year (units.year); 'none': the tables that print no year (未注明年度) */
  year: yearFilter.optional(),
  /** text the project's name, goal or one of its indicator names contains */
  q: z.string().trim().min(1).max(200).optional(),
  /** 部门名称, exactly */
  department: nameText().optional(),
  /** 资金使用单位, exactly */
  unit: nameText().optional(),
  /** 总计 at least / at most, in 万元 (compared in cents) */
  min: amount.optional(),
  max: amount.optional(),
  /** funding columns that must hold an amount (all of them) */
  source: oneOrMany(z.enum(SOURCES)).transform((v) => [...new Set(v)]),
  /** level-1 or level-2 codes the project must have an indicator in (all of them) */
  has: codeList,
  /** level-1 or level-2 codes the project must have no indicator in (`'3'`: no 满意度 indicator) */
  missing: codeList,
  /** true: projects with review findings; false: without */
  findings: z.boolean().optional(),
  /** projects with a finding of this rule (and of `severity`, when given) */
  rule: z.string().refine((r) => RULE_IDS.includes(r), { message: '没有这条审核规则' }).optional(),
  severity: z.enum(['error', 'warning', 'info']).optional(),
  /** only the newest version of each unit and year (default) */
  latestOnly: z.boolean().default(true),
};

const FILTERS = z.strictObject(filterShape).refine((f) => f.min === undefined || f.max === undefined || f.min <= f.max, {
  message: '最低金额大于最高金额', path: ['min'],
});

const LIST = z.strictObject({
  ...filterShape,
  sort: z.enum(SORTS).default('document'),
  order: z.enum(['asc', 'desc']).default('asc'),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
}).refine((f) => f.min === undefined || f.max === undefined || f.min <= f.max, { message: '最低金额大于最高金额', path: ['min'] });

export type ProjectFilters = z.input<typeof FILTERS>;
export type ProjectQuery = z.input<typeof LIST>;
type Filters = z.output<typeof FILTERS>;

export function parseFilters(input: unknown): Filters {
  return parse(FILTERS, input ?? {}, '筛选条件');
}

const ID = z.number().int().positive();

// ---------------------------------------------------------------------------------------------------
// The project query

type Db = Kysely<Database>;
type ProjectFrom = Database & { p: Database['projects']; u: Database['units']; d: Database['documents']; dep: Database['departments'] };

const toCents = (x: number): number => Math.round(x * 100);
const fromCents = (c: number | null | undefined): number | null => (c === null || c === undefined ? null : Number(c) / 100);
const unplacedOf = (json: string | null): number[] => (json ? (JSON.parse(json) as number[]).map((c) => c / 100) : []);

type ProjectUnitFrom = Database & { p: Database['projects']; u: Database['units'] };
type Pu = SelectQueryBuilder<ProjectUnitFrom, 'p' | 'u', object>;

/** the projects the filters select, with their unit, document and department joined */
export function filteredProjects(db: Db, f: Filters): SelectQueryBuilder<ProjectFrom, 'p' | 'u' | 'd' | 'dep', object> {
  const q = db.selectFrom('projects as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .innerJoin('documents as d', 'd.id', 'p.document_id')
    .leftJoin('departments as dep', 'dep.id', 'd.department_id');
  return applyFilters(q as unknown as Pu, f) as unknown as SelectQueryBuilder<ProjectFrom, 'p' | 'u' | 'd' | 'dep', object>;
}

/**
 * The projects the filters select, joined to their unit only: what a count or a page of ids needs. The
 * join order is given (SQLite keeps a CROSS JOIN's order; PostgreSQL plans it as the inner join it is):
 * a page is read in its sort index's order, projects first, or for the unit and year orders (and one unit's
 * projects) units first;
 * left to itself SQLite's planner, with statistics, drove every page from the units and sorted them all.
 */
function projectsOfUnits(db: Db, f: Filters, unitsFirst: boolean): Pu {
  const from = unitsFirst ? db.selectFrom('units as u').crossJoin('projects as p') : db.selectFrom('projects as p').crossJoin('units as u');
  return applyFilters((from as unknown as Pu).whereRef('u.id', '=', 'p.unit_id'), f);
}

function applyFilters(q: Pu, f: Filters): Pu {
  if (f.latestOnly) q = q.where('u.latest', '=', 1);
  if (f.year !== undefined) { const y = f.year; q = q.where((eb) => yearIs(eb, 'u.year', y)); }
  if (f.q !== undefined) {
    const pattern = sql<string>`${likeContains(f.q)} escape '\\'`;
    q = q.where((eb) => eb.or([
      eb('p.name', 'like', pattern), eb('p.goal', 'like', pattern),
      eb.exists(eb.selectFrom('indicators as qi').select(sql.lit(1).as('one')).whereRef('qi.project_id', '=', 'p.id').where('qi.name', 'like', pattern)),
    ]));
  }
  // by the document's department (a subquery), so that no list has to join documents to filter
  if (f.department !== undefined) { const dep = f.department; q = q.where((eb) => departmentIs(eb, 'p.document_id', dep)); }
  if (f.unit !== undefined) q = q.where('u.name', '=', f.unit);
  if (f.min !== undefined) q = q.where('p.total', '>=', toCents(f.min));
  if (f.max !== undefined) q = q.where('p.total', '<=', toCents(f.max));
  for (const s of f.source) {
    if (s === 'unplaced') q = q.where('p.unplaced', '<>', '[]');
    else {
      const col = s === 'fiscal' ? 'p.fiscal' : s === 'specialAccount' ? 'p.special_account' : 'p.other';
      q = q.where(col, 'is not', null).where(col, '<>', 0);
    }
  }
  // by the project's category bits (categories.ts): one test of its own row per filter, not a look
  // through its indicators
  if (f.has.length) {
    const mask = categoryMask(f.has);
    q = q.where(sql<number>`(p.categories & ${sql.lit(mask)})`, '=', sql.lit(mask));
  }
  if (f.missing.length) q = q.where(sql<number>`(p.categories & ${sql.lit(categoryMask(f.missing))})`, '=', sql.lit(0));
  if (f.findings === true) q = q.where('p.finding_count', '>', 0);
  if (f.findings === false) q = q.where('p.finding_count', '=', 0);
  if (f.rule !== undefined || f.severity !== undefined) {
    q = q.where((eb) => {
      let sub = eb.selectFrom('findings as fi').select(sql.lit(1).as('one')).whereRef('fi.project_id', '=', 'p.id');
      if (f.rule !== undefined) sub = sub.where('fi.rule', '=', f.rule);
      if (f.severity !== undefined) sub = sub.where('fi.severity', '=', f.severity);
      return eb.exists(sub);
    });
  }
  return q;
}

/** the columns a ProjectSummary is made of */
export function summaryColumns<Q extends SelectQueryBuilder<ProjectFrom, 'p' | 'u' | 'd' | 'dep', object>>(q: Q) {
  return q.select([
    'p.id', 'p.name', 'p.line', 'p.total', 'p.fiscal', 'p.special_account', 'p.other', 'p.unplaced',
    'p.review_score', 'p.review_grade', 'p.indicator_count', 'p.finding_count',
    'u.id as unit_id', 'u.name as unit_name', 'u.version as unit_version', 'u.latest as unit_latest', 'u.year as unit_year',
    'd.id as document_id', 'd.file as document_file', 'dep.name as department',
  ]);
}

export type SummaryRow = {
  id: number; name: string; line: number | null; total: number; fiscal: number | null; special_account: number | null; other: number | null; unplaced: string;
  review_score: number | null; review_grade: string | null; indicator_count: number; finding_count: number;
  unit_id: number; unit_name: string; unit_version: number; unit_latest: number; unit_year: number | null;
  document_id: number; document_file: string; department: string | null;
};

export function toSummary(r: SummaryRow): ProjectSummary {
  return {
    id: Number(r.id),
    name: r.name,
    line: r.line,
    unit: { id: Number(r.unit_id), name: r.unit_name, version: r.unit_version, latest: r.unit_latest === 1 },
    department: r.department,
    year: r.unit_year,
    document: { id: Number(r.document_id), file: r.document_file },
    amounts: { total: Number(r.total) / 100, fiscal: fromCents(r.fiscal), specialAccount: fromCents(r.special_account), other: fromCents(r.other), unplaced: unplacedOf(r.unplaced) },
    score: r.review_score,
    grade: r.review_grade,
    indicatorCount: r.indicator_count,
    findingCount: r.finding_count,
  };
}

/** text compared by code point on both dialects (SQLite's BINARY is UTF-8 byte order, which is the same) */
const textKey = (dialect: DialectName, ref: string): Expression<string> =>
  dialect === 'postgres' ? sql<string>`${sql.ref(ref)} collate "C"` : sql<string>`${sql.ref(ref)}`;

/** each sort's column; `nullable` ones sort their nulls last in both directions */
const SORT_COLUMN: Readonly<Record<ProjectSort, { readonly col: string; readonly text?: true; readonly nullable?: true }>> = {
  document: { col: 'p.id' }, name: { col: 'p.name', text: true }, total: { col: 'p.total' }, unit: { col: 'u.name', text: true },
  year: { col: 'u.year', nullable: true }, score: { col: 'p.review_score', nullable: true }, indicators: { col: 'p.indicator_count' }, findings: { col: 'p.finding_count' },
};

/**
 * The list's order — the sort key (nulls last), then document order — or, `reversed`, its exact
 * reverse. Written so that an index on the same expressions (0008_list_indexes) gives the order
 * without a sort: nulls last as a leading `(col is null)` rather than NULLS LAST, which an index in
 * ascending order cannot give.
 */
function ordered<O>(q: SelectQueryBuilder<ProjectUnitFrom, 'p' | 'u', O>, dialect: DialectName, sort: ProjectSort, order: 'asc' | 'desc', reversed: boolean): SelectQueryBuilder<ProjectUnitFrom, 'p' | 'u', O> {
  const spec = SORT_COLUMN[sort];
  const flip = (d: 'asc' | 'desc'): 'asc' | 'desc' => (reversed ? (d === 'asc' ? 'desc' : 'asc') : d);
  if (spec.nullable) q = q.orderBy(sql`(${sql.ref(spec.col)} is null)`, flip('asc'));
  q = q.orderBy(spec.text ? textKey(dialect, spec.col) : sql.ref(spec.col), flip(order));
  if (sort !== 'document') q = q.orderBy('p.id', flip('asc'));
  return q;
}

/** Projects matching the filters, one page, sorted; nulls (no year, no score) always last; ties by document order. */
export async function listProjects(store: Store, query: ProjectQuery = {}): Promise<ProjectPage> {
  const q = parse(LIST, query ?? {}, '项目查询条件');
  const { sort, order, limit, offset, ...filters } = q;
  const db = store.db;
  const unitsFirst = sort === 'unit' || sort === 'year' || q.unit !== undefined;
  // the whole order, once per state (list-ids.ts): then any page is a slice of it
  const all = await idsOnce(store, `projects ${JSON.stringify({ ...filters, sort, order })}`, async (max) =>
    (await ordered(projectsOfUnits(db, q, unitsFirst).select('p.id'), store.dialect, sort, order, false).limit(max).execute()).map((r) => Number(r.id)));
  if (all !== null) {
    const page = Array.from(all.subarray(offset, offset + limit));
    return { total: all.length, items: await summaries(db, page, q.q) };
  }
  const total = await countOnce(store, `projects ${JSON.stringify(filters)}`, async () =>
    Number((await projectsOfUnits(db, q, true).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n));
  if (offset >= total) return { total, items: [] };
  // a page past the middle is read from the other end, in reverse: an offset costs a walk over the
  // rows it skips, so no page skips more than half the list
  const reversed = offset > (total - 1) / 2;
  const take = Math.min(limit, total - offset);
  const skip = reversed ? total - offset - take : offset;
  const ids = (await ordered(projectsOfUnits(db, q, unitsFirst).select('p.id'), store.dialect, sort, order, reversed).limit(take).offset(skip).execute()).map((r) => Number(r.id));
  if (reversed) ids.reverse();
  return { total, items: await summaries(db, ids, q.q) };
}

/** the page's rows with everything a summary shows, by id, in the order given: the order and the filters were decided before */
async function summaries(db: Db, ids: readonly number[], text: string | undefined): Promise<ProjectSummary[]> {
  const rows = ids.length === 0 ? [] : (await summaryColumns(filteredProjects(db, parseFilters({ latestOnly: false }))).where('p.id', 'in', [...ids]).execute()) as SummaryRow[];
  const byId = new Map(rows.map((r) => [Number(r.id), r]));
  const items = ids.map((id) => byId.get(id)).filter((r) => r !== undefined).map(toSummary);
  return text === undefined ? items : await withMatches(db, items, text);
}

/** each project of a text search with every place the text occurs: its name, its goal, its indicator names */
async function withMatches(db: Db, items: readonly ProjectSummary[], text: string): Promise<ProjectSummary[]> {
  if (items.length === 0) return [];
  const ids = items.map((p) => p.id);
  const pattern = sql<string>`${likeContains(text)} escape '\\'`;
  const [goals, indicators] = await Promise.all([
    db.selectFrom('projects').select(['id', 'goal']).where('id', 'in', ids).where('goal', 'like', pattern).execute(),
    db.selectFrom('indicators').select(['project_id', 'name']).where('project_id', 'in', ids).where('name', 'like', pattern).orderBy('project_id').orderBy('ordinal').execute(),
  ]);
  // LIKE ignores ASCII case on SQLite only: the text itself decides, the same on both databases
  const has = (s: string) => s.toLowerCase().includes(text.toLowerCase());
  const goalOf = new Map(goals.map((g) => [Number(g.id), g.goal]));
  return items.map((p) => {
    const goal = goalOf.get(p.id);
    const names = [...new Set(indicators.filter((i) => Number(i.project_id) === p.id && has(i.name)).map((i) => i.name))];
    const matches: SearchMatch[] = [
      ...(has(p.name) ? [{ field: 'name' as const, text: p.name }] : []),
      ...(goal !== undefined && has(goal) ? [{ field: 'goal' as const, text: goal }] : []),
      ...names.map((n) => ({ field: 'indicator' as const, text: n })),
    ];
    return { ...p, matches };
  });
}

// ---------------------------------------------------------------------------------------------------
// One project

const targetOf = (json: string): ParsedTarget => JSON.parse(json) as ParsedTarget;

export function toIndicator(r: Selectable<IndicatorTable>): IndicatorDetail {
  return {
    id: Number(r.id),
    ordinal: r.ordinal,
    seq: r.seq,
    level1: { code: r.level1_code, name: r.level1_name },
    level2: { code: r.level2_code, name: r.level2_name },
    name: r.name,
    period: targetOf(r.period_json),
    annual: targetOf(r.annual_json),
    text: r.text,
    line: r.line,
  };
}

const EXCERPT_BEFORE = 2;
const EXCERPT_MAX = 60;

/**
 * the lines a project's excerpt shows: two before its line, to the line before the next project's, at
 * most EXCERPT_MAX after its own, read by key from document_lines; null for a document without text
 * lines (a PDF, a workbook)
 */
async function excerpt(store: Store, documentId: number, line: number, next: number | null): Promise<SourceExcerpt | null> {
  const from = Math.max(1, line - EXCERPT_BEFORE);
  const end = next !== null && next > line ? next - 1 : line + 25;
  const rows = await store.db.selectFrom('document_lines').select(['line', 'text'])
    .where('document_id', '=', documentId).where('line', '>=', from).where('line', '<=', Math.min(end, line + EXCERPT_MAX)).orderBy('line').execute();
  if (rows.length === 0) return null;
  const lines = rows.map((r) => r.text);
  let last = from + lines.length - 1;
  while (last > line && !lines[last - from]?.trim()) last--;
  return { from, to: last, line, lines: lines.slice(0, last - from + 1) };
}

/** JSON kept by import, or null */
const fromJson = <T>(text: string | null): T | null => (text === null ? null : JSON.parse(text) as T);
const RULE_DIMENSIONS = new Map(RULES.map((r) => [r.id, r.dimensions]));
/** the dimensions a stored finding's rule bears on */
export const dimensionsOf = (rule: string): readonly DimensionId[] => RULE_DIMENSIONS.get(rule) ?? [];
const RULE_TITLES = new Map(RULES.map((r) => [r.id, r.title]));
/** a stored finding's rule as a reader names it: its Chinese title, or the id of a rule no longer known */
export const ruleTitle = (rule: string): string => RULE_TITLES.get(rule) ?? rule;

/**
 * Everything about one project: amounts, score by dimension and the gate, goal, indicators with their read
 * targets, findings (errors first, or in document order), where it was published, its other versions.
 */
export async function getProject(store: Store, id: number, order: FindingOrder = 'severity'): Promise<ProjectDetail> {
  const pid = parse(ID, id, '项目编号');
  const db = store.db;
  const row = await summaryColumns(filteredProjects(db, parseFilters({ latestOnly: false })).where('p.id', '=', pid))
    .select(['p.goal', 'p.indicators_text', 'p.document_id as p_document', 'p.review_dimensions', 'p.review_gate', 'd.layout', 'd.title', 'd.year as document_year', 'd.imported_at', 'd.year_source', 'd.note', 'p.box'])
    // where the next project of the document starts: the excerpt ends before it (one query, not two)
    .select((eb) => eb.selectFrom('projects as np').select('np.line').whereRef('np.document_id', '=', 'p.document_id').whereRef('np.id', '>', 'p.id')
      .where('np.line', 'is not', null).orderBy('np.id').limit(1).as('next_line'))
    .executeTakeFirst() as (SummaryRow & { box: string | null; goal: string; indicators_text: string | null; review_dimensions: string | null; review_gate: string | null; layout: string; title: string | null; document_year: number | null; imported_at: string; year_source: string; note: string | null; next_line: number | null }) | undefined;
  if (!row) throw new QueryError('not-found', `没有编号为 ${pid} 的项目`);
  const [indicators, findings, excerptOf, versions] = await Promise.all([
    db.selectFrom('indicators').selectAll().where('project_id', '=', pid).orderBy('ordinal').execute(),
    db.selectFrom('findings').selectAll().where('project_id', '=', pid).orderBy('line').orderBy('id').execute(),
    row.line === null ? Promise.resolve(null) : excerpt(store, Number(row.document_id), row.line, row.next_line ?? null),
    // every other publication of the project, in any year: the same unit name and project name
    db.selectFrom('projects as p').innerJoin('units as u', 'u.id', 'p.unit_id').innerJoin('documents as d', 'd.id', 'p.document_id')
      .select(['p.id', 'p.total', 'p.review_score', 'u.id as unit_id', 'u.name as unit_name', 'u.year', 'u.version', 'u.latest', 'd.id as document_id', 'd.file', 'd.imported_at'])
      .where('u.name', '=', row.unit_name)
      .where('p.name', '=', row.name)
      .where('u.id', '<>', row.unit_id)
      .orderBy(sql`case when u.year is null then 1 else 0 end`).orderBy('u.year').orderBy('u.version').orderBy('p.id')
      .execute(),
  ]);
  return {
    ...toSummary(row),
    dimensions: fromJson<DimensionScore[]>(row.review_dimensions),
    gate: fromJson<GateReason[]>(row.review_gate) ?? [],
    goal: row.goal,
    indicatorsText: row.indicators_text,
    indicators: indicators.map(toIndicator),
    // stored in document order (line, then id); errors first is a stable sort of that
    findings: orderFindings(findings.map((f) => ({
      id: Number(f.id), rule: f.rule, title: ruleTitle(f.rule), severity: f.severity as Severity, category: f.category, message: f.message, suggestion: f.suggestion,
      path: f.path, line: f.line, indicatorId: f.indicator_id === null ? null : Number(f.indicator_id), dimensions: dimensionsOf(f.rule),
    })), order),
    documentInfo: {
      id: Number(row.document_id), file: row.document_file, layout: row.layout, title: row.title, year: row.document_year, importedAt: row.imported_at,
      yearSource: row.year_source as DocumentSummary['yearSource'], note: row.note,
    },
    excerpt: excerptOf,
    box: fromJson<Box>(row.box),
    versions: versions.map((v) => ({
      id: Number(v.id),
      unit: { id: Number(v.unit_id), name: v.unit_name, version: v.version, latest: v.latest === 1 },
      year: v.year,
      document: { id: Number(v.document_id), file: v.file, importedAt: v.imported_at },
      total: Number(v.total) / 100,
      score: v.review_score,
    })),
  };
}

// ---------------------------------------------------------------------------------------------------
// Roll-ups

const sumOrNull = (x: unknown): number | null => (x === null || x === undefined ? null : Number(x) / 100);

async function rollup(db: Db, unitIds: readonly number[]): Promise<Rollup> {
  const empty: Totals = { total: null, fiscal: null, specialAccount: null, other: null, unplaced: 0 };
  if (unitIds.length === 0) {
    return {
      totals: { stored: empty, projects: empty, difference: null }, projectCount: 0, indicatorCount: 0,
      indicators: { byLevel1: [], byLevel2: [] }, findings: { total: 0, bySeverity: { error: 0, warning: 0, info: 0 }, byRule: [] },
    };
  }
  const ids = [...unitIds];
  const [units, projectSums, projectUnplaced, level1, level2, findings] = await Promise.all([
    db.selectFrom('units').select(['total', 'fiscal', 'special_account', 'other', 'unplaced']).where('id', 'in', ids).execute(),
    db.selectFrom('projects').where('unit_id', 'in', ids).select((eb) => [
      eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('total').as('total'), eb.fn.sum<number | null>('fiscal').as('fiscal'),
      eb.fn.sum<number | null>('special_account').as('special_account'), eb.fn.sum<number | null>('other').as('other'),
      eb.fn.sum<number>('indicator_count').as('indicators'),
    ]).executeTakeFirstOrThrow(),
    db.selectFrom('projects').select('unplaced').where('unit_id', 'in', ids).where('unplaced', '<>', '[]').execute(),
    db.selectFrom('indicators as i').innerJoin('projects as p', 'p.id', 'i.project_id').where('p.unit_id', 'in', ids)
      .select((eb) => ['i.level1_code as code', eb.fn.countAll<number>().as('n')]).groupBy('i.level1_code').execute(),
    db.selectFrom('indicators as i').innerJoin('projects as p', 'p.id', 'i.project_id').where('p.unit_id', 'in', ids)
      .select((eb) => ['i.level1_code as l1', 'i.level2_code as code', eb.fn.countAll<number>().as('n')]).groupBy(['i.level1_code', 'i.level2_code']).execute(),
    db.selectFrom('findings').where('unit_id', 'in', ids)
      .select((eb) => ['rule', 'severity', eb.fn.countAll<number>().as('n')]).groupBy(['rule', 'severity']).execute(),
  ]);
  const centsSum = (xs: readonly (number | null)[]): number | null => (xs.every((x) => x === null) ? null : xs.reduce<number>((a, x) => a + Number(x ?? 0), 0));
  const unplacedSum = (jsons: readonly (string | null)[]): number => jsons.reduce((a, j) => a + (j ? (JSON.parse(j) as number[]).reduce((s, c) => s + c, 0) : 0), 0);
  const stored: Totals = {
    total: sumOrNull(centsSum(units.map((u) => u.total))), fiscal: sumOrNull(centsSum(units.map((u) => u.fiscal))),
    specialAccount: sumOrNull(centsSum(units.map((u) => u.special_account))), other: sumOrNull(centsSum(units.map((u) => u.other))),
    unplaced: unplacedSum(units.map((u) => u.unplaced)) / 100,
  };
  const projects: Totals = {
    total: sumOrNull(projectSums.total), fiscal: sumOrNull(projectSums.fiscal), specialAccount: sumOrNull(projectSums.special_account),
    other: sumOrNull(projectSums.other), unplaced: unplacedSum(projectUnplaced.map((p) => p.unplaced)) / 100,
  };
  const storedCents = centsSum(units.map((u) => u.total));
  const byCode = (a: { code: string | null }, b: { code: string | null }) =>
    a.code === b.code ? 0 : a.code === null ? 1 : b.code === null ? -1 : a.code < b.code ? -1 : 1;
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const rules = new Map<string, { rule: string; count: number; error: number; warning: number; info: number }>();
  for (const f of findings) {
    const n = Number(f.n);
    const sev = f.severity as Severity;
    bySeverity[sev] += n;
    const r = rules.get(f.rule) ?? { rule: f.rule, count: 0, error: 0, warning: 0, info: 0 };
    r.count += n;
    r[sev] += n;
    rules.set(f.rule, r);
  }
  return {
    totals: { stored, projects, difference: storedCents === null ? null : (storedCents - Number(projectSums.total ?? 0)) / 100 },
    projectCount: Number(projectSums.n),
    indicatorCount: Number(projectSums.indicators ?? 0),
    indicators: {
      byLevel1: level1.map((r) => ({ code: r.code, name: r.code === null ? null : LEVEL1[r.code] ?? null, count: Number(r.n) })).sort(byCode),
      byLevel2: level2.map((r) => ({ level1: r.l1, code: r.code, name: r.code === null ? null : LEVEL2[r.code] ?? null, count: Number(r.n) }))
        .sort((a, b) => byCode({ code: a.level1 }, { code: b.level1 }) || byCode(a, b)),
    },
    findings: {
      total: bySeverity.error + bySeverity.warning + bySeverity.info,
      bySeverity,
      byRule: [...rules.values()].sort((a, b) => b.count - a.count || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)),
    },
  };
}

/** One unit (one version of it): its printed totals beside the sum of its projects, indicator mix, findings. */
export async function unitRollup(store: Store, unitId: number): Promise<UnitRollup> {
  const uid = parse(ID, unitId, '单位编号');
  const u = await store.db.selectFrom('units as u').innerJoin('documents as d', 'd.id', 'u.document_id').leftJoin('departments as dep', 'dep.id', 'd.department_id')
    .select(['u.id', 'u.name', 'u.year', 'u.version', 'u.latest', 'u.line', 'u.review_score', 'd.id as document_id', 'd.file', 'd.layout', 'd.title', 'd.year as document_year', 'd.imported_at', 'dep.name as department'])
    .where('u.id', '=', uid).executeTakeFirst();
  if (!u) throw new QueryError('not-found', `没有编号为 ${uid} 的单位`);
  return {
    unit: { id: Number(u.id), name: u.name, version: u.version, latest: u.latest === 1, year: u.year, line: u.line, score: u.review_score },
    department: u.department,
    document: { id: Number(u.document_id), file: u.file, layout: u.layout, title: u.title, year: u.document_year, importedAt: u.imported_at },
    ...(await rollup(store.db, [Number(u.id)])),
  };
}

/** A department's units (latest version of each; of one year when given) summed together. */
export async function departmentRollup(store: Store, departmentName: string, year?: number): Promise<DepartmentRollup> {
  const input = parse(z.strictObject({ name: z.string().trim().min(1), year: z.number().int().min(1900).max(2200).optional() }),
    { name: departmentName, ...(year === undefined ? {} : { year }) }, '部门汇总条件');
  const db = store.db;
  let q = db.selectFrom('units as u').innerJoin('documents as d', 'd.id', 'u.document_id').innerJoin('departments as dep', 'dep.id', 'd.department_id')
    .select(['u.id', 'u.name', 'u.version', 'u.latest', 'u.year', 'u.total', 'd.id as document_id', 'd.file'])
    .where('dep.name', '=', input.name).where('u.latest', '=', 1);
  if (input.year !== undefined) q = q.where('u.year', '=', input.year);
  const units = await q.orderBy('d.id').orderBy('u.ordinal').execute();
  if (units.length === 0) {
    const known = await db.selectFrom('departments').select('id').where('name', '=', input.name).executeTakeFirst();
    throw new QueryError('not-found', !known ? `没有名为“${input.name}”的部门` : input.year !== undefined ? `部门“${input.name}”没有 ${input.year} 年的表` : `部门“${input.name}”没有表`);
  }
  const ids = units.map((u) => Number(u.id));
  const perUnit = await db.selectFrom('projects').where('unit_id', 'in', ids)
    .select((eb) => ['unit_id', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('total').as('total')]).groupBy('unit_id').execute();
  const byUnit = new Map(perUnit.map((r) => [Number(r.unit_id), r]));
  return {
    department: input.name,
    year: input.year ?? null,
    units: units.map((u) => {
      const p = byUnit.get(Number(u.id));
      return {
        id: Number(u.id), name: u.name, version: u.version, latest: u.latest === 1, year: u.year,
        document: { id: Number(u.document_id), file: u.file },
        total: fromCents(u.total), projectsTotal: p ? sumOrNull(p.total) : null, projectCount: p ? Number(p.n) : 0,
      };
    }),
    ...(await rollup(db, ids)),
  };
}

// ---------------------------------------------------------------------------------------------------
// Documents

/** Every stored document with its units (all versions), in import order. */
export async function listDocuments(store: Store): Promise<DocumentSummary[]> {
  const db = store.db;
  const [docs, units, counts] = await Promise.all([
    db.selectFrom('documents as d').leftJoin('departments as dep', 'dep.id', 'd.department_id')
      .select(['d.id', 'd.file', 'd.sha256', 'd.layout', 'd.encoding', 'd.title', 'd.year', 'dep.name as department', 'd.currency_unit', 'd.bytes', 'd.lines', 'd.imported_at', 'd.year_source', 'd.note',
        'd.total_total', 'd.total_fiscal', 'd.total_special', 'd.total_other', 'd.total_unplaced', 'd.review_score', 'd.review_grade', 'd.review_dimensions', 'd.review_gated', 'd.errors', 'd.warnings'])
      .orderBy('d.id').execute(),
    db.selectFrom('units').select(['id', 'document_id', 'ordinal', 'name', 'version', 'latest', 'total']).orderBy('document_id').orderBy('ordinal').execute(),
    db.selectFrom('projects').select((eb) => ['unit_id', eb.fn.countAll<number>().as('n')]).groupBy('unit_id').execute(),
  ]);
  const projectCount = new Map(counts.map((c) => [Number(c.unit_id), Number(c.n)]));
  const unitsOf = new Map<number, DocumentSummary['units'][number][]>();
  for (const u of units) {
    const list = unitsOf.get(Number(u.document_id)) ?? [];
    list.push({ id: Number(u.id), name: u.name, ordinal: u.ordinal, version: u.version, latest: u.latest === 1, total: fromCents(u.total), projectCount: projectCount.get(Number(u.id)) ?? 0 });
    unitsOf.set(Number(u.document_id), list);
  }
  return docs.map((d) => {
    const us = unitsOf.get(Number(d.id)) ?? [];
    return {
      id: Number(d.id), file: d.file, sha256: d.sha256, layout: d.layout, encoding: d.encoding, title: d.title, year: d.year, department: d.department,
      currencyUnit: d.currency_unit, bytes: d.bytes, lines: d.lines, importedAt: d.imported_at,
      yearSource: d.year_source as DocumentSummary['yearSource'], note: d.note,
      total: d.total_total === null ? null : {
        total: fromCents(d.total_total), fiscal: fromCents(d.total_fiscal), specialAccount: fromCents(d.total_special), other: fromCents(d.total_other), unplaced: unplacedOf(d.total_unplaced),
      },
      score: d.review_score, grade: d.review_grade, dimensions: fromJson<DimensionScore[]>(d.review_dimensions), gated: d.review_gated ?? 0, errors: d.errors, warnings: d.warnings,
      projectCount: us.reduce((a, u) => a + u.projectCount, 0),
      units: us,
    };
  });
}

