// What a scoring rule is given and what the rules share: the numbers written in the target's unit and
// the result builders, so every rule states its arithmetic the same way.
import type { ParsedTarget } from '../../model/index.js';
import type { Actual } from '../actual.js';
import type { ScoreConfig } from '../config.js';
import { fmt, round2, type IndicatorScore, type RuleKind } from '../types.js';

export interface RuleContext {
  readonly config: ScoreConfig;
  /** the indicator's points (w) */
  readonly weight: number;
  /** the person's score, for a qualitative indicator */
  readonly entered?: number | null;
  /** the evaluation year: for a deadline written 每年… */
  readonly year?: number | null;
}

export interface IndicatorRule {
  readonly kind: RuleKind;
  score(target: ParsedTarget, actual: Actual, ctx: RuleContext): IndicatorScore;
}

export const q = (value: number, unit: string): string => `${fmt(value, 4)}${unit}`;

export function result(kind: RuleKind, w: number, score: number, explanation: string, ratio?: number): IndicatorScore {
  const s = round2(Math.min(w, Math.max(0, score)));
  return { score: s, max: w, rule: kind, explanation, ...(ratio === undefined || !Number.isFinite(ratio) ? {} : { ratio }) };
}

export function failure(kind: RuleKind | null, w: number, error: string, explanation = error): IndicatorScore {
  return { score: null, max: w, rule: kind, explanation, error };
}

/** "= a ÷ b × w = s 分" with the score rounded as it is reported */
export const arithmetic = (expr: string, value: number): string => `${expr} = ${fmt(round2(value))} 分`;
