// How precisely the engine answers, decided in one place. Scores (分) and amounts (万元) are kept to 2
// decimals, rates and ratios (执行率, 实际完成值 ÷ 指标值) to 4 — a percentage with 2, as the explanations
// print it (93.25%) — and a light's achievement percent to 2.
//
// Scores are rounded where they are made: each indicator's score, the budget score and a person's score
// to the cent, so that the printed form adds up — the total is the sum of the printed scores, and the grade
// is decided on that total, which is the number printed. A total is therefore always whole cents: 89.995
// cannot be a total, and a total printed 90 is 优, one printed 89.99 is 良.
//
// Rates and ratios are decided on exactly (the budget score is 执行率 × 10 from the unrounded 执行率; the
// over-achievement flag, the unspent warning and every light compare the unrounded numbers) and rounded
// only in what the engine answers, after everything has been decided: evaluateProject, summarizeEvaluations,
// monitorProject, monitor and scoreLine return them rounded; a light's percent is rounded once its colour
// is decided (lights/light.ts).
//
// Rounding is half away from zero on the decimal value the number stands for, not on its binary
// approximation: 8.995 (binary 8.99499…) is 9, 10.075 is 10.08, 0.9299999999999999 is 0.93 — as a clerk
// rounds, and as `fmt` prints.
import type { IndicatorScore } from './types.js';

export const SCORE_DIGITS = 2;
export const RATE_DIGITS = 4;
export const PERCENT_DIGITS = 2;

/** x to `digits` decimals, half away from zero, reading x as the decimal it stands for (15 significant digits) */
export function roundTo(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const scaled = Number((Math.abs(x) * 10 ** digits).toPrecision(15));
  const r = Math.round(scaled) / 10 ** digits;
  return x < 0 && r !== 0 ? -r : r;
}

/** a score, a weight or an amount: to the cent */
export const roundScore = (x: number): number => roundTo(x, SCORE_DIGITS);
/** a rate or a ratio as a fraction (0.9325 = 93.25%) */
export const roundRate = (x: number): number => roundTo(x, RATE_DIGITS);
/** a percentage (93.25) */
export const roundPercent = (x: number): number => roundTo(x, PERCENT_DIGITS);

export const roundRateOrNull = (x: number | null): number | null => (x === null ? null : roundRate(x));

/** one indicator's score as answered: its ratio rounded (the score already is) */
export function presentScore<S extends IndicatorScore>(s: S): S {
  return s.ratio === undefined ? s : { ...s, ratio: roundRate(s.ratio) };
}
