// What the scoring engine returns. Every score and light carries its explanation in Chinese: the rule,
// the numbers and the arithmetic, so a reviewer can check it by hand and a page can show it beside the number.
import { roundScore, roundTo } from './precision.js';

/** How one indicator is scored; one file per kind in rules/ (a kind without a rule does not compile). */
export type RuleKind = 'positive' | 'reverse' | 'range' | 'deadline' | 'qualitative' | 'compound' | 'budget';

export const RULE_LABEL: Readonly<Record<RuleKind, string>> = {
  positive: '正向指标',
  reverse: '反向指标',
  range: '区间指标',
  deadline: '时限指标',
  qualitative: '定性指标',
  compound: '复合指标',
  budget: '预算执行率',
};

/** 达成 / 部分达成 / 未达成 */
export type Achievement = 'achieved' | 'partial' | 'missed';
export const ACHIEVEMENT_LABEL: Readonly<Record<Achievement, string>> = { achieved: '达成', partial: '部分达成', missed: '未达成' };

export interface IndicatorScore {
  /** null: not scored — a qualitative indicator without the person's score, or an error */
  readonly score: number | null;
  readonly max: number;
  /** null when the target itself cannot be scored (empty) */
  readonly rule: RuleKind | null;
  readonly explanation: string;
  /** why no score: an unreadable or incompatible actual, a score out of its band */
  readonly error?: string;
  /** qualitative: the range the entered score must fall in */
  readonly allowed?: [number, number];
  /** actual ÷ target where that means something (positive quantities): for the over-achievement flag */
  readonly ratio?: number;
}

export type LightColour = 'red' | 'yellow' | 'green' | 'blue';
/** red is worst; blue (over-achieving: the target may be set too low) asks for attention before green */
export const LIGHT_ORDER: readonly LightColour[] = ['red', 'yellow', 'blue', 'green'];
export const LIGHT_LABEL: Readonly<Record<LightColour, string>> = { red: '红灯', yellow: '黄灯', green: '绿灯', blue: '蓝灯' };

/** How one indicator's progress is judged during the year; one file per kind in lights/. */
export type LightKind = 'budget' | 'cumulative' | 'reverse' | 'qualitative' | 'rate' | 'deadline' | 'compound';

export interface Light {
  /** null: cannot be judged (no current value, an unreadable one) */
  readonly colour: LightColour | null;
  readonly kind: LightKind | null;
  /** achievement in percent where the rule computes one */
  readonly percent?: number;
  readonly explanation: string;
  readonly error?: string;
}

/** to the cent: a score, a weight, an amount (precision.ts says how and why) */
export const round2 = roundScore;
/** a number as a clerk writes it: no trailing zeros, at most `digits` decimals, rounded as precision.ts rounds */
export const fmt = (x: number, digits = 2): string => String(roundTo(x, digits));
export const pct = (x: number, digits = 2): string => `${fmt(x * 100, digits)}%`;

export function worstLight(colours: readonly (LightColour | null)[]): LightColour | null {
  let worst: LightColour | null = null;
  for (const c of colours) if (c !== null && (worst === null || LIGHT_ORDER.indexOf(c) < LIGHT_ORDER.indexOf(worst))) worst = c;
  return worst;
}
