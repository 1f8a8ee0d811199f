// The sample tables and a rough structural split of them (header / page header / project blocks),
// shared by the fuzz tests and the bench corpus generator. The split is deliberately simple: it only
// has to cut the samples into recombinable pieces, not to parse them.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest ancestor of this file holding the jixiao package.json. */
export const REPO_ROOT: string = findRepoRoot(dirname(fileURLToPath(import.meta.url)));

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && /"name"\s*:\s*"jixiao"/.test(readFileSync(pkg, 'utf8'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no jixiao package.json above ${start}`);
  }
}

export interface Sample {
  /** the three-digit prefix, e.g. '002' */
  readonly id: string;
  /** base name, e.g. 002_02da4d888feccc7a.txt */
  readonly file: string;
  readonly bytes: Buffer;
  readonly text: string;
  readonly lines: readonly string[];
  /** 'tabular' when the column header line is tab-separated */
  readonly kind: 'tabular' | 'flowed';
}

export function loadSamples(dir: string = join(REPO_ROOT, 'samples')): Sample[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_.*\.txt$/.test(f))
    .sort()
    .map((file) => {
      const bytes = readFileSync(join(dir, file));
      const text = bytes.toString('utf8');
      const lines = text.split('\n');
      const head = lines[columnHeaderIndex(lines)] ?? '';
      return { id: file.slice(0, 3), file, bytes, text, lines, kind: head.includes('\t') ? 'tabular' : 'flowed' };
    });
}

/** Index of the 项目名称（资金使用单位） column header line; -1 when there is none. */
export function columnHeaderIndex(lines: readonly string[]): number {
  return lines.findIndex((l) => l.trimStart().startsWith('项目名称'));
}

/** The block a PDF repeats at the top of each page: first non-blank line through the column header line. */
export function pageHeaderBlock(lines: readonly string[]): string[] {
  const end = columnHeaderIndex(lines);
  if (end < 0) return [];
  const start = lines.findIndex((l) => l.trim() !== '');
  return lines.slice(start, end + 1);
}

// an amounts row: a line that ends in one or more amounts like 4,500.00 or 908.22
const AMOUNTS_AT_END = /(?:^|\s)\d{1,3}(?:,\d{3})*\.\d{2}(?:\s+\d{1,3}(?:,\d{3})*\.\d{2})*\s*$/;
const BARE_AMOUNTS = /^\s*\d{1,3}(?:,\d{3})*\.\d{2}(?:\s+\d{1,3}(?:,\d{3})*\.\d{2})*\s*$/;

export interface SplitTable {
  /** everything before the first project: title, headers, 合计 and unit rows */
  readonly header: readonly string[];
  /** one block of lines per project, in order; concatenating header and blocks gives the input back */
  readonly projects: readonly (readonly string[])[];
}

/**
 * Splits a flowed-text sample at the lines that start a project. Where projects are indented
 * (000, 003, 004) a project starts at a line of 4 spaces and text; otherwise (001) it starts at the
 * name lines just above an amounts row: the amounts row itself when the name is on it, else up to
 * three preceding non-blank lines that read like a name (no 。；: of goal or indicator text).
 */
export function splitFlowed(lines: readonly string[]): SplitTable {
  const top = columnHeaderIndex(lines) + 1;
  let starts: number[] = [];
  for (let i = top; i < lines.length; i++) if (/^ {4}\S/.test(lines[i]!)) starts.push(i);
  if (starts.length === 0) starts = amountRowStarts(lines, top);
  // the first amounts rows after the column header (合计, the unit) belong to the header
  const first = starts[0] ?? lines.length;
  const projects = starts.map((s, k) => lines.slice(s, starts[k + 1] ?? lines.length));
  return { header: lines.slice(0, first), projects };
}

function amountRowStarts(lines: readonly string[], top: number): number[] {
  const rows: number[] = [];
  for (let i = top; i < lines.length; i++) if (AMOUNTS_AT_END.test(lines[i]!)) rows.push(i);
  // the 合计 row and the unit rows name no project: drop amounts rows until the first one that is
  // followed by goal text rather than by another amounts row
  const starts: number[] = [];
  for (const row of rows) {
    if (!BARE_AMOUNTS.test(lines[row]!)) { starts.push(row); continue; }
    let start = row;
    for (let j = row - 1, taken = 0; j >= top && taken < 3; j--) {
      const l = lines[j]!.trim();
      if (l === '') continue;
      if (/[。；;：:]/.test(l) || AMOUNTS_AT_END.test(l)) break;
      start = j;
      taken++;
    }
    starts.push(start);
  }
  // the leading rows with a name and amounts but no content before the next row are 合计/unit rows
  while (starts.length > 1 && isHeaderRow(lines, starts[0]!, starts[1]!)) starts.shift();
  return starts;
}

function isHeaderRow(lines: readonly string[], row: number, next: number): boolean {
  return lines.slice(row + 1, next).every((l) => l.trim() === '');
}
