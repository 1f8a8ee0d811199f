// Browsing indicators across the store (latest version of each unit): filter by name text, level codes,
// unit and the kind of annual target; one page of indicators in document order, facet counts, and the
// distribution of the numeric annual targets in their most common measurement unit (what targets do
// units set for 满意度? mostly ≥90%, some 95%, a few 100%).
import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { ParsedTarget } from '../model/index.js';
import { LEVEL1, LEVEL2 } from '../model/taxonomy.js';
import { nameKey } from '../targets/index.js';
import type { Store } from './connect.js';
import type { Database } from './schema.js';
import { likeContains } from './search-text.js';
import { departmentIs, yearIs, type YearFilter } from './scope.js';

export interface IndicatorFilters {
  /** text the indicator name contains (as written, or its normalised key) */
  readonly q?: string | undefined;
  readonly level1?: string | undefined;
  readonly level2?: string | undefined;
  /** 资金使用单位, exactly */
  readonly unit?: string | undefined;
  /** the kind of the annual target */
  readonly kind?: string | undefined;
  /** the table's year; 'none': tables that print none */
  readonly year?: YearFilter | undefined;
  /** 部门名称, exactly */
  readonly department?: string | undefined;
}

export interface IndicatorQuery extends IndicatorFilters {
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

export interface IndicatorRow {
  readonly id: number;
  readonly projectId: number;
  readonly project: string;
  readonly unit: string;
  readonly seq: number | null;
  readonly level1Code: string | null;
  readonly level1Name: string | null;
  readonly level2Code: string | null;
  readonly level2Name: string | null;
  readonly name: string;
  readonly period: ParsedTarget;
  readonly annual: ParsedTarget;
  readonly line: number | null;
}

export interface Bucket {
  readonly label: string;
  readonly count: number;
  /** the values in the bucket lie in [min, max] */
  readonly min: number;
  readonly max: number;
}

export interface IndicatorPage {
  readonly total: number;
  readonly items: readonly IndicatorRow[];
  readonly facets: {
    readonly level1: readonly { readonly code: string | null; readonly name: string | null; readonly count: number }[];
    readonly level2: readonly { readonly code: string | null; readonly name: string | null; readonly count: number }[];
    readonly unit: readonly { readonly name: string; readonly count: number }[];
    readonly kind: readonly { readonly kind: string; readonly count: number }[];
  };
  readonly distribution: { readonly unit: string | null; readonly buckets: readonly Bucket[] };
}

type From = Database & { i: Database['indicators']; p: Database['projects']; u: Database['units'] };
type Q = SelectQueryBuilder<From, 'i' | 'p' | 'u', object>;

const FACET_LIMIT = 100;

function base(store: Store, f: IndicatorFilters, skip?: keyof IndicatorFilters): Q {
  let q = store.db.selectFrom('indicators as i')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .where('u.latest', '=', 1) as Q;
  const q0 = f.q?.trim();
  if (q0 && skip !== 'q') {
    const key = nameKey(q0);
    const like = store.dialect === 'postgres' ? 'ilike' : 'like';
    q = q.where((eb: ExpressionBuilder<From, 'i' | 'p' | 'u'>) => eb.or([
      eb(sql.ref('i.name'), like, sql`${likeContains(q0)} escape '\\'`),
      ...(key && key !== q0 ? [eb(sql.ref('i.name_key'), like, sql`${likeContains(key)} escape '\\'`)] : []),
    ]));
  }
  if (f.level1 !== undefined && skip !== 'level1') q = q.where('i.level1_code', '=', f.level1);
  if (f.level2 !== undefined && skip !== 'level2') q = q.where('i.level2_code', '=', f.level2);
  if (f.unit !== undefined && skip !== 'unit') q = q.where('u.name', '=', f.unit);
  if (f.kind !== undefined && skip !== 'kind') q = q.where('i.annual_kind', '=', f.kind);
  const { year, department } = f;
  if (year !== undefined) q = q.where((eb: ExpressionBuilder<From, 'i' | 'p' | 'u'>) => yearIs(eb, 'u.year', year));
  if (department !== undefined) q = q.where((eb: ExpressionBuilder<From, 'i' | 'p' | 'u'>) => departmentIs(eb, 'u.document_id', department));
  return q;
}

const byCode = (a: string | null, b: string | null): number => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

export async function listIndicators(store: Store, query: IndicatorQuery = {}): Promise<IndicatorPage> {
  const limit = query.limit ?? 50;
  const offset = query.offset ?? 0;
  const [count, rows, l1, l2, units, kinds, dist] = await Promise.all([
    base(store, query).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base(store, query)
      .select(['i.id', 'i.project_id', 'p.name as project', 'u.name as unit', 'i.seq', 'i.level1_code', 'i.level1_name', 'i.level2_code', 'i.level2_name',
        'i.name', 'i.period_json', 'i.annual_json', 'i.line'])
      .orderBy('p.id').orderBy('i.ordinal').limit(limit).offset(offset).execute(),
    base(store, query, 'level1').groupBy('i.level1_code').select((eb) => ['i.level1_code as code', eb.fn.countAll<number>().as('n')]).execute(),
    base(store, query, 'level2').groupBy('i.level2_code').select((eb) => ['i.level2_code as code', eb.fn.countAll<number>().as('n')]).execute(),
    base(store, query, 'unit').groupBy('u.name').select((eb) => ['u.name', eb.fn.countAll<number>().as('n')])
      .orderBy(sql`count(*)`, 'desc').orderBy('u.name').limit(FACET_LIMIT).execute(),
    base(store, query, 'kind').groupBy('i.annual_kind').select((eb) => ['i.annual_kind as kind', eb.fn.countAll<number>().as('n')]).execute(),
    distribution(store, query),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({
      id: Number(r.id), projectId: Number(r.project_id), project: r.project, unit: r.unit, seq: r.seq,
      // the printed names, filled from the code table where the table left them out
      level1Code: r.level1_code, level1Name: r.level1_name ?? (r.level1_code === null ? null : LEVEL1[r.level1_code] ?? null),
      level2Code: r.level2_code, level2Name: r.level2_name ?? (r.level2_code === null ? null : LEVEL2[r.level2_code] ?? null),
      name: r.name, period: JSON.parse(r.period_json) as ParsedTarget, annual: JSON.parse(r.annual_json) as ParsedTarget, line: r.line,
    })),
    facets: {
      level1: l1.map((r) => ({ code: r.code, name: r.code === null ? null : LEVEL1[r.code] ?? null, count: Number(r.n) })).sort((a, b) => byCode(a.code, b.code)),
      level2: l2.map((r) => ({ code: r.code, name: r.code === null ? null : LEVEL2[r.code] ?? null, count: Number(r.n) })).sort((a, b) => byCode(a.code, b.code)),
      unit: units.map((r) => ({ name: r.name, count: Number(r.n) })),
      kind: kinds.map((r) => ({ kind: r.kind ?? 'unparsed', count: Number(r.n) })).sort((a, b) => b.count - a.count || (a.kind < b.kind ? -1 : 1)),
    },
    distribution: dist,
  };
}

// ---------------------------------------------------------------------------------------------------
// Distribution of numeric annual targets

async function distribution(store: Store, f: IndicatorFilters): Promise<IndicatorPage['distribution']> {
  const numeric = () => base(store, f).where('i.annual_kind', '=', 'numeric').where('i.annual_value', 'is not', null);
  const top = await numeric().groupBy('i.annual_unit').select((eb) => ['i.annual_unit as unit', eb.fn.countAll<number>().as('n')])
    .orderBy(sql`count(*)`, 'desc').orderBy('i.annual_unit').limit(1).executeTakeFirst();
  if (!top) return { unit: null, buckets: [] };
  const unit = top.unit ?? '';
  const values = await numeric().where((eb) => (top.unit === null ? eb('i.annual_unit', 'is', null) : eb('i.annual_unit', '=', top.unit!)))
    .groupBy('i.annual_value').select((eb) => ['i.annual_value as value', eb.fn.countAll<number>().as('n')]).orderBy('i.annual_value').execute();
  return { unit, buckets: buckets(values.map((v) => ({ value: Number(v.value), count: Number(v.n) })), unit) };
}

/**
 * Buckets for a histogram. Few distinct values: one bucket each. Values concentrated on a few round
 * numbers (targets usually are: 90%, 95%, 100%): those numbers are the buckets' lower bounds, each
 * bucket holding the values up to the next one, and a tail below the first. Otherwise about eight
 * ranges of a round width over the middle 90%, with open tails.
 */
export function buckets(values: readonly { value: number; count: number }[], unit: string): Bucket[] {
  const fmt = (x: number) => `${Number(x.toPrecision(6))}${unit}`;
  if (values.length === 0) return [];
  if (values.length <= 10) return values.map((v) => ({ label: fmt(v.value), count: v.count, min: v.value, max: v.value }));
  const total = values.reduce((a, v) => a + v.count, 0);
  const first = values[0]!.value;
  const last = values.at(-1)!.value;
  const out: Bucket[] = [];
  const push = (label: string, vs: readonly { value: number; count: number }[], min: number, max: number) => {
    const count = vs.reduce((a, v) => a + v.count, 0);
    if (count > 0) out.push({ label, count, min, max });
  };

  const anchors = [...values].sort((a, b) => b.count - a.count || a.value - b.value).slice(0, 8).map((v) => v.value).sort((a, b) => a - b);
  const covered = values.filter((v) => anchors.includes(v.value)).reduce((a, v) => a + v.count, 0);
  if (covered >= 0.6 * total) {
    const below = values.filter((v) => v.value < anchors[0]!);
    if (below.length) push(`<${fmt(anchors[0]!)}`, below, first, below.at(-1)!.value);
    for (let k = 0; k < anchors.length; k++) {
      const a = anchors[k]!;
      const b = anchors[k + 1];
      const vs = values.filter((v) => v.value >= a && (b === undefined || v.value < b));
      const only = vs.length === 1;
      push(only ? fmt(a) : b === undefined ? `≥${fmt(a)}` : `${fmt(a)}–<${fmt(b)}`, vs, a, vs.at(-1)!.value);
    }
    return out;
  }

  const quantile = (q: number) => {
    let seen = 0;
    for (const v of values) {
      seen += v.count;
      if (seen >= q * total) return v.value;
    }
    return last;
  };
  const lo = quantile(0.05);
  const hi = quantile(0.95);
  const step = niceStep((hi - lo) / 8 || Math.abs(lo) / 8 || 1);
  const start = Math.floor(lo / step) * step;
  const edges: number[] = [];
  for (let e = start; e < hi; e += step) edges.push(Number(e.toPrecision(12)));
  edges.push(Number(((edges.at(-1) ?? start) + step).toPrecision(12)));
  const pick = (pred: (x: number) => boolean) => values.filter((v) => pred(v.value));
  push(`<${fmt(edges[0]!)}`, pick((x) => x < edges[0]!), first, edges[0]!);
  for (let k = 0; k + 1 < edges.length; k++) {
    const a = edges[k]!;
    const b = edges[k + 1]!;
    const lastBin = k + 2 === edges.length;
    // the last range is closed so a round maximum (100%) is in it, not in a tail of its own
    push(lastBin ? `${fmt(a)}–${fmt(b)}` : `${fmt(a)}–<${fmt(b)}`, pick((x) => x >= a && (lastBin ? x <= b : x < b)), a, b);
  }
  push(`>${fmt(edges.at(-1)!)}`, pick((x) => x > edges.at(-1)!), edges.at(-1)!, last);
  return out;
}

function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 2.5 ? 2.5 : m <= 5 ? 5 : 10) * p;
}
