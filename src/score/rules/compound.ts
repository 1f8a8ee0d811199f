// 复合指标 (教师获奖≥4项 学生获奖≥10项; 论文2篇或课题2项): each part scored with the full weight against
// its own actual, then combined as the target joins them — and: the mean; or: the best.
import type { ParsedTarget } from '../../model/index.js';
import type { Actual } from '../actual.js';
import { fmt, round2, type IndicatorScore } from '../types.js';
import { failure, result, type IndicatorRule } from './rule.js';
import { scoreParsed } from '../indicator.js';

export const compound: IndicatorRule = {
  kind: 'compound',
  score(target, actual, ctx) {
    const w = ctx.weight;
    const parts = (target.parts ?? []) as readonly ParsedTarget[];
    const or = target.joiner === 'or';
    const joinText = or ? '或' : '且';
    let scored: IndicatorScore[];
    let skipped: string[] = [];
    if (actual.kind === 'error') return failure('compound', w, actual.error);
    if (actual.kind === 'parts' && actual.parts.length === parts.length) {
      scored = parts.map((p, i) => scoreParsed(p, actual.parts[i]!, { ...ctx, entered: null }));
    } else if (actual.kind !== 'parts' && or) {
      // one actual for alternatives: it counts for the parts it can be compared with
      const tried = parts.map((p) => scoreParsed(p, actual, { ...ctx, entered: null }));
      scored = tried.filter((s) => s.score !== null);
      skipped = tried.flatMap((s, i) => (s.score === null ? [`“${parts[i]!.raw}”不适用（${s.error ?? ''}）`] : []));
      if (scored.length === 0) return failure('compound', w, `复合指标（${target.raw}）的 ${parts.length} 项都无法与实际完成值“${actual.raw}”比较：${tried.map((s) => s.error).join('；')}`);
    } else {
      return failure('compound', w, `复合指标（${target.raw}）有 ${parts.length} 项（${joinText}），实际完成值应逐项填写 ${parts.length} 个（用“；”分隔，或写成数组），现为“${actual.raw}”`);
    }
    const missing = scored.find((s) => s.score === null);
    const lines = scored.map((s, i) => `（${i + 1}）${s.explanation}`).join('') + (skipped.length ? `${skipped.join('；')}。` : '');
    if (missing) return failure('compound', w, `复合指标的第 ${scored.indexOf(missing) + 1} 项无法评分：${missing.error ?? missing.explanation}`);
    const values = scored.map((s) => s.score!);
    const ratios = scored.map((s) => s.ratio).filter((r): r is number => r !== undefined);
    if (or) {
      const best = Math.max(...values);
      return result('compound', w, best, `复合指标（${target.raw}，各项满足其一即可，取最高）：每项按满分 ${fmt(w)} 分计，${lines}得分 = max(${values.map((v) => fmt(v)).join(', ')}) = ${fmt(best)} 分。`, ratios.length ? Math.max(...ratios) : undefined);
    }
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    return result('compound', w, mean, `复合指标（${target.raw}，各项均须满足，取平均）：每项按满分 ${fmt(w)} 分计，${lines}得分 = (${values.map((v) => fmt(v)).join(' + ')}) ÷ ${values.length} = ${fmt(round2(mean))} 分。`, ratios.length ? Math.min(...ratios) : undefined);
  },
};

export type { Actual };
