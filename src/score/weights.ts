// 绩效自评 weights: 产出 50, 效益 30, 满意度 10 (预算执行率 10) by default; within a category its points are
// split equally over its indicators unless the unit sets them, and set weights must add up to the
// category's points. Where 成本 is a level-1 category of its own its points come out of 产出's. Every
// category's `weighting` says how its weights were set.
import type { DimensionRole } from '../model/index.js';
import { ROLE_NAME } from './categories.js';
import type { ScoreConfig } from './config.js';
import { fmt } from './types.js';

export interface Weighted { readonly weight: number; readonly set: 'unit' | 'equal' }
export interface CategoryPoints { readonly role: DimensionRole; readonly name: string; readonly points: number; readonly indicators: number; readonly weighting: string }

const ORDER: readonly DimensionRole[] = ['output', 'cost', 'benefit', 'satisfaction'];

export function assignWeights(items: readonly { readonly role: DimensionRole; readonly weight?: number | undefined }[], config: ScoreConfig):
  { weights: Weighted[]; categories: CategoryPoints[]; errors: string[] } {
  const count = (r: DimensionRole) => items.filter((i) => i.role === r).length;
  const notes: Partial<Record<DimensionRole, string>> = {};
  const points: Record<DimensionRole, number> = { output: config.points.output, cost: 0, benefit: config.points.benefit, satisfaction: config.points.satisfaction };
  if (count('cost') > 0) {
    const pool = config.points.output;
    if (config.costPoints === 'share') {
      const n = count('output') + count('cost');
      points.cost = cents((pool * count('cost')) / n);
      points.output = pool - points.cost;
      notes.cost = `成本指标为单独的一级指标，与产出指标共用产出的 ${fmt(pool)} 分，按指标个数分配：${fmt(pool)} × ${count('cost')}/${n} = ${fmt(points.cost)} 分`;
    } else {
      points.cost = config.costPoints;
      points.output = pool - config.costPoints;
      notes.cost = `成本指标为单独的一级指标，按配置从产出的 ${fmt(pool)} 分中划出 ${fmt(config.costPoints)} 分`;
    }
    notes.output = `产出指标 ${fmt(pool)} 分中 ${fmt(points.cost)} 分划归成本指标，余 ${fmt(points.output)} 分`;
  }
  // a category without indicators: its points go to the others in proportion, or are lost
  const empty = ORDER.filter((r) => count(r) === 0 && points[r] > 0);
  const full = ORDER.filter((r) => count(r) > 0);
  const extra: string[] = [];
  if (empty.length && full.length && config.emptyCategory === 'redistribute') {
    const moved = empty.reduce((a, r) => a + points[r], 0);
    const base = full.reduce((a, r) => a + points[r], 0);
    const shares = split(moved, full.map((r) => (base > 0 ? points[r] / base : 1 / full.length)));
    full.forEach((r, k) => { points[r] = cents(points[r] + shares[k]!); });
    extra.push(`${empty.map((r) => ROLE_NAME[r]).join('、')}没有指标，其 ${fmt(moved)} 分按比例并入其他一级指标`);
    for (const r of empty) points[r] = 0;
  } else if (empty.length) {
    extra.push(`${empty.map((r) => ROLE_NAME[r]).join('、')}没有指标，其分值不计（满分相应减少）`);
    for (const r of empty) points[r] = 0;
  }

  const weights: Weighted[] = items.map(() => ({ weight: 0, set: 'equal' }));
  const errors: string[] = [];
  const categories: CategoryPoints[] = [];
  for (const r of full) {
    const idx = items.flatMap((it, i) => (it.role === r ? [i] : []));
    const given = idx.filter((i) => items[i]!.weight !== undefined);
    const sum = given.reduce((a, i) => a + items[i]!.weight!, 0);
    const rest = idx.length - given.length;
    const P = points[r];
    let how: string;
    if (rest === 0) {
      if (Math.abs(sum - P) > 0.005) errors.push(`${ROLE_NAME[r]}的分值由单位设定，合计 ${fmt(sum)} 分，应为 ${fmt(P)} 分`);
      for (const i of idx) weights[i] = { weight: items[i]!.weight!, set: 'unit' };
      how = `${idx.length} 项指标的分值均由单位设定，合计 ${fmt(sum)} 分`;
    } else if (sum > P + 0.005) {
      errors.push(`${ROLE_NAME[r]}中由单位设定的分值合计 ${fmt(sum)} 分，已超过该类的 ${fmt(P)} 分`);
      for (const i of idx) weights[i] = { weight: items[i]!.weight ?? 0, set: items[i]!.weight === undefined ? 'equal' : 'unit' };
      how = `单位设定的分值超出该类分值`;
    } else {
      const each = (P - sum) / rest;
      // shares in cents that add up exactly (16.67 + 16.67 + 16.66), so a project that meets every target scores the full points
      const shares = split(P - sum, Array.from({ length: rest }, () => 1 / rest));
      let k = 0;
      for (const i of idx) weights[i] = items[i]!.weight === undefined ? { weight: shares[k++]!, set: 'equal' } : { weight: items[i]!.weight!, set: 'unit' };
      const per = shares.every((x) => x === shares[0]) ? `每项 ${fmt(shares[0]!)} 分` : `每项约 ${fmt(each)} 分（取到分：${shares.map((x) => fmt(x)).join('、')}）`;
      how = given.length
        ? `${given.length} 项由单位设定（合计 ${fmt(sum)} 分），其余 ${rest} 项平分余下的 ${fmt(P - sum)} 分，${per}`
        : `${fmt(P)} 分由 ${rest} 项指标平分，${per}`;
    }
    categories.push({ role: r, name: ROLE_NAME[r], points: P, indicators: idx.length, weighting: [notes[r], how, ...(r === full[0] ? extra : [])].filter(Boolean).join('；') });
  }
  return { weights, categories, errors };
}

const cents = (x: number): number => Math.round(x * 100) / 100;

/** `total` split by `fractions` into amounts in cents that add up to it exactly (largest remainder first) */
export function split(total: number, fractions: readonly number[]): number[] {
  const t = Math.round(total * 100);
  const exact = fractions.map((f) => t * f);
  const out = exact.map((x) => Math.floor(x + 1e-9));
  let left = t - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x + 1e-9), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) { if (left <= 0) break; out[i]!++; left--; }
  return out.map((c) => c / 100);
}
