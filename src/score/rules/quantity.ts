// The two quantity comparisons the positive, reverse, range and compound rules are built from, over
// numbers already in the target's unit.
import type { ScoreConfig } from '../config.js';
import { fmt, type RuleKind } from '../types.js';
import { arithmetic, q } from './rule.js';

export interface Part { readonly score: number; readonly text: string; readonly ratio?: number }

/** actual ≥ target → w; otherwise actual ÷ target × w (never above w, never below 0) */
export function positivePart(actual: number, target: number, unit: string, w: number): Part {
  if (actual >= target) {
    return { score: w, text: `实际完成值 ${q(actual, unit)} ≥ 指标值 ${q(target, unit)}，得满分 ${fmt(w)} 分`, ...(target > 0 ? { ratio: actual / target } : {}) };
  }
  // target > actual ≥ ... here, so target > 0 unless actual < 0
  const s = target > 0 ? Math.max(0, (actual / target) * w) : 0;
  return { score: s, text: `实际完成值 ${q(actual, unit)} < 指标值 ${q(target, unit)}，${arithmetic(`得分 = ${fmt(actual, 4)} ÷ ${fmt(target, 4)} × ${fmt(w)}`, s)}`, ratio: target > 0 ? actual / target : 0 };
}

/** actual ≤ target → w; otherwise the configured formula (linear: 0 at twice the target; ratio: target ÷ actual × w) */
export function reversePart(actual: number, target: number, unit: string, w: number, config: ScoreConfig): Part {
  if (actual <= target) return { score: w, text: `实际完成值 ${q(actual, unit)} ≤ 指标值 ${q(target, unit)}，得满分 ${fmt(w)} 分` };
  if (target === 0) return { score: 0, text: `指标值为 0，实际完成值 ${q(actual, unit)} > 0，未达到，得 0 分` };
  if (target < 0) return { score: 0, text: `实际完成值 ${q(actual, unit)} > 指标值 ${q(target, unit)}，得 0 分` };
  if (config.reverseFormula === 'ratio') {
    const s = (target / actual) * w;
    return { score: s, text: `实际完成值 ${q(actual, unit)} > 指标值 ${q(target, unit)}，${arithmetic(`得分 = ${fmt(target, 4)} ÷ ${fmt(actual, 4)} × ${fmt(w)}`, s)}（按“指标值 ÷ 实际值”计分）` };
  }
  const raw = (1 - (actual - target) / target) * w;
  const s = Math.max(0, raw);
  return {
    score: s,
    text: `实际完成值 ${q(actual, unit)} > 指标值 ${q(target, unit)}，${arithmetic(`得分 = (1 − (${fmt(actual, 4)} − ${fmt(target, 4)}) ÷ ${fmt(target, 4)}) × ${fmt(w)}`, s)}${raw < 0 ? '（不低于 0）' : ''}（超出指标值一倍及以上为 0 分）`,
  };
}

/** a target's number and unit for comparing: the number as written, in the unit as written */
export const sideOf = (kind: RuleKind): string => (kind === 'reverse' ? '反向指标（越小越好）' : '正向指标（越大越好）');
