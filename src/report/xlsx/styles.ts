// The look of every workbook jixiao writes: the fonts, borders, number format, widths and print setup a
// finance office expects of a 绩效目标表, in one place so the table layouts and templates agree.
import type ExcelJS from 'exceljs';

export const FONT_NAME = '宋体';
export const NUM_FMT = '#,##0.00';
/** Excel's own limit; a longer export continues on a new sheet */
export const MAX_SHEET_ROWS = 1_048_576;
/** Excel's tallest row, in points */
const MAX_ROW_HEIGHT = 409;
const LINE_HEIGHT = 13.5;

const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
export const BORDER: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };

const font = (size: number, bold = false): Partial<ExcelJS.Font> => ({ name: FONT_NAME, size, bold, charset: 134 });

/** Shared style objects: ExcelJS keys styles by value, so reusing them keeps big exports fast. */
export const STYLE = {
  title: { font: font(16, true), alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } },
  meta: { font: font(10), alignment: { horizontal: 'left', vertical: 'middle' } },
  metaRight: { font: font(10), alignment: { horizontal: 'right', vertical: 'middle' } },
  header: { font: font(10, true), border: BORDER, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } } },
  text: { font: font(10), border: BORDER, alignment: { horizontal: 'left', vertical: 'middle', wrapText: true } },
  textTop: { font: font(10), border: BORDER, alignment: { horizontal: 'left', vertical: 'top', wrapText: true } },
  amount: { font: font(10), border: BORDER, numFmt: NUM_FMT, alignment: { horizontal: 'right', vertical: 'middle' } },
  sumText: { font: font(10, true), border: BORDER, alignment: { horizontal: 'left', vertical: 'middle', wrapText: true } },
  sumAmount: { font: font(10, true), border: BORDER, numFmt: NUM_FMT, alignment: { horizontal: 'right', vertical: 'middle' } },
  /** a cell a unit fills in (templates): unlocked, tinted */
  input: { font: font(10), border: BORDER, alignment: { horizontal: 'left', vertical: 'middle', wrapText: true }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF9E6' } }, protection: { locked: false } },
  inputAmount: { font: font(10), border: BORDER, numFmt: NUM_FMT, alignment: { horizontal: 'right', vertical: 'middle' }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF9E6' } }, protection: { locked: false } },
  percent: { font: font(10), border: BORDER, numFmt: '0.00%', alignment: { horizontal: 'right', vertical: 'middle' } },
  note: { font: font(9), alignment: { horizontal: 'left', vertical: 'top', wrapText: true } },
} satisfies Record<string, Partial<ExcelJS.Style>>;

/** Landscape A4, every column on one page wide, the header rows printed again on each page. */
export function pageSetup(headerFrom: number, headerTo: number): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0,
    printTitlesRow: `${headerFrom}:${headerTo}`, horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
}

/** Header rows frozen: rows above `firstBodyRow` stay in view while scrolling. */
export const frozen = (firstBodyRow: number, xSplit = 0): Partial<ExcelJS.WorksheetView>[] => [
  { state: 'frozen', xSplit, ySplit: firstBodyRow - 1, topLeftCell: `A${firstBodyRow}`, activeCell: `A${firstBodyRow}` } as Partial<ExcelJS.WorksheetView>,
];

export const headerFooter = { oddFooter: '&C第 &P 页，共 &N 页' };

/** Display width in Excel character units: CJK and full-width characters count two (a surrogate pair, two halves). */
export function textWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // by code unit, not by regular expression: this runs on every cell of a million-row export
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff)
      || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) ? 2 : 1;
  }
  return w;
}

/** Lines a wrapped text takes in a column of `width` characters. */
export function linesIn(text: string | null | undefined, width: number): number {
  if (!text) return 1;
  const usable = Math.max(4, width - 1);
  let n = 0;
  for (const para of text.split('\n')) n += Math.max(1, Math.ceil(textWidth(para) / usable));
  return n;
}

/**
 * Row height for wrapped text. Excel does not fit row heights to wrapped text when it opens a file, so
 * the height is estimated from the text; merged cells are never fitted, so their lines are shared out.
 */
export function rowHeight(lines: number): number {
  return Math.min(MAX_ROW_HEIGHT, Math.max(1, lines) * LINE_HEIGHT + 4);
}

/** A sheet name Excel accepts: no []:*?/\, at most 31 characters, unique in the workbook. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base = (wanted.replace(/[[\]:*?/\\]/g, '·').replace(/^'+|'+$/g, '').trim() || 'Sheet').slice(0, 31);
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) {
    const suffix = `(${i})`;
    name = base.slice(0, 31 - suffix.length) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

/** Column letters for 1-based column numbers. */
export function col(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/**
 * Merged ranges kept as numbers: ExcelJS's streaming writer keeps one object per merge and checks each new
 * one against all before it (quadratic); an indicator-layout export of a million indicators has hundreds of
 * thousands. Installed on a WorksheetWriter, it is read once when the sheet is committed.
 */
export class CompactMerges {
  private data = new Uint32Array(1024);
  length = 0;
  add(top: number, left: number, bottom: number, right: number): void {
    if (top === bottom && left === right) return;
    if ((this.length + 1) * 4 > this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data.set([top, left, bottom, right], this.length * 4);
    this.length++;
  }
  forEach(f: (range: string) => void): void {
    for (let i = 0; i < this.length; i++) {
      const [t, l, b, r] = this.data.subarray(i * 4, i * 4 + 4) as unknown as [number, number, number, number];
      f(`${col(l)}${t}:${col(r)}${b}`);
    }
  }
  some(f: (range: string) => boolean): boolean {
    for (let i = 0; i < this.length; i++) {
      const [t, l, b, r] = this.data.subarray(i * 4, i * 4 + 4) as unknown as [number, number, number, number];
      if (f(`${col(l)}${t}:${col(r)}${b}`)) return true;
    }
    return false;
  }
}

/** Installs CompactMerges on a streaming worksheet (its `_merges` is read only by `_writeMergeCells`). */
export function compactMerges(ws: ExcelJS.Worksheet): CompactMerges {
  const merges = new CompactMerges();
  (ws as unknown as { _merges: unknown })._merges = merges;
  return merges;
}
