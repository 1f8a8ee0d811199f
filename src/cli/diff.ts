// `jixiao diff A B`: what changed between two publications of the same unit, project by project, with
// word-level changes marked inline ([-删去-]{+加入+}, red/green on a terminal).
import type { Writable } from 'node:stream';
import { diffDocuments, UnitMatchError, words, type DocumentDiff, type IndicatorDiff, type IndicatorRef, type ProjectDiff, type TextChange, type TextSegment } from '../diff/index.js';
import { amountSummary } from '../diff/list.js';
import { readDocuments } from './read.js';
import { money } from './render/text.js';

export interface DiffCommandOptions {
  readonly unit?: string;
  readonly format: 'text' | 'json';
  /** ANSI colours; default: when `out` is a terminal and NO_COLOR is not set */
  readonly color?: boolean;
}

export async function diffCommand(fileA: string, fileB: string, opts: DiffCommandOptions, out: Writable, err: Writable): Promise<number> {
  const { docs, failed } = await readDocuments([fileA, fileB], err, { table: true });
  if (failed > 0 || docs.length !== 2) return 1;
  const [a, b] = docs as [(typeof docs)[0], (typeof docs)[0]];
  let diff: DocumentDiff;
  try {
    diff = diffDocuments(a, b, opts.unit === undefined ? {} : { unit: opts.unit });
  } catch (e) {
    if (!(e instanceof UnitMatchError)) throw e;
    const names = (list: readonly string[]): string => (list.length ? list.join('、') : '（没有单位）');
    const what = e.requested === null ? '两个文件中没有同名的单位' : `单位“${e.requested}”不在 ${e.missingIn.map((s) => (s === 'a' ? fileA : fileB)).join(' 和 ')} 中`;
    err.write(`jixiao: ${what}，无法比较。\n  ${fileA} 的单位：${names(e.unitsA)}\n  ${fileB} 的单位：${names(e.unitsB)}\n`);
    return 2;
  }
  if (opts.format === 'json') out.write(`${JSON.stringify(diff, null, 2)}\n`);
  else {
    const color = opts.color ?? ((out as Partial<NodeJS.WriteStream>).isTTY === true && !process.env['NO_COLOR']);
    out.write(renderDiff(diff, color));
  }
  return 0;
}

/** Equal runs around a change are shortened to about this many characters of whole words, with …. */
const CONTEXT = 14;

function head(text: string): string {
  let out = '';
  for (const w of words(text)) {
    if (out !== '' && [...out].length + [...w].length > CONTEXT) return `${out}…`;
    out += w;
  }
  return out;
}

function tail(text: string): string {
  let out = '';
  for (const w of words(text).reverse()) {
    if (out !== '' && [...out].length + [...w].length > CONTEXT) return `…${out}`;
    out = w + out;
  }
  return out;
}

export function inline(segments: readonly TextSegment[], color: boolean): string {
  const red = (s: string): string => (color ? `\x1b[31m${s}\x1b[0m` : s);
  const green = (s: string): string => (color ? `\x1b[32m${s}\x1b[0m` : s);
  return segments
    .map((s, i) => {
      if (s.op === 'delete') return red(`[-${s.text}-]`);
      if (s.op === 'insert') return green(`{+${s.text}+}`);
      const first = i === 0;
      const last = i === segments.length - 1;
      if (first && last) return s.text;
      if (first) return tail(s.text);
      if (last) return head(s.text);
      if ([...s.text].length <= 2 * CONTEXT + 1) return s.text;
      return `${head(s.text)}${tail(s.text).slice(1)}`;
    })
    .join('');
}

const at = (label: string, line: number | null): string => (line === null ? '' : `${label}第 ${line} 行`);
const lines = (a: number | null, b: number | null): string => {
  const s = [at('甲', a), at('乙', b)].filter(Boolean).join('，');
  return s ? `（${s}）` : '';
};

function indicatorLabel(r: IndicatorRef): string {
  const codes = [r.level1, r.level2].filter((c) => c !== null).join('/');
  return `指标 ${r.seq ?? r.index + 1}${codes ? `〔${codes}〕` : ''}`;
}

