// Re-lays a tabular table out as flowed text, the way a PDF extractor prints the same table at another
// page width: every cell wrapped at its own width, empty amount cells dropped, project names indented,
// blank lines between pieces, the page header (title, 部门名称, a column header wrapped anywhere)
// repeated at page breaks. All choices come from one seeded generator, so a failing layout replays.
import { displayWidth, splitLines } from '../../src/ingest/text/lines.js';
import { readTabular } from '../../src/ingest/text/tabular.js';
import type { Rng } from './prng.js';

export interface Relayout {
  readonly text: string;
  /** what was chosen, for a failure message */
  readonly choices: string;
}

const HEADER_CELLS = '项目名称（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标';

/** Cuts `text` into lines at most `width` CJK characters wide (Latin letters and digits are half as
 *  wide), as a table cell of that width wraps by character. */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const ch of text) {
    if (line !== '' && displayWidth(line + ch) > 2 * width) { out.push(line); line = ''; }
    line += ch;
  }
  if (line !== '') out.push(line);
  return out;
}

/** The column header cut at 0–4 random places, as wrapped header cells print. */
function columnHeader(rng: Rng): string[] {
  const chars = [...HEADER_CELLS];
  const cuts = new Set(Array.from({ length: rng.int(0, 4) }, () => rng.int(1, chars.length - 1)));
  const out: string[] = [];
  let start = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) { out.push(chars.slice(start, c).join('')); start = c; }
  out.push(chars.slice(start).join(''));
  return out.map((l) => l.trim()).filter((l) => l !== '');
}

export function relayoutTabular(tabularText: string, rng: Rng): Relayout {
  const raw = readTabular(splitLines(tabularText));
  const nameW = rng.int(5, 24);
  const goalW = rng.int(12, 40);
  const indW = rng.int(12, 45);
  const blank = rng.pick([0, 0.05, 0.3, 1]);
  const pageEvery = rng.int(25, 120);
  const choices = `name ${nameW}, goal ${goalW}, indicators ${indW}, blank ${blank}, page every ~${pageEvery} lines`;

  const pageHeader = (): string[] => [raw.meta.title ?? '', `部门名称：${raw.meta.department ?? ''} 单位：${raw.meta.currencyUnit ?? ''}`, ...columnHeader(rng)];
  const body: string[] = [];
  for (const row of raw.rows) {
    const amounts = (row.amounts?.printed ?? []).join(' ');
    const indent = row.kind === 'project' ? ' '.repeat(rng.int(2, 6)) : '';
    const name = wrap(row.name.text, nameW);
    const goal = wrap(row.goal.text, goalW);
    const inds = wrap(row.indicators.text, indW);
    const lines: string[] = name.map((l, i) => (i === 0 ? indent + l : l));
    // a short last name line may carry the amounts, and the amounts the goal's first line
    if (amounts !== '' && name.length > 0 && rng.chance(0.3)) lines[lines.length - 1] += ` ${amounts}`;
    else if (amounts !== '' && goal.length > 0 && rng.chance(0.2)) { lines.push(`${amounts} ${goal.shift()!}`); }
    else if (amounts !== '') lines.push(amounts);
    lines.push(...goal, ...inds);
    body.push(...lines);
  }

  const out: string[] = [...pageHeader(), ''];
  let sincePage = 0;
  for (const line of body) {
    out.push(line);
    if (rng.chance(blank)) out.push('');
    if (++sincePage >= pageEvery && rng.chance(0.5)) {
      out.push('', ...pageHeader());
      sincePage = 0;
    }
  }
  return { text: `${out.join('\n')}\n`, choices };
}
