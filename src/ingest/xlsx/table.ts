// Sheet grids → the builder's rows, as a careful clerk reads a spreadsheet: the column header is found
// by its words wherever it is (title rows, blank rows and notes above it), over one or two rows (资金来源
// over the three source columns, 绩效指标 over 一级/二级/三级指标…); each column is mapped by its header
// text (the same words the PDF reader maps by, src/ingest/pdf/columns.ts), and the mapping is data that
// the import preview shows and can override. Two layouts: a row per project (the published 7 columns,
// the indicators in one cell) and a row per indicator (the project's cells merged down over its
// indicators). Amounts are numbers or text; 单位：元 is converted to 万元. Every piece of text gets a
// location id standing for its cell address, as the PDF reader's stand for page boxes.
import type { ColumnRole, Diagnostic, SheetColumn, SheetInfo } from '../../model/index.js';
import { COLUMN_ROLE_LABEL } from '../../model/index.js';
import { diag } from '../diagnostics.js';
import { roleOf } from '../pdf/columns.js';
import type { RawIndicatorCells, RawOrphan, RawRow, RowAmounts } from '../rows.js';
import { Locations } from '../relocate.js';
import { concatSpans, EMPTY_SPAN, spanOf, type Span } from '../span.js';
import { emptyMeta, headerKind, isTotalName, readHeader as readMetaLine, type HeaderMeta } from '../text/lines.js';
import { columnName, type CellValue, type GridRow } from './workbook.js';

/** Location ids standing for cell addresses. */
export class CellLocations extends Locations<string> {}

/** A user's column mapping, per sheet name: column letter → role (null: do not read). */
export type ColumnOverrides = Readonly<Record<string, Readonly<Record<string, ColumnRole | null>>>>;

export interface SheetTable {
  readonly info: SheetInfo;
  readonly meta: HeaderMeta;
  readonly rows: RawRow[];
  readonly orphans: RawOrphan[];
  readonly diagnostics: Diagnostic[];
}

const AMOUNT_ROLES = ['total', 'fiscal', 'specialAccount', 'other', 'fiscalGeneral', 'fiscalFund', 'fiscalCapital'] as const;
type AmountRole = (typeof AMOUNT_ROLES)[number];
const INDICATOR_FIELDS = ['level1', 'level2', 'indicatorName', 'period', 'annual'] as const;
const isAmountRole = (r: ColumnRole | null): r is AmountRole => r !== null && (AMOUNT_ROLES as readonly string[]).includes(r);

const squeeze = (s: string): string => s.replace(/[\s\u3000]+/g, '');

/** A cell as text: line breaks inside a cell removed, as every reader joins wrapped lines. */
export function cellText(v: CellValue | undefined): string {
  if (v === undefined) return '';
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'string') return joinLines(v);
  return joinLines(v.text);
}
const joinLines = (s: string): string => (s.includes('\n') || s.includes('\r') ? s.split(/\r\n|\r|\n/).map((l) => l.trim()).join('').trim() : s.trim());
const numberText = (n: number): string => (Number.isInteger(n) ? String(n) : String(Math.round(n * 1e9) / 1e9));

/** What a header text names. The indicator fields come first: 绩效指标 above 一级指标 is their group. */
export function columnRole(header: string): ColumnRole | null {
  const t = squeeze(header).replace(/^资金来源/, '');
  if (t === '') return null;
  if (/^(?:序号|编号|行次)$/.test(t)) return 'seq';
  if (/未能归位|未归列/.test(t)) return 'unplaced';
  if (/一级指标/.test(t)) return 'level1';
  if (/二级指标/.test(t)) return 'level2';
  if (/三级指标|指标名称/.test(t)) return 'indicatorName';
  if (/实施周期|周期指标值?|周期目标值?|全周期/.test(t)) return 'period';
  // hand-made workbooks with one column of targets head it just 指标值 (目标值, 绩效指标值, 指标值（年度）):
  // the value the year is measured by, i.e. 年度指标值; a 实施周期 column beside it is caught above
  if (/年度指标值|年度目标值|年度值|(?:指标|目标)值|^(?:本)?年度指标$/.test(t)) return 'annual';
  const r = roleOf(t);
  if (r !== null) return r;
  if (/^(?:合计|资金总额|总金额|预算总额|项目金额|预算金额)/.test(t)) return 'total';
  return null;
}

