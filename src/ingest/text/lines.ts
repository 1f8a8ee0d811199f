// Line-level facts shared by both text readers: the page header block that published tables repeat
// on every page, and the metadata it carries.
export interface SourceLine {
  /** 1-based */
  readonly no: number;
  /** without the line break */
  readonly raw: string;
}

export function splitLines(text: string): SourceLine[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.split(/\r\n|\r|\n/).map((raw, i) => ({ no: i + 1, raw }));
}

export interface HeaderMeta {
  title: string | null;
  year: number | null;
  department: string | null;
  currencyUnit: string | null;
}

const TITLE = /绩效目标表/;
const DEPARTMENT = /^\s*(?:部门名称|单位名称|预算单位|部门)\s*[:：]\s*(.*?)\s*(?:单位\s*[:：]\s*(\S+)\s*)?$/;
const CURRENCY = /^\s*(?:金额)?单位\s*[:：]\s*(\S+)\s*$/;
const COLUMN_HEADER = /^\s*项目名称/;
const PAGE_NUMBER = /^\s*(?:第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|-\s*\d+\s*-|\d+\s*\/\s*\d+)\s*$/;

export type HeaderKind = 'title' | 'department' | 'currency' | 'column-header' | 'page-number';

const HAS_AMOUNT = /\d\.\d{2}(?!\d)/;

/**
 * The column header's cells in order, as the text joins them with whitespace removed. The name cell
 * names the unit column in several ways; a cell may wrap at any character, so a header printed over
 * several lines is recognised by joining lines while the result is still a prefix of one of these.
 */
const NAME_CELL = '项目名称';
const OTHER_CELLS = '总计财政拨款财政专户拨款其他资金绩效目标绩效指标';
const HEADER_MAX_LINES = 12;
const HEADER_START = /^\s*项/;

const squeeze = (s: string): string => s.replace(/[\s\u3000]+/g, '').replace(/\(/g, '（').replace(/\)/g, '）');

/**
 * How much of `joined` the header covers: the name cell, its parenthesis (资金使用单位 or any short
 * note), then the other cells. 'prefix' while the header is still incomplete, -1 when it is not a header.
 */
function headerExtent(joined: string): number | 'prefix' {
  if (NAME_CELL.startsWith(joined)) return 'prefix';
  if (!joined.startsWith(NAME_CELL)) return -1;
  let at = NAME_CELL.length;
  if (joined.charAt(at) === '（') {
    const close = joined.indexOf('）', at);
    if (close < 0) return joined.length - at <= 14 ? 'prefix' : -1;
    at = close + 1;
  }
  const rest = joined.slice(at);
  if (rest.startsWith(OTHER_CELLS)) return at + OTHER_CELLS.length;
  return OTHER_CELLS.startsWith(rest) ? 'prefix' : -1;
}

/** The part of `raw` after its first `n` non-space characters (mapping a squeezed offset back). */
function afterChars(raw: string, n: number): string {
  let seen = 0;
  for (let i = 0; i < raw.length; i++) {
    if (seen === n) return raw.slice(i);
    if (!/[\s\u3000]/.test(raw[i]!)) seen++;
  }
  return '';
}

/**
 * Finds every column header row, however its cells wrap over lines (`项目名称（资金使` / `用单位） 总计
 * 财政拨款 财政专` / `户拨款` / …), and returns, per line index, what is left of that line once the
 * header is taken out: '' for a line that is all header, the content after it for the header's last
 * line when a line break after the header was lost. Lines not in the map are not header.
 */
export function findColumnHeaders(lines: readonly SourceLine[]): Map<number, string> {
  const found = new Map<number, string>();
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.raw;
    if (!HEADER_START.test(raw)) continue;
    let joined = '';
    const taken: number[] = [];
    for (let j = i; j < lines.length && taken.length < HEADER_MAX_LINES; j++) {
      const piece = squeeze(lines[j]!.raw);
      if (piece === '') continue;
      const next = joined + piece;
      const extent = headerExtent(next);
      if (extent === -1) break;
      if (extent !== 'prefix') {
        for (const k of taken) found.set(k, '');
        found.set(j, afterChars(lines[j]!.raw, extent - joined.length));
        i = j;
        break;
      }
      joined = next;
      taken.push(j);
    }
  }
  return found;
}

/** Recognises one header line (cells already joined by the caller for tabular rows). */
export function headerKind(line: string): HeaderKind | null {
  const t = line.trim();
  if (t === '') return null;
  // a line that carries an amount is content, whatever else it holds
  if (HAS_AMOUNT.test(t)) return null;
  if (COLUMN_HEADER.test(t) && /总计/.test(t)) return 'column-header';
  if (DEPARTMENT.test(t)) return 'department';
  if (CURRENCY.test(t)) return 'currency';
  if (TITLE.test(t) && t.length <= 80) return 'title';
  if (PAGE_NUMBER.test(t)) return 'page-number';
  return null;
}

/** 合计 / 总计 (the table's total row), also spaced or with a colon: `合 计`, `总计：` */
export function isTotalName(name: string): boolean {
  const bare = name.replace(/[\s\u3000:：]/g, '');
  return bare === '合计' || bare === '总计';
}

/** Folds one header line into the document metadata; the first occurrence wins. */
export function readHeader(meta: HeaderMeta, kind: HeaderKind, line: string): void {
  const t = line.trim();
  if (kind === 'title' && meta.title === null) {
    meta.title = t;
    const y = /((?:19|20)\d{2})\s*年/.exec(t);
    if (y) meta.year = Number(y[1]);
  } else if (kind === 'department') {
    const m = DEPARTMENT.exec(t);
    if (m) {
      if (meta.department === null && m[1]) meta.department = m[1];
      if (meta.currencyUnit === null && m[2]) meta.currencyUnit = m[2];
    }
  } else if (kind === 'currency' && meta.currencyUnit === null) {
    const m = CURRENCY.exec(t);
    if (m?.[1]) meta.currencyUnit = m[1];
  }
}

export function emptyMeta(): HeaderMeta {
  return { title: null, year: null, department: null, currencyUnit: null };
}

/** Display width: CJK and full-width forms count two columns, as the PDF laid them out. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000) ? 2 : 1;
  }
  return w;
}
