// An .xlsx workbook → its sheets as sparse grids of cell values, streamed from the zip (saxes over
// inflated chunks), so a sheet of a million rows is never one string. Only what a table needs is
// kept: the values (shared strings resolved, rich-text runs joined, phonetic runs dropped), whether a
// value is a formula's cached result or has none, error values, merged ranges and hidden sheets.
// Styles are not read: a clerk's table says its amounts' unit in words, not in a number format.
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { readEntryBytes, readEntryText, type ZipEntry } from './zip.js';

/** A cell whose value is not a plain string or number. */
export interface SpecialCell {
  /** what the cell shows ('' when nothing is known) */
  readonly text: string;
  readonly num?: number;
  /** a formula: its value is the cached result, or there is none */
  readonly formula?: 'cached' | 'missing';
  /** an error value (#REF!, #DIV/0!) */
  readonly error?: string;
}
export type CellValue = string | number | SpecialCell;

export interface GridRow {
  /** 1-based row number */
  readonly r: number;
  /** by 0-based column */
  readonly cells: (CellValue | undefined)[];
  /** columns whose value was copied from a merged range's first cell */
  filled?: boolean[];
}

export interface Merge { readonly r0: number; readonly c0: number; readonly r1: number; readonly c1: number }

/** Tables have a dozen columns; a value beyond this column is not read (and counted). */
export const MAX_COLUMNS = 256;

const local = (name: string): string => name.slice(name.indexOf(':') + 1);

/** Column letters → 0-based index; A1-style reference → [row, col]. */
export function decodeRef(ref: string): { r: number; c: number } | null {
  // by character codes: called for every cell of a sheet
  let i = ref.charCodeAt(0) === 36 ? 1 : 0; // $
  let c = 0;
  const start = i;
  for (; i < ref.length; i++) {
    const k = ref.charCodeAt(i) | 0x20; // lower case
    if (k < 97 || k > 122) break;
    c = c * 26 + (k - 96);
  }
  if (i === start || i - start > 3) return null;
  if (ref.charCodeAt(i) === 36) i++;
  let r = 0;
  const digits = i;
  for (; i < ref.length; i++) {
    const d = ref.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    r = r * 10 + d;
  }
  return i === digits ? null : { r, c: c - 1 };
}

export function columnName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

async function parseXml(bytes: Uint8Array, entry: ZipEntry, handlers: {
  open: (name: string, attrs: Record<string, string>) => void;
  text?: (text: string) => void;
  close?: (name: string) => void;
}): Promise<void> {
  const parser = new SaxesParser({ xmlns: false });
  let failure: Error | null = null;
  parser.on('opentag', (tag: SaxesTagPlain) => handlers.open(local(tag.name), tag.attributes as Record<string, string>));
  if (handlers.text) { const t = handlers.text; parser.on('text', t); parser.on('cdata', t); }
  if (handlers.close) { const c = handlers.close; parser.on('closetag', (tag) => c(local(tag.name))); }
  parser.on('error', (e) => { failure ??= e; });
  await readEntryText(bytes, entry, (chunk) => {
    if (failure) throw failure;
    parser.write(chunk);
  });
  parser.close();
  if (failure) throw failure;
}

/** Relationship id → target path, resolved against the part's folder. */
export async function readRels(bytes: Uint8Array, entry: ZipEntry | undefined, base: string): Promise<Map<string, { target: string; type: string }>> {
  const out = new Map<string, { target: string; type: string }>();
  if (!entry) return out;
  await parseXml(bytes, entry, {
    open: (name, a) => {
      if (name !== 'Relationship' || !a.Id || !a.Target) return;
      out.set(a.Id, { target: resolvePath(base, a.Target), type: a.Type ?? '' });
    },
  });
  return out;
}

