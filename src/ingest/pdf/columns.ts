// Which column is which, read from the header cells' text — never from position. Header cells wrap
// (`项目名称（资金使` / `用单位）`, `财政专` / `户拨款`) and merge (财政拨款 over 合计/一般公共预算/
// 政府性基金预算/国有资本经营预算), so each column's header is the text of every header cell above it,
// joined without whitespace.
import type { Grid } from './grid.js';

export type Role =
  | 'name' | 'total' | 'fiscal' | 'fiscalGeneral' | 'fiscalFund' | 'fiscalCapital'
  | 'specialAccount' | 'other' | 'goal' | 'indicators';

export const AMOUNT_ROLES = ['total', 'fiscal', 'specialAccount', 'other', 'fiscalGeneral', 'fiscalFund', 'fiscalCapital'] as const satisfies readonly Role[];

/** What the header says the table is. */
export type TableKind =
  /** 项目支出绩效目标表 and its variants: name, amounts by source, goal and/or indicators */
  | 'targets'
  /** 重点项目预算绩效目标情况: name, one budget amount, goal — a summary of projects listed elsewhere */
  | 'summary';

export interface Header {
  readonly kind: TableKind;
  /** role of each column band, null for a column the reader does not know */
  readonly roles: readonly (Role | null)[];
  /** the header text of each column band */
  readonly texts: readonly string[];
  /** row bands taken by the header */
  readonly bands: number;
}

const AMOUNT = /^\s*-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{1,2})?\s*$/;
const HEADER_WORD = /项目名称|支出项目类别|资金使用单位|^项目$|总计|预算数|财政拨款|财政专户|其他资金|绩效目标|绩效指标/;

export function roleOf(text: string): Role | null {
  const t = text.replace(/[\s\u3000]/g, '');
  if (t === '') return null;
  if (/绩效指标/.test(t)) return 'indicators';
  if (/绩效目标/.test(t)) return 'goal';
  if (/财政专户/.test(t)) return 'specialAccount';
  if (/其他资金/.test(t)) return 'other';
  if (/一般公共预算/.test(t)) return 'fiscalGeneral';
  if (/政府性基金/.test(t)) return 'fiscalFund';
  if (/国有资本经营/.test(t)) return 'fiscalCapital';
  if (/财政拨款/.test(t)) return 'fiscal';
  if (/项目名称|支出项目类别|资金使用单位|^项目/.test(t)) return 'name';
  if (/^(?:总计|预算数|预算金额|金额)/.test(t)) return 'total';
  return null;
}

const cellText = (lines: readonly { text: string }[]): string => lines.map((l) => l.text).join('');

/**
 * Finds the header at the top of a grid: the row bands before the first band that holds an amount,
 * when they name at least a name column, an amount column and a goal or indicator column.
 */
export function readHeader(grid: Grid): Header | null {
  const columns = grid.xs.length - 1;
  let bands = 0;
  let words = 0;
  for (const cells of grid.rows) {
    const texts = cells.map((c) => cellText(c.lines));
    if (texts.some((t) => AMOUNT.test(t))) break;
    if (bands >= 4) break;
    const named = texts.some((t) => HEADER_WORD.test(t.replace(/[\s\u3000]/g, '')));
    // below the header words only short, number-free pieces of wrapped header cells; anything else is
    // the first row (at a page top, a row continued from the page before), even when a header word
    // is among its text (a name ending in 项目, a goal that names its 绩效目标)
    if (words === 0 ? !named : texts.some((t) => t.length > 12 || /\d/.test(t))) break;
    if (named) words++;
    bands++;
  }
  if (bands === 0 || words === 0) return null;
  const texts: string[] = Array.from({ length: columns }, () => '');
  for (const cells of grid.rows.slice(0, bands)) {
    for (const c of cells) {
      const t = cellText(c.lines).replace(/[\s\u3000]/g, '');
      for (let k = c.c0; k <= c.c1; k++) texts[k] += t;
    }
  }
  const roles = texts.map((t) => roleOf(t));
  // the 合计 under a merged 财政拨款 reads 财政拨款合计; a lone 合计 beside fiscal parts is their sum
  roles.forEach((r, k) => {
    if (r === null && /^(?:合计|小计)$/.test(texts[k]!) && roles.slice(k + 1).some((x) => x === 'fiscalGeneral')) roles[k] = 'fiscal';
  });
  const has = (r: Role) => roles.includes(r);
  if (!has('name') || !has('total') || !(has('goal') || has('indicators'))) return null;
  const sources = has('fiscal') || has('specialAccount') || has('other') || has('fiscalGeneral');
  const kind: TableKind = sources || has('indicators') ? 'targets' : 'summary';
  return { kind, roles, texts, bands };
}

/** Same column layout within a point or two: a continuation page whose header was not repeated. */
export function sameColumns(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) <= 2);
}
