// The official 7-column table (项目名称（资金使用单位）| 总计 | 财政拨款 | 财政专户拨款 | 其他资金 | 绩效目标 |
// 绩效指标) rebuilt from a sample as the text reader reads it, and what any reader must find in a
// rendering of it. The expectation is derived from this table, never from a PDF reader's output.
//
// Flowed text does not say which column a source amount is in (funding.unplaced); the generated table
// has to print it in some column, so it chooses one and records the choice: a single source goes to
// 财政拨款; a unit printing two sources puts the second in 其他资金 together with a set of its projects
// whose totals add up to it (so the table's column sums hold, as in a published table). A reader of
// the generated table then knows the columns and must place every amount.
import type { Diagnostic, Funding, TableDocument } from '../../../src/model/types.js';

export interface Amounts {
  readonly total: number;
  readonly fiscal: number | null;
  readonly specialAccount: number | null;
  readonly other: number | null;
}

export interface ExpectedIndicator {
  readonly level1: string | null;
  readonly level2: string | null;
  readonly name: string;
  readonly period: string;
  readonly annual: string;
}

export interface ExpectedProject {
  readonly name: string;
  readonly funding: Amounts;
  readonly goal: string;
  readonly indicators: readonly ExpectedIndicator[];
  /** the indicator cell when it is prose (indicators-prose) */
  readonly indicatorsText?: string;
  /** the indicator cell as printed: one indicator per line */
  readonly indicatorLines: readonly string[];
}

export interface ExpectedUnit {
  readonly name: string;
  readonly funding: Amounts | null;
  readonly projects: readonly ExpectedProject[];
}

/** One table as every reader must read it. */
export interface ExpectedTable {
  readonly sample: string;
  readonly title: string | null;
  readonly department: string | null;
  readonly currencyUnit: string | null;
  readonly total: Amounts | null;
  readonly units: readonly ExpectedUnit[];
  readonly indicatorCount: number;
  /** diagnostic codes the table's content deserves, whatever format it is printed in */
  readonly diagnostics: readonly string[];
  /** source amounts the flowed text left unplaced and the generated table printed in a column */
  readonly placedByGenerator: number;
}

/**
 * Codes that belong to one format's way of printing a table, not to the table: a reader of another
 * format neither can nor should report them. Everything else is content and must agree across readers.
 */
export const FORMAT_SPECIFIC_CODES: Readonly<Record<string, string>> = {
  'column-undecided': 'flowed text drops empty amount cells; formats with columns know them',
  'columns-not-printed': 'the same, said once per unit whose rows each print one source',
  'column-decided': 'flowed text only: a column found from the sums',
  'amount-joined': 'flowed text wraps an amount over two lines',
  'amount-deferred': 'flowed text prints a source after the goal',
  'goal-displaced': 'flowed text prints the goal after the indicators',
  'stray-punctuation': 'a lone 。 between cells of flowed text',
  orphan: 'content belonging to no project; the generated tables do not print it',
  'unit-inferred': 'the flowed samples print no unit row under some headers',
  'header-missing': 'the flowed samples without a 合计 row or department line',
  'input-encoding': 'text encodings only',
  'input-invalid-bytes': 'text encodings only',
  'sum-rounding': 'the text readers check sums at another granularity than column-wise readers',
  // whole-file PDF conditions (no text layer, scan, encryption, damage): the readable-table cases never
  // have them, and the broken PDFs are checked for them by name
  'pdf-text-garbled': 'a PDF without a usable text layer',
  'pdf-no-text': 'a scanned PDF page',
  'pdf-encrypted': 'an encrypted PDF',
  'pdf-damaged': 'a damaged PDF file',
  'pdf-page-unread': 'a PDF page that cannot be parsed',
  'pdf-no-table': 'a PDF whose pages hold no target table',
  'pdf-pages-read': 'which PDF pages were read',
  'pdf-row-continued': 'a PDF row continued on the next page',
  'pdf-summary-skipped': 'a budget volume\'s summary table beside the project table',
  // workbooks: how the sheet said it, not what the table says
  'xlsx-sheets-read': 'which sheets of a workbook were read',
  'xlsx-amount-yuan': 'a workbook whose amounts are in 元, converted to 万元',
  'xlsx-amount-rounded': 'amounts in 元 (or with more decimals) rounded to 0.01 万元',
  'xlsx-formula-cached': 'formulas read from their saved results',
  'xlsx-column-unknown': 'a column of a workbook whose header names nothing the table has',
};

export const contentCodes = (diagnostics: readonly Pick<Diagnostic, 'code'>[]): string[] =>
  [...new Set(diagnostics.map((d) => d.code).filter((c) => !(c in FORMAT_SPECIFIC_CODES)))].sort();

const cents = (x: number): number => Math.round(x * 100);

