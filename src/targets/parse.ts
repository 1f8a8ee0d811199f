// The 指标值 grammar: a target string → a comparable, scorable Target. The raw text is always kept;
// what cannot be structured is `qualitative` (no number) or `unparsed` (numbers in no known shape).
//
//   target    := empty | deadline | compound | range | quantity | cn-quantity | qualitative
//   quantity  := [subject] [每<period>] [op-prefix] number [余] [unit] [op-suffix] [note]
//   compound  := part (sep part)+     sep: ， , ； ; 、 space 和 及 并 (and) | 或 (or, not 或以上/或以下/或以内)
import type { Normalized, ParsedTarget, TargetOp } from '../model/index.js';

/** Full-width digits, Latin letters and the symbols used in targets, to half-width. */
const FULL_WIDTH = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A\uFF05\uFF1E\uFF1C\uFF1D\uFF0B\uFF0D\uFF0E\uFF0F]/g;

/** Comparison and dash look-alikes, one character each (search-text relies on the length): ≧ ⩾ ≮ are
 *  ≥, ≦ ⩽ ≯ are ≤, the small forms ﹤﹥﹦ are < > =, the en dash is a hyphen. */
const LOOK_ALIKE_TO: Readonly<Record<string, string>> = { '≧': '≥', '⩾': '≥', '≮': '≥', '≦': '≤', '⩽': '≤', '≯': '≤', '﹤': '<', '﹥': '>', '﹦': '=', '–': '-' };
const LOOK_ALIKE = /[≧⩾≮≦⩽≯﹤﹥﹦–]/g;

export function halfWidth(s: string): string {
  return s.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(LOOK_ALIKE, (c) => LOOK_ALIKE_TO[c]!);
}

const PREFIX_OPS: readonly (readonly [string, TargetOp])[] = [
  ['大于或等于', '>='], ['大于等于', '>='], ['小于或等于', '<='], ['小于等于', '<='],
  ['不少于', '>='], ['不低于', '>='], ['不小于', '>='], ['不超过', '<='], ['不高于', '<='], ['不大于', '<='],
  ['控制在', '<='], ['至少', '>='], ['最少', '>='], ['至多', '<='], ['最多', '<='], ['达到', '>='],
  ['超过', '>'], ['高于', '>'], ['多于', '>'], ['大于', '>'], ['小于', '<'], ['少于', '<'], ['低于', '<'], ['不足', '<'],
  ['大约', '≈'], ['等于', '='], ['>=', '>='], ['<=', '<='], ['≥', '>='], ['≤', '<='], ['>', '>'], ['<', '<'], ['=', '='],
  ['约', '≈'], ['近', '≈'], ['达', '>='],
];
// 及以内 is in the 2026 Guangzhou table (9000元及以内); （含） says the bound is included, which ≥/≤ already say
const SUFFIX_OPS: readonly (readonly [string, TargetOp])[] = [
  ['或以上', '>='], ['及以上', '>='], ['以上', '>='], ['或以下', '<='], ['及以下', '<='], ['以下', '<='],
  ['或以内', '<='], ['及以内', '<='], ['以内', '<='], ['之内', '<='], ['左右', '≈'],
  ...(['（含）', '(含)'] as const).flatMap((inc) => [[`${inc}以上`, '>='], [`${inc}以下`, '<='], [`${inc}以内`, '<=']] as const),
];
const PERIODS = ['每学年', '每学期', '每季度', '每年', '每月', '每周', '每天', '每日'];
const VERBS = /(完成|开展|举办|实现|提供|组织|培训|服务)$/;

/** Measure words and units, longest first so 万人次 wins over 万人 and 人. */
export const UNITS: readonly string[] = [
  '个工作日', '个小时', '个学时', '个月', '万人次', '万人', '万元', '亿元', '万份', '万次', '万册', '平方米', '人次', '人天', '人日', '课时', '学时', '小时', '分钟',
  '场次', '家次', '科次', '台套', '工作日',
  'Gbps', 'Mbps', '公里', '批次', '班次', 'GB', 'MB', 'ms', '万', '人', '个', '项', '次', '门', '套', '家', '场', '份', '起',
  '台', '亩', '㎡', '间', '件', '篇', '宗', '名', '所', '本', '部', '条', '秒', '天', '日', '月', '年', '周', '元', 'M', 'G',
  '米', '吨', '辆', '批', '班', '期', '册', '张', '座', '栋', '处', '类', '种', '级', '分', '倍', '户', '床', '组', '块', '支', '页', '位', 'h', '%', '‰',
];
const MULTIPLIER: Readonly<Record<string, number>> = { 万: 1e4, 亿: 1e8 };
const ALIAS: Readonly<Record<string, string>> = { '㎡': '平方米' };

