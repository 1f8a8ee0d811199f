// 定性指标: the person judges; the score must fall in the band of the level entered — 达成 [80%, 100%] of
// w, 部分达成 [60%, 80%), 未达成 [0, 60%) by default. A score outside its band is refused with the range.
import type { ScoreConfig } from '../config.js';
import { ACHIEVEMENT_LABEL, fmt, pct, round2, type Achievement } from '../types.js';
import { failure, type IndicatorRule } from './rule.js';

/** the allowed score range for a level; the upper end of 部分达成 and 未达成 is open */
export function band(level: Achievement, w: number, c: ScoreConfig): { lo: number; hi: number; closed: boolean; text: string } {
  const { achieved, partial } = c.qualitative;
  const [a, b, closed] = level === 'achieved' ? [achieved, 1, true] : level === 'partial' ? [partial, achieved, false] : [0, partial, false];
  const lo = round2(a * w);
  const hi = round2(b * w);
  return { lo, hi, closed, text: `[${fmt(lo)}, ${fmt(hi)}${closed ? ']' : ')'}（${pct(a, 0)}–${pct(b, 0)} × ${fmt(w)}）` };
}

export const qualitative: IndicatorRule = {
  kind: 'qualitative',
  score(target, actual, ctx) {
    const w = ctx.weight;
    const unread = target.kind === 'unparsed' ? '指标值无法按数值读出，按定性指标由评价人打分；' : '';
    if (actual.kind !== 'level') {
      return failure('qualitative', w, actual.kind === 'error' && actual.error === '没有填写实际完成值'
        ? `${unread}定性指标请填写完成情况：达成、部分达成或未达成`
        : `${unread}定性指标（指标值 ${target.raw}）的实际完成情况应为 达成、部分达成 或 未达成，而不是“${actual.raw}”`);
    }
    const b = band(actual.level, w, ctx.config);
    const level = ACHIEVEMENT_LABEL[actual.level];
    const head = `定性指标（指标值 ${target.raw}）：${unread}完成情况为“${level}”，得分应在 ${b.text} 之间`;
    const s = ctx.entered;
    if (s === undefined || s === null) {
      return { score: null, max: w, rule: 'qualitative', explanation: `${head}，由评价人在此范围内打分。`, allowed: [b.lo, b.hi] };
    }
    const inside = s >= b.lo && (b.closed ? s <= b.hi : s < b.hi);
    if (!Number.isFinite(s) || !inside) {
      return { ...failure('qualitative', w, `“${level}”的得分应在 ${b.text} 之间，填写的 ${fmt(s, 4)} 分不在此范围内`, `${head}；填写的 ${fmt(s, 4)} 分不在此范围内，未采用。`), allowed: [b.lo, b.hi] };
    }
    return { score: round2(s), max: w, rule: 'qualitative', explanation: `${head}，评价人打分 ${fmt(s)} 分。`, allowed: [b.lo, b.hi] };
  },
};
