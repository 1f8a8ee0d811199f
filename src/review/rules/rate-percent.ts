import type { Rule } from '../types.js';
import { isRateName, quote } from '../classify.js';

// A rate is a share: expressed in %, and never above 100%.
export const rule: Rule = {
  id: 'rate-percent',
  severity: 'error',
  category: 'measurability',
  dimensions: ['relevance', 'feasibility'], // 相关性 relevance: a rate not given as a share is not 量化; 可行性 feasibility: a share above 100% cannot be met
  title: '以“率”命名的指标用百分比且不超过 100%',
  why: '“××率”是比例，目标值应以百分比表示；超过 100% 的比例目标在计算上不成立。',
  *check({ indicators }) {
    for (const { indicator: i, indicatorPath: path } of indicators) {
      if (!isRateName(i.name)) continue;
      for (const [label, t] of [['实施周期', i.period], ['年度', i.annual]] as const) {
        if (t.kind !== 'numeric') continue;
        if (t.unit === '%' && (t.value ?? 0) > 100) {
          yield { message: `指标“${i.name}”的${label}目标值${quote(t.raw)}超过 100%。`, suggestion: '比例不能超过 100%；核对是否录入错误，或改用增长幅度等其他表述。', path, line: i.line };
          break;
        }
        if (t.unit !== '%' && t.unit !== '‰' && t.value !== 0) {
          yield { message: `指标“${i.name}”以“率”命名，但${label}目标值${quote(t.raw)}不是百分比。`, suggestion: '以百分比表示比例（如“≥95%”），或把指标名改为数量（如“完成数量”）。', path, line: i.line, severity: 'warning' };
          break;
        }
      }
    }
  },
};
