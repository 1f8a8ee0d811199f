// What a self-evaluation could not score, and why: a total (and so a grade) exists only when every indicator
// has its score, so a summary that shows totals must also say what is missing — the indicators without a
// score, each with the reason the rule gave, grouped by the kind of reason. Pure.
import type { z } from 'zod';
import type { indicatorCountSchema, ProjectEvaluation } from './schema.js';

export type UnscoredReason = 'pending' | 'no-actual' | 'unreadable' | 'no-target';

/** the kinds of reason, in the order a summary lists them */
export const UNSCORED_REASONS: readonly UnscoredReason[] = ['pending', 'no-actual', 'unreadable', 'no-target'];
export const UNSCORED_LABEL: Readonly<Record<UnscoredReason, string>> = {
  pending: '定性指标待评价人打分',
  'no-actual': '未填写实际完成值',
  unreadable: '实际完成值无法按指标值计分',
  'no-target': '指标值为空，无法评分',
};

export interface UnscoredIndicator {
  /** the indicator's place in the form (0-based) */
  readonly index: number;
  readonly name: string;
  readonly target: string;
  readonly actual: string;
  readonly reason: UnscoredReason;
  /** the rule's own words: the error, or what the person still has to do */
  readonly message: string;
}

/** the indicators of a scored form that have no score, in form order */
export function unscoredIndicators(p: ProjectEvaluation): UnscoredIndicator[] {
  return p.indicators.flatMap((i, index) => {
    const r = i.result;
    if (r.score !== null) return [];
    const reason: UnscoredReason = r.rule === null ? 'no-target'
      : !i.actual.trim() ? 'no-actual'
      : r.error === undefined ? 'pending'
      : 'unreadable';
    return [{ index, name: i.name, target: i.target, actual: i.actual, reason, message: r.error ?? r.explanation }];
  });
}

/** total, scored, and the unscored ones by kind of reason — only the kinds that occur, in UNSCORED_REASONS order */
export type IndicatorCount = z.output<typeof indicatorCountSchema>;

/** the indicators of several forms: how many, how many scored, the rest by reason */
export function countIndicators(projects: readonly ProjectEvaluation[]): IndicatorCount {
  const total = projects.reduce((a, p) => a + p.indicators.length, 0);
  const by = new Map<UnscoredReason, number>();
  for (const p of projects) for (const u of unscoredIndicators(p)) by.set(u.reason, (by.get(u.reason) ?? 0) + 1);
  const unscored = UNSCORED_REASONS.filter((r) => by.has(r)).map((reason) => ({ reason, label: UNSCORED_LABEL[reason], count: by.get(reason)! }));
  return { total, scored: total - unscored.reduce((a, u) => a + u.count, 0), unscored };
}

/** “89 项未能评分（定性指标待评价人打分 71 项、实际完成值无法按指标值计分 18 项）”, or '' when every indicator is scored */
export function unscoredText(c: IndicatorCount): string {
  const n = c.total - c.scored;
  return n === 0 ? '' : `${n} 项未能评分（${c.unscored.map((u) => `${u.label} ${u.count} 项`).join('、')}）`;
}
