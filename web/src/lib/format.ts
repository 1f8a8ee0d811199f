// Display helpers: amounts, severities, categories and target values, in Chinese.
import { LEVEL1, LEVEL2 } from '../../../src/model/taxonomy';
import { CATEGORY_LABEL } from '../../../src/review/types';
import { formatTarget } from '../../../src/targets/format';
import type { Severity, Target, TargetKind } from '../api/types';

export { LEVEL1, LEVEL2, CATEGORY_LABEL };

const wanFormat = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const intFormat = new Intl.NumberFormat('zh-CN');

/** an amount in 万元, two decimals with grouping; '—' when empty */
export const wan = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : wanFormat.format(x));
export const int = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : intFormat.format(x));
export const percent = (share: number | null | undefined, digits = 1): string =>
  share === null || share === undefined || Number.isNaN(share) ? '—' : `${(share * 100).toFixed(digits)}%`;

export const SEVERITY_LABEL: Readonly<Record<Severity, string>> = { error: '错误', warning: '警告', info: '提示' };
export const SEVERITY_COLOR: Readonly<Record<Severity, string>> = { error: '#cf1322', warning: '#d48806', info: '#1677ff' };
export const SEVERITY_TAG: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'processing' };
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export const SOURCE_LABEL = { fiscal: '财政拨款', specialAccount: '财政专户拨款', other: '其他资金', unplaced: '未归列' } as const;
export type SourceKey = keyof typeof SOURCE_LABEL;
export const SOURCE_KEYS: readonly SourceKey[] = ['fiscal', 'specialAccount', 'other', 'unplaced'];
export const SOURCE_COLOR: Readonly<Record<SourceKey, string>> = { fiscal: '#1677ff', specialAccount: '#13a8a8', other: '#faad14', unplaced: '#bfbfbf' };
/** what 未归列 means, wherever an unplaced amount is shown */
export const UNPLACED_NOTE = '未归列：原表文本（由 PDF 转出）只印出金额、没有标明它属于财政拨款、财政专户拨款还是其他资金，按表内勾稽关系也不能唯一确定，故不归入任何一列。';

export const KIND_LABEL: Readonly<Record<TargetKind, string>> = {
  numeric: '数值', range: '区间', deadline: '时限', qualitative: '定性', compound: '复合', empty: '空', unparsed: '未识别',
};
export const KIND_COLOR: Readonly<Record<TargetKind, string>> = {
  numeric: 'blue', range: 'cyan', deadline: 'purple', qualitative: 'default', compound: 'geekblue', empty: 'default', unparsed: 'red',
};
export const KINDS: readonly TargetKind[] = ['numeric', 'range', 'deadline', 'compound', 'qualitative', 'empty', 'unparsed'];

export const categoryLabel = (c: string): string => (CATEGORY_LABEL as Record<string, string>)[c] ?? c;
export const level1Label = (code: string | null | undefined, name?: string | null): string =>
  code ? `${code} ${name ?? LEVEL1[code] ?? ''}`.trim() : name ?? '（未填）';
export const level2Label = (code: string | null | undefined, name?: string | null): string =>
  code ? `${code} ${name ?? LEVEL2[code] ?? ''}`.trim() : name ?? '（未填）';

const OP: Readonly<Record<string, string>> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=', '≈': '约' };
const num = (x: number | undefined): string => (x === undefined ? '?' : String(x));

/** the target as read, compactly: `≥ 90 %`, `4–8 个团组`, `≤ 2024-11`, compounds joined by ； or 或 */
export function targetCompact(t: Target): string {
  switch (t.kind ?? 'unparsed') {
    case 'numeric':
      return `${t.subject ? `${t.subject} ` : ''}${t.per ? `每${t.per} ` : ''}${OP[t.op ?? '='] ?? ''} ${num(t.value)}${t.unit ? ` ${t.unit}` : ''}`.trim();
    case 'range':
      return `${t.subject ? `${t.subject} ` : ''}${num(t.min)}–${num(t.max)}${t.unit ? ` ${t.unit}` : ''}`;
    case 'deadline': {
      const date = [t.year ?? (t.per === '年' ? '每年' : undefined), t.month, t.day].filter((x) => x !== undefined).join('-');
      return `${t.op === '<' ? '<' : '≤'} ${date || '?'}`;
    }
    case 'compound':
      return (t.parts ?? []).map(targetCompact).join(t.joiner === 'or' ? ' 或 ' : '；');
    case 'empty':
      return '（空）';
    default:
      return t.raw;
  }
}

/** the canonical written form (src/targets formatTarget) */
export const targetCanonical = (t: Target): string => formatTarget(t);

/** the details of a read target, for a tooltip */
export function targetFields(t: Target): [string, string][] {
  const out: [string, string][] = [['原文', t.raw || '（空）'], ['类型', KIND_LABEL[t.kind ?? 'unparsed']]];
  if (t.op) out.push(['比较', OP[t.op] ?? t.op]);
  if (t.value !== undefined) out.push(['数值', String(t.value)]);
  if (t.min !== undefined || t.max !== undefined) out.push(['区间', `${num(t.min)}–${num(t.max)}`]);
  if (t.unit) out.push(['单位', t.unit]);
  if (t.normalized) out.push(['折算', `${t.normalized.value} ${t.normalized.unit}`]);
  if (t.subject) out.push(['对象', t.subject]);
  if (t.per) out.push(['周期', `每${t.per}`]);
  if (t.note) out.push(['说明', t.note]);
  if (t.year !== undefined || t.month !== undefined) out.push(['期限', [t.year && `${t.year}年`, t.month && `${t.month}月`, t.day && `${t.day}日`].filter(Boolean).join('')]);
  if (t.joiner) out.push(['组合', t.joiner === 'or' ? '满足其一' : '须同时满足']);
  return out;
}

const beijing = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** a stored time (UTC, ISO) in Beijing time with the zone named: `2026-12-01 22:30（北京时间）` */
export const dateTime = (iso: string | null | undefined): string => {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const part = Object.fromEntries(beijing.formatToParts(d).map((x) => [x.type, x.value]));
  return `${part['year']}-${part['month']}-${part['day']} ${part['hour']}:${part['minute']}（北京时间）`;
};

/** a year as lists show it: tables that print none are 未注明年度 */
export const yearLabel = (y: number | null | undefined): string => (y === null || y === undefined ? '未注明年度' : `${y} 年`);
