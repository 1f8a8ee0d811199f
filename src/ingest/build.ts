// Rows → document: group projects under units, read indicator cells, place source amounts by the
// table's sums, and reconcile every total. Shared by all layouts.
import type { Diagnostic, Funding, Indicator, Orphan, Project, SourceInfo, TableDocument, Unit } from '../model/index.js';
import { chooseSystem, SOURCE_COLUMN_LABEL, SOURCE_COLUMNS, type IndicatorSystem } from '../model/index.js';
import { formatCents, fromCents, type Cents } from './amounts.js';
import { diag } from './diagnostics.js';
import { placeColumns, candidatePlacements, type Placement, type PlacementRow, type Vec } from './funding/placement.js';
import { readIndicatorCells, readIndicators } from './indicators.js';
import type { RawDocument, RawRow } from './rows.js';
import { reconcile, type Reconciled } from './funding/reconcile.js';

interface UnitDraft { row: RawRow | null; name: string; line: number | undefined; projects: RawRow[] }

export function buildDocument(raw: RawDocument, source: Omit<SourceInfo, 'layout' | 'lines'>): TableDocument {
  const diagnostics: Diagnostic[] = [...raw.diagnostics];
  let totalRow: RawRow | null = null;
  const drafts: UnitDraft[] = [];
  // Projects before the first unit row: in a table that prints no unit row they are the header's unit's;
  // in one that prints unit rows later they belong to a unit not in the input (pages cut off before
  // them), and naming the header's department, itself often one of the units, would be a guess.
  const printsUnits = raw.rows.some((r) => r.kind === 'unit');
  let leading: { line: number | undefined; first: string } | null = null;
  for (const row of raw.rows) {
    if (row.kind === 'total' && totalRow === null) { totalRow = row; continue; }
    if (row.kind === 'unit' || (row.kind === 'total')) {
      drafts.push({ row, name: row.name.text, line: row.line, projects: [] });
      continue;
    }
    if (drafts.length === 0) {
      const name = printsUnits ? '（未注明单位）' : raw.meta.department ?? '（未注明单位）';
      drafts.push({ row: null, name, line: undefined, projects: [] });
      if (printsUnits) leading = { line: row.line, first: row.name.text };
      else diagnostics.push(diag('unit-inferred', `表中没有资金使用单位行，项目归入以表头名称命名的单位“${name}”。`, { line: row.line, path: 'units[0]' }));
    }
    drafts[drafts.length - 1]!.projects.push(row);
  }
  if (leading) {
    const n = drafts[0]!.projects.length;
    diagnostics.push(diag('unit-unknown', `第一个资金使用单位行之前有 ${n} 个项目（自“${leading.first}”起），它们所属单位的单位行不在本文件中（可能在未收入的前页）：归入“（未注明单位）”，不归入表头的部门或其后的单位。`, { line: leading.line, path: 'units[0]' }));
  }

  // Placement input, in the same shape as the output document.
  const placementRow = (r: RawRow | null): PlacementRow | null => {
    if (!r || !r.amounts) return null;
    if (r.amounts.columns) {
      const [, f, s, o] = r.amounts.columns;
      return { options: [[f ?? 0, s ?? 0, o ?? 0]], hasSources: f !== null || s !== null || o !== null };
    }
    const sources = (r.amounts.values ?? []).slice(1);
    return { options: candidatePlacements(sources), hasSources: sources.length > 0 && sources.length <= 3 };
  };
  const placed = placeColumns({
    total: placementRow(totalRow),
    units: drafts.map((u) => ({ row: placementRow(u.row), projects: u.projects.map((p) => placementRow(p) ?? { options: [[0, 0, 0]], hasSources: false }) })),
  });

  // Indicators are read against the year's indicator system; without a year, against the default
  // one, and again against another when the codes the table uses fit that one better.
  const readAll = (system: IndicatorSystem) => {
    const out: Diagnostic[] = [];
    const total = totalRow ? funding(totalRow, placed.total, 'total', out) : null;
    const units: Unit[] = drafts.map((u, ui) => {
      const upath = `units[${ui}]`;
      if (u.row) for (const d of u.row.diagnostics) out.push({ ...d, path: upath });
      if (u.row && u.projects.length === 0) out.push(diag('unit-empty', `单位“${u.name}”之下没有项目。`, { line: u.line, path: upath }));
      // rows that print a single source whose column the text does not give: one diagnostic for the unit
      const single: SingleSource[] = [];
      const unitFunding = u.row ? funding(u.row, placed.units[ui]!.row, upath, out, single) : null;
      const projects = u.projects.map((p, pi) => buildProject(p, placed.units[ui]!.projects[pi]!, `${upath}.projects[${pi}]`, system, out, single));
      if (single.length > 0) out.push(columnsNotPrinted(u.name, u.row !== null && single[0]!.path === upath, single, { line: u.line ?? single[0]!.line, path: upath }));
      return { name: u.name, funding: unitFunding, projects, ...(u.line !== undefined ? { line: u.line } : {}) };
    });
    const orphans: Orphan[] = raw.orphans.map((o, oi) => {
      const path = `orphans[${oi}]`;
      const read = readIndicators(o.indicators, path, system);
      out.push(...read.diagnostics);
      const text = [o.text.text, read.unread].filter(Boolean).join('');
      out.push(diag('orphan', `有一段内容（${[text ? `文字 ${text.length} 字` : '', read.indicators.length ? `指标 ${read.indicators.length} 项` : ''].filter(Boolean).join('、')}）前面没有项目名称和金额，无法归属任何项目，已单独列出：“${clipText(text || o.indicators.text)}”。`, { line: o.line, path }));
      return { text, indicators: read.indicators, ...(o.line !== undefined ? { line: o.line } : {}) };
    });
    return { total, units, orphans, out };
  };
  const first = chooseSystem(raw.meta.year, []);
  let read = readAll(first.system);
  if (first.by !== 'year') {
    const codes = [...read.units.flatMap((u) => u.projects.flatMap((p) => p.indicators)), ...read.orphans.flatMap((o) => o.indicators)].map((i) => [i.level1.code, i.level2.code] as const);
    const chosen = chooseSystem(raw.meta.year, codes);
    if (chosen.system !== first.system) {
      read = readAll(chosen.system);
      read.out.unshift(diag('indicator-system-inferred', `表头未注明年度；表中的指标代码符合${chosen.system.label}，按该体系核对指标代码。`, { line: 1 }));
    }
  }
  diagnostics.push(...read.out);
  const { total, units, orphans } = read;

  const document: TableDocument = {
    source: { ...source, layout: raw.layout, lines: raw.lineCount },
    title: raw.meta.title,
    year: raw.meta.year,
    department: raw.meta.department,
    currencyUnit: raw.meta.currencyUnit,
    total,
    units,
    orphans,
    diagnostics,
  };
  const checked: Reconciled = reconcile(document);
  return { ...document, diagnostics: [...diagnostics, ...checked.diagnostics] };
}

