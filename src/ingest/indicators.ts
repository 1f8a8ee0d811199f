// The 绩效指标 cell grammar, shared by every layout:
//   N、C1-一级名称；C2-二级名称；三级指标；实施周期指标值:X；年度指标值:Y。
// Published cells vary every mark of it: the numbering (`1、` `1.` `1．` `（1）` `①`, or fused to the
// level code: `11-产出指标`), the dash (- － — –), the separators (； ; , ， and : ： . ．), the colon
// (: ：), leave names out (`14-；`), skip or repeat numbers, repeat 年度指标值 in corrupted rows, or
// hold prose instead. Whatever is not in the numbered form is kept verbatim and reported, never
// dropped. The level codes are checked against the indicator system the caller picks (taxonomy.ts).
import { DEFAULT_SYSTEM, type Category, type Diagnostic, type Indicator, type IndicatorSystem } from '../model/index.js';
import { diag, type DiagnosticCode } from './diagnostics.js';
import type { RawIndicatorCells } from './rows.js';
import { lineAt, type Span } from './span.js';

/** Dashes between a level code and its name: hyphen, full-width, em, en, the Unicode hyphens and minus. */
export const DASH = '[-－—–‐‑−]';
/** Marks between the fields of an indicator */
const SEP = '[；;,，:：.．。]';
const NOT_SEP = '[^；;,，:：.．。、]';
/** An indicator's number: 1、 1. 1． （1） (1) ① */
const NUMBERING = '(?:(?<seq1>\\d{1,3})\\s*[、.．]|[（(]\\s*(?<seq2>\\d{1,3})\\s*[）)]|(?<seq3>[①-⑳]))';
/** A level-1 code after its number: a dash, or (lost dash) the name's first character. */
const CODE1 = `(?<c1>\\d)\\s*(?:${DASH}\\s*|(?=[\\u4e00-\\u9fff]))`;
const LEVELS = `(?<n1>${NOT_SEP}{0,12}?)\\s*${SEP}?\\s*(?<c2>\\d{2})\\s*${DASH}\\s*(?<n2>${NOT_SEP}{0,12}?)\\s*${SEP}`;
/** `31-产出指标；11-…`: number 3 fused to level-1 code 1, told apart by the level-2 code that follows. */
const FUSED = `(?<![\\d.．])(?<seqf>\\d{1,2})(?<c1f>\\d)\\s*${DASH}\\s*`;
const START = new RegExp(`(?:${NUMBERING}\\s*${CODE1}|${FUSED})${LEVELS}`, 'g');
const PERIOD = /实施周期指标值\s*[:：﹕]?/;
const ANNUAL = /年度指标值\s*[:：﹕]?/g;
// a stray `.` after a name (`咨询事项一次性解答率.；`) stays in the name: the name is kept as written
const TRAILING_SEP = /\s*[；;,，]\s*$/;
/** the annual value's end: a separator, or one stop (not an ellipsis) */
const TRAILING_TERMINATOR = /\s*(?:[。；;,，]|(?<![.．])[.．])\s*$/;
/** text that carries no content of its own: punctuation and spaces left between pieces */
const CONTENTLESS = /^[\s。；;,，.．、:：]*$/;
const CIRCLED_ONE = 0x2460;

export interface IndicatorReading {
  readonly indicators: Indicator[];
  /** text of the cell that is not in the numbered form, verbatim */
  readonly unread: string;
  readonly diagnostics: Diagnostic[];
}

