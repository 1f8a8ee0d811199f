// zod's messages in natural Chinese, for every parse whose issues reach a user (the API, the CLI, the
// store's queries, the workflow). zod's own zh-CN locale leaves the type names and operators in English
// (`期望 number <=500`, `期望 int，实际接收 数字`); this map says it the way a form would, and falls back to
// that locale only for issues no one here is expected to meet.
import { z } from 'zod';

const fallback = z.locales.zhCN().localeError;

/** what a value should be, as the end of 应为… */
const TYPE: Readonly<Record<string, string>> = {
  string: '文本', number: '数字', int: '整数', bigint: '整数', boolean: '布尔值（true 或 false）', date: '日期',
  array: '数组', tuple: '数组', object: '对象', record: '对象', map: '对象', set: '数组', null: 'null', file: '文件',
  nan: 'NaN', undefined: '空', symbol: 'symbol', function: '函数',
};

/** what a value was, as the end of 收到的是… */
function received(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return '数组';
  if (typeof input === 'number') return Number.isNaN(input) ? '非数字（NaN）' : Number.isInteger(input) ? '整数' : '小数';
  if (typeof input === 'object') return input instanceof Date ? '日期' : '对象';
  if (typeof input === 'boolean') return ` ${input}`;
  return TYPE[typeof input] ?? typeof input;
}

const FORMAT: Readonly<Record<string, string>> = {
  email: '电子邮件地址', url: '网址', uuid: 'UUID', uuidv4: 'UUID', uuidv6: 'UUID', guid: 'GUID',
  datetime: 'ISO 日期时间（如 2026-12-01T08:00:00Z）', date: '日期（如 2026-12-01）', time: '时间（如 08:00:00）', duration: 'ISO 时长（如 P1D）',
  ipv4: 'IPv4 地址', ipv6: 'IPv6 地址', base64: 'base64 编码文本', base64url: 'base64url 编码文本', json_string: 'JSON 文本',
};

const num = (x: number | bigint): string => String(x);
const quote = (v: unknown): string => (typeof v === 'string' ? `“${v}”` : String(v));

function tooBig(i: { origin: string; maximum: number | bigint; inclusive?: boolean; exact?: boolean }): string | null {
  const n = num(i.maximum);
  switch (i.origin) {
    case 'number': return i.inclusive ? `应为不大于 ${n} 的数` : `应为小于 ${n} 的数`;
    case 'int': case 'bigint': return i.inclusive ? `应为不大于 ${n} 的整数` : `应为小于 ${n} 的整数`;
    case 'string': return i.exact ? `应为 ${n} 个字符` : `至多 ${i.inclusive ? n : num(Number(i.maximum) - 1)} 个字符`;
    case 'array': case 'set': return i.exact ? `应有 ${n} 项` : `至多 ${i.inclusive ? n : num(Number(i.maximum) - 1)} 项`;
    case 'file': return `文件至多 ${n} 字节`;
    case 'date': return `应不晚于 ${new Date(Number(i.maximum)).toISOString().slice(0, 10)}`;
    default: return null;
  }
}

function tooSmall(i: { origin: string; minimum: number | bigint; inclusive?: boolean; exact?: boolean }): string | null {
  const n = num(i.minimum);
  switch (i.origin) {
    case 'number':
      if (Number(i.minimum) === 0 && !i.inclusive) return '应为正数';
      return i.inclusive ? `应为不小于 ${n} 的数` : `应为大于 ${n} 的数`;
    case 'int': case 'bigint':
      if (Number(i.minimum) === 0 && !i.inclusive) return '应为正整数';
      return i.inclusive ? `应为不小于 ${n} 的整数` : `应为大于 ${n} 的整数`;
    case 'string':
      if (i.exact) return `应为 ${n} 个字符`;
      return Number(i.minimum) <= 1 && (i.inclusive || Number(i.minimum) === 0) ? '不能为空' : `至少 ${i.inclusive ? n : num(Number(i.minimum) + 1)} 个字符`;
    case 'array': case 'set':
      if (i.exact) return `应有 ${n} 项`;
      return Number(i.minimum) <= 1 && (i.inclusive || Number(i.minimum) === 0) ? '至少要有一项' : `至少 ${i.inclusive ? n : num(Number(i.minimum) + 1)} 项`;
    case 'file': return `文件至少 ${n} 字节`;
    case 'date': return `应不早于 ${new Date(Number(i.minimum)).toISOString().slice(0, 10)}`;
    default: return null;
  }
}

