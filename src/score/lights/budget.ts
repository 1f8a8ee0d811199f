// Budget: 执行率 ÷ 序时进度 (month/12) × 100; below 60 red, below 80 yellow, else green.
import type { ScoreConfig } from '../config.js';
import { fmt, pct, type Light } from '../types.js';
import { lit, unlit } from './light.js';

export interface BudgetLightRule {
  readonly kind: 'budget';
  judge(money: { readonly budget: number; readonly spent: number }, month: number, config: ScoreConfig): Light;
}

export const budget: BudgetLightRule = {
  kind: 'budget',
  judge(money, month, config) {
    if (!(money.budget > 0)) return unlit('budget', `预算数为 ${fmt(money.budget)}，无法计算执行率`);
    const rate = money.spent / money.budget;
    const p = (rate / (month / 12)) * 100;
    const t = config.lights.budget;
    const colour = p < t.red ? 'red' : p < t.yellow ? 'yellow' : 'green';
    const band = colour === 'red' ? `低于 ${t.red}，红灯` : colour === 'yellow' ? `在 ${t.red}–${t.yellow} 之间，黄灯` : `不低于 ${t.yellow}，绿灯`;
    return lit('budget', colour,
      `预算执行：执行率 = 累计支出 ${fmt(money.spent, 4)} ÷ 调整后预算 ${fmt(money.budget, 4)} = ${pct(rate)}；序时进度 = ${month}/12 = ${pct(month / 12)}；执行进度 = ${pct(rate)} ÷ ${pct(month / 12)} × 100 = ${fmt(p)}，${band}。`, p);
  },
};
