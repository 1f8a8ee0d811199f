// Ruling segments and text runs → a grid of cells. Rules are snapped (same line within SNAP points)
// and joined (gaps up to JOIN points); a rule counts only when it crosses at least two rules of the
// other direction, which drops underlines and page borders. Cells are the bands between rules; two
// neighbouring bands of a row form one cell where no rule separates them there (merged header cells).
// Each run goes to the cell holding its centre; a run that straddles a rule is cut at the rule, in
// proportion to its characters' widths.
import { displayWidth } from '../text/lines.js';
import { roleOf } from './columns.js';
import type { TextRun } from './load.js';
import type { Segment } from './paths.js';

const SNAP = 2;
const JOIN = 3;

export interface Rule { readonly at: number; readonly spans: readonly (readonly [number, number])[] }

export interface Box { readonly page: number; readonly x: number; readonly y: number; readonly w: number; readonly h: number }

/** One visual line of text inside a cell. */
export interface CellLine { readonly text: string; readonly box: Box }

export interface Cell {
  /** first and last column band */
  readonly c0: number;
  readonly c1: number;
  readonly lines: CellLine[];
  readonly box: Box;
}

export interface Grid {
  readonly page: number;
  /** x of the column rules, left to right */
  readonly xs: readonly number[];
  /** y of the row rules, top to bottom */
  readonly ys: readonly number[];
  /** per row band, its cells left to right */
  readonly rows: readonly Cell[][];
  /** text outside the grid, as lines: above it (titles, headers) and below it (notes, page numbers) */
  readonly above: readonly CellLine[];
  readonly below: readonly CellLine[];
}

export function mergeRules(segments: readonly Segment[], dir: 'h' | 'v'): Rule[] {
  const segs = segments.filter((s) => s.dir === dir).sort((a, b) => a.at - b.at);
  const groups: Segment[][] = [];
  for (const s of segs) {
    const g = groups[groups.length - 1];
    if (g && s.at - g[g.length - 1]!.at <= SNAP) g.push(s);
    else groups.push([s]);
  }
  return groups.map((g) => {
    const at = g.reduce((sum, s) => sum + s.at, 0) / g.length;
    const sorted = [...g].sort((a, b) => a.from - b.from);
    const spans: [number, number][] = [];
    for (const s of sorted) {
      const last = spans[spans.length - 1];
      if (last && s.from <= last[1] + JOIN) last[1] = Math.max(last[1], s.to);
      else spans.push([s.from, s.to]);
    }
    return { at, spans };
  });
}

const covers = (r: Rule, v: number, tol = JOIN): boolean => r.spans.some(([a, b]) => v >= a - tol && v <= b + tol);

/** Rules that cross at least two rules of the other direction. */
function crossing(rules: Rule[], others: Rule[]): Rule[] {
  return rules.filter((r) => others.filter((o) => covers(r, o.at) && covers(o, r.at)).length >= 2);
}

export function buildGrid(page: number, runs: readonly TextRun[], segments: readonly Segment[]): Grid | null {
  let hs = mergeRules(segments, 'h');
  let vs = mergeRules(segments, 'v');
  for (let k = 0; k < 3; k++) {
    const h2 = crossing(hs, vs);
    const v2 = crossing(vs, hs);
    if (h2.length === hs.length && v2.length === vs.length) break;
    hs = h2; vs = v2;
  }
  if (hs.length < 2 || vs.length < 2) return null;
  const xs = vs.map((r) => r.at);
  const ys = hs.map((r) => r.at);
  // a row cut by a page break may have no rule on its open side: the column rules still reach it
  const reach = [Math.min(...vs.map((r) => r.spans[0]![0])), Math.max(...vs.map((r) => r.spans[r.spans.length - 1]![1]))] as const;
  if (reach[0] < ys[0]! - JOIN) ys.unshift(reach[0]);
  if (reach[1] > ys[ys.length - 1]! + JOIN) ys.push(reach[1]);
  const cut = headerCut(runs, ys[0]!, ys[1]!);
  if (cut !== null) ys.splice(1, 0, cut);
  return fillGrid(page, runs, xs, ys, (band, k) => covers(vs[k]!, (ys[band]! + ys[band + 1]!) / 2));
}

/**
 * A producer may print the column header again over a row continued from the page before with no rule
 * between them: the first band then holds a line of header words (wrapped header pieces under it: short,
 * no digits) above other text. Returns the y between the two, or null.
 */
function headerCut(runs: readonly TextRun[], top: number, bottom: number): number | null {
  const inBand = runs.filter((r) => r.y + r.h / 2 > top && r.y + r.h / 2 < bottom);
  const lines = toLines(0, inBand);
  if (lines.length < 2) return null;
  const words = inBand.filter((r) => Math.abs(r.y - lines[0]!.box.y) <= r.h * 0.5);
  if (words.length < 3 || !words.every((r) => !/\d/.test(r.str) && roleOf(r.str) !== null)) return null;
  let k = 1;
  while (k < lines.length && lines[k]!.text.split(/\s+/).every((t) => t.length <= 8 && !/\d/.test(t))) k++;
  if (k === lines.length) return null;
  const above = lines[k - 1]!.box;
  return (above.y + above.h + lines[k]!.box.y) / 2;
}