/** 12721.29 → 12,721.29 (as the tables print amounts) */
export function formatAmount(x: number): string {
  const c = cents(x);
  const whole = Math.floor(c / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${whole}.${(c % 100).toString().padStart(2, '0')}`;
}

/** The sources of a row in columns: placed ones stay; unplaced ones are printed left to right in fiscal, then other. */
function columnsOf(f: Funding, second: 'fiscal' | 'other' = 'fiscal'): { amounts: Amounts; moved: number } {
  if (f.unplaced.length === 0) return { amounts: { total: f.total, fiscal: f.fiscal, specialAccount: f.specialAccount, other: f.other }, moved: 0 };
  const free = ['fiscal', 'other', 'specialAccount'].filter((k) => f[k as 'fiscal'] === null) as ('fiscal' | 'other' | 'specialAccount')[];
  const cols: Record<string, number | null> = { fiscal: f.fiscal, specialAccount: f.specialAccount, other: f.other };
  const order = f.unplaced.length === 1 && second === 'other' && free.includes('other') ? ['other'] : free;
  f.unplaced.forEach((x, i) => {
    const k = order[i] ?? free[i];
    if (k === undefined) throw new Error(`no free column for ${x}`);
    cols[k] = (cols[k] ?? 0) + x;
  });
  return { amounts: { total: f.total, fiscal: cols['fiscal'] ?? null, specialAccount: cols['specialAccount'] ?? null, other: cols['other'] ?? null }, moved: f.unplaced.length };
}

/** Indices of items whose values (cents) add up to target; null when none do. */
function subsetSum(values: readonly number[], target: number): number[] | null {
  if (target <= 0 || target > 50_000_000) return null;
  const from = new Int32Array(target + 1).fill(-1);
  const reached = new Uint8Array(target + 1);
  reached[0] = 1;
  values.forEach((v, i) => {
    for (let s = target; s >= v; s--) {
      if (!reached[s] && reached[s - v]) {
        reached[s] = 1;
        from[s] = i;
      }
    }
  });
  if (!reached[target]) return null;
  const picked: number[] = [];
  for (let s = target; s > 0; s -= values[from[s]!]!) picked.push(from[s]!);
  return picked;
}

export function expectedFromDocument(sample: string, doc: TableDocument): ExpectedTable {
  let moved = 0;
  const units = doc.units.map((u): ExpectedUnit => {
    // a unit printing two unplaced sources: its projects each print one; find those making up the second
    const second = u.funding && u.funding.unplaced.length === 2 && u.projects.every((p) => p.funding.unplaced.length === 1 && p.funding.fiscal === null && p.funding.specialAccount === null && p.funding.other === null)
      ? new Set(subsetSum(u.projects.map((p) => cents(p.funding.total)), cents(u.funding.unplaced[1]!)) ?? [])
      : new Set<number>();
    const unitCols = u.funding ? columnsOf(u.funding) : null;
    moved += unitCols?.moved ?? 0;
    const projects = u.projects.map((p, i): ExpectedProject => {
      const cols = columnsOf(p.funding, second.has(i) ? 'other' : 'fiscal');
      moved += cols.moved;
      return {
        name: p.name,
        funding: cols.amounts,
        goal: p.goal,
        indicators: p.indicators.map((x) => ({ level1: x.level1.code, level2: x.level2.code, name: x.name, period: x.period.raw, annual: x.annual.raw })),
        ...(p.indicatorsText !== undefined ? { indicatorsText: p.indicatorsText } : {}),
        indicatorLines: p.indicatorsText !== undefined && p.indicators.length === 0 ? [p.indicatorsText] : p.indicators.map((x) => x.text),
      };
    });
    return { name: u.name, funding: unitCols?.amounts ?? null, projects };
  });
  const total = doc.total ? columnsOf(doc.total) : null;
  moved += total?.moved ?? 0;
  return {
    sample,
    title: doc.title,
    department: doc.department,
    currencyUnit: doc.currencyUnit,
    total: total?.amounts ?? null,
    units,
    indicatorCount: units.reduce((n, u) => n + u.projects.reduce((m, p) => m + p.indicators.length, 0), 0),
    diagnostics: contentCodes(doc.diagnostics),
    placedByGenerator: moved,
  };
}

/** The table's rows as cells, in print order: 合计, then each unit followed by its projects. */
export interface TableRow {
  readonly kind: 'total' | 'unit' | 'project';
  readonly cells: readonly [string, string, string, string, string, string, string];
  /** the indicator cell's lines */
  readonly indicatorLines: readonly string[];
}

export const COLUMN_HEADER = ['项目名称（资金使用单位）', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '绩效指标'] as const;

const amountCells = (a: Amounts): [string, string, string, string] =>
  [formatAmount(a.total), ...[a.fiscal, a.specialAccount, a.other].map((x) => (x === null ? '' : formatAmount(x)))] as [string, string, string, string];

export function tableRows(t: ExpectedTable): TableRow[] {
  const rows: TableRow[] = [];
  if (t.total) rows.push({ kind: 'total', cells: ['合计', ...amountCells(t.total), '', ''], indicatorLines: [] });
  for (const u of t.units) {
    const a = u.funding ? amountCells(u.funding) : ['', '', '', ''] as const;
    rows.push({ kind: 'unit', cells: [u.name, ...a, '', ''], indicatorLines: [] });
    for (const p of u.projects) {
      rows.push({ kind: 'project', cells: [p.name, ...amountCells(p.funding), p.goal, p.indicatorLines.join('')], indicatorLines: p.indicatorLines });
    }
  }
  return rows;
}

/** The header block printed above the table: title, 部门名称, 单位. */
export function headerLines(t: ExpectedTable): string[] {
  return [t.title ?? '项目支出绩效目标表', `部门名称：${t.department ?? ''}`, `单位：${t.currencyUnit ?? '万元'}`];
}
