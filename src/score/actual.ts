// Reading an actual (实际完成值 / 当前完成值) with the target grammar, and bringing it into the target's
// unit. Units convert only where the conversion is exact — 万/亿 scaling (1.665万人 = 16650人), ‰ and %,
// seconds to days, 元 to 亿元 — never between kinds of thing: 人 and 次 are an error, not a guess.
import { halfWidth, parseTarget, UNITS } from '../targets/index.js';
import type { ParsedTarget } from '../model/index.js';
import type { Achievement } from './types.js';

export interface DateValue { readonly year: number; readonly month: number; readonly day: number | null }

export type Actual =
  | { readonly kind: 'quantity'; readonly value: number; readonly unit: string; readonly raw: string }
  | { readonly kind: 'level'; readonly level: Achievement; readonly raw: string }
  | { readonly kind: 'date'; readonly date: DateValue; readonly raw: string }
  /** 未完成 for a deadline: not done (yet) */
  | { readonly kind: 'undone'; readonly raw: string }
  | { readonly kind: 'parts'; readonly parts: readonly Actual[]; readonly raw: string }
  | { readonly kind: 'error'; readonly error: string; readonly raw: string };

const LEVELS: Readonly<Record<string, Achievement>> = { 达成: 'achieved', 已达成: 'achieved', 部分达成: 'partial', 未达成: 'missed', 未能达成: 'missed' };
const DATE = /^(\d{4})\s*(?:年|[-/.])\s*(\d{1,2})\s*(?:月份?|[-/.])?\s*(?:(\d{1,2})\s*日?)?\s*(?:完成|前完成|已完成)?$/;

/** Reads one actual as written (a JSON number is a bare quantity). Never throws. */
export function readActual(input: string | number | readonly (string | number)[]): Actual {
  if (Array.isArray(input)) {
    const parts = (input as readonly (string | number)[]).map((x) => readActual(x));
    return { kind: 'parts', parts, raw: parts.map((p) => p.raw).join('；') };
  }
  if (typeof input === 'number') {
    return Number.isFinite(input) ? { kind: 'quantity', value: input, unit: '', raw: String(input) } : { kind: 'error', error: '实际值不是有限的数', raw: String(input) };
  }
  const raw = String(input);
  const text = halfWidth(raw).trim().replace(/[。.]$/, '');
  if (text === '') return { kind: 'error', error: '没有填写实际完成值', raw };
  const level = LEVELS[text];
  if (level) return { kind: 'level', level, raw };
  if (/^(未完成|尚未完成|未按期完成|未按时完成)$/.test(text)) return { kind: 'undone', raw };
  const d = DATE.exec(text);
  if (d) {
    const date = { year: Number(d[1]), month: Number(d[2]), day: d[3] ? Number(d[3]) : null };
    if (date.month < 1 || date.month > 12 || (date.day !== null && (date.day < 1 || date.day > daysIn(date.year, date.month)))) {
      return { kind: 'error', error: `“${raw}”不是有效的日期`, raw };
    }
    return { kind: 'date', date, raw };
  }
  // the target grammar has no sign: a negative actual (增长率 -5%) is read without it, then negated
  const minus = /^[-−－]\s*(?=\d)/.exec(text);
  if (minus) {
    const a = fromTarget(parseTarget(text.slice(minus[0].length)), raw);
    return a.kind === 'quantity' ? { ...a, value: -a.value } : a;
  }
  return fromTarget(parseTarget(raw), raw);
}

function fromTarget(t: ParsedTarget, raw: string): Actual {
  switch (t.kind) {
    case 'numeric':
      if (t.op !== '=' && t.op !== '≈') return { kind: 'error', error: `实际完成值“${raw}”应为一个确定的数，不能带比较符号（${t.op}）`, raw };
      return { kind: 'quantity', value: t.value ?? 0, unit: t.unit ?? '', raw };
    case 'compound':
      return { kind: 'parts', parts: ((t.parts ?? []) as readonly ParsedTarget[]).map((p) => fromTarget(p, p.raw)), raw };
    case 'range':
      return { kind: 'error', error: `实际完成值“${raw}”是一个区间，应为一个确定的数`, raw };
    case 'deadline':
      return { kind: 'error', error: `实际完成值“${raw}”是一个期限，应填写完成日期（如 2024年10月15日）`, raw };
    case 'empty':
      return { kind: 'error', error: '没有填写实际完成值', raw };
    case 'qualitative':
    case 'unparsed':
      return { kind: 'error', error: `无法读出实际完成值“${raw}”：应为数值（可带单位，如 3宗、96%、1.2万人）、日期，或 达成/部分达成/未达成`, raw };
  }
}

export function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// A unit as a base and a factor: 万人 = 1e4 人, ‰ = 0.1 %, 分钟 = 60 秒. Per-period suffixes (/年) stay
// part of the base, so 次/年 compares with 次/年 only.
const ALIAS: Readonly<Record<string, string>> = { '㎡': '平方米', 个小时: '小时', 个工作日: '工作日', 个学时: '学时', 个月: '月', 日: '天', h: '小时' };
const SCALE: Readonly<Record<string, readonly [string, number]>> = {
  '‰': ['%', 0.1],
  ms: ['秒', 0.001], 分钟: ['秒', 60], 小时: ['秒', 3600], 天: ['秒', 86400],
  元: ['元', 1],
};

export function unitBase(unit: string): { readonly base: string; readonly factor: number } {
  const slash = unit.indexOf('/');
  const head = slash >= 0 ? unit.slice(0, slash) : unit;
  const per = slash >= 0 ? unit.slice(slash) : '';
  let factor = 1;
  let u = head;
  const m = u.charAt(0);
  if ((m === '万' || m === '亿') && (u.length > 1 || u === '万')) { factor = m === '万' ? 1e4 : 1e8; u = u.slice(1); }
  u = ALIAS[u] ?? u;
  const s = SCALE[u];
  if (s) { factor *= s[1]; u = s[0]; }
  return { base: u + per, factor };
}

/**
 * The actual quantity in the target's unit, or why it cannot be: a bare number is taken in the target's
 * unit; otherwise the two units must share a base.
 */
export function inTargetUnit(a: { readonly value: number; readonly unit: string }, targetUnit: string): { value: number; note: string } | { error: string } {
  if (a.unit === '' || a.unit === targetUnit) return { value: a.value, note: a.unit === '' && targetUnit !== '' ? `（未写单位，按指标值的单位“${targetUnit}”读）` : '' };
  const ua = unitBase(a.unit);
  const ut = unitBase(targetUnit);
  // 零故障, 零事故: the target counts a thing, the actual counts occurrences of it
  if (!UNITS.includes(targetUnit) && COUNT_WORDS.has(a.unit)) return { value: a.value, note: `（指标值以“${targetUnit}”计数，实际 ${fmtN(a.value)}${a.unit}）` };
  if (targetUnit === '') {
    return ua.factor === 1 ? { value: a.value, note: '' } : { value: a.value * ua.factor, note: `（${fmtN(a.value)}${a.unit} = ${fmtN(a.value * ua.factor)}${ua.base}）` };
  }
  if (ua.base !== ut.base) return { error: `实际完成值的单位“${a.unit}”与指标值的单位“${targetUnit}”不是同一种计量，无法比较` };
  const value = (a.value * ua.factor) / ut.factor;
  return { value, note: `（${fmtN(a.value)}${a.unit} = ${fmtN(value)}${targetUnit}）` };
}

const COUNT_WORDS: ReadonlySet<string> = new Set(['次', '起', '宗', '个', '件', '例', '项']);

const fmtN = (x: number): string => String(Number(x.toPrecision(12)));
