import type { Rule } from '../types.js';
import { isSatisfaction, quote } from '../classify.js';

// 满意度 is measured by survey as a share of those asked.
export const rule: Rule = {
  id: 'satisfaction-percent',
  severity: 'warning',
  category: 'measurability',
  dimensions: ['relevance'], // 相关性 relevance: the indicator does not measure the 满意度 it is filed under
  title: '满意度指标以百分比表示',
  why: '服务对象满意度一般通过问卷调查取得，目标值应为满意比例（如“≥90%”）；投诉次数等不是满意度。',
  *check({ indicators }) {
    for (const { indicator: i, indicatorPath: path } of indicators) {
      if (!isSatisfaction(i)) continue;
      const t = i.annual.kind === 'empty' ? i.period : i.annual;
      const percent = t.unit === '%' || t.parts?.every((p) => p.unit === '%');
      if (percent || t.kind === 'empty') continue;
      yield { message: `满意度指标“${i.name}”的目标值${quote(t.raw)}不是百分比。`, suggestion: '以调查满意率表示，如“服务对象满意度≥90%”；“投诉次数”一类宜改列为效益或质量指标。', path, line: i.line };
    }
  },
};
