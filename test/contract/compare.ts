// Compares what a reader read with the table it was given: same header, units, projects, amounts
// (by column where the format has columns), goals, indicators and content diagnostics. Returns the
// differences as short lines, so a failing case lists all of them at once.
import type { Funding, TableDocument } from '../../src/model/types.js';
import { type Amounts, type ExpectedTable, contentCodes } from '../helpers/pdf-corpus/table.js';

export interface Capabilities {
  /** the format prints the source columns (财政拨款 / 财政专户拨款 / 其他资金): every amount is placed */
  readonly columns: boolean;
  /** the input is exactly the expected table (generated): no orphans either */
  readonly generated: boolean;
}

/** Where two texts part: a few characters before, then each side's next characters. */
function firstDifference(got: string, want: string): string {
  let i = 0;
  while (i < got.length && got[i] === want[i]) i++;
  const from = Math.max(0, i - 8);
  return `differs at ${i}: …${JSON.stringify(got.slice(from, i + 24))} ≠ …${JSON.stringify(want.slice(from, i + 24))}`;
}

/**
 * Texts are compared without whitespace: a space that falls at a printed line break cannot survive any
 * layout (ReportLab and Chromium drop it, as every reader joins wrapped lines without one).
 */
const bare = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, '');

const cents = (x: number | null): number | null => (x === null ? null : Math.round(x * 100));

function amountProblems(where: string, got: Funding | null, want: Amounts | null, caps: Capabilities): string[] {
  if (want === null || got === null) return got === want ? [] : [`${where}: amounts ${got === null ? 'missing' : 'read'}, expected ${want === null ? 'none' : want.total}`];
  const out: string[] = [];
  if (cents(got.total) !== cents(want.total)) out.push(`${where}: 总计 ${got.total} ≠ ${want.total}`);
  if (caps.columns) {
    for (const k of ['fiscal', 'specialAccount', 'other'] as const) {
      if (cents(got[k]) !== cents(want[k])) out.push(`${where}: ${k} ${got[k]} ≠ ${want[k]}`);
    }
    if (got.unplaced.length > 0) out.push(`${where}: unplaced ${got.unplaced.join(' ')} although the columns are printed`);
  } else {
    const sources = (xs: readonly (number | null)[]): string => xs.filter((x) => x !== null).map((x) => cents(x)).sort().join(' ');
    const g = sources([got.fiscal, got.specialAccount, got.other, ...got.unplaced]);
    const w = sources([want.fiscal, want.specialAccount, want.other]);
    if (g !== w) out.push(`${where}: sources ${g} ≠ ${w} (cents, any column)`);
  }
  return out;
}

export function compareTable(doc: TableDocument, want: ExpectedTable, caps: Capabilities): string[] {
  const out: string[] = [];
  if (bare(doc.department) !== bare(want.department)) out.push(`department ${JSON.stringify(doc.department)} ≠ ${JSON.stringify(want.department)}`);
  if (doc.currencyUnit !== want.currencyUnit) out.push(`currencyUnit ${JSON.stringify(doc.currencyUnit)} ≠ ${JSON.stringify(want.currencyUnit)}`);
  out.push(...amountProblems('合计', doc.total, want.total, caps));
  const gotUnits = doc.units.map((u) => u.name);
  const wantUnits = want.units.map((u) => u.name);
  if (bare(gotUnits.join('|')) !== bare(wantUnits.join('|'))) out.push(`units [${gotUnits.join(', ')}] ≠ [${wantUnits.join(', ')}]`);
  want.units.forEach((wu, ui) => {
    const gu = doc.units[ui];
    if (!gu || bare(gu.name) !== bare(wu.name)) return;
    out.push(...amountProblems(`unit ${wu.name}`, gu.funding, wu.funding, caps));
    if (gu.projects.length !== wu.projects.length) out.push(`unit ${wu.name}: ${gu.projects.length} projects ≠ ${wu.projects.length}`);
    wu.projects.forEach((wp, pi) => {
      const gp = gu.projects[pi];
      const at = `${wu.name} #${pi + 1}`;
      if (!gp) return;
      if (bare(gp.name) !== bare(wp.name)) {
        out.push(`${at}: name ${JSON.stringify(gp.name)} ≠ ${JSON.stringify(wp.name)}`);
        return;
      }
      out.push(...amountProblems(`${at} ${wp.name}`, gp.funding, wp.funding, caps));
      if (bare(gp.goal) !== bare(wp.goal)) out.push(`${at} ${wp.name}: goal ${firstDifference(bare(gp.goal), bare(wp.goal))}`);
      if ((gp.indicatorsText === undefined) !== (wp.indicatorsText === undefined) || bare(gp.indicatorsText) !== bare(wp.indicatorsText)) out.push(`${at} ${wp.name}: indicatorsText differs`);
      if (gp.indicators.length !== wp.indicators.length) {
        out.push(`${at} ${wp.name}: ${gp.indicators.length} indicators ≠ ${wp.indicators.length}`);
        return;
      }
      wp.indicators.forEach((wi, ii) => {
        const gi = gp.indicators[ii]!;
        const got = [gi.level1.code, gi.level2.code, gi.name, gi.period.raw, gi.annual.raw];
        const exp = [wi.level1, wi.level2, wi.name, wi.period, wi.annual];
        if (bare(got.join('；')) !== bare(exp.join('；'))) out.push(`${at} ${wp.name} indicator ${ii + 1}: ${got.join('；')} ≠ ${exp.join('；')}`);
      });
    });
  });
  if (caps.generated && doc.orphans.length > 0) out.push(`${doc.orphans.length} orphans: ${doc.orphans[0]!.text.slice(0, 60)}…`);
  const codes = contentCodes(doc.diagnostics);
  if (codes.join(' ') !== want.diagnostics.join(' ')) out.push(`diagnostic codes [${codes.join(' ')}] ≠ [${want.diagnostics.join(' ')}]`);
  const indicators = doc.units.reduce((n, u) => n + u.projects.reduce((m, p) => m + p.indicators.length, 0), 0);
  if (indicators !== want.indicatorCount) out.push(`${indicators} indicators in all ≠ ${want.indicatorCount}`);
  return out;
}

/** The first lines of a problem list, for an assertion message. */
export const summarize = (problems: readonly string[], show = 25): string =>
  [...problems.slice(0, show), ...(problems.length > show ? [`… and ${problems.length - show} more`] : [])].join('\n');
