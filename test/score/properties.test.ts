// Properties of the scoring rules over generated targets and actuals (fast-check): a score is always
// within [0, w]; a positive indicator's score never falls as the actual rises, a reverse one's never rises;
// a range scores w inside and no more outside.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveConfig, scoreIndicator } from '../../src/score/index.js';

const value = fc.double({ min: 0, max: 1e6, noNaN: true, noDefaultInfinity: true }).map((x) => Math.round(x * 100) / 100);
const weight = fc.double({ min: 0, max: 100, noNaN: true, noDefaultInfinity: true }).map((x) => Math.round(x * 100) / 100);
const positiveOp = fc.constantFrom('≥', '>', '=', '约', '不少于', '');
const reverseOp = fc.constantFrom('≤', '<', '不超过', '少于');
const formula = fc.constantFrom<'linear' | 'ratio'>('linear', 'ratio');
const score = (target: string, actual: string, w: number, f: 'linear' | 'ratio' = 'linear') =>
  scoreIndicator({ target, actual, weight: w }, resolveConfig({ reverseFormula: f }));

describe('scoring properties', () => {
  it('a score is always within [0, w]', () => {
    fc.assert(fc.property(fc.oneof(positiveOp, reverseOp), value, value, weight, formula, (op, t, a, w, f) => {
      const r = score(`${op}${t}人`, `${a}人`, w, f);
      expect(r.score).not.toBeNull();
      expect(r.score!).toBeGreaterThanOrEqual(0);
      expect(r.score!).toBeLessThanOrEqual(w);
    }), { numRuns: 2000 });
  });

  it('positive: the score never falls as the actual rises', () => {
    fc.assert(fc.property(positiveOp, value.filter((t) => t > 0), value, value, weight, (op, t, a, b, w) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      expect(score(`${op}${t}次`, `${hi}次`, w).score!).toBeGreaterThanOrEqual(score(`${op}${t}次`, `${lo}次`, w).score!);
    }), { numRuns: 2000 });
  });

  it('reverse: the score never rises as the actual rises', () => {
    fc.assert(fc.property(reverseOp, value, value, value, weight, formula, (op, t, a, b, w, f) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      expect(score(`${op}${t}宗`, `${hi}宗`, w, f).score!).toBeLessThanOrEqual(score(`${op}${t}宗`, `${lo}宗`, w, f).score!);
    }), { numRuns: 2000 });
  });

  it('range: w inside, within [0, w] outside, rising below and falling above', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 0, max: 1000 }), value, value, weight, (min, span, a, b, w) => {
      const t = `${min}-${min + span}个`;
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const sl = score(t, `${lo}个`, w).score!;
      const sh = score(t, `${hi}个`, w).score!;
      for (const s of [sl, sh]) { expect(s).toBeGreaterThanOrEqual(0); expect(s).toBeLessThanOrEqual(w); }
      if (hi <= min + span) expect(sh).toBeGreaterThanOrEqual(sl);
      if (lo >= min) expect(sh).toBeLessThanOrEqual(sl);
      if (lo >= min && hi <= min + span) expect([sl, sh]).toEqual([Math.round(w * 100) / 100, Math.round(w * 100) / 100]);
    }), { numRuns: 1000 });
  });

  it('the same quantity written in 万 or not scores the same', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 99999 }), fc.integer({ min: 0, max: 200000 }), weight, (t, a, w) => {
      expect(score(`≥${t}人`, `${a / 10000}万人`, w).score).toBe(score(`≥${t}人`, `${a}人`, w).score);
    }), { numRuns: 500 });
  });
});
