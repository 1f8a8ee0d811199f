import { nameKey } from '../../targets/index.js';
import type { Rule } from '../types.js';

// The same indicator twice in one project counts one result twice.
export const rule: Rule = {
  id: 'indicator-duplicate',
  severity: 'warning',
  category: 'consistency',
  dimensions: ['relevance'], // 相关性 relevance: a repeated indicator adds nothing to the goal
  title: '同一项目内指标不重复',
  why: '同一指标在一个项目中重复出现，会在评分时重复计分，也说明指标设置不严谨。',
  *check({ projects }) {
    for (const { project: p, path } of projects) {
      const seen = new Map<string, number>();
      for (const [k, i] of p.indicators.entries()) {
        const key = nameKey(i.name);
        if (!key) continue;
        const first = seen.get(key);
        if (first === undefined) { seen.set(key, k); continue; }
        const a = p.indicators[first]!;
        yield { message: `指标“${i.name}”（第 ${i.seq ?? k + 1} 项）与第 ${a.seq ?? first + 1} 项“${a.name}”重复。`, suggestion: '删除重复的指标，或把两者改为衡量不同方面的指标。', path: `${path}.indicators[${k}]`, line: i.line };
      }
    }
  },
};
