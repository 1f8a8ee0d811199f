// Tables printed without ruling lines: the grid is inferred from the text itself. The header is found by
// its words (项目名称, 总计, 财政拨款, 财政专户拨款, 其他资金, 绩效目标, 绩效指标 — the first piece of
// each, however it wraps); columns are the runs of x covered by body text, each named by the header
// text above it; rows are anchored on the amounts of the 总计 column and cut at the widest horizontal
// gap that crosses every column between two anchors. The result is an ordinary Grid, so the rest of
// the reader does not know the rules were inferred.
import { fillGrid, toLines, type Grid } from './grid.js';
import { roleOf } from './columns.js';
import type { TextRun } from './load.js';

const ANCHOR = /^(?:项目名称|支出项目类别|项目$|总计$|预算数|财政拨款|财政专|其他资|绩效目标$|绩效指标$)/;
const AMOUNT = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}$/;
const PAGE_NUMBER = /^(?:[-—–\s]*\d+[-—–\s]*|第\s*\d+\s*页.*|\d+\s*\/\s*\d+)$/;

const bare = (s: string) => s.replace(/[\s\u3000]/g, '');

/** Runs that touch on one baseline are one word (Chromium writes a run per font change, often per character). */
function words(runs: readonly TextRun[]): TextRun[] {
  const sorted = [...runs].sort((a, b) => a.y - b.y || a.x - b.x);
  const out: TextRun[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && Math.abs(r.y - last.y) <= r.h * 0.3 && r.x >= last.x + last.w - r.h * 0.3 && r.x - (last.x + last.w) <= r.h * 0.3) {
      out[out.length - 1] = { str: last.str + r.str, x: last.x, y: Math.min(last.y, r.y), w: r.x + r.w - last.x, h: Math.max(last.h, r.h) };
    } else out.push(r);
  }
  return out;
}