const NUMBER = /\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g;
const CN_DIGITS: Readonly<Record<string, number>> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const DEADLINE = /^(.*?)(?:(\d{4})\s*年|每年)(?:\s*(\d{1,2})\s*月份?)?(?:\s*(\d{1,2})\s*日)?\s*(之前|以前|底前|前|底|以内|内)(.*)$/;
const RANGE = /^(.*?)(\d+(?:\.\d+)?)\s*(%?)\s*[-~～至—]\s*(\d+(?:\.\d+)?)(.*)$/;
const EMPTY = /^[\s\-—/]*$/;
const CJK_TAIL = /^[\u4e00-\u9fff]{1,4}$/;

const parsed = new Map<string, ParsedTarget>();

/** Reads one target string (memoised: the same targets, 100%, ≥95%, recur across a table; a reading is readonly). Never throws. */
export function parseTarget(raw: string): ParsedTarget {
  let t = parsed.get(raw);
  if (t === undefined) {
    if (parsed.size > 50_000) parsed.clear();
    t = readTarget(raw);
    parsed.set(raw, t);
  }
  return t;
}

function readTarget(raw: string): ParsedTarget {
  const c = clean(raw);
  if (EMPTY.test(c.text)) return { raw, kind: 'empty' };
  return { raw, ...read(c, raw) };
}

type Reading = Omit<ParsedTarget, 'raw'>;

const MEASURE_WORD = /[个项次人门套家场份起台亩间件篇宗名所本部条%]$/;

/** Text prepared for reading, with the position in the raw string of each of its characters. */
interface Clean { readonly text: string; readonly at: readonly number[] }

function clean(raw: string): Clean {
  const s = halfWidth(raw);
  const drop = new Set<number>();
  const mark = (re: RegExp, keep?: (m: RegExpMatchArray) => boolean): void => {
    for (const m of s.matchAll(re)) {
      if (keep?.(m)) continue;
      const ws = /\s+/.exec(m[0])!;
      for (let k = 0; k < ws[0].length; k++) drop.add(m.index! + ws.index + k);
    }
  };
  // spaces between an operator, a number and its unit carry nothing; between a measure word and the
  // next number they separate two conditions (教师获奖≥4项 学生获奖≥10项)
  mark(/[≥≤<>=]\s+(?=\d)/g);
  mark(/\d\s+(?=[\u4e00-\u9fff%a-zA-Z㎡])/g);
  mark(/[\u4e00-\u9fff）)]\s+(?=\d)/g, (m) => MEASURE_WORD.test(m[0].charAt(0)));
  let text = '';
  const at: number[] = [];
  for (let i = 0; i < s.length; i++) if (!drop.has(i)) { text += s[i]; at.push(i); }
  // trim, and drop a closing 。
  let a = 0;
  let b = text.length;
  while (a < b && /\s/.test(text[a]!)) a++;
  while (b > a && /[\s。]/.test(text[b - 1]!)) b--;
  return { text: text.slice(a, b), at: at.slice(a, b) };
}

function read(c: Clean, raw: string): Reading {
  const text = c.text;
  const deadline = DEADLINE.exec(text);
  if (deadline) {
    const [whole, subject, y, m, d, suffix, rest] = deadline;
    if (y || m) return {
      kind: 'deadline',
      op: suffix === '前' || suffix === '之前' ? '<' : '<=',
      ...(y ? { year: Number(y) } : { per: '年' }),
      ...(m ? { month: Number(m) } : /底/.test(suffix!) ? { month: 12 } : {}),
      ...(d ? { day: Number(d) } : {}),
      ...opt('subject', subject!.trim()),
      ...opt('note', rest!.trim()),
    };
    void whole;
  }
  const numbers = [...text.matchAll(NUMBER)];
  if (numbers.length === 0) return readChineseNumeral(text) ?? { kind: 'qualitative' };
  const compound = readCompound(c, raw);
  if (compound) return compound;
  const range = readRange(text);
  if (range) return range;
  return readQuantity(text, numbers) ?? { kind: 'unparsed' };
}

function opt<K extends string>(key: K, value: string): { [P in K]?: string } {
  return (value ? { [key]: value } : {}) as { [P in K]?: string };
}

