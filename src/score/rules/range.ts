// 区间指标 (4-8个团组): inside → w; below → as positive on the lower bound; above → as reverse on the upper.
import { positivePart, reversePart } from './quantity.js';
import { q, result, type IndicatorRule } from './rule.js';
import { actualInTargetUnit } from './read.js';
import { fmt } from '../types.js';

export const range: IndicatorRule = {
  kind: 'range',
  score(target, actual, ctx) {
    const w = ctx.weight;
    const v = actualInTargetUnit(actual, target, 'range', w);
    if ('error' in v) return v.error;
    const unit = v.unit;
    const min = target.min ?? 0;
    const max = target.max ?? 0;
    const head = `区间指标（指标值 ${target.raw}，即 ${q(min, unit)} 至 ${q(max, unit)}）：`;
    if (v.value >= min && v.value <= max) return result('range', w, w, `${head}实际完成值 ${q(v.value, unit)} 在区间内，得满分 ${fmt(w)} 分${v.note}。`);
    if (v.value < min) {
      const p = positivePart(v.value, min, unit, w);
      return result('range', w, p.score, `${head}低于下限，按正向指标以下限计：${p.text}${v.note}。`, p.ratio);
    }
    const p = reversePart(v.value, max, unit, w, ctx.config);
    return result('range', w, p.score, `${head}高于上限，按反向指标以上限计：${p.text}${v.note}。`);
  },
};
