// CSV (RFC 4180: quoted cells may hold the delimiter, line breaks and doubled quotes) → grid rows, so a
// CSV table is read by the same header and column logic as a sheet. The delimiter is the one of comma,
// semicolon and tab that the first lines use most (a CSV saved by Excel in some locales uses `;`).
import type { GridRow } from './workbook.js';
import { MAX_COLUMNS } from './workbook.js';

function delimiterOf(text: string): string {
  const head = text.slice(0, 8192).split(/\r\n|\n|\r/).slice(0, 20).join('\n');
  const count = (d: string) => head.split(d).length - 1;
  return [',', '\t', ';'].reduce((best, d) => (count(d) > count(best) ? d : best), ',');
}

/** Hands each row holding a value to `onRow` as it ends (the table reader streams them); returns how many. */
export function parseCsv(text: string, onRow: (row: GridRow) => void): number {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const delimiter = delimiterOf(body);
  let count = 0;
  let cells: (string | undefined)[] = [];
  let cell = '';
  let quoted = false;
  let r = 1;
  let startRow = 1;
  const endCell = () => {
    if (cells.length < MAX_COLUMNS) cells.push(cell.trim() === '' ? undefined : cell);
    cell = '';
  };
  const endRow = () => {
    endCell();
    if (cells.some((c) => c !== undefined)) { count++; onRow({ r: startRow, cells }); }
    cells = [];
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"') {
        if (body[i + 1] === '"') { cell += '"'; i++; } else quoted = false;
      } else {
        if (ch === '\n') r++;
        cell += ch;
      }
      continue;
    }
    if (ch === '"' && cell.trim() === '') { cell = ''; quoted = true; continue; }
    if (ch === delimiter) { endCell(); continue; }
    if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      endRow();
      r++;
      startRow = r;
      continue;
    }
    cell += ch;
  }
  if (cell !== '' || cells.length > 0) endRow();
  return count;
}