/** 三级, 零故障, 百余名, 每周一次, 一周以内: a value written in Chinese numerals. */
function readChineseNumeral(text: string): Reading | null {
  const m = /^(每年|每月|每周|每天|每日|每季度|每学期)?(约|近)?([零〇一二两三四五六七八九十百千]+)(余)?(.*)$/.exec(text);
  if (!m) return null;
  const value = chineseNumber(m[3]!);
  if (value === null) return null;
  const after = m[5]!;
  let { unit, rest } = readUnit(after);
  if (!unit) {
    // 零故障: zero of anything is a count of it
    if (value === 0 && CJK_TAIL.test(after)) { unit = after; rest = ''; } else return null;
  }
  let op: TargetOp = m[2] || m[4] ? '≈' : '=';
  const suf = SUFFIX_OPS.find(([w]) => rest.startsWith(w));
  if (suf) { op = suf[1]; rest = rest.slice(suf[0].length); }
  // a numeral followed by more prose is a phrase (一般, 三个区协管员), not a value
  if (rest && !/^[（(]/.test(rest)) return null;
  return { kind: 'numeric', op, value, unit, ...normalize(value, unit), ...(m[1] ? { per: m[1].slice(1) } : {}), ...opt('note', rest.trim()) };
}

export function chineseNumber(s: string): number | null {
  if (s === '零' || s === '〇') return 0;
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in CN_DIGITS) { digit = CN_DIGITS[ch]!; continue; }
    const scale = ch === '十' ? 10 : ch === '百' ? 100 : ch === '千' ? 1000 : 0;
    if (!scale) return null;
    total += (digit || 1) * scale;
    digit = 0;
  }
  return total + digit;
}

const AND_SEPARATOR = /[，,；;、]|\s+|和|及(?!以上|以下|以内)|并/g;
const OR_SEPARATOR = /或(?!以上|以下|以内)/g;

/** Splits at separators, keeping each piece's span in the cleaned text; a comma between digits is a thousands mark. */
function split(text: string, sep: RegExp, from: number, to: number): [number, number][] {
  const pieces: [number, number][] = [];
  let last = from;
  for (const m of text.slice(from, to).matchAll(sep)) {
    const i = from + m.index!;
    if (m[0] === ',' && /\d$/.test(text.slice(0, i)) && /^\d{3}(?!\d)/.test(text.slice(i + 1))) continue;
    pieces.push([last, i]);
    last = i + m[0].length;
  }
  pieces.push([last, to]);
  return pieces.filter(([a, b]) => text.slice(a, b).trim() !== '');
}

/** Several conditions: and-separators bind loosest, 或 binds inside each part (A或B，C → and[or[A, B], C]). */
function readCompound(c: Clean, raw: string): Reading | null {
  const text = c.text;
  const sub = (a: number, b: number): string => raw.slice(c.at[a]!, c.at[b - 1]! + 1).trim();
  const digits = (a: number, b: number): boolean => /\d/.test(text.slice(a, b));
  const alternatives = (a: number, b: number): ParsedTarget[] | null => {
    const alts = split(text, OR_SEPARATOR, a, b);
    return alts.length >= 2 && alts.filter(([x, y]) => digits(x, y)).length >= 2 ? alts.map(([x, y]) => parseTarget(sub(x, y))) : null;
  };
  const ands = split(text, AND_SEPARATOR, 0, text.length);
  if (ands.length >= 2 && ands.filter(([a, b]) => digits(a, b)).length >= 2) {
    return {
      kind: 'compound',
      joiner: 'and',
      parts: ands.map(([a, b]): ParsedTarget => {
        const alts = alternatives(a, b);
        return alts ? { raw: sub(a, b), kind: 'compound', joiner: 'or', parts: alts } : parseTarget(sub(a, b));
      }),
    };
  }
  const alts = alternatives(0, text.length);
  return alts ? { kind: 'compound', joiner: 'or', parts: alts } : null;
}

function readRange(text: string): Reading | null {
  const m = RANGE.exec(text);
  if (!m) return null;
  const [, subject, a, pct, b, after] = m;
  const tail = readUnit(after!);
  const unit = pct || tail.unit;
  const min = Number(a);
  const max = Number(b);
  if (!(min <= max)) return null;
  return { kind: 'range', min, max, unit, ...opt('subject', subject!.trim()), ...opt('note', tail.rest.trim()) };
}

