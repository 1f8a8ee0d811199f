// diffDocuments: two publications of the same unit(s) → what changed, project by project.
//
// Units are matched by name. Projects: same name without whitespace first, then the most similar names
// (character-bigram Dice ≥ 0.6) among the rest; the others are added or removed. Indicators of a matched
// project: same (level-1 code, level-2 code, nameKey(name)) first, then the most similar names, closest in
// position first; the others are added or removed.
import type { Funding, Indicator, Project, TableDocument, Unit } from '../model/index.js';
import { nameKey } from '../targets/index.js';
import { diffFunding } from './funding.js';
import { dice, mergeOrder, pair } from './match.js';
import type { Counts, DiffOptions, DocumentDiff, DocumentRef, FundingDiff, IndicatorDiff, IndicatorRef, ProjectDiff, ProjectRef, TextChange, UnitDiff } from './types.js';
import { comparable, diffText, stripSpace } from './words.js';

/** No unit of one document has a namesake in the other (or the requested unit is missing from one). */
export class UnitMatchError extends Error {
  constructor(
    message: string,
    readonly unitsA: readonly string[],
    readonly unitsB: readonly string[],
    readonly requested: string | null,
    /** with `requested`: the documents it is missing from */
    readonly missingIn: readonly ('a' | 'b')[],
  ) {
    super(message);
    this.name = 'UnitMatchError';
  }
}

interface Context {
  readonly fold: boolean;
  /** texts that differ only in full-/half-width symbols (not changes, but worth a note) */
  widthOnly: number;
  /** rows whose columns were reconciled, by unit: which file left the amounts unplaced */
  readonly reconciled: { unit: string; row: 'unit' | 'project'; unplacedIn: 'a' | 'b' | 'both' }[];
}

export function diffDocuments(a: TableDocument, b: TableDocument, options: DiffOptions = {}): DocumentDiff {
  const ctx: Context = { fold: options.foldWidth ?? true, widthOnly: 0, reconciled: [] };
  const unitKey = (name: string): string => comparable(name, ctx.fold);
  const namesA = a.units.map((u) => u.name);
  const namesB = b.units.map((u) => u.name);
  let pairs: (readonly [Unit, Unit])[] = [];
  let scope: DocumentDiff['scope'] = 'all';
  let onlyA: string[] = [];
  let onlyB: string[] = [];

  if (options.unit !== undefined) {
    const want = unitKey(options.unit);
    const ua = a.units.find((u) => unitKey(u.name) === want);
    const ub = b.units.find((u) => unitKey(u.name) === want);
    if (!ua || !ub) {
      const missingIn = [...(ua ? [] : (['a'] as const)), ...(ub ? [] : (['b'] as const))];
      const missing = missingIn.map((s) => (s === 'a' ? a : b).source.file).join(' 和 ');
      throw new UnitMatchError(`单位“${options.unit}”不在 ${missing} 中`, namesA, namesB, options.unit, missingIn);
    }
    pairs = [[ua, ub]];
    scope = 'unit';
  } else {
    const byName = new Map<string, Unit[]>();
    for (const u of b.units) byName.set(unitKey(u.name), [...(byName.get(unitKey(u.name)) ?? []), u]);
    const matchedB = new Set<Unit>();
    for (const ua of a.units) {
      const ub = byName.get(unitKey(ua.name))?.shift();
      if (ub) {
        pairs.push([ua, ub]);
        matchedB.add(ub);
      } else onlyA.push(ua.name);
    }
    onlyB = b.units.filter((u) => !matchedB.has(u)).map((u) => u.name);
    if (pairs.length === 0) throw new UnitMatchError('两个文件中没有同名的单位', namesA, namesB, null, []);
    // one document is a single unit's own table, the other a department's: compare that unit only
    if ((a.units.length === 1) !== (b.units.length === 1)) {
      scope = 'unit';
      onlyA = [];
      onlyB = [];
    }
  }

  const units = pairs.map(([ua, ub]) => diffUnit(ua, ub, ctx));
  const sum = (f: (c: Counts) => number, list: readonly Counts[]): number => list.reduce((s, c) => s + f(c), 0);
  const projectCounts = units.map((u) => u.counts);
  const matched = units.flatMap((u) => u.projects).filter((p) => p.a && p.b);
  const indicatorList = matched.flatMap((p) => p.indicators);
  const notes = buildNotes(a, b, ctx);
  return {
    a: ref(a),
    b: ref(b),
    scope,
    units,
    unitsOnlyInA: onlyA,
    unitsOnlyInB: onlyB,
    projects: { same: sum((c) => c.same, projectCounts), changed: sum((c) => c.changed, projectCounts), added: sum((c) => c.added, projectCounts), removed: sum((c) => c.removed, projectCounts) },
    indicators: {
      same: matched.reduce((s, p) => s + p.indicatorsSame, 0),
      changed: indicatorList.filter((i) => i.status === 'changed').length,
      added: indicatorList.filter((i) => i.status === 'added').length,
      removed: indicatorList.filter((i) => i.status === 'removed').length,
    },
    notes,
  };
}

