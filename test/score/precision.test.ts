// The precision the engine answers with (src/score/precision.ts): rates and ratios to 4 decimals, scores and
// amounts to 2, no binary noise (0.9299999999999999) anywhere in what `evaluate`, `monitor` and a score
// line return; rounding half away from zero on the decimal value; and grades decided on the total as
// printed, which is whole cents — checked at the 90/80/60 boundaries, where the half cent falls.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCORE_CONFIG, evaluate, evaluateProject, evaluationInput, gradeOf, monitor, monitorInput, roundRate, roundScore, roundTo, scoreLine,
  type EvaluationInput,
} from '../../src/score/index.js';

const root = join(import.meta.dirname, '..', '..');
const sample = (f: string) => JSON.parse(readFileSync(join(root, 'samples', f), 'utf8')) as unknown;

/** every number in a JSON value with the key it is under */
function numbers(x: unknown, key = ''): [string, number][] {
  if (typeof x === 'number') return [[key, x]];
  if (Array.isArray(x)) return x.flatMap((v) => numbers(v, key));
  if (x && typeof x === 'object') return Object.entries(x).flatMap(([k, v]) => numbers(v, k));
  return [];
}
const decimals = (x: number): number => (String(x).split('.')[1] ?? '').length;
const RATES = new Set(['rate', 'ratio']);

describe('rounding', () => {
  it('is half away from zero on the decimal value, not on its binary approximation', () => {
    // each of these is a half cent whose double lies just below it: Math.round(x * 100) / 100 gives the lower cent
    expect([8.995, 10.075, 1.005, 89.995, 17.995, 13.335].map((x) => roundScore(x))).toEqual([9, 10.08, 1.01, 90, 18, 13.34]);
    expect([89.994999, 89.9949, 0.125, -2.675].map((x) => roundScore(x))).toEqual([89.99, 89.99, 0.13, -2.68]);
    expect([0.9299999999999999, 111.6 / 120, 310 / 450, 0.89995, 0.99995, 1 / 3].map((x) => roundRate(x))).toEqual([0.93, 0.93, 0.6889, 0.9, 1, 0.3333]);
    expect([roundTo(Number.NaN, 2), roundTo(-0.001, 2), roundTo(1e14 + 0.5, 0)]).toEqual([Number.NaN, 0, 1e14 + 1]);
  });

  it('agrees with the decimal rounding of the value written with at most 6 decimals', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e8 }), (n) => {
      // n millionths, e.g. 89995000 → 89.995: the cent is the half-up of the decimal digits
      const x = n / 1e6;
      const cents = Math.floor(n / 1e4) + (n % 1e4 >= 5e3 ? 1 : 0);
      expect(roundScore(x)).toBe(cents / 100);
    }), { numRuns: 5000 });
  });
});

describe('what the engine answers', () => {
  it('the sample self-evaluation: rates and ratios to 4 decimals, every other number to 2, grades from the totals', () => {
    const r = evaluate(evaluationInput.parse(sample('evaluation-example.json')));
    const all = numbers(r);
    expect(all.filter(([k, x]) => decimals(x) > (RATES.has(k) ? 4 : 2))).toEqual([]);
    expect(r.projects[0]!.budget.rate).toBe(0.93); // 111.6 ÷ 120, 0.9299999999999999 in binary
    expect(r.projects.map((p) => p.indicators.map((i) => i.result.ratio)).flat().filter((x) => x !== undefined)).toContain(0.8333);
    expect(r.summary.money.rate).toBe(0.7396);
    for (const p of r.projects) expect(p.grade).toBe(gradeOf(p.total!, DEFAULT_SCORE_CONFIG));
    // and as the explanations print them
    expect(r.projects[0]!.budget.explanation).toContain('= 93%');
  });

  it('the sample monitoring report: rates to 4 decimals, light percents to 2', () => {
    const r = monitor(monitorInput.parse(sample('monitoring-example.json')));
    const all = numbers(r);
    expect(all.filter(([k, x]) => decimals(x) > (RATES.has(k) ? 4 : 2))).toEqual([]);
    expect(r.projects[0]!.funding.map((f) => f.rate)).toContain(0.3158); // 0.3157894736842105
  });

  it('a score line: its ratio to 4 decimals', () => {
    expect(scoreLine({ target: '≥3次', actual: '1次', weight: 10 })).toMatchObject({ score: 3.33, ratio: 0.3333 });
  });
});

describe('grades at the boundaries', () => {
  // 产出 50 and 效益 30 met; 满意度 10 judged by a person (达成: 8–10); the budget 10 × 执行率
  const project = (satisfaction: number, executed: number) => evaluateProject(evaluationInput.parse({
    year: 2025,
    projects: [{
      project: '边界', budget: { annual: 100, executed },
      indicators: [
        { level1: '产出指标', name: '培训人次', target: '≥100人次', actual: '100人次' },
        { level1: '效益指标', name: '就业率', target: '≥90%', actual: '95%' },
        { level1: '满意度指标', name: '服务对象满意度', target: '满意', actual: '达成', score: satisfaction },
      ],
    }],
  } satisfies EvaluationInput).projects[0]!, 2025, DEFAULT_SCORE_CONFIG);

  it('a person\'s 8.995 is 9 to the cent, so 50 + 30 + 8.995 + 1 is printed 90 and graded 优 — never 90 beside 良', () => {
    const p = project(8.995, 10);
    expect(p.indicators[2]!.result.score).toBe(9);
    expect([p.budget.score, p.total, p.grade]).toEqual([1, 90, '优']);
  });

  it('89.994 is 89.99 and 良; a budget score of 8.995 is 9; half a cent of budget score is one cent', () => {
    expect([project(8.994, 10).total, project(8.994, 10).grade]).toEqual([89.99, '良']);
    // 8.995 from the budget: 执行率 89.95% × 10 = 8.995 → 9 (the rate 0.8995 decided on exactly)
    const b = project(8, 89.95);
    expect([b.budget.rate, b.budget.score, b.total, b.grade]).toEqual([0.8995, 9, 97, '优']);
    const c = project(8, 0.05);
    expect([c.budget.score, c.total]).toEqual([0.01, 88.01]);
  });

  it('every total is whole cents and its grade is the grade of the printed total', () => {
    fc.assert(fc.property(fc.integer({ min: 8000, max: 10000 }), fc.integer({ min: 0, max: 100000 }), (s, e) => {
      const p = project(s / 1000, e / 1000);
      expect(decimals(p.total!)).toBeLessThanOrEqual(2);
      expect(p.total).toBe(roundScore(p.indicators.reduce((a, i) => a + i.result.score!, 0) + p.budget.score));
      expect(p.grade).toBe(gradeOf(Number(p.total!.toFixed(2)), DEFAULT_SCORE_CONFIG));
    }), { numRuns: 500 });
  });
});
