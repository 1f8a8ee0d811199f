// Tables printed without ruling lines: the grid is inferred from the text itself. The header is found by
// its words (项目名称, 总计, 财政拨款, 财政专户拨款, 其他资金, 绩效目标, 绩效指标 — the first piece of
// each, however it wraps); columns are the runs of x covered by body text, each named by the header
// text above it; rows are anchored on the amounts of the 总计 column and cut at the widest horizontal
// gap that crosses every column between two anchors. The result is an ordinary Grid, so the rest of
// the reader does not know the rules were inferred.
import { fillGrid, type Grid } from './grid.js';
import { roleOf } from './columns.js';
import type { TextRun } from './load.js';

const ANCHOR = /^(?:项目名称|支出项目类别|项目$|总计$|预算数|财政拨款|财政专|其他资|绩效目标$|绩效指标$)/;
const AMOUNT = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}$/;
const PAGE_NUMBER = /^(?:[-—–\s]*\d+[-—–\s]*|第\s*\d+\s*页.*|\d+\s*\/\s*\d+)$/;

const bare = (s: string) => s.replace(/[\s\u3000]/g, '');

export function inferGrid(page: number, pageHeight: number, runs: readonly TextRun[]): Grid | null {
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
  for (const r of [...runs].sort((a, b) => a.y - b.y)) {
    if (r.y <= headerBottom - 0.5 || r.y >= firstAmount || /\d/.test(r.str)) continue;
    if (r.y - headerBottom > r.h * 0.8) break;
    if (band.some((a) => r.x + r.w > a.x - a.h && r.x < a.x + a.w + a.h)) headerBottom = Math.max(headerBottom, r.y + r.h);
  }
  const header = runs.filter((r) => r.y + r.h / 2 >= headerTop && r.y + r.h / 2 <= headerBottom);
  const body = runs.filter((r) => r.y + r.h / 2 > headerBottom && !(r.y > pageHeight * 0.9 && PAGE_NUMBER.test(r.str.trim())));
  if (body.length === 0) return null;

  // columns: maximal x intervals covered by body or header text
  const spans = [...body, ...header].map((r) => [r.x, r.x + r.w] as [number, number]).sort((a, b) => a[0] - b[0]);
  const columns: [number, number][] = [];
  for (const [a, b] of spans) {
    const last = columns[columns.length - 1];
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else columns.push([a, b]);
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
  const rowAnchors = body.filter((r) => AMOUNT.test(bare(r.str)) && r.x + r.w / 2 >= ta && r.x + r.w / 2 <= tb).sort((a, b) => a.y - b.y);
  if (rowAnchors.length === 0) return null;
  const bottom = Math.max(...body.map((r) => r.y + r.h)) + 2;
  const ys = [headerTop, headerBottom + 0.5];
  // content above the first anchor, set off from it by a clear gap, continues the previous page's row
  const lead = widestGap(body, ys[1]!, rowAnchors[0]!.y);
  if (lead && lead.size > rowAnchors[0]!.h * 0.9 && body.some((r) => r.y + r.h <= lead.at)) ys.push(lead.at);
  for (let k = 1; k < rowAnchors.length; k++) {
    const gap = widestGap(body, rowAnchors[k - 1]!.y + rowAnchors[k - 1]!.h, rowAnchors[k]!.y);
    ys.push(gap ? gap.at : (rowAnchors[k - 1]!.y + rowAnchors[k]!.y + rowAnchors[k]!.h) / 2);
  }
  ys.push(bottom);
  return fillGrid(page, runs, xs, ys, () => true);
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