function ref(d: TableDocument): DocumentRef {
  return { file: d.source.file, sha256: d.source.sha256, layout: d.source.layout, department: d.department, year: d.year, units: d.units.map((u) => u.name) };
}

function text(a: string, b: string, ctx: Context): TextChange | null {
  const change = diffText(a, b, ctx.fold);
  if (change === null && ctx.fold && comparable(a, false) !== comparable(b, false)) ctx.widthOnly++;
  return change;
}

function diffUnit(ua: Unit, ub: Unit, ctx: Context): UnitDiff {
  const key = (p: Project): string => comparable(p.name, ctx.fold);
  const pa = ua.projects;
  const pb = ub.projects;
  const pairing = pair(pa.length, pb.length, (i) => key(pa[i]!), (j) => key(pb[j]!), (i, j) => dice(key(pa[i]!), key(pb[j]!)));
  const projects: ProjectDiff[] = mergeOrder(pairing).map(({ a, b }) => diffProject(a === null ? null : { p: pa[a]!, index: a }, b === null ? null : { p: pb[b]!, index: b }, a === null ? null : pairing.how[a] === 'key' ? 'name' : 'similarity', ub.name, ctx));
  const count = (s: ProjectDiff['status']): number => projects.filter((p) => p.status === s).length;
  return {
    name: ub.name,
    lineA: ua.line ?? null,
    lineB: ub.line ?? null,
    funding: unitFunding(ub.name, ua.funding, ub.funding, ctx),
    projects,
    counts: { same: count('same'), changed: count('changed'), added: count('added'), removed: count('removed') },
  };
}

function funding(unit: string, row: 'unit' | 'project', a: Funding, b: Funding, ctx: Context): FundingDiff {
  const d = diffFunding(a, b);
  if (d.columnsReconciled) ctx.reconciled.push({ unit, row, unplacedIn: a.unplaced.length > 0 && b.unplaced.length > 0 ? 'both' : a.unplaced.length > 0 ? 'a' : 'b' });
  return d;
}

function unitFunding(unit: string, a: Funding | null, b: Funding | null, ctx: Context): FundingDiff | null {
  if (a && b) return funding(unit, 'unit', a, b, ctx);
  if (!a && !b) return null;
  return { changed: true, amounts: [{ field: 'total', a: a?.total ?? null, b: b?.total ?? null, difference: null }], unplaced: null, columnsReconciled: false };
}

function projectRef(p: Project, index: number): ProjectRef {
  return { index, name: p.name, total: p.funding.total, indicators: p.indicators.length, line: p.line ?? null };
}