const NOTE = /^(?:注[:：]|说明[:：]|备注[:：]|填报说明|填表人|审核人|制表人|单位负责人|联系电话)/;
const META_WORD = /^资金来源$|^来源$|^绩效指标$|^金额$|^单位[:：]/;

/** Words that, alone in a row under the header words, continue a two-row header. */
const headerish = (t: string): boolean => columnRole(t) !== null || META_WORD.test(squeeze(t)) || /^(?:合计|小计)$/.test(squeeze(t));

/** How many rows with values the header is looked for in (titles, notes and blank lines above it). */
const HEADER_WITHIN = 100;

/** A row naming a name, an amount and a goal or indicator column: the header's first row. */
function isHeaderRow(row: GridRow): boolean {
  const roles = new Set<ColumnRole>();
  const texts = new Set<string>();
  for (const v of row.cells) {
    if (v === undefined || typeof v === 'number') continue;
    const t = cellText(v);
    texts.add(t);
    const r = columnRole(t);
    if (r !== null) roles.add(r);
  }
  // a title merged across the table repeats one text: never a header
  if (texts.size < 3) return false;
  const has = (r: ColumnRole) => roles.has(r);
  const amount = AMOUNT_ROLES.some(has) || texts.has('资金来源');
  const content = has('goal') || has('indicators') || INDICATOR_FIELDS.some(has);
  return has('name') && amount && content;
}

interface Mapping {
  readonly columns: SheetColumn[];
  /** role → 0-based column */
  readonly at: Map<ColumnRole, number>;
  readonly headerEnd: number;
  readonly perIndicator: boolean;
  readonly yuan: boolean;
}

/** Column headers over one to three rows, each column's text the distinct pieces above it, top down. */
function mapColumns(rows: readonly GridRow[], start: number, overrides: Readonly<Record<string, ColumnRole | null>> | undefined): Mapping {
  let end = start;
  while (end + 1 < rows.length && end - start < 2) {
    const next = rows[end + 1]!;
    if (next.r !== rows[end]!.r + 1) break;
    const own = next.cells.map((v, c) => (next.filled?.[c] ? undefined : v)).filter((v) => v !== undefined);
    if (own.length === 0 || own.some((v) => typeof v === 'number' || !headerish(cellText(v)))) break;
    end++;
  }
  const width = Math.max(...rows.slice(start, end + 1).map((r) => r.cells.length));
  const columns: SheetColumn[] = [];
  const at = new Map<ColumnRole, number>();
  for (let c = 0; c < width; c++) {
    const pieces: string[] = [];
    for (let i = start; i <= end; i++) {
      const t = squeeze(cellText(rows[i]!.cells[c]));
      if (t !== '' && pieces[pieces.length - 1] !== t) pieces.push(t);
    }
    const header = pieces.join('');
    // a lone 合计 under 资金来源 beside the sources: 财政拨款's total in the 10-column variant, else 总计
    let role = columnRole(pieces[pieces.length - 1] ?? '') ?? columnRole(header);
    if (pieces.length > 1 && /^(?:合计|小计)$/.test(pieces[pieces.length - 1]!)) role = at.has('total') ? 'fiscal' : 'total';
    const letter = columnName(c);
    const chosen = overrides !== undefined && letter in overrides;
    if (chosen) role = overrides[letter] ?? null;
    if (header === '' && !chosen) continue;
    // one column per role: a second 总计 is not read twice
    if (role !== null && at.has(role)) role = null;
    if (role !== null) at.set(role, c);
    columns.push({ column: letter, header, role, ...(chosen ? { chosen: true } : {}) });
  }
  const perIndicator = INDICATOR_FIELDS.some((f) => at.has(f));
  const yuan = columns.some((col) => isAmountRole(col.role) && /[（(]\s*元\s*[)）]|单位[:：]\s*元$/.test(col.header));
  return { columns, at, headerEnd: end, perIndicator, yuan };
}

