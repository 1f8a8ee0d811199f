// What the store holds at a glance, for the web app's first page: counts, funding by unit and by source
// column, the indicator mix by level, the kinds of annual target, the findings by rule and by unit.
// Latest version of each unit only; optionally one year and one department. Amounts in 万元.
import type { Kysely } from 'kysely';
import type { Severity } from '../model/index.js';
import { LEVEL1, LEVEL2 } from '../model/taxonomy.js';
import { RULES } from '../review/index.js';
import type { Store } from './connect.js';
import type { Database } from './schema.js';
import { departmentIs, yearIs, type YearFilter } from './scope.js';

export interface OverviewFilters {
  /** a year, or 'none' for the tables that print none */
  readonly year?: YearFilter | undefined;
  readonly department?: string | undefined;
}

export interface Overview {
  /** funding: the sum of every unit's projects' 总计 (万元) */
  readonly totals: { readonly documents: number; readonly units: number; readonly projects: number; readonly indicators: number; readonly findings: number; readonly funding: number };
  readonly fundingByUnit: readonly { readonly unitId: number; readonly unit: string; readonly year: number | null; readonly version: number; readonly total: number; readonly fiscal: number; readonly specialAccount: number; readonly other: number; readonly unplaced: number }[];
  readonly fundingBySource: { readonly fiscal: number; readonly specialAccount: number; readonly other: number; readonly unplaced: number };
  readonly indicatorMix: readonly { readonly level1Code: string | null; readonly level1Name: string | null; readonly level2Code: string | null; readonly level2Name: string | null; readonly count: number }[];
  readonly targetKinds: readonly { readonly kind: string; readonly count: number }[];
  readonly quantifiedShare: number;
  readonly findingsByRule: readonly { readonly rule: string; readonly title: string; readonly severity: Severity; readonly count: number }[];
  readonly findingsByUnit: readonly { readonly unitId: number; readonly unit: string; readonly year: number | null; readonly version: number; readonly error: number; readonly warning: number; readonly info: number }[];
}

type Db = Kysely<Database>;

/** ids of the latest units matching the filters, as a subquery */
export function latestUnits(db: Db, f: OverviewFilters) {
  let q = db.selectFrom('units as lu').select('lu.id').where('lu.latest', '=', 1);
  const { year, department } = f;
  if (year !== undefined) q = q.where((eb) => yearIs(eb, 'lu.year', year));
  if (department !== undefined) q = q.where((eb) => departmentIs(eb, 'lu.document_id', department));
  return q;
}

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };
const TITLES = new Map(RULES.map((r) => [r.id, r.title]));
const byCode = (a: string | null, b: string | null): number => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
const wan = (cents: unknown): number => Math.round(Number(cents ?? 0)) / 100;

