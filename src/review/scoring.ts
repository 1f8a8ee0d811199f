// How the review score is made, as data: each 88号 dimension's share of the 100 points, what a finding
// costs in a dimension it bears on, and how often one rule counts. Overridable under `scoring:` in the
// review config file (config.ts), checked by the schema below.
import { z } from 'zod';
import type { Severity } from '../model/index.js';
import type { DimensionId } from './types.js';

export interface Scoring {
  /** points per dimension; they add up to 100 */
  readonly weights: Readonly<Record<DimensionId, number>>;
  /** the share of a dimension's points one finding of each severity costs there */
  readonly deductions: Readonly<Record<Severity, number>>;
  /** one rule counts at most this many times per project and dimension, so one systematic fault cannot empty a score */
  readonly maxPerRule: number;
}

export const DEFAULT_SCORING: Scoring = {
  // 完整性 and 相关性 (which in 88号 includes 指标细化、量化) are read directly off the published table, so
  // they carry most of the weight. 适当性 (资金规模 against targets) and 可行性 (合理测算, 如期实现) rest on
  // the budget's workings and 论证, which the table does not include; what a text review sees of them is
  // indirect (sums, targets against scale and against like projects), so they weigh less.
  weights: { completeness: 30, relevance: 30, appropriateness: 20, feasibility: 20 },
  // an error halves the dimension (15 of 完整性's 30, as the old flat 15 points per error); a warning a
  // fifth; an info a twentieth
  deductions: { error: 0.5, warning: 0.2, info: 0.05 },
  maxPerRule: 3,
};

/** A project that cannot be monitored scores at most this: the top of 中. */
export const GATE_CAP = 79.9;

const share = z.number().min(0).max(1);
export const scoringSchema = z.strictObject({
  weights: z.strictObject({
    completeness: z.number().min(0).optional(),
    relevance: z.number().min(0).optional(),
    appropriateness: z.number().min(0).optional(),
    feasibility: z.number().min(0).optional(),
  }).optional(),
  deductions: z.strictObject({ error: share.optional(), warning: share.optional(), info: share.optional() }).optional(),
  maxPerRule: z.number().int().min(1).optional(),
}).transform((x, ctx): Scoring => {
  const weights = { ...DEFAULT_SCORING.weights, ...defined(x.weights ?? {}) };
  const sum = Object.values(weights).reduce((a, b) => a + b, 0);
  if (Math.abs(sum - 100) > 1e-9) ctx.addIssue({ code: 'custom', path: ['weights'], message: `四个维度的分值之和应为 100，现为 ${sum}` });
  return { weights, deductions: { ...DEFAULT_SCORING.deductions, ...defined(x.deductions ?? {}) }, maxPerRule: x.maxPerRule ?? DEFAULT_SCORING.maxPerRule };
});

function defined<T extends object>(o: T): { [K in keyof T]-?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]-?: Exclude<T[K], undefined> };
}
