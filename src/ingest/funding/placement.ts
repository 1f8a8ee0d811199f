// Which column (财政拨款 / 财政专户拨款 / 其他资金) does a source amount belong to, when the text lost
// the empty cells that would have told? Only the table's own sums may decide: a unit's column equals
// the sum of its projects' column, 合计's column the sum of the units'. Each row's printed sources keep
// their left-to-right order, so a row's candidates are the order-preserving ways to spread them over
// the three columns. An amount is placed when every assignment that satisfies all the sums agrees on
// its column; otherwise it stays unplaced. Nothing here guesses.
import type { Cents } from '../amounts.js';

export type Vec = readonly [Cents, Cents, Cents];

/** The order-preserving placements of `sources` over the three columns. */
export function candidatePlacements(sources: readonly Cents[]): Vec[] {
  const n = sources.length;
  if (n === 0) return [[0, 0, 0]];
  if (n > 3) return [];
  const out: Vec[] = [];
  const pick = (start: number, chosen: number[]): void => {
    if (chosen.length === n) {
      const v: [number, number, number] = [0, 0, 0];
      chosen.forEach((col, i) => { v[col] = sources[i]!; });
      out.push(v);
      return;
    }
    for (let c = start; c < 3; c++) pick(c + 1, [...chosen, c]);
  };
  pick(0, []);
  return out;
}

export interface GroupSolution {
  /** per parent candidate: can the children add up to it */
  readonly parentFeasible: readonly boolean[];
  /** [parent candidate][child][child candidate] */
  readonly childFeasible: readonly (readonly (readonly boolean[])[])[];
}

/** Work limit for one group, in DP state expansions; beyond it the group is declared undecidable. */
const BUDGET = 100_000;
const STATE_CAP = 20_000;

class TooComplex extends Error {}

/**
 * Solves one sum constraint: parent = Σ children, column by column, within `tolerance` cents.
 * Returns null when the search would be too large to finish quickly.
 */
export function solveGroup(parent: readonly Vec[], children: readonly (readonly Vec[])[], tolerance: number): GroupSolution | null {
  // Totals first: when they do not add up, no placement can, and the search is skipped.
  const childTotal = children.reduce((s, opts) => s + (opts[0] ? opts[0][0] + opts[0][1] + opts[0][2] : 0), 0);
  const parentTotal = parent[0] ? parent[0][0] + parent[0][1] + parent[0][2] : 0;
  if (Math.abs(parentTotal - childTotal) > 3 * tolerance) {
    return { parentFeasible: parent.map(() => false), childFeasible: parent.map(() => children.map((opts) => opts.map(() => false))) };
  }
  let work = 0;
  const feasible = (target: Vec, fixedChild: number, fixedOption: number): boolean => {
    let states = new Map<string, Vec>([['0,0,0', [0, 0, 0]]]);
    for (let j = 0; j < children.length; j++) {
      const opts = j === fixedChild ? [children[j]![fixedOption]!] : children[j]!;
      const next = new Map<string, Vec>();
      for (const s of states.values()) {
        for (const o of opts) {
          work++;
          const v: Vec = [s[0] + o[0], s[1] + o[1], s[2] + o[2]];
          if (v[0] > target[0] + tolerance || v[1] > target[1] + tolerance || v[2] > target[2] + tolerance) continue;
          next.set(`${v[0]},${v[1]},${v[2]}`, v);
        }
      }
      if (work > BUDGET || next.size > STATE_CAP) throw new TooComplex();
      if (next.size === 0) return false;
      states = next;
    }
    for (const s of states.values()) {
      if (Math.abs(s[0] - target[0]) <= tolerance && Math.abs(s[1] - target[1]) <= tolerance && Math.abs(s[2] - target[2]) <= tolerance) return true;
    }
    return false;
  };
  try {
    const parentFeasible = parent.map((p) => feasible(p, -1, 0));
    const childFeasible = parent.map((p, pi) => children.map((opts, ci) => {
      if (!parentFeasible[pi]) return opts.map(() => false);
      if (opts.length === 1) return [true];
      return opts.map((_, oi) => feasible(p, ci, oi));
    }));
    return { parentFeasible, childFeasible };
  } catch (e) {
    if (e instanceof TooComplex) return null;
    throw e;
  }
}

/** One funding row as the solver sees it. */
export interface PlacementRow {
  /** the candidate placements; a single one means the columns are known */
  readonly options: readonly Vec[];
  /** false when the row printed no source amount at all, so its columns are simply unknown */
  readonly hasSources: boolean;
}

export interface PlacementInput {
  readonly total: PlacementRow | null;
  readonly units: readonly { readonly row: PlacementRow | null; readonly projects: readonly PlacementRow[] }[];
}

export type Why = 'known' | 'sums' | 'ambiguous' | 'inconsistent' | 'too-complex' | 'no-parent' | 'no-sources';
export interface Placement { readonly vec: Vec | null; readonly why: Why }

export interface PlacementOutput {
  readonly total: Placement | null;
  readonly units: readonly { readonly row: Placement | null; readonly projects: readonly Placement[] }[];
}

function decide(row: PlacementRow, feasible: readonly boolean[] | null, blocked: Why): Placement {
  if (!row.hasSources) return { vec: null, why: 'no-sources' };
  if (row.options.length === 1) return { vec: row.options[0]!, why: 'known' };
  if (!feasible) return { vec: null, why: blocked };
  const ok = row.options.filter((_, i) => feasible[i]);
  if (ok.length === 1) return { vec: ok[0]!, why: 'sums' };
  return { vec: null, why: ok.length === 0 ? 'inconsistent' : 'ambiguous' };
}