interface Amount { cents: number | null; printed: string; bad: boolean; rounded: boolean }

/** A cell as an amount in cents of 万元: a number, or text with commas, ¥, 元/万元, full-width digits. */
function readAmount(v: CellValue | undefined, yuan: boolean): Amount {
  if (v === undefined) return { cents: null, printed: '', bad: false, rounded: false };
  let n: number | null = null;
  let printed: string;
  if (typeof v === 'number' || (typeof v === 'object' && v.num !== undefined)) {
    n = typeof v === 'number' ? v : v.num!;
    printed = yuan ? numberText(n) : n.toFixed(2);
  } else {
    printed = cellText(v);
    const t = printed.normalize('NFKC').replace(/[\s,，¥￥]/g, '').replace(/(?:万元|元)$/, '');
    if (t === '' || /^[-—–]+$/.test(t)) return { cents: null, printed: '', bad: false, rounded: false };
    if (/^涉密$/.test(t)) return { cents: null, printed, bad: false, rounded: false };
    if (/^\d+(?:\.\d+)?$/.test(t)) n = Number(t);
  }
  if (n === null || !Number.isFinite(n) || n < 0) return { cents: null, printed, bad: true, rounded: false };
  const exact = yuan ? n / 100 : n * 100;
  const cents = Math.round(exact);
  return { cents, printed, bad: false, rounded: Math.abs(exact - cents) > 1e-6 };
}

export interface SheetOptions {
  readonly overrides?: Readonly<Record<string, ColumnRole | null>>;
  readonly locations: CellLocations;
}

/** A sheet's table read as its rows come, in order: only the rows above the header's end are held. */
export interface SheetTableReader {
  push(row: GridRow): void;
  /** `null` info.read when the sheet holds no target table */
  end(): SheetTable;
}

export function sheetTableReader(name: string, options: SheetOptions): SheetTableReader {
  const head: GridRow[] = [];
  let seen = 0;
  let start = -1;
  let table: SheetTableReader | null = null;
  const begin = (): SheetTableReader => (table = readTable(name, head, start, options));
  return {
    push(row) {
      seen++;
      if (table) { table.push(row); return; }
      if (start < 0) {
        if (head.length >= HEADER_WITHIN) return;
        head.push(row);
        if (isHeaderRow(row)) start = head.length - 1;
        return;
      }
      head.push(row);
      // the header spans at most three rows: then the mapping is known and the rows can stream
      if (head.length - start >= 3) begin();
    },
    end() {
      if (table) return table.end();
      if (start >= 0) return begin().end();
      return { info: { name, read: false, skipped: seen === 0 ? '空白工作表' : '找不到表头（项目名称、总计、绩效目标或绩效指标等栏目）' }, meta: emptyMeta(), rows: [], orphans: [], diagnostics: [] };
    },
  };
}

