// Grid rows → the builder's RawRows. Each column's role comes from its header; a row at the top of a
// page with no name and no amounts continues the last row of the previous page; rows with content but
// neither name nor amounts belong to no project (orphans). Every piece of text is given a location id,
// standing in for a line number, so that whatever the builder reads out of a cell keeps its box.
import type { Diagnostic } from '../../model/index.js';
import { cellCents, formatCents as fmt, type Cents } from '../amounts.js';
import { diag } from '../diagnostics.js';
import type { RawOrphan, RawRow, RowAmounts } from '../rows.js';
import { Locations as BaseLocations } from '../relocate.js';
import { concatSpans, spanOf, type Span } from '../span.js';
import { AMOUNT_ROLES, roleOf, type Header, type Role } from './columns.js';
import type { Box, Cell, CellLine, Grid } from './grid.js';

/** Location ids standing for page boxes. */
export class Locations extends BaseLocations<Box> {}

export interface TablePage {
  readonly grid: Grid;
  readonly header: Header;
  /** the header was on an earlier page (not repeated here) */
  readonly inherited: boolean;
}

export interface ReadRows {
  readonly rows: RawRow[];
  readonly orphans: RawOrphan[];
  readonly diagnostics: Diagnostic[];
}

const COLUMN_LABEL: Record<(typeof AMOUNT_ROLES)[number], string> = {
  total: '总计', fiscal: '财政拨款', specialAccount: '财政专户拨款', other: '其他资金',
  fiscalGeneral: '一般公共预算', fiscalFund: '政府性基金预算', fiscalCapital: '国有资本经营预算',
};

const union = (boxes: readonly Box[]): Box | null => {
  if (boxes.length === 0) return null;
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  return { page: boxes[0]!.page, x, y, w: Math.max(...boxes.map((b) => b.x + b.w)) - x, h: Math.max(...boxes.map((b) => b.y + b.h)) - y };
};

export function readRows(pages: readonly TablePage[], locations: Locations): ReadRows {
  const rows: RawRow[] = [];
  const orphans: RawOrphan[] = [];
  const diagnostics: Diagnostic[] = [];
  const span = (lines: readonly CellLine[]): Span => spanOf(lines.map((l) => ({ no: locations.add(l.box), text: l.text })));

  // the head of a row whose name and amounts are printed on the next page
  let head: { goal: Span; indicators: Span; line: number; diagnostics: Diagnostic[] } | null = null;
  for (const { grid, header, inherited } of pages) {
    const body = grid.rows.slice(inherited ? 0 : header.bands);
    let first = true;
    let restarted = false;
    for (const cells of body) {
      const byRole = new Map<Role, Cell[]>();
      const unknown: Cell[] = [];
      for (const c of cells) {
        if (c.lines.length === 0) continue;
        let role: Role | null = null;
        for (let k = c.c0; k <= c.c1 && role === null; k++) role = header.roles[k] ?? null;
        if (role === null) unknown.push(c);
        else {
          const same = byRole.get(role);
          if (same) same.push(c); else byRole.set(role, [c]);
        }
      }
      if (byRole.size === 0 && unknown.length === 0) continue;
      // the column header printed again inside the table (a producer that repeats it where a table restarts)
      const texts = cells.filter((c) => c.lines.length > 0).map((c) => c.lines.map((l) => l.text).join(''));
      if (texts.length >= 3 && texts.every((t) => !/\d/.test(t) && roleOf(t) !== null)) { restarted = true; continue; }
      const linesOf = (r: Role): CellLine[] => (byRole.get(r) ?? []).flatMap((c) => c.lines);
      const rowBox = union(cells.map((c) => c.box))!;
      const rowDiags: Diagnostic[] = [];
      const rowId = locations.add(rowBox);
      for (const c of unknown) {
        rowDiags.push(diag('pdf-column-unknown', `第 ${grid.page} 页有一栏的表头无法识别，栏内文字“${clip(c.lines.map((l) => l.text).join(''))}”未读入。`, { line: locations.add(c.box) }));
      }
      const amounts = readAmounts(header, linesOf, rowId, rowDiags, grid.page);
      const name = span(linesOf('name'));
      let goal = span(linesOf('goal'));
      let indicators = span(linesOf('indicators'));

      if (restarted && !amounts && name.text === '') {
        // a producer repeats the header inside a page only where it splits a row: what follows is the
        // row's first part, its name and amounts (centred in the row) printed in the part on the next page
        head = { goal, indicators, line: rowId, diagnostics: rowDiags };
        restarted = false;
        continue;
      }
      restarted = false;
      if (head && (amounts || name.text !== '')) {
        goal = concatSpans(head.goal, goal);
        indicators = concatSpans(head.indicators, indicators);
        rowDiags.unshift(...head.diagnostics);
        head = null;
        first = false;
      }
      const prev = rows[rows.length - 1];
      if (first && !amounts && prev && (name.text === '' || header.kind === 'targets')) {
        // the row began on the previous page: its cells go on where they stopped
        prev.name = concatSpans(prev.name, name);
        prev.goal = concatSpans(prev.goal, goal);
        prev.indicators = concatSpans(prev.indicators, indicators);
        prev.diagnostics.push(...rowDiags, diag('pdf-row-continued', `“${clip(prev.name.text)}”从上一页延续到第 ${grid.page} 页，已接续为同一行。`, { line: rowId }));
        first = false;
        continue;
      }
      first = false;
      if (!amounts && name.text === '') {
        orphans.push({ text: goal, indicators, line: rowId });
        diagnostics.push(...rowDiags);
        continue;
      }
      const bare = name.text.replace(/[\s\u3000]/g, '');
      const kind = bare === '合计' || bare === '总计' ? 'total' : goal.text === '' && indicators.text === '' ? 'unit' : 'project';
      rows.push({ kind, name, amounts, goal, indicators, line: rowId, diagnostics: rowDiags });
    }
  }
  // a head whose row never came is kept as content of no project
  if (head) { orphans.push({ text: head.goal, indicators: head.indicators, line: head.line }); diagnostics.push(...head.diagnostics); }
  return { rows, orphans, diagnostics };
}