function diffProject(a: { p: Project; index: number } | null, b: { p: Project; index: number } | null, how: 'name' | 'similarity' | null, unit: string, ctx: Context): ProjectDiff {
  const base = { a: a ? projectRef(a.p, a.index) : null, b: b ? projectRef(b.p, b.index) : null, name: (b ?? a)!.p.name };
  if (!a || !b) {
    const status = a ? 'removed' : 'added';
    return { ...base, status, matchedBy: null, nameChange: null, funding: null, goal: null, indicatorsText: null, indicators: [], indicatorsSame: 0 };
  }
  const nameChange = text(a.p.name, b.p.name, ctx);
  const fund = funding(unit, 'project', a.p.funding, b.p.funding, ctx);
  const goal = text(a.p.goal, b.p.goal, ctx);
  const indicatorsText = text(a.p.indicatorsText ?? '', b.p.indicatorsText ?? '', ctx);
  const { list, same } = diffIndicators(a.p.indicators, b.p.indicators, ctx);
  const changed = nameChange !== null || fund.changed || goal !== null || indicatorsText !== null || list.length > 0;
  return { ...base, status: changed ? 'changed' : 'same', matchedBy: how, nameChange, funding: fund, goal, indicatorsText, indicators: list, indicatorsSame: same };
}

function indicatorRef(x: Indicator, index: number): IndicatorRef {
  return { index, seq: x.seq, level1: x.level1.code, level2: x.level2.code, name: x.name, period: x.period.raw, annual: x.annual.raw, line: x.line ?? null };
}

function diffIndicators(ia: readonly Indicator[], ib: readonly Indicator[], ctx: Context): { list: IndicatorDiff[]; same: number } {
  const key = (x: Indicator): string => `${x.level1.code ?? ''}|${x.level2.code ?? ''}|${nameKey(x.name)}`;
  const pairing = pair(ia.length, ib.length, (i) => key(ia[i]!), (j) => key(ib[j]!), (i, j) => dice(nameKey(ia[i]!.name), nameKey(ib[j]!.name)));
  const list: IndicatorDiff[] = [];
  let same = 0;
  for (const { a, b } of mergeOrder(pairing)) {
    const ra = a === null ? null : indicatorRef(ia[a]!, a);
    const rb = b === null ? null : indicatorRef(ib[b]!, b);
    if (a === null || b === null) {
      list.push({ status: a === null ? 'added' : 'removed', a: ra, b: rb, matchedBy: null, name: null, level1: null, level2: null, period: null, annual: null });
      continue;
    }
    const x = ia[a]!;
    const y = ib[b]!;
    const code = (p: string | null, q: string | null) => (stripSpace(p ?? '') === stripSpace(q ?? '') ? null : { a: p, b: q });
    const d = {
      name: text(x.name, y.name, ctx),
      level1: code(x.level1.code, y.level1.code),
      level2: code(x.level2.code, y.level2.code),
      period: text(x.period.raw, y.period.raw, ctx),
      annual: text(x.annual.raw, y.annual.raw, ctx),
    };
    if (Object.values(d).every((v) => v === null)) same++;
    else list.push({ status: 'changed', a: ra, b: rb, matchedBy: pairing.how[a] ?? null, ...d });
  }
  return { list, same };
}

function buildNotes(a: TableDocument, b: TableDocument, ctx: Context): string[] {
  const notes: string[] = [];
  const file = { a: `甲（${a.source.file}）`, b: `乙（${b.source.file}）`, both: '甲乙两个文件' };
  const groups = new Map<string, { unit: string; unplacedIn: 'a' | 'b' | 'both'; projects: number; unitRow: boolean }>();
  for (const r of ctx.reconciled) {
    const k = `${r.unit}\u0000${r.unplacedIn}`;
    const g = groups.get(k) ?? { unit: r.unit, unplacedIn: r.unplacedIn, projects: 0, unitRow: false };
    if (r.row === 'unit') g.unitRow = true;
    else g.projects++;
    groups.set(k, g);
  }
  for (const g of groups.values()) {
    const rows = [g.projects ? `${g.projects} 个项目` : '', g.unitRow ? '单位行' : ''].filter(Boolean).join('及');
    notes.push(`单位“${g.unit}”：${rows}的资金来源在${file[g.unplacedIn]}中未归列（文本未标明金额属于哪一列），与另一方的列相容，不计为改动。`);
  }
  if (ctx.widthOnly > 0) notes.push(`${ctx.widthOnly} 处文字只有全角/半角之别（如 100％ 与 100%、＜ 与 <），不计为改动。`);
  return notes;
}