function buildProject(row: RawRow, placement: Placement, path: string, system: IndicatorSystem, out: Diagnostic[], single: SingleSource[]): Project {
  for (const d of row.diagnostics) out.push({ ...d, path });
  const name = row.name.text;
  if (name === '') out.push(diag('name-missing', '项目没有名称。', { line: row.line, path }));
  const read = row.indicatorCells ? readIndicatorCells(row.indicatorCells, path, system) : readIndicators(row.indicators, path, system);
  out.push(...read.diagnostics);
  if (row.goal.text === '') out.push(diag('goal-missing', `项目“${clipText(name)}”没有绩效目标。`, { line: row.line, path }));
  const indicators: Indicator[] = read.indicators;
  const withheld = classifiedParts(row, indicators);
  if (withheld.length > 0) {
    out.push(diag('classified', `项目“${clipText(name)}”为涉密项目，${withheld.join('、')}未公开（原文写作“涉密”），按公开的内容读取。`, { line: row.line, path }));
  }
  return {
    name,
    funding: funding(row, placement, path, out, single) ?? emptyFunding(),
    goal: row.goal.text,
    indicators,
    ...(read.unread ? { indicatorsText: read.unread } : {}),
    ...(row.line !== undefined ? { line: row.line } : {}),
  };
}

const CLASSIFIED = /涉密/;

/** Which parts of a 涉密 (classified) row the publisher withheld, for the diagnostic. */
function classifiedParts(row: RawRow, indicators: readonly Indicator[]): string[] {
  const parts: string[] = [];
  if (row.amounts?.printed.some((p) => CLASSIFIED.test(p))) parts.push('金额');
  if (CLASSIFIED.test(row.goal.text)) parts.push('绩效目标');
  const targets = indicators.filter((i) => CLASSIFIED.test(i.period.raw) || CLASSIFIED.test(i.annual.raw) || CLASSIFIED.test(i.name)).length;
  if (targets > 0) parts.push(`${targets} 项指标的内容`);
  else if (CLASSIFIED.test(row.indicators.text)) parts.push('绩效指标');
  if (parts.length === 0 && CLASSIFIED.test(row.name.text)) parts.push('部分内容');
  return parts;
}

function emptyFunding(): Funding {
  return { total: 0, fiscal: null, specialAccount: null, other: null, unplaced: [], printed: [] };
}

const WHY: Record<Placement['why'], string> = {
  known: '',
  sums: '',
  ambiguous: '按表内各级合计，可能的归属不止一种',
  inconsistent: '表内合计本身对不上，无法据以判断',
  'too-complex': '可能的组合过多，无法据表内合计判断',
  'no-parent': '表内没有可据以核对的合计行',
  'no-sources': '',
};

interface SingleSource { readonly path: string; readonly line: number | undefined; readonly why: Placement['why'] }

