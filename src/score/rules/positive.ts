// 正向指标 (≥, >, =, ≈, or no operator): actual ≥ target → w, otherwise actual ÷ target × w.
import { positivePart } from './quantity.js';
import { result, type IndicatorRule } from './rule.js';
import { actualInTargetUnit } from './read.js';

export const positive: IndicatorRule = {
  kind: 'positive',
  score(target, actual, ctx) {
    const w = ctx.weight;
    const v = actualInTargetUnit(actual, target, 'positive', w);
    if ('error' in v) return v.error;
    const unit = v.unit;
    const p = positivePart(v.value, target.value ?? 0, unit, w);
    return result('positive', w, p.score, `正向指标（指标值 ${target.raw}）：${p.text}${v.note}。`, p.ratio);
  },
};
