import type { Rule } from '../types.js';

// Indicators written as prose cannot be monitored one by one.
export const rule: Rule = {
  id: 'indicators-prose',
  severity: 'warning',
  category: 'form',
  dimensions: ['completeness'], // 完整性 completeness: indicators not given item by item
  title: '绩效指标按规定格式填写',
  why: '不按“一级；二级；指标名称；指标值”分项填写的指标无法逐项监控和评分。',
  *check({ projects }) {
    for (const { project: p, path } of projects) {
      if (p.indicatorsText) yield { message: `项目的绩效指标（或其中一部分）以自由文字书写：${p.indicatorsText.length > 40 ? `${p.indicatorsText.slice(0, 40)}…` : p.indicatorsText}`, suggestion: '按“序号、一级指标；二级指标；三级指标；实施周期指标值；年度指标值”逐项改写。', path, line: p.line };
    }
  },
};
