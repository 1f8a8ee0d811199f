// 反向指标 (≤, <; and a target of exactly 0 such as 零故障): actual ≤ target → w; otherwise
// (1 − (actual − target) ÷ target) × w, 0 at twice the target, or target ÷ actual × w by configuration.
import { reversePart } from './quantity.js';
import { result, type IndicatorRule } from './rule.js';
import { actualInTargetUnit } from './read.js';

export const reverse: IndicatorRule = {
  kind: 'reverse',
  score(target, actual, ctx) {
    const w = ctx.weight;
    const v = actualInTargetUnit(actual, target, 'reverse', w);
    if ('error' in v) return v.error;
    const unit = v.unit;
    const p = reversePart(v.value, target.value ?? 0, unit, w, ctx.config);
    return result('reverse', w, p.score, `反向指标（指标值 ${target.raw}）：${p.text}${v.note}。`);
  },
};
