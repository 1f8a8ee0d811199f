import { reconcile } from '../../ingest/funding/reconcile.js';
import type { Rule } from '../types.js';

// A unit's row is the sum of its projects; a gap means a project is missing or an amount is wrong.
export const rule: Rule = {
  id: 'arithmetic-unit',
  severity: 'error',
  category: 'arithmetic',
  dimensions: ['feasibility'], // 可行性 feasibility: a unit that is not the sum of its projects was not worked out
  title: '单位金额等于所属项目之和',
  why: '资金使用单位行是其项目的合计，差额意味着漏列项目或金额有误。',
  *check({ doc }) {
    for (const d of reconcile(doc).diagnostics) {
      if (d.code !== 'sum-mismatch' || !d.path?.startsWith('units[')) continue;
      yield { message: d.message, suggestion: '逐项核对该单位下的项目金额，查明差额来自漏列的项目还是录入错误，并更正单位行或项目行。', path: d.path, line: d.line };
    }
  },
};