function renderIndicator(d: IndicatorDiff, color: boolean): string[] {
  const out: string[] = [];
  if (d.status === 'added' || d.status === 'removed') {
    const r = (d.b ?? d.a)!;
    const verb = d.status === 'added' ? '新增' : '删去';
    const where = d.status === 'added' ? at('乙', r.line) : at('甲', r.line);
    const body = `${verb}${indicatorLabel(r)}：${r.name}；实施周期指标值:${r.period}；年度指标值:${r.annual}${where ? `（${where}）` : ''}`;
    out.push(`    ${d.status === 'added' ? (color ? `\x1b[32m${body}\x1b[0m` : body) : color ? `\x1b[31m${body}\x1b[0m` : body}`);
    return out;
  }
  const label = indicatorLabel(d.b!);
  const text = (what: string, c: TextChange | null): void => {
    if (c) out.push(`    ${label} ${what}：${inline(c.segments, color)}`);
  };
  text('名称', d.name);
  if (d.level1) out.push(`    ${label} 一级指标：${d.level1.a ?? '（空）'} → ${d.level1.b ?? '（空）'}`);
  if (d.level2) out.push(`    ${label} 二级指标：${d.level2.a ?? '（空）'} → ${d.level2.b ?? '（空）'}`);
  text('实施周期指标值', d.period);
  text('年度指标值', d.annual);
  return out;
}

function renderProject(p: ProjectDiff, color: boolean): string[] {
  const out: string[] = [];
  if (p.status === 'added' || p.status === 'removed') {
    const r = (p.b ?? p.a)!;
    const head = `${p.status === 'added' ? '+ 新增项目' : '- 删去项目'}：${r.name}${lines(p.a?.line ?? null, p.b?.line ?? null)} 总计 ${money(r.total)} 万元，${r.indicators} 项指标`;
    out.push(color ? `${p.status === 'added' ? '\x1b[32m' : '\x1b[31m'}${head}\x1b[0m` : head);
    return out;
  }
  out.push(`~ ${p.name}${lines(p.a?.line ?? null, p.b?.line ?? null)}`);
  if (p.nameChange) out.push(`    项目名称：${inline(p.nameChange.segments, color)}`);
  if (p.funding?.changed) {
    for (const a of p.funding.amounts) out.push(`    资金：${amountSummary(a)} 万元`);
    if (p.funding.unplaced) out.push(`    资金：未归列金额 ${p.funding.unplaced.a.join(' ') || '（无）'} → ${p.funding.unplaced.b.join(' ') || '（无）'}`);
  }
  if (p.goal) out.push(`    绩效目标：${inline(p.goal.segments, color)}`);
  if (p.indicatorsText) out.push(`    绩效指标（未编号文字）：${inline(p.indicatorsText.segments, color)}`);
  for (const d of p.indicators) out.push(...renderIndicator(d, color));
  return out;
}

export function renderDiff(diff: DocumentDiff, color: boolean): string {
  const o: string[] = [];
  o.push(`甲：${diff.a.file}（${diff.a.layout}${diff.a.department ? `，${diff.a.department}` : ''}）`);
  o.push(`乙：${diff.b.file}（${diff.b.layout}${diff.b.department ? `，${diff.b.department}` : ''}）`);
  for (const u of diff.units) {
    o.push('', `单位：${u.name}${lines(u.lineA, u.lineB)}`);
    if (u.funding?.changed) {
      for (const a of u.funding.amounts) o.push(`  单位资金：${amountSummary(a)} 万元`);
      if (u.funding.unplaced) o.push(`  单位资金：未归列金额 ${u.funding.unplaced.a.join(' ') || '（无）'} → ${u.funding.unplaced.b.join(' ') || '（无）'}`);
    }
    const shown = u.projects.filter((p) => p.status !== 'same');
    if (shown.length === 0) o.push('  各项目内容相同。');
    for (const p of shown) o.push(...renderProject(p, color).map((l) => `  ${l}`));
  }
  if (diff.unitsOnlyInA.length) o.push('', `只在甲中的单位（未比较）：${diff.unitsOnlyInA.join('、')}`);
  if (diff.unitsOnlyInB.length) o.push('', `只在乙中的单位（未比较）：${diff.unitsOnlyInB.join('、')}`);
  if (diff.notes.length) o.push('', '说明：', ...diff.notes.map((n) => `  ${n}`));
  const c = diff.indicators;
  const p = diff.projects;
  o.push('', `指标：相同 ${c.same}，有改动 ${c.changed}，新增 ${c.added}，删去 ${c.removed}`);
  o.push(`项目：相同 ${p.same}，有改动 ${p.changed}，新增 ${p.added}，删去 ${p.removed}`);
  return `${o.join('\n')}\n`;
}