/** The table under the header that starts at `head[start]` (`head` holds the rows up to its end or more). */
function readTable(name: string, head: GridRow[], start: number, options: SheetOptions): SheetTableReader {
  const { locations } = options;
  const meta = emptyMeta();
  const rows: RawRow[] = [];
  const orphans: RawOrphan[] = [];
  const diagnostics: Diagnostic[] = [];
  const address = (r: number, c: number): string => `${name ? `${quoteSheet(name)}!` : ''}${columnName(c)}${r}`;
  const id = (r: number, c: number): number => locations.add(address(r, c));
  const map = mapColumns(head, start, options.overrides);
  const headerRows: readonly [number, number] = [head[start]!.r, head[map.headerEnd]!.r];

  // above the header: title, 部门名称：…, 单位：万元 — each cell, and the row's distinct texts joined
  for (const row of head.slice(0, start)) {
    const texts = [...new Set(row.cells.map(cellText).filter((t) => t !== ''))];
    for (const t of [...texts, texts.join(' ')]) {
      const kind = headerKind(t);
      if (kind) readMetaLine(meta, kind, t);
      else if (meta.title === null && texts.length === 1 && t.length <= 80 && /绩效目标/.test(t)) readMetaLine(meta, 'title', t);
    }
  }
  const headerYuan = map.yuan || (meta.currencyUnit !== null && /^元/.test(meta.currencyUnit));
  const yuan = headerYuan;
  if (yuan) meta.currencyUnit = '万元';
  else if (meta.currencyUnit === null && map.columns.some((c) => isAmountRole(c.role) && /万元/.test(c.header))) meta.currencyUnit = '万元';

  const missing = (['name', 'total'] as const).filter((r) => !map.at.has(r));
  if (missing.length > 0 || !(map.at.has('goal') || map.at.has('indicators') || map.perIndicator)) {
    const what = [...missing.map((r) => COLUMN_ROLE_LABEL[r]), ...(map.at.has('goal') || map.at.has('indicators') || map.perIndicator ? [] : ['绩效目标或绩效指标'])].join('、');
    const refused: SheetTable = { info: { name, read: false, skipped: `没有${what}栏`, headerRows, columns: map.columns }, meta, rows, orphans, diagnostics };
    return { push: () => undefined, end: () => refused };
  }
  for (const col of map.columns) {
    if (col.role === null && col.header !== '' && !col.chosen) {
      diagnostics.push(diag('xlsx-column-unknown', `${address(headerRows[0], colIndex(col.column))} 的栏目“${clip(col.header)}”无法识别，该栏内容未读入；如需读取，请在导入预览中指定它是哪一栏。`, { line: id(headerRows[0], colIndex(col.column)) }));
    }
  }
  const cellAt = (row: GridRow, role: ColumnRole) => { const c = map.at.get(role); return c === undefined ? undefined : row.cells[c]; };
  const own = (row: GridRow, role: ColumnRole): boolean => { const c = map.at.get(role); return c !== undefined && row.cells[c] !== undefined && !row.filled?.[c]; };
  const textOf = (row: GridRow, role: ColumnRole): string => cellText(cellAt(row, role));
  const spanAt = (row: GridRow, role: ColumnRole): Span => {
    const c = map.at.get(role);
    const t = textOf(row, role);
    return c === undefined || t === '' ? EMPTY_SPAN : spanOf([{ no: id(row.r, c), text: t }]);
  };
  const headerTexts = new Set(map.columns.map((c) => c.header));
  let roundedFrom = '';
  let rounded = 0;
  let current: RawRow | null = null;

  const take = (row: GridRow): void => {
    const rowDiags: Diagnostic[] = [];
    const texts = row.cells.map(cellText);
    if (texts.every((t) => t === '')) return;
    // the column header printed again (a sheet pasted from several pages)
    const ownTexts = texts.filter((t, c) => t !== '' && !row.filled?.[c]);
    if (ownTexts.length >= 3 && ownTexts.every((t) => headerTexts.has(squeeze(t)) || headerish(t))) return;

    const amounts = new Map<AmountRole, Amount>();
    let anyOwnAmount = false;
    for (const r of AMOUNT_ROLES) {
      const c = map.at.get(r);
      if (c === undefined) continue;
      const a = readAmount(row.cells[c], yuan);
      amounts.set(r, a);
      if (row.cells[c] !== undefined && !row.filled?.[c] && a.printed !== '') anyOwnAmount = true;
      if (a.bad) rowDiags.push(diag('amount-unread', `${address(row.r, c)}（${COLUMN_ROLE_LABEL[r]}）的“${clip(a.printed)}”不是金额，按空白处理，原文保留在 printed 中。`, { line: id(row.r, c) }));
      if (a.rounded) { rounded++; roundedFrom ||= address(row.r, c); }
    }
    const name = textOf(row, 'name');
    // a note under the table (注：…, 填表人：…) in the first column: not a row
    if (!anyOwnAmount && ownTexts.length === 1 && NOTE.test(squeeze(ownTexts[0]!))) return;
    const indicatorRow = map.perIndicator ? indicatorCells(row) : null;
    const goalText = textOf(row, 'goal');
    const indicatorsText = textOf(row, 'indicators');

    // the row continues the current project: its name cell merged down (or repeated unmerged, with
    // the same amounts), or empty, with no amounts of its own
    const sameProject = current !== null && current.kind === 'project' && (
      (!own(row, 'name') && !anyOwnAmount)
      || (map.perIndicator && name === current.name.text && !sameAmountsDiffer(current, amounts)));
    if (sameProject && current) {
      if (own(row, 'goal') && goalText !== '' && goalText !== current.goal.text) current.goal = concatSpans(current.goal, spanAt(row, 'goal'));
      if (indicatorsText !== '' && own(row, 'indicators')) current.indicators = concatSpans(current.indicators, spanAt(row, 'indicators'));
      if (indicatorRow) (current.indicatorCells ??= []).push(indicatorRow);
      current.diagnostics.push(...rowDiags);
      return;
    }
    if (name === '' && !anyOwnAmount) {
      // no name and no amounts: a note under the table, a header line, or content of no project
      const joined = ownTexts.join(' ');
      const kind = headerKind(joined);
      if (kind && kind !== 'column-header') { readMetaLine(meta, kind, joined); return; }
      if (NOTE.test(squeeze(joined))) return;
      const first = row.cells.findIndex((v) => v !== undefined);
      const text = goalText !== '' || indicatorsText !== '' || indicatorRow ? spanAt(row, 'goal') : spanOf([{ no: id(row.r, first), text: joined }]);
      orphans.push({ text, indicators: indicatorsText !== '' ? spanAt(row, 'indicators') : EMPTY_SPAN, line: id(row.r, first) });
      return;
    }
    const nameCol = map.at.get('name')!;
    const totalCol = map.at.get('total') ?? map.at.get('fiscal') ?? nameCol;
    const printed = AMOUNT_ROLES.map((r) => amounts.get(r)?.printed ?? '').filter((p) => p !== '');
    const get = (r: AmountRole): number | null => amounts.get(r)?.cents ?? null;
    const hasParts = map.at.has('fiscalGeneral') || map.at.has('fiscalFund') || map.at.has('fiscalCapital');
    let fiscal = get('fiscal');
    if (fiscal === null && hasParts && !map.at.has('fiscal')) {
      const parts = [get('fiscalGeneral'), get('fiscalFund'), get('fiscalCapital')];
      if (parts.some((p) => p !== null)) fiscal = parts.reduce<number>((s, p) => s + (p ?? 0), 0);
    }
    // amounts listed without a column (the export's 未能归位的金额: `47.66、3.00（why）`): kept unplaced
    const unplaced = unplacedAt(row);
    const rowAmounts: RowAmounts | null = printed.length === 0 ? null : {
      printed: [...printed, ...unplaced.map((a) => a.printed)],
      ...(unplaced.length ? { unplaced: unplaced.map((a) => a.cents!) } : {}),
      line: id(row.r, totalCol),
      columns: [get('total'), fiscal, get('specialAccount'), get('other')],
      ...(hasParts ? { fiscalParts: [get('fiscalGeneral'), get('fiscalFund'), get('fiscalCapital')] as const } : {}),
    };
    const hasContent = goalText !== '' || indicatorsText !== '' || indicatorRow !== null;
    const kind: RawRow['kind'] = isTotalName(name) ? 'total' : hasContent ? 'project' : 'unit';
    current = {
      kind,
      name: name === '' ? EMPTY_SPAN : spanOf([{ no: id(row.r, nameCol), text: name }]),
      amounts: rowAmounts,
      goal: spanAt(row, 'goal'),
      indicators: spanAt(row, 'indicators'),
      ...(map.perIndicator ? { indicatorCells: indicatorRow ? [indicatorRow] : [] } : {}),
      line: id(row.r, nameCol),
      diagnostics: rowDiags,
    };
    rows.push(current);
  };
  for (const row of head.slice(map.headerEnd + 1)) take(row);
  head.length = 0;

  const end = (): SheetTable => {
    if (rounded > 0) {
      diagnostics.push(diag('xlsx-amount-rounded', `${rounded} 个金额${yuan ? '以元填写，换算为万元后' : ''}超过两位小数（如 ${roundedFrom}），已四舍五入到 0.01 万元；原值保留在 printed 中。`, { line: locations.add(roundedFrom) }));
    }
    if (yuan) {
      diagnostics.push(diag('xlsx-amount-yuan', `工作表${name ? `“${name}”` : ''}的金额单位是元，已换算为万元（除以 10000）。`, { line: id(headerRows[0], map.at.get('total')!) }));
    }
    const info: SheetInfo = {
      name,
      read: true,
      headerRows,
      layout: map.perIndicator ? 'indicator-rows' : 'project-rows',
      amountUnit: yuan ? '元' : '万元',
      columns: map.columns,
    };
    return { info, meta, rows, orphans, diagnostics };
  };
  return { push: take, end };

  function unplacedAt(row: GridRow): Amount[] {
    const c = map.at.get('unplaced');
    if (c === undefined || row.filled?.[c]) return [];
    const v = row.cells[c];
    if (typeof v === 'number' || (typeof v === 'object' && v?.num !== undefined)) return [readAmount(v, yuan)].filter((a) => a.cents !== null);
    const head = cellText(v).split(/[（(]/)[0]!;
    const out: Amount[] = [];
    for (const piece of head.split(/[、；;\s]+/).filter(Boolean)) {
      const a = readAmount(piece, yuan);
      if (a.cents !== null) out.push(a);
      else if (a.bad) diagnostics.push(diag('amount-unread', `${address(row.r, c)}（未能归位的金额）的“${clip(piece)}”不是金额，未读入。`, { line: id(row.r, c) }));
    }
    return out;
  }

  function indicatorCells(row: GridRow): RawIndicatorCells | null {
    const fields = INDICATOR_FIELDS.map((f) => textOf(row, f));
    if (fields.every((t) => t === '')) return null;
    const first = INDICATOR_FIELDS.map((f) => map.at.get(f)).find((c, k) => c !== undefined && fields[k] !== '')!;
    const seqText = map.at.has('seq') ? textOf(row, 'seq') : '';
    const seq = /^\d{1,4}$/.test(seqText) ? Number(seqText) : null;
    const [level1, level2, name, period, annual] = fields as [string, string, string, string, string];
    return { seq, level1, level2, name, period, annual, line: id(row.r, first) };
  }
}

/** The row repeats the project's name but prints other amounts: a project of its own. */
function sameAmountsDiffer(current: RawRow, amounts: ReadonlyMap<AmountRole, Amount>): boolean {
  const printed = AMOUNT_ROLES.map((r) => amounts.get(r)?.printed ?? '').filter((p) => p !== '');
  if (printed.length === 0) return false;
  return printed.join('|') !== (current.amounts?.printed ?? []).join('|');
}

const colIndex = (letters: string): number => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

/** `Sheet1`, or `'项目 表'` quoted as a spreadsheet quotes a sheet name with spaces or punctuation. */
export function quoteSheet(name: string): string {
  return /^[\p{L}\p{N}_.]+$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

const clip = (s: string, n = 30): string => (s.length <= n ? s : `${s.slice(0, n)}…`);
