import type { Rule } from '../types.js';
import { indicatorRef, isRatioName, unitInName } from '../classify.js';

// `≥1000` — a thousand of what?
export const rule: Rule = {
  id: 'target-unit-missing',
  severity: 'warning',
  category: 'measurability',
  dimensions: ['relevance'], // 相关性 relevance: a number without a unit is not 细化 to something countable
  title: '数值指标值带计量单位',
  why: '没有计量单位的数值（如“≥1000”）无法判断是人、次还是元，监控和自评时容易误读。',
  *check({ indicators }) {
    for (const { indicator: i, indicatorIndex: k, indicatorPath: path } of indicators) {
      const t = i.annual.kind === 'numeric' ? i.annual : i.period;
      if (t.kind !== 'numeric' || t.unit !== '' || t.value === 0) continue;
      if (unitInName(i.name) || isRatioName(i.name)) continue; // 改善排污面积（亩）: the unit is in the name; 生师比 has none
      yield { message: `${indicatorRef(i, k)}的目标值“${t.raw}”只有数字，没有计量单位。`, suggestion: '在指标值中写明单位（如“≥1000人次”），或在指标名称后注明，如“服务人数（人）”。', path, line: i.line };
    }
  },
};