function resolvePath(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').filter(Boolean);
  for (const p of target.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return parts.join('/');
}

export interface SheetRef { readonly name: string; readonly path: string; readonly hidden: boolean }

export async function readWorkbookSheets(bytes: Uint8Array, entries: ReadonlyMap<string, ZipEntry>): Promise<{ sheets: SheetRef[]; sharedStrings: string | null }> {
  const root = await readRels(bytes, entries.get('_rels/.rels'), '');
  const main = [...root.values()].find((r) => /officeDocument$/.test(r.type))?.target ?? 'xl/workbook.xml';
  const folder = main.includes('/') ? main.slice(0, main.lastIndexOf('/')) : '';
  const relsPath = `${folder ? `${folder}/` : ''}_rels/${main.slice(main.lastIndexOf('/') + 1)}.rels`;
  const rels = await readRels(bytes, entries.get(relsPath), folder);
  const wb = entries.get(main);
  if (!wb) throw new Error('工作簿缺少 workbook.xml');
  const sheets: SheetRef[] = [];
  await parseXml(bytes, wb, {
    open: (name, a) => {
      if (name !== 'sheet') return;
      const id = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1] ?? '';
      const rel = rels.get(id);
      if (!rel || !/worksheet$/.test(rel.type)) return; // chart sheets, dialog sheets: no cells
      sheets.push({ name: a.name ?? `Sheet${sheets.length + 1}`, path: rel.target, hidden: a.state === 'hidden' || a.state === 'veryHidden' });
    },
  });
  const sst = [...rels.values()].find((r) => /sharedStrings$/.test(r.type))?.target ?? null;
  return { sheets, sharedStrings: sst };
}

export async function readSharedStrings(bytes: Uint8Array, entry: ZipEntry | undefined): Promise<string[]> {
  const out: string[] = [];
  if (!entry) return out;
  let current: string[] | null = null;
  let inT = false;
  let phonetic = 0;
  await parseXml(bytes, entry, {
    open: (name) => {
      if (name === 'si') current = [];
      else if (name === 'rPh') phonetic++;
      else if (name === 't' && phonetic === 0) inT = true;
    },
    text: (t) => { if (inT && current) current.push(t); },
    close: (name) => {
      if (name === 't') inT = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') { out.push(current ? own(current.join('')) : ''); current = null; }
    },
  });
  return out;
}

/** What a sheet's stream said besides its rows. */
export interface SheetStats {
  /** the sheet's declared used range, when it has one */
  readonly dimension: string | null;
  /** rows present in the file without a value (a sheet "of a million empty rows") */
  readonly emptyRows: number;
  /** cells beyond the column limit, not read */
  readonly clippedCells: number;
}

/**
 * A sheet's merged ranges, read before its rows: they follow <sheetData> in the file, and a row's
 * merged cells are filled as it streams by. The rows are only inflated and searched for the first
 * mergeCell tag (its `<` is always a tag: text escapes it), not decoded; the ranges are kept as
 * numbers, four to a range.
 */
