// 绩效自评 of whole projects: weights by category (equal split, set by the unit, 成本 from 产出, an empty
// category), totals, grades and warnings, computed by hand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, evaluationInput, type EvaluationInput } from '../../src/score/index.js';

const root = join(import.meta.dirname, '..', '..');
const run = (x: EvaluationInput) => evaluate(evaluationInput.parse(x));
const ind = (level1: string, target: string, actual: string, extra: Record<string, unknown> = {}) => ({ level1, name: `${level1}${target}`, target, actual, ...extra });
const project = (indicators: ReturnType<typeof ind>[], budget = { annual: 100, executed: 100 }) => ({ project: '测试项目', budget, indicators });

describe('evaluate', () => {
  it('scores the sample file as computed by hand', () => {
    const r = evaluate(evaluationInput.parse(JSON.parse(readFileSync(join(root, 'samples', 'evaluation-example.json'), 'utf8'))));
    const [a, b] = r.projects;
    // a: 产出 5 × 10 (10 + 8.33 + 10 + 10 + 10), 效益 2 × 15 (7.5 + 14), 满意度 10; budget 111.6 ÷ 120 = 93% → 9.3
    expect(a!.categories.map((c) => [c.name, c.points, c.score])).toEqual([['产出指标', 50, 48.33], ['效益指标', 30, 21.5], ['满意度指标', 10, 10]]);
    expect([a!.indicatorScore, a!.budget.score, a!.total, a!.grade]).toEqual([79.83, 9.3, 89.13, '良']);
    expect(a!.warnings.map((w) => w.code)).toEqual(['over-achievement']);
    // b: 20 + 82/85×20 (19.29) + 0 (late) + (1 − 5/90)×15 (14.17) + (7.5 + 15)/2 (11.25) + 10 = 74.71; 310/450 → 6.89
    expect([b!.indicatorScore, b!.budget.score, b!.total, b!.grade]).toEqual([74.71, 6.89, 81.6, '良']);
    expect(b!.categories[0]!.weighting).toContain('均由单位设定');
    expect(b!.warnings.map((w) => [w.level, w.code])).toEqual([['red', 'spending-gap'], ['yellow', 'unspent']]);
    expect(r.summary).toMatchObject({ projects: 2, scored: 2, byGrade: { 优: 0, 良: 2, 中: 0, 差: 0 }, averageScore: 85.37 });
  });

  it('成本 as its own level-1 category (2026) shares 产出\'s 50 points, or takes a fixed number', () => {
    const p = project([ind('1-产出指标', '≥1个', '1个'), ind('1-产出指标', '≥1个', '1个'), ind('1-产出指标', '≥1个', '1个'), ind('4-成本指标', '≤10万元', '8万元'), ind('2-效益指标', '≥1个', '1个'), ind('3-满意度指标', '≥90%', '90%')]);
    const shared = run({ year: 2026, projects: [p] }).projects[0]!;
    expect(shared.categories.map((c) => [c.role, c.points])).toEqual([['output', 37.5], ['cost', 12.5], ['benefit', 30], ['satisfaction', 10]]);
    expect(shared.indicators.map((i) => i.weight)).toEqual([12.5, 12.5, 12.5, 12.5, 30, 10]);
    expect(shared.total).toBe(100);
    const fixed = run({ year: 2026, config: { costPoints: 10 }, projects: [p] }).projects[0]!;
    expect(fixed.categories.map((c) => c.points)).toEqual([40, 10, 30, 10]);
    expect(fixed.indicators.slice(0, 3).map((i) => i.weight)).toEqual([13.34, 13.33, 13.33]);
    expect(fixed.total).toBe(100);
    expect(fixed.categories[1]!.weighting).toContain('划出 10 分');
  });

  it('weights set by the unit must add up to the category\'s points', () => {
    const bad = run({ year: 2025, projects: [project([ind('产出指标', '≥1个', '1个', { weight: 30 }), ind('产出指标', '≥1个', '1个', { weight: 10 }), ind('效益指标', '≥1个', '1个'), ind('满意度指标', '≥1个', '1个')])] }).projects[0]!;
    expect(bad.errors.join()).toContain('合计 40 分，应为 50 分');
    expect(bad.total).toBeNull();
    const partial = run({ year: 2025, projects: [project([ind('产出指标', '≥1个', '1个', { weight: 30 }), ind('产出指标', '≥1个', '1个'), ind('产出指标', '≥1个', '1个'), ind('效益指标', '≥1个', '1个'), ind('满意度指标', '≥1个', '1个')])] }).projects[0]!;
    expect(partial.indicators.slice(0, 3).map((i) => [i.weight, i.weightSet])).toEqual([[30, 'unit'], [10, 'equal'], [10, 'equal']]);
    expect(partial.total).toBe(100);
  });

  it('a category without indicators gives its points to the others in proportion, or loses them', () => {
    const p = project([ind('产出指标', '≥1个', '1个'), ind('效益指标', '≥1个', '1个')]);
    const r = run({ year: 2025, projects: [p] }).projects[0]!;
    // 10 points of 满意度 over 产出 50 and 效益 30: 50 + 10 × 50/80 = 56.25, 30 + 10 × 30/80 = 33.75
    expect(r.categories.map((c) => c.points)).toEqual([56.25, 33.75]);
    expect(r.total).toBe(100);
    const lost = run({ year: 2025, config: { emptyCategory: 'lose' }, projects: [p] }).projects[0]!;
    expect([lost.indicatorMax, lost.total]).toEqual([80, 90]);
  });

  it('grades by configurable bands; a pending qualitative score leaves the total open', () => {
    const p = project([ind('产出指标', '≥10个', '7.5个'), ind('效益指标', '≥1个', '1个'), ind('满意度指标', '≥1个', '1个')]);
    // 37.5 + 30 + 10 + 10 = 87.5
    expect(run({ year: 2025, projects: [p] }).projects[0]!.grade).toBe('良');
    expect(run({ year: 2025, config: { grades: { excellent: 85, good: 70 } }, projects: [p] }).projects[0]!.grade).toBe('优');
    const q = run({ year: 2025, projects: [project([ind('产出指标', '良好', '达成'), ind('效益指标', '≥1个', '1个'), ind('满意度指标', '≥1个', '1个')])] }).projects[0]!;
    expect(q.total).toBeNull();
    expect(q.indicators[0]!.result.allowed).toEqual([40, 50]);
    expect(q.warnings[0]!.code).toBe('incomplete');
  });

  it('refuses an unknown category by name, and a zero budget is a yellow warning', () => {
    const r = run({ year: 2025, projects: [project([ind('其他指标', '≥1个', '1个'), ind('产出指标', '≥1个', '1个')], { annual: 0, executed: 0 })] }).projects[0]!;
    expect(r.errors.join()).toContain('“其他指标”');
    expect(r.warnings.map((w) => w.code)).toContain('budget-zero');
  });

  it('per-region, per-year overrides apply where they match', () => {
    const p = project([ind('产出指标', '≥10个', '7.5个'), ind('效益指标', '≥1个', '1个'), ind('满意度指标', '≥1个', '1个')]);
    // the file's own setting is the base; the matching override wins over it
    const config = { grades: { excellent: 95 }, overrides: [{ region: '某市', years: [2025, null] as [number, null], grades: { excellent: 85 } }] };
    expect(run({ year: 2025, region: '某市', config, projects: [p] }).projects[0]!.grade).toBe('优');
    expect(run({ year: 2024, region: '某市', config, projects: [p] }).projects[0]!.grade).toBe('良');
    expect(run({ year: 2025, region: '他市', config, projects: [p] }).projects[0]!.grade).toBe('良');
  });
});
