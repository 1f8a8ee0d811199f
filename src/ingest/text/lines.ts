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

/** The column header row, cells split by tabs or spaces; what follows it on the line is content. */
const COLUMN_HEADER_PREFIX = /^\s*项目名称[^\t ]*[\t ]+总计[\t ]+财政拨款[\t ]+财政专户拨款[\t ]+其他资金[\t ]+绩效目标[\t ]+绩效指标/;
const HAS_AMOUNT = /\d\.\d{2}(?!\d)/;

/**
 * Splits off a column header row that a line break was lost after: returns the content that
 * follows the header on the same line, or null when the line is not such a header.
 */
export function afterColumnHeader(line: string): string | null {
  const m = COLUMN_HEADER_PREFIX.exec(line);
  return m ? line.slice(m[0].length) : null;
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
