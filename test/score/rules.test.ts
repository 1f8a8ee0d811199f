// The hand-computed table (cases.ts) through scoreIndicator: each case's score, rule and explanation.
import { describe, expect, it } from 'vitest';
import { resolveConfig, RULES, scoreIndicator } from '../../src/score/index.js';
import { CASES } from './cases.js';

describe('scoring: hand-computed cases', () => {
  it('has at least 80 cases covering every rule', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(80);
    for (const rule of ['positive', 'reverse', 'range', 'deadline', 'qualitative', 'compound']) expect(CASES.some((c) => c.rule === rule)).toBe(true);
  });

  it.each(CASES.map((c, i) => [`${i + 1}. ${c.target || '（空）'} ← ${JSON.stringify(c.actual)} /${c.weight}${c.entered === undefined ? '' : ` 打分${c.entered}`}${c.config ? ` ${JSON.stringify(c.config)}` : ''}`, c] as const))('%s', (_, c) => {
    const r = scoreIndicator({ target: c.target, actual: c.actual, weight: c.weight, score: c.entered ?? null, year: c.year ?? null }, resolveConfig(c.config));
    expect(r.rule).toBe(c.rule);
    expect(r.score).toBe(c.score);
    expect(r.max).toBe(c.weight);
    expect(r.explanation).toMatch(/[\u4e00-\u9fff]/);
    if (c.score === null && !(c.rule === 'qualitative' && c.entered === undefined && !r.error)) expect(r.error, r.explanation).toBeTruthy();
    if (c.says) expect(`${r.explanation} ${r.error ?? ''}`).toContain(c.says);
  });

  it('a qualitative score without an entry comes back with its allowed range', () => {
    const r = scoreIndicator({ target: '良好', actual: '部分达成', weight: 10 });
    expect(r).toMatchObject({ score: null, allowed: [6, 8] });
    expect(r.error).toBeUndefined();
  });
});

describe('budget score: 执行率 × 10, capped', () => {
  const c = resolveConfig(undefined);
  it.each([
    [100, 95, 9.5], [100, 100, 10], [100, 110, 10], [120, 111.6, 9.3], [450, 310, 6.89], [100, 0, 0], [0, 0, 0], [0, 5, 0],
  ])('全年预算 %d，执行 %d → %d 分', (annual, executed, score) => {
    const r = RULES.budget.score({ annual, executed }, c);
    expect(r.score).toBe(score);
    expect(r.explanation).toContain('执行率');
  });
  it('the cap is configurable', () => {
    expect(RULES.budget.score({ annual: 100, executed: 95 }, resolveConfig({ budgetCap: 0.9 })).score).toBe(9);
  });
});