export function inferGrid(page: number, pageHeight: number, pageRuns: readonly TextRun[]): Grid | null {
  const runs = words(pageRuns);
  const anchors = runs.filter((r) => ANCHOR.test(bare(r.str)));
  const name = anchors.find((r) => /^(?:项目名称|支出项目类别|项目$)/.test(bare(r.str)));
  if (!name) return null;
  // the header row: anchors on the name anchor's band
  const band = anchors.filter((r) => Math.abs(r.y - name.y) <= name.h * 3);
  const roles = new Set(band.map((r) => roleOf(r.str === '财政专' ? '财政专户' : r.str === '其他资' ? '其他资金' : r.str)));
  if (!(roles.has('total') && (roles.has('goal') || roles.has('indicators')))) return null;
  const headerTop = Math.min(...band.map((r) => r.y)) - 2;
  // wrapped header pieces sit right under the anchors, carry no digits, and start before any amount
  let headerBottom = Math.max(...band.map((r) => r.y + r.h));
  const firstAmount = Math.min(...runs.filter((r) => AMOUNT.test(bare(r.str)) && r.y > headerBottom).map((r) => r.y));
  // a wrapped header piece is short, number-free and centred under its anchor; a line of them goes on
  // the header, but a line with anything else on it is a row continued from the page before (whose
  // short name piece may sit under the name anchor too)
  const piece = (r: TextRun) => bare(r.str).length <= 8 && !/\d/.test(r.str)
    && band.some((a) => Math.abs(r.x + r.w / 2 - (a.x + a.w / 2)) <= Math.max(a.h, 4));
  for (const line of lineGroups(runs.filter((r) => r.y + r.h / 2 > headerBottom && r.y < firstAmount))) {
    if (line[0]!.y - headerBottom > line[0]!.h * 0.8 || !line.every(piece)) break;
    headerBottom = Math.max(headerBottom, ...line.map((r) => r.y + r.h));
  }
  const header = runs.filter((r) => r.y + r.h / 2 >= headerTop && r.y + r.h / 2 <= headerBottom);
  // page numbers at the foot of the page are not content
  const foot = toLines(page, runs.filter((r) => r.y > pageHeight * 0.9)).filter((l) => PAGE_NUMBER.test(l.text));
  const inFoot = (r: TextRun) => foot.some((l) => r.y + r.h / 2 >= l.box.y && r.y + r.h / 2 <= l.box.y + l.box.h);
  const body = runs.filter((r) => r.y + r.h / 2 > headerBottom && !inFoot(r));
  if (body.length === 0) return null;

  // columns: maximal x intervals covered by body or header text
  const spans = [...body, ...header].map((r) => [r.x, r.x + r.w] as [number, number]).sort((a, b) => a[0] - b[0]);
  const columns: [number, number][] = [];
  for (const [a, b] of spans) {
    const last = columns[columns.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else columns.push([a, b]);
  }
  // columns set close together touch: an interval under two header anchors is cut where fewest runs cross
  for (let k = 0; k < columns.length; k++) {
    const [a, b] = columns[k]!;
    const inside = band.filter((r) => r.x + r.w / 2 >= a && r.x + r.w / 2 <= b).sort((p, q) => p.x - q.x);
    for (let j = 1; j < inside.length; j++) {
      const lo = inside[j - 1]!.x + inside[j - 1]!.w / 2;
      const hi = inside[j]!.x + inside[j]!.w / 2;
      const cut = bestCut(body, lo, hi);
      if (cut === null) continue;
      columns.splice(k, 1, [columns[k]![0], cut - 0.5], [cut + 0.5, columns[k]![1]]);
      k++;
    }
  }
  // an interval no header names is part of the named column to its left (a long cell's overflow)
  const named = columns.filter(([a, b]) => header.some((r) => r.x + r.w / 2 >= a && r.x + r.w / 2 <= b));
  if (named.length < 3) return null;
  const xs = [named[0]![0] - 2];
  for (let k = 1; k < named.length; k++) xs.push((named[k - 1]![1] + named[k]![0]) / 2);
  xs.push(Math.max(...columns.map((c) => c[1])) + 2);

  // rows: anchored on the amounts of the total column
  const totalIndex = named.findIndex(([a, b]) => roleOf(header.filter((r) => r.x + r.w / 2 >= a && r.x + r.w / 2 <= b).map((r) => r.str).join('')) === 'total');
  if (totalIndex < 0) return null;
  const [ta, tb] = [xs[totalIndex]!, xs[totalIndex + 1]!];
  const rowAnchors = amountsIn(body.filter((r) => r.x + r.w / 2 >= ta && r.x + r.w / 2 <= tb));
  const bottom = Math.max(...body.map((r) => r.y + r.h)) + 2;
  const ys = [headerTop, headerBottom + 0.5];
  // a page under the header with no amount at all holds only the end of the previous page's row
  if (rowAnchors.length === 0) return fillGrid(page, runs.filter((r) => !inFoot(r)), xs, [...ys, bottom], () => true);
  // content above the first anchor, set off from it by a clear gap, continues the previous page's row
  const lead = widestGap(body, ys[1]!, rowAnchors[0]!.y);
  if (lead && lead.size > rowAnchors[0]!.line * 0.9 && body.some((r) => r.y + r.h <= lead.at)) ys.push(lead.at);
  for (let k = 1; k < rowAnchors.length; k++) {
    const gap = widestGap(body, rowAnchors[k - 1]!.bottom, rowAnchors[k]!.y);
    ys.push(gap ? gap.at : (rowAnchors[k - 1]!.y + rowAnchors[k]!.bottom) / 2);
  }
  ys.push(bottom);
  return fillGrid(page, runs.filter((r) => !inFoot(r)), xs, ys, () => true);
}

/**
 * The amounts printed in one column, top to bottom, each as one run: an amount wider than a narrow
 * cell wraps (`136,881.3` over `8`), and its pieces, one right under the other, are one amount.
 */
function amountsIn(column: readonly TextRun[]): { y: number; bottom: number; line: number }[] {
  const numeric = column.filter((r) => /^-?[\d,]+\.?\d*$/.test(bare(r.str))).sort((a, b) => a.y - b.y);
  const out: { y: number; bottom: number; line: number }[] = [];
  for (let k = 0; k < numeric.length; k++) {
    let run = numeric[k]!;
    let j = k;
    while (!AMOUNT.test(bare(run.str)) && j + 1 < numeric.length && numeric[j + 1]!.y - (run.y + run.h) <= numeric[j + 1]!.h * 0.8) {
      const next = numeric[++j]!;
      const x = Math.min(run.x, next.x);
      run = { str: bare(run.str) + bare(next.str), x, y: run.y, w: Math.max(run.x + run.w, next.x + next.w) - x, h: next.y + next.h - run.y };
    }
    if (AMOUNT.test(bare(run.str))) { out.push({ y: run.y, bottom: run.y + run.h, line: numeric[k]!.h }); k = j; }
  }
  return out;
}

/** Runs grouped by baseline, top to bottom. */
function lineGroups(runs: readonly TextRun[]): TextRun[][] {
  const groups: TextRun[][] = [];
  for (const r of [...runs].sort((a, b) => a.y - b.y)) {
    const g = groups[groups.length - 1];
    if (g && Math.abs(r.y - g[0]!.y) <= Math.min(r.h, g[0]!.h) * 0.5) g.push(r);
    else groups.push([r]);
  }
  return groups;
}

/** The x in (lo, hi) that the fewest runs cross, among the runs' own edges: where one column ends and the next begins. */
function bestCut(runs: readonly TextRun[], lo: number, hi: number): number | null {
  const candidates = runs.flatMap((r) => [r.x - 0.25, r.x + r.w + 0.25]).filter((x) => x > lo && x < hi);
  let best: { x: number; n: number } | null = null;
  for (const x of candidates) {
    const n = runs.filter((r) => r.x < x && r.x + r.w > x).length;
    if (!best || n < best.n || (n === best.n && Math.abs(x - (lo + hi) / 2) < Math.abs(best.x - (lo + hi) / 2))) best = { x, n };
  }
  return best?.x ?? null;
}

/** The widest y interval in (from, to) that no run covers, as its midpoint and height. */
function widestGap(runs: readonly TextRun[], from: number, to: number): { at: number; size: number } | null {
  const covered = runs.filter((r) => r.y + r.h > from && r.y < to).map((r) => [Math.max(from, r.y), Math.min(to, r.y + r.h)] as const).sort((a, b) => a[0] - b[0]);
  let best: { at: number; size: number } | null = null;
  let cursor = from;
  for (const [a, b] of [...covered, [to, to] as const]) {
    if (a > cursor && (!best || a - cursor > best.size)) best = { at: (cursor + a) / 2, size: a - cursor };
    cursor = Math.max(cursor, b);
  }
  return best;
}
