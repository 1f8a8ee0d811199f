import type { Rule } from '../types.js';

// Numbering that skips usually means indicators were lost when the table was edited.
export const rule: Rule = {
  id: 'indicator-numbering',
  severity: 'warning',
  category: 'form',
  dimensions: ['completeness'], // 完整性 completeness: skipped or repeated numbers mean indicators lost or doubled
  title: '指标序号连续',
  why: '序号跳号或重复，往往说明编辑时丢失或重复了指标。',
  *check({ projects }) {
    for (const { project: p, path } of projects) {
      const seqs = p.indicators.map((i) => i.seq);
      const bad = seqs.findIndex((s, k) => s !== k + 1);
      if (bad < 0) continue;
      const expected = seqs.map((_, k) => k + 1).join('、');
      yield {
        message: `项目的指标序号为 ${seqs.map((s) => s ?? '?').join('、')}，应为 ${expected}（第 ${bad + 1} 项起不连续）。`,
        suggestion: '检查是否有指标在编辑中遗漏或重复，补齐后重新编号。',
        path: `${path}.indicators[${bad}]`,
        line: p.indicators[bad]?.line,
      };
    }
  },
};
