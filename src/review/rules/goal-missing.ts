import type { Rule } from '../types.js';

// The goal is what the indicators are meant to measure; without it they measure nothing in particular.
export const rule: Rule = {
  id: 'goal-missing',
  severity: 'error',
  category: 'form',
  dimensions: ['completeness'], // 完整性 completeness: no goal at all
  title: '绩效目标不缺',
  why: '绩效目标说明项目要达到的产出和效果，是设置指标的依据。',
  *check({ projects }) {
    for (const { project: p, path } of projects) {
      if (/^[\s\-—/。.]*$/.test(p.goal)) yield { message: `项目“${p.name}”没有填写绩效目标。`, suggestion: '用一两句话写明项目在预算年度内要完成的产出和达到的效果，尽量量化。', path, line: p.line };
    }
  },
};