export async function readMerges(bytes: Uint8Array, entry: ZipEntry): Promise<Merges> {
  const merges = new Merges();
  const NAME = Buffer.from('mergeCell');
  const TAG = /<(?:[\w.-]+:)?mergeCell\s[^<>]*?\bref\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  const decoder = new TextDecoder('utf-8');
  let past = false;
  let carry = Buffer.alloc(0);
  let tail = '';
  const scan = (text: string): void => {
    tail += text;
    TAG.lastIndex = 0;
    let m: RegExpExecArray | null;
    let used = 0;
    while ((m = TAG.exec(tail)) !== null) { merges.addRef(m[1] ?? m[2] ?? ''); used = TAG.lastIndex; }
    // a tag cut by the chunk's end waits for the rest
    const open = tail.lastIndexOf('<');
    tail = open >= used && tail.indexOf('>', open) < 0 ? tail.slice(open) : '';
  };
  await readEntryBytes(bytes, entry, (chunk) => {
    if (past) { scan(decoder.decode(chunk, { stream: true })); return; }
    const joined = carry.length > 0 ? Buffer.concat([carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    for (let at = joined.indexOf(NAME); at >= 0; at = joined.indexOf(NAME, at + 1)) {
      const open = tagStart(joined, at);
      if (open >= 0) { past = true; scan(decoder.decode(joined.subarray(open), { stream: true })); return; }
    }
    // a tag's start may be cut by the chunk's end
    carry = Buffer.from(joined.subarray(Math.max(0, joined.length - 80)));
  });
  if (past) scan(decoder.decode());
  merges.sort();
  return merges;
}

/** Where the tag whose local name starts at `at` opens (`<mergeCell`, `<x:mergeCell`), or -1: not a tag. */
function tagStart(buf: Uint8Array, at: number): number {
  if (buf[at - 1] === 0x3c) return at - 1;
  if (buf[at - 1] !== 0x3a) return -1;
  let i = at - 2;
  const nameByte = (b: number): boolean => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f || b === 0x2e || b === 0x2d;
  while (i >= 0 && nameByte(buf[i]!)) i--;
  return i >= 0 && i < at - 2 && buf[i] === 0x3c ? i : -1;
}

/** Merged ranges as numbers (r0, c0, r1, c1), ordered by their first row: a million ranges in 16 MB. */
export class Merges {
  private data = new Int32Array(64);
  length = 0;
  addRef(ref: string): void {
    const [from, to] = ref.split(':');
    const p = from ? decodeRef(from) : null;
    const q = to ? decodeRef(to) : p;
    if (p && q) this.add({ r0: Math.min(p.r, q.r), c0: Math.min(p.c, q.c), r1: Math.max(p.r, q.r), c1: Math.max(p.c, q.c) });
  }
  add(m: Merge): void {
    if ((this.length + 1) * 4 > this.data.length) { const d = new Int32Array(this.data.length * 2); d.set(this.data); this.data = d; }
    this.data.set([m.r0, m.c0, m.r1, m.c1], this.length * 4);
    this.length++;
  }
  at(i: number): Merge {
    const d = this.data;
    return { r0: d[i * 4]!, c0: d[i * 4 + 1]!, r1: d[i * 4 + 2]!, c1: d[i * 4 + 3]! };
  }
  /** by first row, then in file order (a stable sort, as fillMerges used to apply them) */
  sort(): void {
    const d = this.data;
    const order = Array.from({ length: this.length }, (_, i) => i).sort((a, b) => d[a * 4]! - d[b * 4]! || a - b);
    const out = new Int32Array(this.length * 4);
    order.forEach((from, to) => out.set(d.subarray(from * 4, from * 4 + 4), to * 4));
    this.data = out;
  }
}

/**
 * Streams a sheet's rows that hold at least one value to `onRow`, in file order, each as soon as it is
 * closed, with the merged ranges' first values copied into their other cells (`filled`): a sheet of a
 * million rows is never held, only the row being read.
 */
export async function streamSheet(bytes: Uint8Array, entry: ZipEntry, sst: readonly string[], merges: Merges, onRow: (row: GridRow) => void): Promise<SheetStats> {
  let dimension: string | null = null;
  let emptyRows = 0;
  let clippedCells = 0;
  let rowNo = 0;
  let cells: (CellValue | undefined)[] | null = null;
  let col = -1;
  let type = '';
  let hasF = false;
  let v: string | null = null;
  let inline: string[] | null = null;
  let into: 'v' | 'f' | 't' | null = null;
  let phonetic = 0;
  let sawValue = false;
  const fill = new MergeFill(merges);
  await parseXml(bytes, entry, {
    open: (name, a) => {
      switch (name) {
        case 'row':
          rowNo = a.r ? Number(a.r) : rowNo + 1;
          cells = [];
          col = -1;
          sawValue = false;
          break;
        case 'c': {
          const at = a.r ? decodeRef(a.r) : null;
          col = at ? at.c : col + 1;
          type = a.t ?? 'n';
          hasF = false;
          v = null;
          inline = null;
          break;
        }
        case 'v': into = 'v'; v = ''; break;
        case 'f': hasF = true; into = 'f'; break;
        case 'is': inline = []; break;
        case 'rPh': phonetic++; break;
        case 't': if (inline && phonetic === 0) into = 't'; break;
        case 'dimension': dimension = a.ref ?? null; break;
        default: break;
      }
    },
    text: (t) => {
      if (into === 'v') v += t;
      else if (into === 't') inline!.push(t);
    },
    close: (name) => {
      switch (name) {
        case 'v': case 'f': case 't': into = null; break;
        case 'rPh': phonetic--; break;
        case 'c': {
          if (!cells) break;
          const value = cellValue(type, v, inline, hasF, sst);
          if (value === undefined) break;
          if (col >= MAX_COLUMNS) { clippedCells++; break; }
          cells[col] = value;
          sawValue = true;
          break;
        }
        case 'row':
          if (cells && sawValue) {
            const row: GridRow = { r: rowNo, cells };
            fill.apply(row);
            onRow(row);
          } else emptyRows++;
          cells = null;
          break;
        default: break;
      }
    },
  });
  return { dimension, emptyRows, clippedCells };
}

/**
 * Copies each merged range's first value into the range's other cells, row by row as the rows come
 * (in order): a range whose first row holds no value fills nothing.
 */
class MergeFill {
  private next = 0;
  private active: { m: Merge; value: CellValue }[] = [];
  constructor(private readonly merges: Merges) {}
  apply(row: GridRow): void {
    const { merges } = this;
    while (this.next < merges.length && merges.at(this.next).r0 <= row.r) {
      const m = merges.at(this.next++);
      // a range starting in a row without values (or one passed by) has nothing to copy
      if (m.r0 !== row.r || m.r1 < row.r) continue;
      const value = row.cells[m.c0];
      if (value !== undefined) this.active.push({ m, value });
    }
    if (this.active.length === 0) return;
    this.active = this.active.filter((a) => a.m.r1 >= row.r);
    for (const { m, value } of this.active) {
      const c1 = Math.min(m.c1, MAX_COLUMNS - 1);
      for (let c = m.c0; c <= c1; c++) {
        if (row.r === m.r0 && c === m.c0) continue;
        row.cells[c] = value;
        (row.filled ??= [])[c] = true;
      }
    }
  }
}

/**
 * A string of its own: the XML parser's text is a slice of the chunk it came in (a megabyte), and a
 * value kept from it would keep the whole chunk. A longer string is copied (V8 flattens ' ' + s anew).
 */
const own = (s: string): string => (s.length < 13 ? s : (' ' + s).slice(1));

function cellValue(type: string, v: string | null, inline: string[] | null, formula: boolean, sst: readonly string[]): CellValue | undefined {
  let value: string | number | undefined;
  if (type === 's') value = v === null ? undefined : sst[Number(v)] ?? '';
  else if (type === 'inlineStr') value = inline ? own(inline.join('')) : v === null ? undefined : own(v);
  else if (type === 'str' || type === 'd') value = v === null ? undefined : own(v);
  else if (type === 'b') value = v === null ? undefined : v.trim() === '1' ? 'TRUE' : 'FALSE';
  else if (type === 'e') return { text: v ?? '', error: v ?? '#ERROR' };
  else if (v !== null && v.trim() !== '') {
    const n = Number(v);
    value = Number.isFinite(n) ? n : v;
  }
  if (formula) {
    if (value === undefined) return { text: '', formula: 'missing' };
    return typeof value === 'number' ? { text: String(value), num: value, formula: 'cached' } : { text: value, formula: 'cached' };
  }
  if (typeof value === 'string' && value === '') return undefined;
  return value;
}
