// 预算执行率: 执行率 (全年执行数 ÷ 全年预算数) × the budget points (10), the rate capped at 100% by default.
import type { ScoreConfig } from '../config.js';
import { fmt, pct, round2, type IndicatorScore } from '../types.js';

export interface BudgetFigures {
  /** 全年预算数 (adjusted budget) */
  readonly annual: number;
  /** 全年执行数 */
  readonly executed: number;
}

export interface BudgetRule {
  readonly kind: 'budget';
  score(b: BudgetFigures, config: ScoreConfig): IndicatorScore & { readonly rate: number | null };
}

export const budget: BudgetRule = {
  kind: 'budget',
  score(b, config) {
    const w = config.points.budget;
    if (!(b.annual > 0)) {
      return { score: 0, max: w, rule: 'budget', rate: null, explanation: `预算执行率：全年预算数为 ${fmt(b.annual)}，无法计算执行率，得 0 分。` };
    }
    const rate = b.executed / b.annual;
    const capped = Math.min(Math.max(rate, 0), config.budgetCap);
    const s = round2(capped * w);
    const cap = rate > config.budgetCap ? `（执行率超过 ${pct(config.budgetCap, 0)}，按 ${pct(config.budgetCap, 0)} 计）` : '';
    return {
      score: s, max: w, rule: 'budget', rate,
      explanation: `预算执行率：执行率 = 全年执行数 ${fmt(b.executed, 4)} ÷ 全年预算数 ${fmt(b.annual, 4)} = ${pct(rate)}${cap}，得分 = ${pct(capped)} × ${fmt(w)} = ${fmt(s)} 分。`,
    };
  },
};
