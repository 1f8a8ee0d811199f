import type { Rule } from '../types.js';
import { expectsNumber, indicatorRef, quote } from '../classify.js';

// 有效提升, 持续扩大, 较强, 是: a target no actual can be held against.
export const rule: Rule = {
  id: 'target-qualitative',
  severity: 'warning',
  category: 'measurability',
  dimensions: ['relevance'], // 相关性 relevance: 88号 asks under 相关性 that indicators be 细化、量化
  title: '应量化的指标值已量化',
  why: '产出、满意度和以率、数量命名的指标应给出数值目标，“有效提升”“较强”之类无法在自评时判断是否达成。',
  *check({ indicators }) {
    for (const { indicator: i, indicatorIndex: k, indicatorPath: path } of indicators) {
      if (!expectsNumber(i)) continue;
      const t = i.annual.kind === 'empty' ? i.period : i.annual;
      if (t.kind !== 'qualitative') continue;
      yield { message: `${indicatorRef(i, k)}的目标值${quote(t.raw)}是定性描述，无法衡量是否达成。`, suggestion: '改为可核验的数值或比例，如“≥90%”“不少于 2 次”“2024年11月前完成”。', path, line: i.line };
    }
  },
};