/** The unit's rows that each print one source amount, its column not printed: what, where, and why. */
function columnsNotPrinted(unit: string, withUnitRow: boolean, rows: readonly SingleSource[], where: { line: number | undefined; path: string }): Diagnostic {
  const projects = rows.length - (withUnitRow ? 1 : 0);
  const which = [withUnitRow ? '单位行' : '', projects > 0 ? `${projects} 个项目` : ''].filter(Boolean).join('及');
  const lines = rows.map((r) => r.line).filter((l): l is number => l !== undefined);
  const shown = lines.length > 12 ? `${lines.slice(0, 12).join('、')} 行等` : `${lines.join('、')} 行`;
  const reasons = [...new Set(rows.map((r) => WHY[r.why]).filter(Boolean))].join('；');
  return diag('columns-not-printed', `单位“${unit}”的${which}（共 ${rows.length} 行${lines.length > 0 ? `，第 ${shown}` : ''}）各只印出一个来源金额，原文未标明属于财政拨款、财政专户拨款还是其他资金（空栏被略去）${reasons ? `，${reasons}` : ''}；这些金额已列为“未归列”。`, where);
}

function funding(row: RawRow, placement: Placement | null, path: string, out: Diagnostic[], single?: SingleSource[]): Funding | null {
  const a = row.amounts;
  const where = { line: a?.line ?? row.line, path };
  if (!a) {
    out.push(diag('amount-missing', `“${clipText(row.name.text) || '（无名称）'}”没有金额。`, where));
    return emptyFunding();
  }
  const line = a.line !== undefined ? { line: a.line } : {};
  if (a.columns) {
    const [t, f, s, o] = a.columns;
    let totalCents: Cents | null = t;
    if (totalCents === null) {
      totalCents = (f ?? 0) + (s ?? 0) + (o ?? 0);
      if (a.printed.some((p) => CLASSIFIED.test(p))) return { total: fromCents(totalCents), fiscal: nul(f), specialAccount: nul(s), other: nul(o), unplaced: [], printed: a.printed, ...line };
      out.push(diag('amount-missing', `总计栏为空，按资金来源之和 ${formatCents(totalCents)} 计。`, where));
    }
    const parts = a.fiscalParts ? { fiscalParts: { general: nul(a.fiscalParts[0]), governmentFund: nul(a.fiscalParts[1]), stateCapital: nul(a.fiscalParts[2]) } } : {};
    const unplaced = a.unplaced ?? [];
    if (unplaced.length > 0) {
      out.push(diag('column-undecided', `金额 ${unplaced.map(formatCents).join('、')} 列在“未能归位的金额”栏：属于财政拨款、财政专户拨款还是其他资金，表中未标明；已列为“未归列”。`, where));
    }
    return { total: fromCents(totalCents), fiscal: nul(f), specialAccount: nul(s), other: nul(o), ...parts, unplaced: unplaced.map(fromCents), printed: a.printed, ...line };
  }
  const values = a.values ?? [];
  const totalCents = values[0] ?? 0;
  const sources = values.slice(1);
  let vec: Vec | null = placement?.vec ?? null;
  if (sources.length > 3) vec = null;
  if (vec && placement?.why === 'sums') {
    const cols = SOURCE_COLUMNS.filter((_, i) => vec![i]! > 0).map((c) => SOURCE_COLUMN_LABEL[c]).join('、');
    out.push(diag('column-decided', `金额 ${sources.map(formatCents).join('、')} 的所属列（${cols}）由表内合计唯一确定。`, where));
  }
  if (!vec && sources.length === 1 && single) {
    single.push({ path, line: where.line, why: placement?.why ?? 'no-parent' });
  } else if (!vec && sources.length > 0) {
    const reason = sources.length > 3 ? `印出了 ${sources.length} 个来源金额，多于三列` : WHY[placement?.why ?? 'no-parent'] || '无法判断';
    out.push(diag('column-undecided', `金额 ${sources.map(formatCents).join('、')} 属于财政拨款、财政专户拨款还是其他资金，原文未标明（空栏被略去），${reason}；已列为“未归列”。`, where));
  }
  if (vec) {
    const used = sources.length;
    const placedCount = vec.filter((x) => x > 0).length;
    // a zero amount placed nowhere would be lost: keep it unplaced instead
    if (placedCount < used) vec = null;
  }
  return {
    total: fromCents(totalCents),
    fiscal: vec && vec[0] > 0 ? fromCents(vec[0]) : null,
    specialAccount: vec && vec[1] > 0 ? fromCents(vec[1]) : null,
    other: vec && vec[2] > 0 ? fromCents(vec[2]) : null,
    unplaced: vec ? [] : sources.map(fromCents),
    printed: a.printed,
    ...line,
  };
}

const nul = (c: Cents | null): number | null => (c === null ? null : fromCents(c));
const clipText = (s: string, n = 30): string => (s.length <= n ? s : `${s.slice(0, n)}…`);