/**
 * Places runs into the cells of a grid. `separates(band, k)` says whether column rule k divides row
 * band `band` (false inside a merged cell); the outer rules always do.
 */
export function fillGrid(page: number, runs: readonly TextRun[], xs: readonly number[], ys: readonly number[], separates: (band: number, k: number) => boolean): Grid {
  const top = ys[0]!;
  const bottom = ys[ys.length - 1]!;
  const left = xs[0]!;
  const right = xs[xs.length - 1]!;
  const rows: Cell[][] = [];
  const bandRuns: TextRun[][][] = [];
  for (let r = 0; r + 1 < ys.length; r++) {
    const cuts = [0];
    for (let k = 1; k + 1 < xs.length; k++) if (separates(r, k)) cuts.push(k);
    cuts.push(xs.length - 1);
    const cells: Cell[] = [];
    for (let j = 0; j + 1 < cuts.length; j++) {
      const c0 = cuts[j]!;
      const c1 = cuts[j + 1]! - 1;
      cells.push({ c0, c1, lines: [], box: { page, x: xs[c0]!, y: ys[r]!, w: xs[c1 + 1]! - xs[c0]!, h: ys[r + 1]! - ys[r]! } });
    }
    rows.push(cells);
    bandRuns.push(cells.map(() => []));
  }
  const outside: TextRun[] = [];
  for (const run of runs) {
    const cy = run.y + run.h / 2;
    if (cy < top || cy > bottom || run.x + run.w / 2 < left || run.x + run.w / 2 > right) { outside.push(run); continue; }
    const r = bandOf(ys, cy);
    for (const piece of cutAtRules(run, rows[r]!.slice(1).map((c) => xs[c.c0]!))) {
      const cx = piece.x + piece.w / 2;
      const j = rows[r]!.findIndex((c) => cx >= xs[c.c0]! && cx <= xs[c.c1 + 1]!);
      bandRuns[r]![j < 0 ? 0 : j]!.push(piece);
    }
  }
  rows.forEach((cells, r) => cells.forEach((cell, j) => cell.lines.push(...toLines(page, bandRuns[r]![j]!))));
  return {
    page, xs, ys, rows,
    above: toLines(page, outside.filter((o) => o.y + o.h / 2 < top)),
    below: toLines(page, outside.filter((o) => o.y + o.h / 2 >= top)),
  };
}

function bandOf(edges: readonly number[], v: number): number {
  let r = 0;
  while (r + 2 < edges.length && v > edges[r + 1]!) r++;
  return r;
}

/** Cuts a run where a cell rule passes through it (a producer that wrote two cells as one run). */
function cutAtRules(run: TextRun, rules: readonly number[]): TextRun[] {
  const inside = rules.filter((x) => x > run.x + 2 && x < run.x + run.w - 2);
  if (inside.length === 0) return [run];
  const chars = [...run.str];
  const weights = chars.map((ch) => displayWidth(ch));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const out: TextRun[] = [];
  let start = 0;
  let acc = 0;
  let x = run.x;
  const cutsAt = [...inside, Infinity];
  let k = 0;
  for (let i = 0; i < chars.length; i++) {
    const mid = run.x + ((acc + weights[i]! / 2) / total) * run.w;
    if (mid > cutsAt[k]!) {
      const endX = run.x + (acc / total) * run.w;
      if (i > start) out.push({ ...run, str: chars.slice(start, i).join(''), x, w: endX - x });
      start = i; x = endX; k++;
    }
    acc += weights[i]!;
  }
  out.push({ ...run, str: chars.slice(start).join(''), x, w: run.x + run.w - x });
  return out.filter((r) => r.str.trim() !== '');
}

/** Runs → visual lines, top to bottom, each read left to right. */
export function toLines(page: number, runs: readonly TextRun[]): CellLine[] {
  const sorted = [...runs].sort((a, b) => a.y + a.h / 2 - (b.y + b.h / 2) || a.x - b.x);
  const groups: TextRun[][] = [];
  for (const r of sorted) {
    const g = groups[groups.length - 1];
    const ref = g?.[0];
    if (g && ref && Math.abs(r.y + r.h / 2 - (ref.y + ref.h / 2)) <= Math.min(r.h, ref.h) * 0.5) g.push(r);
    else groups.push([r]);
  }
  return groups.map((g) => {
    g.sort((a, b) => a.x - b.x);
    let text = '';
    let end = -Infinity;
    for (const r of g) {
      if (text !== '' && r.x - end > r.h * 0.6) text += ' ';
      text += r.str;
      end = Math.max(end, r.x + r.w);
    }
    const x = Math.min(...g.map((r) => r.x));
    const y = Math.min(...g.map((r) => r.y));
    return { text: text.trim(), box: { page, x, y, w: Math.max(...g.map((r) => r.x + r.w)) - x, h: Math.max(...g.map((r) => r.y + r.h)) - y } };
  }).filter((l) => l.text !== '');
}
