// A count that accumulates over the year (培训人次 ≥ 500人次): 当前完成值 ÷ (年度指标值 × month/12) × 100;
// below 60 red, below 80 yellow, below 120 green, 120 or more blue (over-achieving: the target may be too low).
import type { ParsedTarget } from '../../model/index.js';
import { fmt } from '../types.js';
import { currentIn } from './quantity.js';
import { lit, type LightRule, type LightContext } from './light.js';
import type { Actual } from '../actual.js';

export const cumulative: LightRule = {
  kind: 'cumulative',
  judge(target: ParsedTarget, current: Actual, ctx: LightContext) {
    const unit = target.unit ?? '';
    const goal = target.kind === 'range' ? target.min ?? 0 : target.value ?? 0;
    const c = currentIn(current, unit, 'cumulative');
    if ('light' in c) return c.light;
    const t = ctx.config.lights.cumulative;
    const expected = goal * (ctx.month / 12);
    const of = target.kind === 'range' ? `区间下限 ${fmt(goal, 4)}${unit}` : `年度指标值 ${fmt(goal, 4)}${unit}`;
    if (!(expected > 0)) return lit('cumulative', 'green', `累计类指标：${of}为 0，当前完成值 ${fmt(c.value, 4)}${unit}，绿灯。`);
    const p = (c.value / expected) * 100;
    const colour = p < t.red ? 'red' : p < t.yellow ? 'yellow' : p < t.blue ? 'green' : 'blue';
    const band = colour === 'red' ? `低于 ${t.red}` : colour === 'yellow' ? `在 ${t.red}–${t.yellow} 之间` : colour === 'green' ? `在 ${t.yellow}–${t.blue} 之间` : `达到 ${t.blue} 及以上（超额较多，指标值可能定得偏低）`;
    return lit('cumulative', colour,
      `累计类指标，按序时进度计：完成进度 = 当前完成值 ${fmt(c.value, 4)}${unit} ÷ (${of} × ${ctx.month}/12) × 100 = ${fmt(p)}，${band}${c.note}。`, p);
  },
};
