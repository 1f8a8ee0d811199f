// One indicator: which rule its target takes, and its score from the target and the actual.
import type { ParsedTarget } from '../model/index.js';
import { parseTarget } from '../targets/index.js';
import { readActual, type Actual } from './actual.js';
import { DEFAULT_SCORE_CONFIG, type ScoreConfig } from './config.js';
import { RULES, type RuleContext } from './rules/index.js';
import { failure } from './rules/rule.js';
import type { IndicatorScore, RuleKind } from './types.js';

/**
 * The rule a target is scored by: ≥ > = ≈ (and no operator) are positive, ≤ < reverse; a target of
 * exactly 0 (零故障, =0) is reverse, since any occurrence breaks it; a target with no readable number is
 * judged by the person. null: an empty target cannot be scored.
 */
export function ruleKindOf(t: ParsedTarget): Exclude<RuleKind, 'budget'> | null {
  switch (t.kind) {
    case 'numeric':
      if (t.op === '<=' || t.op === '<') return 'reverse';
      return t.value === 0 && (t.op === '=' || t.op === undefined) ? 'reverse' : 'positive';
    case 'range': return 'range';
    case 'deadline': return 'deadline';
    case 'compound': return 'compound';
    case 'qualitative':
    case 'unparsed': return 'qualitative';
    case 'empty': return null;
  }
}

export function scoreParsed(target: ParsedTarget, actual: Actual, ctx: RuleContext): IndicatorScore {
  const kind = ruleKindOf(target);
  if (kind === null) return failure(null, ctx.weight, '指标值为空，无法评分');
  const r = RULES[kind].score(target, actual, ctx);
  // a score entered for an indicator the rules score is not used: say so rather than drop it silently
  if (kind !== 'qualitative' && kind !== 'compound' && ctx.entered !== undefined && ctx.entered !== null) {
    return { ...r, explanation: `${r.explanation}（填写的得分 ${ctx.entered} 未采用：该指标按规则计分）` };
  }
  return r;
}

export interface IndicatorInput {
  /** the target as written (年度指标值) or as read by src/targets */
  readonly target: string | ParsedTarget;
  /** the actual as written; a number is taken in the target's unit; a list for a compound target */
  readonly actual?: string | number | readonly (string | number)[] | null;
  readonly weight: number;
  /** the person's score, for a qualitative target */
  readonly score?: number | null;
  readonly year?: number | null;
}

/** Scores one indicator. Never throws: what cannot be scored comes back with `score: null` and why. */
export function scoreIndicator(input: IndicatorInput, config: ScoreConfig = DEFAULT_SCORE_CONFIG): IndicatorScore {
  const target = typeof input.target === 'string' ? parseTarget(input.target) : input.target;
  if (!(Number.isFinite(input.weight) && input.weight >= 0)) return failure(null, 0, `分值应为不小于 0 的数，而不是 ${String(input.weight)}`);
  const actual = input.actual === undefined || input.actual === null ? readActual('') : readActual(input.actual);
  return scoreParsed(target, actual, { config, weight: input.weight, entered: input.score ?? null, year: input.year ?? null });
}
