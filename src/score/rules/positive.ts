// 正向指标 (≥, >, =, ≈, or no operator): actual ≥ target → w, otherwise actual ÷ target × w.
import { inTargetUnit } from '../actual.js';
import { positivePart } from './quantity.js';
import { failure, result, type IndicatorRule } from './rule.js';
import { quantityActual } from './read.js';

export const positive: IndicatorRule = {
  kind: 'positive',
  score(target, actual, ctx) {
    const w = ctx.weight;
    const a = quantityActual(actual, 'positive', w);
    if ('error' in a) return a.error;
    const unit = target.unit ?? '';
    const v = inTargetUnit(a, unit);
    if ('error' in v) return failure('positive', w, v.error);
    const p = positivePart(v.value, target.value ?? 0, unit, w);
    return result('positive', w, p.score, `正向指标（指标值 ${target.raw}）：${p.text}${v.note}。`, p.ratio);
  },
};