const all = (n: number): boolean[] => Array.from({ length: n }, () => true);
const sumTotals = (options: readonly Vec[]): Cents => (options[0] ? options[0][0] + options[0][1] + options[0][2] : 0);

/**
 * When every child prints exactly one source amount, the group is symmetric: any column permutation
 * of a solution that keeps the parent's candidates is a solution too. Then no child's column can be
 * decided unless the parent's placement is already fixed from above, and the parent's candidates are
 * all feasible or none (decided by the totals alone). This spares the search in the common case.
 */
function isSymmetric(children: readonly PlacementRow[]): boolean {
  return children.every((c) => c.options.length === 3 && c.options.every((v) => v.filter((x) => x > 0).length <= 1));
}

export function placeColumns(input: PlacementInput): PlacementOutput {
  // Level A: each unit against its projects, for every candidate placement of the unit row.
  const evaluable = input.units.map((u) => !!u.row && u.row.hasSources && u.projects.length > 0 && u.projects.every((p) => p.hasSources));
  const symmetric = input.units.map((u) => isSymmetric(u.projects));
  const levelA = input.units.map((u, i) => {
    if (!evaluable[i] || symmetric[i]) return null;
    return solveGroup(u.row!.options, u.projects.map((p) => p.options), u.projects.length);
  });
  const unitFeasibleA = input.units.map((u, i): boolean[] | null => {
    if (!u.row) return null;
    if (evaluable[i] && symmetric[i]) {
      const diff = Math.abs(sumTotals(u.row.options) - u.projects.reduce((s, p) => s + sumTotals(p.options), 0));
      return diff <= u.projects.length ? all(u.row.options.length) : null;
    }
    const s = levelA[i];
    if (!s) return all(u.row.options.length);
    return s.parentFeasible.some(Boolean) ? [...s.parentFeasible] : null;
  });

  // Level B: 合计 against the units, using only the unit placements level A allows.
  let levelB: GroupSolution | null = null;
  const t = input.total;
  if (t && t.hasSources && input.units.length > 0 && input.units.every((u) => u.row && u.row.hasSources)) {
    const unitOptions = input.units.map((u, i) => {
      const fa = unitFeasibleA[i];
      return fa ? u.row!.options.filter((_, k) => fa[k]) : u.row!.options;
    });
    const solved = isSymmetric(input.units.map((u) => u.row!)) && t.options.length > 1 ? null : solveGroup(t.options, unitOptions, input.units.length);
    if (solved && solved.parentFeasible.some(Boolean)) {
      // map the filtered option indices back to each unit's own candidate list
      const childFeasible = solved.childFeasible.map((perParent) => perParent.map((flags, ui) => {
        const fa = unitFeasibleA[ui];
        const idx = input.units[ui]!.row!.options.map((_, k) => k).filter((k) => !fa || fa[k]);
        const full = input.units[ui]!.row!.options.map(() => false);
        flags.forEach((f, j) => { if (f) full[idx[j]!] = true; });
        return full;
      }));
      levelB = { parentFeasible: solved.parentFeasible, childFeasible };
    }
  }

  const unitFinal = input.units.map((u, ui) => {
    if (!u.row) return null;
    const fa = unitFeasibleA[ui] ?? null;
    if (!levelB) return fa;
    const fb = u.row.options.map((_, k) => levelB!.parentFeasible.some((ok, pi) => ok && levelB!.childFeasible[pi]![ui]![k]!));
    return fa ? fa.map((x, k) => x && fb[k]!) : fb;
  });

  const unitsEvaluable = input.units.length > 0 && input.units.every((u) => u.row && u.row.hasSources);
  const totalPlacement = t ? decide(t, levelB ? levelB.parentFeasible : null, unitsEvaluable ? 'ambiguous' : 'no-parent') : null;
  const units = input.units.map((u, ui) => {
    const final = unitFinal[ui];
    let solved = levelA[ui] ?? null;
    let blocked: Why = 'inconsistent';
    if (!evaluable[ui]) blocked = u.row ? 'ambiguous' : 'no-parent';
    else if (symmetric[ui] && final && final.filter(Boolean).length === 1) {
      // the unit's columns are fixed from above: now the projects can be searched under that one placement
      const k = final.indexOf(true);
      const one = solveGroup([u.row!.options[k]!], u.projects.map((p) => p.options), u.projects.length);
      solved = one && { parentFeasible: u.row!.options.map((_, j) => j === k && one.parentFeasible[0]!), childFeasible: u.row!.options.map((_, j) => (j === k ? one.childFeasible[0]! : u.projects.map((p) => p.options.map(() => false)))) };
      if (!one) blocked = 'too-complex';
    } else if (symmetric[ui]) blocked = final ? 'ambiguous' : 'inconsistent';
    else if (!solved) blocked = 'too-complex';
    const row = u.row ? decide(u.row, final ?? null, solved === null && evaluable[ui] && !symmetric[ui] ? 'too-complex' : 'inconsistent') : null;
    const projects = u.projects.map((p, pi) => {
      if (!solved || !final || !final.some(Boolean)) return decide(p, null, blocked);
      const flags = p.options.map((_, k) => final.some((ok, uk) => ok && solved!.childFeasible[uk]![pi]![k]!));
      return decide(p, flags, 'inconsistent');
    });
    return { row, projects };
  });
  return { total: totalPlacement, units };
}