function readAmounts(header: Header, linesOf: (r: Role) => CellLine[], rowId: number, out: Diagnostic[], page: number): RowAmounts | null {
  const printed: string[] = [];
  const value = new Map<Role, Cents | null>();
  // print order is column order
  const order = header.roles.map((r, k) => ({ r, k })).filter((x): x is { r: (typeof AMOUNT_ROLES)[number]; k: number } => x.r !== null && (AMOUNT_ROLES as readonly string[]).includes(x.r));
  for (const { r } of order) {
    if (value.has(r)) continue;
    const text = linesOf(r).map((l) => l.text).join('').trim();
    if (text !== '') printed.push(text);
    const c = cellCents(text);
    if (c === undefined) out.push(diag('amount-unread', `第 ${page} 页“${COLUMN_LABEL[r]}”栏的“${clip(text)}”不是金额，按空白处理，原文保留在 printed 中。`, { line: rowId }));
    value.set(r, c === undefined ? null : c);
  }
  if (printed.length === 0) return null;
  const get = (r: Role): Cents | null => value.get(r) ?? null;
  const hasParts = value.has('fiscalGeneral') || value.has('fiscalFund') || value.has('fiscalCapital');
  const parts = [get('fiscalGeneral'), get('fiscalFund'), get('fiscalCapital')] as const;
  if (hasParts && value.has('fiscal')) {
    const sum = parts.reduce<number>((s, p) => s + (p ?? 0), 0);
    const fiscal = get('fiscal') ?? 0;
    if (Math.abs(sum - fiscal) > 1) out.push(diag('fiscal-parts-mismatch', `财政拨款合计 ${fmt(fiscal)} 与一般公共预算、政府性基金预算、国有资本经营预算之和 ${fmt(sum)} 不符，相差 ${fmt(Math.abs(sum - fiscal))}。`, { line: rowId }));
  }
  let fiscal = get('fiscal');
  if (fiscal === null && hasParts && !value.has('fiscal') && parts.some((p) => p !== null)) fiscal = parts.reduce<number>((s, p) => s + (p ?? 0), 0);
  return {
    printed,
    line: rowId,
    columns: [get('total'), fiscal, get('specialAccount'), get('other')],
    ...(hasParts ? { fiscalParts: parts } : {}),
  };
}

const clip = (s: string, n = 30): string => (s.length <= n ? s : `${s.slice(0, n)}…`);
