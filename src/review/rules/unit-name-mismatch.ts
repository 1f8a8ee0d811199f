import type { Rule } from '../types.js';
import { isCountName, quote, TIME_UNITS } from '../classify.js';

// 日均接入量 ≤10ms: a count measured in milliseconds is a different indicator than the name says.
export const rule: Rule = {
  id: 'unit-name-mismatch',
  severity: 'warning',
  category: 'consistency',
  dimensions: ['relevance'], // 相关性 relevance: the target does not measure what the name says
  title: '指标值单位与指标名称相符',
  why: '单位与名称矛盾（如“日均接入量”以毫秒计）说明名称或指标值填错，自评时无法对照。',
  *check({ indicators }) {
    for (const { indicator: i, indicatorPath: path } of indicators) {
      const t = i.annual.kind === 'numeric' ? i.annual : i.period;
      if (t.kind !== 'numeric' || !t.unit) continue;
      const unit = t.unit.replace(/\/.*$/, '');
      const timeName = /(时间|时长|用时|耗时|时限|周期)$/.test(i.name.replace(/[（(].*$/, ''));
      if (isCountName(i.name) && TIME_UNITS.has(unit) && !/(天数|时数|日数|课时|学时|时长|年限)/.test(i.name)) {
        yield { message: `指标“${i.name}”是数量，但目标值${quote(t.raw)}以时间单位“${t.unit}”计。`, suggestion: '核对指标名称与指标值是否对应：衡量响应时间应改名为“响应时间”，衡量接入量应给出数量目标。', path, line: i.line };
      } else if (timeName && !TIME_UNITS.has(unit) && unit !== '%') {
        yield { message: `指标“${i.name}”是时间，但目标值${quote(t.raw)}以“${t.unit}”计。`, suggestion: '以时间单位（小时、天、月）表示时限，或改写指标名称。', path, line: i.line };
      }
    }
  },
};
