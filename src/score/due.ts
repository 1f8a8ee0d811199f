// The last day a deadline target (2024年11月前, 每年12月31日前, 2024年底) is met on. A deadline written to
// the month or year counts to the end of that period by default (11月前 = by 30 November); with
// `deadlineStrict` a 前 deadline ends the day before the period begins.
import type { ParsedTarget } from '../model/index.js';
import { daysIn, type DateValue } from './actual.js';
import type { ScoreConfig } from './config.js';

export interface Due { readonly year: number; readonly month: number; readonly day: number; readonly text: string }

export const dateText = (d: { year: number; month: number; day: number | null }): string => `${d.year}年${d.month}月${d.day === null ? '' : `${d.day}日`}`;

export function dueDate(t: ParsedTarget, config: ScoreConfig, year: number | null | undefined): Due | { error: string } {
  const y = t.year ?? (t.per === '年' ? year ?? null : null);
  if (y === null) return { error: `期限“${t.raw}”没有写年份，请给出评价年度` };
  const strict = config.deadlineStrict && t.op === '<';
  let d: { year: number; month: number; day: number };
  if (t.month !== undefined && t.day !== undefined) {
    d = strict ? prev(y, t.month, t.day) : { year: y, month: t.month, day: t.day };
  } else if (t.month !== undefined) {
    d = strict ? prev(y, t.month, 1) : { year: y, month: t.month, day: daysIn(y, t.month) };
  } else {
    d = strict ? { year: y - 1, month: 12, day: 31 } : { year: y, month: 12, day: 31 };
  }
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > daysIn(d.year, d.month)) return { error: `期限“${t.raw}”不是有效的日期` };
  const how = strict ? '（“前”不含所写日期或月份）' : t.day === undefined ? '（只写到月或年的，按该期间最后一天计）' : '';
  return { ...d, text: `${dateText(d)}${how}` };
}

function prev(year: number, month: number, day: number): { year: number; month: number; day: number } {
  const dt = new Date(Date.UTC(year, month - 1, day - 1));
  return { year: dt.getUTCFullYear(), month: dt.getUTCMonth() + 1, day: dt.getUTCDate() };
}

/** an actual date written to the month only counts as that month's last day: done by then, not earlier */
export function actualDay(d: DateValue): { year: number; month: number; day: number } {
  return { year: d.year, month: d.month, day: d.day ?? daysIn(d.year, d.month) };
}

export const dayNumber = (d: { year: number; month: number; day: number }): number => Date.UTC(d.year, d.month - 1, d.day) / 86_400_000;