function readUnit(after: string): { unit: string; rest: string } {
  let rest = after;
  let unit = UNITS.find((u) => rest.startsWith(u)) ?? '';
  if (unit) {
    rest = rest.slice(unit.length);
    // 万/亿 before any measure word: 300万条, 150万页
    if ((unit === '万' || unit === '亿') && rest) {
      const word = UNITS.find((u) => rest.startsWith(u) && u !== '%') ?? (/^[\u4e00-\u9fff]{1,2}$/.test(rest) ? rest : '');
      if (word) { unit += word; rest = rest.slice(word.length); }
    }
    const per = /^\/[^\s，,；;、（）()]{1,6}/.exec(rest);
    if (per) { unit += per[0]; rest = rest.slice(per[0].length); }
    return { unit, rest };
  }
  const bracket = /^[（(]\s*([^）)]{1,4})\s*[）)]/.exec(rest);
  if (bracket && UNITS.includes(bracket[1]!)) return { unit: bracket[1]!, rest: rest.slice(bracket[0].length) };
  return { unit: '', rest };
}

function readQuantity(text: string, numbers: RegExpMatchArray[]): Reading | null {
  // The quantity is the number an operator is attached to (the last one, if several); without any
  // operator, the last number.
  // a number multiplied or divided in a formula (…/总数*100%) is not a target
  const candidates = numbers.filter((n) => !/[*×÷/]\s*$/.test(text.slice(0, n.index!)));
  if (candidates.length === 0) return null;
  const withOp = candidates.filter((n) => prefixOp(text.slice(0, n.index!)) || suffixAfter(text.slice(n.index! + n[0].length)));
  const main = withOp[withOp.length - 1] ?? candidates[candidates.length - 1]!;
  const start = main.index!;
  let before = text.slice(0, start);
  let after = text.slice(start + main[0].length);
  const value = Number(main[0].replace(/,/g, ''));

  let op: TargetOp | undefined;
  const pre = prefixOp(before);
  if (pre) { op = pre[1]; before = before.slice(0, before.length - pre[0].length); }
  if (!op) {
    // an operator may stand before a verb: 至少完成1次 → ≥ 1 次, the verb stays in the subject
    const verb = VERBS.exec(before);
    const o = verb ? prefixOp(before.slice(0, verb.index)) : undefined;
    if (verb && o) { op = o[1]; before = before.slice(0, verb.index - o[0].length) + verb[0]; }
  }
  let per: string | undefined;
  // a per-period word anywhere in the subject: 每季度考核分数≥90分, 平均每月…1000次
  const p = PERIODS.find((x) => before.includes(x));
  if (p) { per = p.slice(1); before = before.replace(p, ''); }
  if (!op) {
    const again = prefixOp(before);
    if (again && per && before.endsWith(again[0])) { op = again[1]; before = before.slice(0, before.length - again[0].length); }
  }
  if (after.startsWith('余')) { op ??= '≈'; after = after.slice(1); }
  let { unit, rest } = readUnit(after);
  const suf = suffixAfter(rest);
  if (suf) { op ??= suf[1]; rest = rest.slice(suf[0].length); }
  if (!unit && CJK_TAIL.test(rest)) { unit = rest; rest = ''; }
  if (!op) {
    const lead = PREFIX_OPS.find(([w]) => before.startsWith(w) && w.length <= 2 && /[≥≤<>=]/.test(w));
    if (lead) { op = lead[1]; before = before.slice(lead[0].length); }
  }
  const subject = before.replace(/[\s:：，,；;、]+$/, '').trim();
  return {
    kind: 'numeric',
    op: op ?? '=',
    value,
    unit,
    ...normalize(value, unit),
    ...opt('subject', subject),
    ...(per ? { per } : {}),
    ...opt('note', rest.trim()),
  };
}

function prefixOp(before: string): readonly [string, TargetOp] | undefined {
  const b = before.trimEnd();
  return PREFIX_OPS.find(([w]) => b.endsWith(w));
}

function suffixAfter(after: string): readonly [string, TargetOp] | undefined {
  const { rest } = readUnit(after.startsWith('余') ? after.slice(1) : after);
  return SUFFIX_OPS.find(([w]) => rest.startsWith(w));
}

/** The value in a base unit, where the unit carries a multiplier or has an alias. */
export function normalize(value: number, unit: string): { normalized?: Normalized } {
  const base = unit.replace(/\/.*$/, '');
  const head = base.charAt(0);
  if (head in MULTIPLIER && (base.length > 1 || base === '万')) {
    return { normalized: { value: round(value * MULTIPLIER[head]!), unit: unit.slice(1) } };
  }
  if (unit in ALIAS) return { normalized: { value, unit: ALIAS[unit]! } };
  return {};
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;
