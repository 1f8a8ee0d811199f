import type { Target } from '../../model/index.js';
import type { Rule } from '../types.js';
import { indicatorRef, quote } from '../classify.js';

// The annual target is a step toward the period target: the same kind of measure, and not more than it.
const base = (t: Target): { value: number; unit: string } | null =>
  t.kind === 'numeric' && t.value !== undefined ? (t.normalized ?? { value: t.value, unit: t.unit ?? '' }) : null;

export const rule: Rule = {
  id: 'period-annual',
  severity: 'warning',
  category: 'consistency',
  dimensions: ['feasibility'], // 可行性 feasibility: a year's target above the whole period's cannot be met as planned
  title: '年度指标值与实施周期指标值一致',
  why: '年度指标值是实施周期目标的年度分解，应与之同类、可比，数量类年度目标不应超过整个实施周期的目标。',
  *check({ indicators }) {
    for (const { indicator: i, indicatorIndex: k, indicatorPath: path } of indicators) {
      const p = i.period;
      const a = i.annual;
      if (p.kind === 'empty' || a.kind === 'empty' || p.kind === undefined || a.kind === undefined) continue;
      const quantified = (k: string) => k === 'numeric' || k === 'range' || k === 'deadline' || k === 'compound';
      if (quantified(p.kind) !== quantified(a.kind)) {
        yield { message: `${indicatorRef(i, k)}的实施周期指标值${quote(p.raw)}与年度指标值${quote(a.raw)}类型不同（一为量化、一为定性）。`, suggestion: '两者应采用同一衡量方式；年度值写成实施周期目标在本年度的分解。', path, line: i.line };
        continue;
      }
      const pb = base(p);
      const ab = base(a);
      if (!pb || !ab || pb.unit !== ab.unit || pb.unit === '%' || pb.unit === '‰') continue;
      // only a count (≥, =) can be compared this way: 年度 ≥600 人 against 周期 ≥1000 人 is fine, ≥1200 is not
      if ((a.op === '>=' || a.op === '=' || a.op === '>') && (p.op === '>=' || p.op === '=' || p.op === '>') && ab.value > pb.value) {
        yield { message: `${indicatorRef(i, k)}的年度指标值${quote(a.raw)}大于实施周期指标值${quote(p.raw)}。`, suggestion: '年度目标是实施周期目标的一部分，核对两者是否填反或单位不一致。', path, line: i.line };
      }
    }
  },
};
