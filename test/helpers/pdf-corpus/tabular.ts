// Writes an expected table as tabular text (the layout of samples/002): the header block, then one row
// per line of seven tab-separated cells, the indicator cell's indicators run together as printed.
import { COLUMN_HEADER, type ExpectedTable, headerLines, tableRows } from './table.js';

export function tabularText(t: ExpectedTable): string {
  const [title, department, unit] = headerLines(t);
  const lines = ['', '', title, '', department, '', unit, '', COLUMN_HEADER.join('\t')];
  for (const r of tableRows(t)) lines.push(r.cells.join('\t'));
  return `${lines.join('\n')}\n`;
}