export function readIndicators(span: Span, path: string, system: IndicatorSystem = DEFAULT_SYSTEM): IndicatorReading {
  const text = span.text;
  const indicators: Indicator[] = [];
  const diagnostics: Diagnostic[] = [];
  const starts: RegExpExecArray[] = [];
  START.lastIndex = 0;
  for (let m = START.exec(text); m !== null; m = START.exec(text)) {
    const g = m.groups!;
    // a fused number is only believed when the level-2 code confirms the level-1 code it leaves
    if (g.c1f !== undefined && g.c2!.charAt(0) !== g.c1f) { START.lastIndex = m.index + 1; continue; }
    starts.push(m);
  }

  const prefix = text.slice(0, starts[0]?.index ?? text.length).trim();
  let unread = '';
  if (!CONTENTLESS.test(prefix)) {
    unread = prefix;
    if (starts.length === 0) {
      diagnostics.push(diag('indicators-prose', `绩效指标未按“序号、一级指标；二级指标；指标名称；实施周期指标值；年度指标值”格式填写，无法拆分为指标，原文已完整保留（${prefix.length} 字）。`, { line: lineAt(span, 0), path }));
    } else {
      diagnostics.push(diag('indicator-unread', `绩效指标开头有一段文字不属于任何编号指标，原文保留：“${clip(prefix)}”。`, { line: lineAt(span, 0), path }));
    }
  }

  let prevSeq: number | null = null;
  starts.forEach((m, i) => {
    const end = starts[i + 1]?.index ?? text.length;
    const ipath = `${path}.indicators[${i}]`;
    const line = lineAt(span, m.index);
    const where = { line, path: ipath };
    const g = m.groups!;
    const seq = g.seq3 !== undefined ? g.seq3.charCodeAt(0) - CIRCLED_ONE + 1 : Number(g.seq1 ?? g.seq2 ?? g.seqf);
    const c1 = g.c1 ?? g.c1f!;
    if (g.seqf !== undefined) diagnostics.push(diag('indicator-number-fused', `指标序号与一级指标代码连写（“${g.seqf}${c1}-”），按第 ${seq} 项、一级代码“${c1}”读取。`, where));
    const body = text.slice(m.index + m[0].length, end);
    const chunk = text.slice(m.index, end).trim();

    if (prevSeq !== null && seq !== prevSeq + 1) {
      if (seq > prevSeq + 1) {
        const missing = Array.from({ length: Math.min(seq - prevSeq - 1, 20) }, (_, k) => prevSeq! + 1 + k);
        diagnostics.push(diag('indicator-seq-gap', `指标序号跳号：${prevSeq} 之后是 ${seq}，缺少 ${missing.join('、')}${seq - prevSeq - 1 > 20 ? '…' : ''}。`, where));
      } else {
        diagnostics.push(diag('indicator-seq-repeat', seq === 1 ? `指标序号在 ${prevSeq} 之后重新从 1 开始。` : `指标序号重复或倒退：${prevSeq} 之后是 ${seq}。`, where));
      }
    }
    prevSeq = seq;

    const level1 = category('一级', c1, g.n1!.trim(), system.level1, 'level1-name-missing', system, where, diagnostics);
    const level2 = category('二级', g.c2!, g.n2!.trim(), system.level2, 'level2-name-missing', system, where, diagnostics);
    if (g.c2!.charAt(0) !== c1) {
      diagnostics.push(diag('level-code-inconsistent', `二级指标“${g.c2}”不属于一级指标“${c1}”（二级代码应以一级代码开头）。`, where));
    }

    const { name, period, annual } = splitBody(body, where, diagnostics);
    indicators.push(indicatorOf({ seq, level1, level2, name, period, annual, text: chunk }, where, diagnostics));
  });
  return { indicators, unread, diagnostics };
}

const LEVEL_CELL = new RegExp(`^(\\d{1,2})\\s*(?:${DASH}|[、.．:：\\s])?\\s*(.*)$`);
const bareName = (s: string): string => s.replace(/[\s\u3000]/g, '').replace(/指标$/, '');

/** A level cell as written (`1-产出指标`, `产出指标`, `1`): its code, found by name when not written. */
function levelCell(text: string, table: Readonly<Record<string, string>>, under: string | null): { code: string; name: string } | { code: null; name: string } {
  const t = text.trim();
  const m = LEVEL_CELL.exec(t);
  if (m) return { code: m[1]!, name: m[2]!.trim() };
  const key = bareName(t);
  const hits = Object.entries(table).filter(([, n]) => bareName(n) === key).map(([c]) => c);
  const code = hits.find((c) => under === null || c.startsWith(under)) ?? hits[0];
  return code === undefined ? { code: null, name: t } : { code, name: t };
}

