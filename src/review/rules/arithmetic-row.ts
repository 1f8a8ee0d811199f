import { reconcile } from '../../ingest/funding/reconcile.js';
import type { Rule } from '../types.js';

// A row whose sources do not add up to its total cannot be executed as published.
export const rule: Rule = {
  id: 'arithmetic-row',
  severity: 'error',
  category: 'arithmetic',
  dimensions: ['feasibility'], // 可行性 feasibility: sources that do not add up mean the budget was not worked out (合理测算)
  title: '资金来源之和等于总计',
  why: '财政拨款、财政专户拨款与其他资金之和必须等于总计，否则预算无法按表执行。',
  *check({ doc }) {
    for (const d of reconcile(doc).diagnostics) {
      if (d.code !== 'sources-mismatch') continue;
      yield { message: d.message, suggestion: '核对该行各资金来源金额与总计，更正录入错误或补上遗漏的来源。', path: d.path ?? '', line: d.line };
    }
  },
};
