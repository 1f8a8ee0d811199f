import type { Rule } from '../types.js';

// A target with nothing named to measure it against is not an indicator.
export const rule: Rule = {
  id: 'indicator-name-missing',
  severity: 'error',
  category: 'form',
  dimensions: ['completeness'], // 完整性 completeness: an indicator without a name is incomplete
  title: '三级指标名称不缺',
  why: '没有名称的指标说不清要衡量什么。',
  *check({ indicators }) {
    for (const { indicator: i, indicatorPath: path } of indicators) {
      if (i.name.trim() === '') yield { message: `第 ${i.seq ?? '?'} 项指标没有三级指标名称。`, suggestion: '写明该指标衡量的具体内容，如“培训人次”“设备验收合格率”。', path, line: i.line };
    }
  },
};
