// The official table as HTML for Chromium to print: ruled (cell borders) or unruled, the column header
// in <thead> so that every printed page repeats it, rows allowed to split across pages.
import { COLUMN_HEADER, type ExpectedTable, headerLines, tableRows } from './table.js';

export interface HtmlOptions {
  readonly ruled: boolean;
  /** A3 landscape has room for wider text columns */
  readonly wide: boolean;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function tableHtml(t: ExpectedTable, o: HtmlOptions): string {
  const [title, department, unit] = headerLines(t).map(esc);
  // widths in % of the table: name, 4 amounts, goal, indicators
  const widths = o.wide ? [14, 6.5, 6.5, 6.5, 6.5, 20, 40] : [15, 8, 8, 8, 8, 20, 33];
  const border = o.ruled ? '0.6pt solid #000' : 'none';
  const rows = tableRows(t).map((r) => {
    const cells = r.cells.map((c, i) => {
      const text = i === 6 ? r.indicatorLines.map(esc).join('<br>') : esc(c);
      return `<td class="c${i}">${text}</td>`;
    });
    return `<tr class="${r.kind}">${cells.join('')}</tr>`;
  });
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><style>
  body { font-family: 'Noto Sans CJK SC', sans-serif; font-size: ${o.wide ? 9 : 7.5}pt; margin: 0; }
  h1 { font-size: 15pt; text-align: center; margin: 0 0 6pt; }
  .meta { display: flex; justify-content: space-between; margin: 0 0 4pt; }
  table { width: 100%; border-collapse: collapse; table-layout: fixed; }
  td, th { border: ${border}; padding: 2pt 3pt; vertical-align: middle; word-break: break-all; }
  th { font-weight: bold; text-align: center; }
  td.c1, td.c2, td.c3, td.c4 { text-align: right; }
  tr.total td, tr.unit td { font-weight: bold; }
  tr { break-inside: auto; }
  ${widths.map((w, i) => `col.c${i} { width: ${w}%; }`).join('\n  ')}
</style></head><body>
<h1>${title}</h1>
<div class="meta"><span>${department}</span><span>${unit}</span></div>
<table><colgroup>${widths.map((_, i) => `<col class="c${i}">`).join('')}</colgroup>
<thead><tr>${COLUMN_HEADER.map((h) => `<th>${h}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>
</body></html>
`;
}
