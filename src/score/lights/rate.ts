// A rate, score or level (满意度 ≥ 90%, 合格率 100%, 考核 ≥ 90分): not pro-rated by time, compared as is —
// met → green; otherwise achievement (current ÷ target × 100) at or above the yellow line → yellow, else red.
import type { ParsedTarget } from '../../model/index.js';
import type { Actual } from '../actual.js';
import { fmt } from '../types.js';
import { lit, type LightContext, type LightRule } from './light.js';
import { currentIn } from './quantity.js';

export const rate: LightRule = {
  kind: 'rate',
  judge(target: ParsedTarget, current: Actual, ctx: LightContext) {
    const unit = target.unit ?? '';
    const c = currentIn(current, unit, 'rate');
    if ('light' in c) return c.light;
    const ranged = target.kind === 'range';
    const goal = ranged ? target.min ?? 0 : target.value ?? 0;
    const met = target.op === '>' ? c.value > goal : c.value >= goal;
    const what = ranged ? `区间 ${fmt(target.min ?? 0, 4)}–${fmt(target.max ?? 0, 4)}${unit}` : `指标值 ${target.raw}`;
    if (ranged && c.value > (target.max ?? Infinity)) {
      return lit('rate', 'yellow', `比率类指标（不按序时进度折算）：当前 ${fmt(c.value, 4)}${unit} 高于${what}的上限，黄灯${c.note}。`);
    }
    if (met) return lit('rate', 'green', `比率类指标（不按序时进度折算）：当前 ${fmt(c.value, 4)}${unit} 达到${what}，绿灯${c.note}。`, goal > 0 ? (c.value / goal) * 100 : undefined);
    const p = goal > 0 ? (c.value / goal) * 100 : 0;
    const y = ctx.config.lights.rate.yellow;
    return lit('rate', p >= y ? 'yellow' : 'red',
      `比率类指标（不按序时进度折算）：当前 ${fmt(c.value, 4)}${unit} 未达到${what}，完成程度 = ${fmt(c.value, 4)} ÷ ${fmt(goal, 4)} × 100 = ${fmt(p)}，${p >= y ? `不低于 ${y}，黄灯` : `低于 ${y}，红灯`}${c.note}。`, p);
  },
};