/**
 * Indicators given a row each, their fields in their own cells (一级指标, 二级指标, 三级指标, 实施周期指标值,
 * 年度指标值): the same checks as the cell grammar, with the level codes found by name where a cell
 * gives only the name. `text` is the indicator in the grammar's canonical form.
 */
export function readIndicatorCells(rows: readonly RawIndicatorCells[], path: string, system: IndicatorSystem = DEFAULT_SYSTEM): IndicatorReading {
  const indicators: Indicator[] = [];
  const diagnostics: Diagnostic[] = [];
  let prevSeq: number | null = null;
  // a row with text but no level and no target is prose written in the indicator columns: kept verbatim
  const prose = rows.filter((r) => r.level1.trim() === '' && r.level2.trim() === '' && r.period.trim() === '' && r.annual.trim() === '');
  const unread = prose.map((r) => r.name.trim()).join('');
  if (unread !== '') {
    diagnostics.push(prose.length === rows.length
      ? diag('indicators-prose', `绩效指标未按一级指标、二级指标、三级指标、指标值分栏填写，无法拆分为指标，原文已完整保留（${unread.length} 字）。`, { line: prose[0]!.line, path })
      : diag('indicator-unread', `绩效指标中有一段文字没有指标级别和指标值，不属于任何指标，原文保留：“${clip(unread)}”。`, { line: prose[0]!.line, path }));
  }
  rows.filter((r) => !prose.includes(r)).forEach((r, i) => {
    const where = { line: r.line, path: `${path}.indicators[${i}]` };
    const seq = r.seq ?? i + 1;
    if (r.seq !== null && prevSeq !== null && r.seq !== prevSeq + 1) {
      diagnostics.push(r.seq > prevSeq + 1
        ? diag('indicator-seq-gap', `指标序号跳号：${prevSeq} 之后是 ${r.seq}。`, where)
        : diag('indicator-seq-repeat', `指标序号重复或倒退：${prevSeq} 之后是 ${r.seq}。`, where));
    }
    if (r.seq !== null) prevSeq = r.seq;
    const l1 = levelCell(r.level1, system.level1, null);
    const l2 = levelCell(r.level2, system.level2, l1.code);
    const level1 = l1.code === null ? unknownLevel('一级', l1.name, system, where, diagnostics) : category('一级', l1.code, l1.name, system.level1, 'level1-name-missing', system, where, diagnostics);
    const level2 = l2.code === null ? unknownLevel('二级', l2.name, system, where, diagnostics) : category('二级', l2.code, l2.name, system.level2, 'level2-name-missing', system, where, diagnostics);
    if (level1.code !== null && level2.code !== null && level2.code.charAt(0) !== level1.code) {
      diagnostics.push(diag('level-code-inconsistent', `二级指标“${level2.code}”不属于一级指标“${level1.code}”（二级代码应以一级代码开头）。`, where));
    }
    const name = r.name.trim();
    const period = r.period.trim();
    const annual = r.annual.trim();
    if (period === '' || annual === '') {
      const missing = [period === '' ? '实施周期指标值' : null, annual === '' ? '年度指标值' : null].filter(Boolean).join('和');
      diagnostics.push(diag('indicator-target-missing', `指标“${clip(name)}”缺少${missing}。`, where));
    }
    const levelText = (c: Category) => (c.code !== null ? `${c.code}-${c.name ?? ''}` : c.name ?? '');
    const text = `${seq}、${levelText(level1)}；${levelText(level2)}；${name}；实施周期指标值:${period}；年度指标值:${annual}。`;
    indicators.push(indicatorOf({ seq, level1, level2, name, period, annual, text }, where, diagnostics));
  });
  return { indicators, unread, diagnostics };
}

