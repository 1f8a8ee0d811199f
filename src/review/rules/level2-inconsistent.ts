import { LEVEL2 } from '../../model/index.js';
import { nameKey } from '../../targets/index.js';
import type { Rule } from '../types.js';

// The same indicator filed under 质量 in one project and 数量 in another is summarised twice wrongly.
export const rule: Rule = {
  id: 'level2-inconsistent',
  severity: 'info',
  category: 'consistency',
  dimensions: ['relevance'], // 相关性 relevance: one indicator filed under two level-2 categories
  title: '同名指标归类一致',
  why: '同一张表中同名指标归入不同的二级指标，汇总分析时会被分散统计。',
  *check({ indicators }) {
    const byKey = new Map<string, Map<string, number>>();
    for (const { indicator: i } of indicators) {
      const key = nameKey(i.name);
      if (!key || !i.level2.code) continue;
      const m = byKey.get(key) ?? new Map<string, number>();
      m.set(i.level2.code, (m.get(i.level2.code) ?? 0) + 1);
      byKey.set(key, m);
    }
    for (const { indicator: i, indicatorPath: path } of indicators) {
      const m = byKey.get(nameKey(i.name));
      if (!m || m.size < 2 || !i.level2.code) continue;
      const usual = [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;
      if (usual[0] === i.level2.code || usual[1] === m.get(i.level2.code)) continue;
      yield { message: `指标“${i.name}”在本表其他项目中 ${usual[1]} 次归入“${usual[0]}-${LEVEL2[usual[0]] ?? ''}”，此处归入“${i.level2.code}-${LEVEL2[i.level2.code] ?? ''}”。`, suggestion: '统一同名指标的归类，或在名称上区分两者衡量的不同内容。', path, line: i.line };
    }
  },
};