interface Nested {
  readonly code: string; readonly message: string; readonly path: readonly PropertyKey[];
  readonly expected?: string; readonly values?: readonly unknown[];
}

/** what an option that refused the value as a whole wanted (整数, “none”); null when it took the shape but not a detail */
function wanted(e: readonly Nested[]): string | null {
  const only = e.length === 1 ? e[0]! : null;
  if (!only || only.path.length > 0) return null;
  if (only.code === 'invalid_type') return TYPE[only.expected ?? ''] ?? only.expected ?? null;
  if (only.code === 'invalid_value') return (only.values ?? []).map(quote).join('或');
  return null;
}

/**
 * A union's issue says what its options say — zod says only 无效输入: the issue of the one option that took
 * the value's shape but not a detail (`3000` for a year or "none": 应为不大于 2200 的整数), else what the
 * options wanted (应为“none”或整数).
 */
function union(errors: readonly (readonly Nested[])[] | undefined, input: unknown): string {
  const options = (errors ?? []).filter((e) => e.length > 0);
  const details = options.filter((e) => wanted(e) === null);
  if (details.length === 1) {
    const first = details[0]![0]!;
    return first.path.length ? `${first.path.map(String).join('.')}：${first.message}` : first.message;
  }
  if (options.length === 0 || details.length > 0) return '不符合任何一种允许的格式';
  const wants = [...new Set(options.map(wanted))].join('或');
  if (input === undefined) return `必须填写（应为${wants}）`;
  return options.every((e) => e[0]!.code === 'invalid_type') ? `应为${wants}，收到的是${received(input)}` : `应为${wants}`;
}

/** The error map: pass it to every safeParse whose messages a user reads (`schema.safeParse(x, { error: zhError })`). */
export const zhError: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type': {
      const want = TYPE[issue.expected] ?? issue.expected;
      if (issue.input === undefined) return `必须填写（应为${want}）`;
      // NaN is a number to zod, not to a user; and 1.5 given where an integer is wanted needs no "收到的是"
      if (typeof issue.input === 'number' && (Number.isNaN(issue.input) || issue.expected === 'int')) return `应为${want}`;
      return `应为${want}，收到的是${received(issue.input)}`;
    }
    case 'too_big': return tooBig(issue) ?? fallback(issue);
    case 'too_small': return tooSmall(issue) ?? fallback(issue);
    case 'invalid_value':
      return issue.values.length === 1 ? `应为 ${quote(issue.values[0])}` : `应为以下之一：${issue.values.map(quote).join('、')}`;
    case 'invalid_format': {
      if (issue.format === 'starts_with') return `应以“${String(issue['prefix'])}”开头`;
      if (issue.format === 'ends_with') return `应以“${String(issue['suffix'])}”结尾`;
      if (issue.format === 'includes') return `应包含“${String(issue['includes'])}”`;
      if (issue.format === 'regex') return '格式不正确';
      const what = FORMAT[issue.format];
      return what ? `应为有效的${what}` : `格式不正确（应为 ${issue.format}）`;
    }
    case 'not_multiple_of': return `应为 ${num(issue.divisor)} 的倍数`;
    case 'unrecognized_keys': return `未知的字段：${issue.keys.join('、')}`;
    case 'invalid_key': return '含有无效的键';
    case 'invalid_element': return '含有无效的值';
    case 'invalid_union': return union(issue.errors as readonly (readonly Nested[])[] | undefined, issue.input);
    default: return fallback(issue);
  }
};
