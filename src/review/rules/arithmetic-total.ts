import { reconcile } from '../../ingest/funding/reconcile.js';
import type { Rule } from '../types.js';

// 合计 is the sum of the units; a gap means the table is incomplete or a unit row is wrong.
export const rule: Rule = {
  id: 'arithmetic-total',
  severity: 'error',
  category: 'arithmetic',
  dimensions: ['feasibility'], // 可行性 feasibility: a 合计 that is not the sum of the units was not worked out
  title: '合计等于各单位之和',
  why: '合计行是各资金使用单位的合计，差额意味着表不完整或单位行有误。',
  *check({ doc }) {
    for (const d of reconcile(doc).diagnostics) {
      if (d.code !== 'sum-mismatch' || d.path !== 'total') continue;
      yield { message: d.message, suggestion: '核对合计行与各单位行，查明差额来源后更正。', path: 'total', line: d.line };
    }
  },
};
