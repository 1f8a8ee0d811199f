import type { Rule } from '../types.js';
import { indicatorRef } from '../classify.js';

// An indicator without a target value cannot be monitored or scored.
export const rule: Rule = {
  id: 'target-missing',
  severity: 'error',
  category: 'form',
  dimensions: ['completeness'], // 完整性 completeness: an indicator without its target value is incomplete
  title: '实施周期与年度指标值齐全',
  why: '缺少指标值的指标无法监控，也无法在年终自评中打分。',
  *check({ indicators }) {
    for (const { indicator: i, indicatorIndex: k, indicatorPath: path } of indicators) {
      // `-`, `—`, `/` stand for nothing, as the target grammar reads them
      const empty = (t: typeof i.period) => t.kind === 'empty' || /^[\s\-—/]*$/.test(t.raw);
      const missing = [empty(i.period) ? '实施周期指标值' : null, empty(i.annual) ? '年度指标值' : null].filter(Boolean);
      if (missing.length) yield { message: `${indicatorRef(i, k)}缺少${missing.join('和')}。`, suggestion: '补填指标值；单年项目的实施周期指标值与年度指标值通常相同。', path, line: i.line };
    }
  },
};
