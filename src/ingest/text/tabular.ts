// tabular-text: one table row per line, seven tab-separated cells
// (名称, 总计, 财政拨款, 财政专户拨款, 其他资金, 绩效目标, 绩效指标), the page header block repeated
// every few rows. A line without tabs after a row continues that row's last filled cell (a cell
// that held a line break).
import type { Diagnostic } from '../../model/index.js';
import { cellCents, type Cents } from '../amounts.js';
import { diag } from '../diagnostics.js';
import type { RawDocument, RawOrphan, RawRow, RowAmounts } from '../rows.js';
import { concatSpans, EMPTY_SPAN, spanOf } from '../span.js';
import { emptyMeta, findColumnHeaders, isTotalName, headerKind, readHeader, type SourceLine } from './lines.js';

const CELLS = 7;

export function readTabular(lines: readonly SourceLine[]): RawDocument {
  const meta = emptyMeta();
  const rows: RawRow[] = [];
  const orphans: RawOrphan[] = [];
  const diagnostics: Diagnostic[] = [];

  const headers = findColumnHeaders(lines);
  for (let li = 0; li < lines.length; li++) {
    const original = lines[li]!;
    const rest = headers.get(li);
    if (rest !== undefined && rest.trim() !== '') {
      diagnostics.push(diag('row-malformed', `第 ${original.no} 行的栏目标题后面紧接着内容（原表换行丢失），标题之后的部分按一行读取。`, { line: original.no }));
    }
    const l = rest !== undefined ? { no: original.no, raw: rest.replace(/^\t/, '') } : original;
    if (l.raw.trim() === '') continue;
    if (!l.raw.includes('\t')) {
      const kind = headerKind(l.raw);
      if (kind) { readHeader(meta, kind, l.raw); continue; }
      const last = rows[rows.length - 1];
      const piece = spanOf([{ no: l.no, text: l.raw }]);
      if (!last) { orphans.push({ text: piece, indicators: EMPTY_SPAN, line: l.no }); continue; }
      if (last.indicators.text !== '') last.indicators = concatSpans(last.indicators, piece);
      else last.goal = concatSpans(last.goal, piece);
      continue;
    }
    let cells = l.raw.split('\t');
    if (/^\s*项目名称/.test(cells[0]!) && headerKind(cells.join(' ')) === 'column-header') continue;
    if (cells.every((c) => c.trim() === '')) continue;
    const rowDiags: Diagnostic[] = [];
    if (cells.length !== CELLS) {
      rowDiags.push(diag('row-malformed', `第 ${l.no} 行应有 ${CELLS} 个以制表符分隔的栏目，实际有 ${cells.length} 个；${cells.length > CELLS ? '多出的栏目并入绩效指标' : '缺少的栏目按空白处理'}。`, { line: l.no }));
      cells = cells.length > CELLS ? [...cells.slice(0, CELLS - 1), cells.slice(CELLS - 1).join(' ')] : [...cells, ...Array<string>(CELLS - cells.length).fill('')];
    }
    const [name = '', t = '', f = '', s = '', o = '', goal = '', indicators = ''] = cells;
    const amountCells = [t, f, s, o];
    const parsed = amountCells.map((c) => cellCents(c));
    parsed.forEach((v, i) => {
      // a 涉密 (classified) cell is withheld, not unreadable: empty, reported once for the project
      if (v === undefined && /^\s*涉密\s*$/.test(amountCells[i]!)) { parsed[i] = null; return; }
      if (v === undefined) rowDiags.push(diag('amount-unread', `第 ${l.no} 行“${['总计', '财政拨款', '财政专户拨款', '其他资金'][i]}”栏的“${amountCells[i]!.trim()}”不是金额，按空白处理，原文保留在 printed 中。`, { line: l.no }));
    });
    const columns = parsed.map((v) => (v === undefined ? null : v)) as [Cents | null, Cents | null, Cents | null, Cents | null];
    const printed = amountCells.map((c) => c.trim()).filter((c) => c !== '');
    const amounts: RowAmounts | null = printed.length > 0 ? { printed, line: l.no, columns } : null;
    const piece = (text: string) => spanOf([{ no: l.no, text }]);
    const kind = isTotalName(name) ? 'total' : goal.trim() === '' && indicators.trim() === '' ? 'unit' : 'project';
    rows.push({ kind, name: piece(name), amounts, goal: piece(goal), indicators: piece(indicators), line: l.no, diagnostics: rowDiags });
  }
  return { layout: 'tabular-text', meta, rows, orphans, diagnostics, lineCount: lines.length };
}