export async function overview(store: Store, filters: OverviewFilters = {}): Promise<Overview> {
  const db = store.db;
  const units = () => latestUnits(db, filters);
  const [unitRows, projectSums, unplacedRows, mix, kinds, findingRows, docCount, docFindings] = await Promise.all([
    db.selectFrom('units as u').select(['u.id', 'u.name', 'u.year', 'u.version', 'u.document_id']).where('u.id', 'in', units()).orderBy('u.document_id').orderBy('u.ordinal').execute(),
    db.selectFrom('projects as p').where('p.unit_id', 'in', units()).groupBy('p.unit_id')
      .select((eb) => [
        'p.unit_id', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('p.total').as('total'), eb.fn.sum<number | null>('p.fiscal').as('fiscal'),
        eb.fn.sum<number | null>('p.special_account').as('special'), eb.fn.sum<number | null>('p.other').as('other'), eb.fn.sum<number>('p.indicator_count').as('indicators'),
      ]).execute(),
    db.selectFrom('projects as p').select(['p.unit_id', 'p.unplaced']).where('p.unit_id', 'in', units()).where('p.unplaced', '<>', '[]').execute(),
    db.selectFrom('indicators as i').innerJoin('projects as p', 'p.id', 'i.project_id').where('p.unit_id', 'in', units())
      .groupBy(['i.level1_code', 'i.level2_code']).select((eb) => ['i.level1_code', 'i.level2_code', eb.fn.countAll<number>().as('n')]).execute(),
    db.selectFrom('indicators as i').innerJoin('projects as p', 'p.id', 'i.project_id').where('p.unit_id', 'in', units())
      .groupBy('i.annual_kind').select((eb) => ['i.annual_kind as kind', eb.fn.countAll<number>().as('n')]).execute(),
    db.selectFrom('findings as f').where('f.unit_id', 'in', units()).groupBy(['f.unit_id', 'f.rule', 'f.severity'])
      .select((eb) => ['f.unit_id', 'f.rule', 'f.severity', eb.fn.countAll<number>().as('n')]).execute(),
    db.selectFrom('documents as d').where('d.id', 'in', (eb) => eb.selectFrom('units as du').select('du.document_id').where('du.id', 'in', units()))
      .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    // findings on a whole table (the 合计 row), not on a unit, of the documents shown
    db.selectFrom('findings as f').where('f.unit_id', 'is', null)
      .where('f.document_id', 'in', (eb) => eb.selectFrom('units as du').select('du.document_id').where('du.id', 'in', units()))
      .groupBy(['f.rule', 'f.severity']).select((eb) => ['f.rule', 'f.severity', eb.fn.countAll<number>().as('n')]).execute(),
  ]);

  const sums = new Map(projectSums.map((r) => [Number(r.unit_id), r]));
  const unplacedCents = new Map<number, number>();
  for (const r of unplacedRows) {
    const c = (JSON.parse(r.unplaced) as number[]).reduce((a, x) => a + x, 0);
    unplacedCents.set(Number(r.unit_id), (unplacedCents.get(Number(r.unit_id)) ?? 0) + c);
  }
  const fundingByUnit = unitRows.map((u) => {
    const s = sums.get(Number(u.id));
    return {
      unitId: Number(u.id), unit: u.name, year: u.year, version: u.version, total: wan(s?.total), fiscal: wan(s?.fiscal), specialAccount: wan(s?.special), other: wan(s?.other),
      unplaced: wan(unplacedCents.get(Number(u.id))),
    };
  }).sort((a, b) => b.total - a.total || a.unitId - b.unitId);
  const centsOf = (k: 'fiscal' | 'special' | 'other') => projectSums.reduce((a, r) => a + Number(r[k] ?? 0), 0);

  const indicators = projectSums.reduce((a, r) => a + Number(r.indicators ?? 0), 0);
  const quantified = kinds.filter((k) => k.kind === 'numeric' || k.kind === 'range').reduce((a, k) => a + Number(k.n), 0);

  const rules = new Map<string, { rule: string; title: string; severity: Severity; count: number }>();
  const perUnit = new Map<number, { error: number; warning: number; info: number }>();
  const addRule = (rule: string, severity: Severity, n: number) => {
    const r = rules.get(rule) ?? { rule, title: TITLES.get(rule) ?? rule, severity, count: 0 };
    r.count += n;
    if (SEVERITY_RANK[severity] > SEVERITY_RANK[r.severity]) r.severity = severity;
    rules.set(rule, r);
  };
  for (const f of findingRows) {
    const sev = f.severity as Severity;
    addRule(f.rule, sev, Number(f.n));
    const u = perUnit.get(Number(f.unit_id)) ?? { error: 0, warning: 0, info: 0 };
    u[sev] += Number(f.n);
    perUnit.set(Number(f.unit_id), u);
  }
  for (const f of docFindings) addRule(f.rule, f.severity as Severity, Number(f.n));
  const findings = [...rules.values()].reduce((a, r) => a + r.count, 0);

  return {
    totals: {
      documents: Number(docCount.n),
      units: unitRows.length,
      projects: projectSums.reduce((a, r) => a + Number(r.n), 0),
      indicators,
      findings,
      funding: wan(projectSums.reduce((a, r) => a + Number(r.total ?? 0), 0)),
    },
    fundingByUnit,
    fundingBySource: { fiscal: wan(centsOf('fiscal')), specialAccount: wan(centsOf('special')), other: wan(centsOf('other')), unplaced: wan([...unplacedCents.values()].reduce((a, c) => a + c, 0)) },
    indicatorMix: mix.map((r) => ({
      level1Code: r.level1_code, level1Name: r.level1_code === null ? null : LEVEL1[r.level1_code] ?? null,
      level2Code: r.level2_code, level2Name: r.level2_code === null ? null : LEVEL2[r.level2_code] ?? null,
      count: Number(r.n),
    })).sort((a, b) => byCode(a.level1Code, b.level1Code) || byCode(a.level2Code, b.level2Code)),
    targetKinds: kinds.map((k) => ({ kind: k.kind ?? 'unparsed', count: Number(k.n) })).sort((a, b) => b.count - a.count || (a.kind < b.kind ? -1 : 1)),
    quantifiedShare: indicators === 0 ? 0 : quantified / indicators,
    findingsByRule: [...rules.values()].sort((a, b) => b.count - a.count || (a.rule < b.rule ? -1 : 1)),
    findingsByUnit: unitRows.map((u) => ({ unitId: Number(u.id), unit: u.name, year: u.year, version: u.version, ...(perUnit.get(Number(u.id)) ?? { error: 0, warning: 0, info: 0 }) }))
      .filter((u) => u.error + u.warning + u.info > 0)
      .sort((a, b) => b.error - a.error || b.warning - a.warning || b.info - a.info || a.unitId - b.unitId),
  };
}