/** One indicator read from its fields, in whichever layout; a missing name is said. */
function indicatorOf(f: { seq: number; level1: Category; level2: Category; name: string; period: string; annual: string; text: string }, where: { line?: number | undefined; path: string }, out: Diagnostic[]): Indicator {
  if (f.name === '') out.push(diag('indicator-name-missing', `第 ${f.seq} 项指标没有三级指标名称。`, where));
  return {
    seq: f.seq, level1: f.level1, level2: f.level2, name: f.name, period: { raw: f.period }, annual: { raw: f.annual }, text: f.text,
    ...(where.line !== undefined ? { line: where.line } : {}),
  };
}

function unknownLevel(level: string, name: string, system: IndicatorSystem, where: { line?: number | undefined; path: string }, out: Diagnostic[]): Category {
  if (name === '') return { code: null, name: null };
  out.push(diag('level-code-unknown', `${level}指标“${name}”没有写代码，也不是${system.label}中的名称，原样保留。`, where));
  return { code: null, name };
}

function splitBody(body: string, where: { line?: number | undefined; path: string }, out: Diagnostic[]): { name: string; period: string; annual: string } {
  const p = PERIOD.exec(body);
  ANNUAL.lastIndex = 0;
  const annuals: RegExpExecArray[] = [];
  for (let a = ANNUAL.exec(body); a !== null; a = ANNUAL.exec(body)) annuals.push(a);
  const afterPeriod = p ? annuals.filter((a) => a.index >= p.index + p[0].length) : annuals;
  const a = afterPeriod[0] ?? (p ? undefined : annuals[0]);

  const nameEnd = Math.min(p?.index ?? body.length, a?.index ?? body.length);
  const name = body.slice(0, nameEnd).replace(TRAILING_SEP, '').trim();
  let period = '';
  if (p) period = body.slice(p.index + p[0].length, a && a.index > p.index ? a.index : body.length).replace(TRAILING_SEP, '').trim();
  let annual = '';
  if (a) {
    const next = annuals.find((x) => x.index > a.index);
    annual = body.slice(a.index + a[0].length, next?.index ?? body.length).replace(TRAILING_TERMINATOR, '').trim();
    if (next) {
      const extra = annuals.length - annuals.indexOf(a) - 1;
      out.push(diag('indicator-annual-repeated', `“年度指标值”在同一指标中出现了 ${extra + 1} 次（源数据可能损坏）；取第一个值，其余原文保留在该指标的 text 中。`, where));
    }
  }
  if (!p || !a) {
    const missing = [!p ? '实施周期指标值' : null, !a ? '年度指标值' : null].filter(Boolean).join('和');
    out.push(diag('indicator-target-missing', `指标“${clip(name || body)}”缺少${missing}。`, where));
  }
  return { name, period, annual };
}

export function clip(s: string, n = 40): string {
  return s.length <= n ? s : `${s.slice(0, n)}…`;
}

/** A level code with its name checked against the standard table; a missing name is filled from it. */
function category(level: string, code: string, name: string, table: Readonly<Record<string, string>>, missing: DiagnosticCode, system: IndicatorSystem, where: { line?: number | undefined; path: string }, out: Diagnostic[]): Category {
  const standard = table[code];
  if (standard === undefined) {
    out.push(diag('level-code-unknown', `${level}指标代码“${code}”不在${system.label}的代码表中${name ? `（所写名称“${name}”）` : ''}，代码与名称原样保留。`, where));
    return { code, name: name || null };
  }
  if (name === '') {
    out.push(diag(missing, `${level}指标只写了代码“${code}-”，没有名称；已按标准代码表补为“${standard}”。`, where));
    return { code, name: standard };
  }
  if (name !== standard) out.push(diag('level-name-mismatch', `${level}指标代码“${code}”的标准名称是“${standard}”，此处写作“${name}”。`, where));
  return { code, name };
}
