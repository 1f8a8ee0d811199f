// The review score by the four dimensions of 财预〔2015〕88号 (完整性 30, 相关性 30, 适当性 20, 可行性 20 by
// default): a finding costs a share of the dimension(s) its rule bears on (error ½, warning ⅕, info 1⁄20),
// one rule at most three times per project and dimension; a project that cannot be monitored is capped at
// 79.9 (中) and says why; units and the table are amount-weighted means; grades 优 ≥ 90, 良 ≥ 80, 中 ≥ 60.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING, DIMENSIONS, GATE_CAP, grade, review, RULES, type DimensionId, type Finding, type Scored } from '../../src/review/index.js';
import { reviewConfigSchema } from '../../src/review/config.js';
import { scoreDocument } from '../../src/review/score.js';
import { property, table, training, TRAINING_INDICATORS, TRAINING_NO_TIMELINESS } from './tables.js';

const UNIT = '广州市某中心';
const dims = (s: Scored): Record<string, number> => Object.fromEntries(s.dimensions.map((d) => [d.id, d.score]));
const FULL = { completeness: 30, relevance: 30, appropriateness: 20, feasibility: 20 };

/** a synthetic finding, for scoring arithmetic without depending on what the rules find */
const finding = (rule: string, severity: Finding['severity'], path: string, dimensions: DimensionId[] = ['completeness']): Finding => ({
  rule, severity, path, dimensions, category: 'form', message: '测试', suggestion: '测试',
});

describe('a clean project', () => {
  const r = review(table([{ name: UNIT, projects: [training(100), property(200)] }]));

  it('has no findings, every dimension full, 100 (优) at every level, no gate', () => {
    expect(r.findings).toEqual([]);
    expect([r.score, r.grade, r.gated]).toEqual([100, '优', 0]);
    expect(dims(r)).toEqual(FULL);
    const p = r.units[0]!.projects[0]!;
    expect([p.score, p.grade, p.gate]).toEqual([100, '优', []]);
    expect(p.dimensions.map((d) => [d.label, d.max])).toEqual([['完整性', 30], ['相关性', 30], ['适当性', 20], ['可行性', 20]]);
  });
});

describe('the monitoring gate', () => {
  // issue 10: a project whose indicators are all prose scored 95 优
  const prose = '1.产出数量：1.1故障工单关闭率=实际完成处理的故障工单数/故障工单总数*100%，目标值≥95%；2.效益：系统可用率不低于99%；3.满意度：用户满意度≥90%';
  const r = review(table([{ name: UNIT, projects: [training(100, { indicators: prose }), property(200)] }]));
  const p = r.units[0]!.projects[0]!;

  it('caps an all-prose project at 中 (≤ 79.9) and says why', () => {
    expect(r.findings.filter((f) => f.path.startsWith('units[0].projects[0]')).map((f) => f.rule)).toContain('indicators-prose');
    expect(p.score).toBeLessThanOrEqual(GATE_CAP);
    expect(['中', '差']).toContain(p.grade);
    expect(p.gate.map((g) => g.code)).toEqual(['no-structured-indicators']);
    expect(p.gate[0]!.message).toContain('自由文字');
    // what its findings alone would give is more: the dimensions still show it
    expect(p.dimensions.reduce((a, d) => a + d.score, 0)).toBeGreaterThan(GATE_CAP);
    expect(r.gated).toBe(1);
    expect(r.units[0]!.gated).toBe(1);
  });

  it('caps a project with no 效益 indicator, and one with an indicator that has neither target', () => {
    const noEffect = TRAINING_INDICATORS.replace('4、2-效益指标；22-社会效益；学员就业率；实施周期指标值:≥80%；年度指标值:≥80%。', '').replace('5、3-满意度', '4、3-满意度');
    const untargeted = TRAINING_INDICATORS.replace('学员就业率；实施周期指标值:≥80%；年度指标值:≥80%', '学员就业率；实施周期指标值:；年度指标值:');
    const g = review(table([{ name: UNIT, projects: [training(100, { indicators: noEffect }), training(100, { name: '创业培训经费', indicators: untargeted }), property(100)] }]));
    const [a, b, c] = g.units[0]!.projects;
    expect(a!.gate.map((x) => x.code)).toEqual(['no-effect']);
    expect(b!.gate.map((x) => x.code)).toEqual(['targets-missing']);
    expect(b!.gate[0]!.message).toContain('1 项指标');
    expect(c!.gate).toEqual([]);
    for (const x of [a!, b!]) expect(x.score).toBeLessThanOrEqual(GATE_CAP);
  });

  it('does not lift a score already below the cap', () => {
    // no goal (完整性 −15) and prose indicators (完整性 −6): 79 on its findings, already under the cap
    const doc = table([{ name: UNIT, projects: [training(100, { goal: '', indicators: prose })] }]);
    const s = review(doc).units[0]!.projects[0]!;
    expect(s.gate.map((g) => g.code)).toEqual(['no-structured-indicators']);
    expect([s.score, s.grade]).toEqual([79, '中']);
  });
});

describe('each dimension moves only with its own findings', () => {
  const doc = table([{ name: UNIT, projects: [training(100)] }]);
  const p = 'units[0].projects[0]';

  it.each(DIMENSIONS.map((d) => [d] as const))('an error in %s costs half of that dimension and nothing elsewhere', (d) => {
    const s = scoreDocument(doc, [finding('x', 'error', `${p}.indicators[0]`, [d])]).units[0]!.projects[0]!;
    expect(dims(s)).toEqual({ ...FULL, [d]: FULL[d] / 2 });
    expect(s.score).toBe(100 - FULL[d] / 2);
  });

  it('through the real rules too: a missing goal costs 完整性 only, a unit-less target 相关性 only', () => {
    const r = review(table([{ name: UNIT, projects: [
      training(100, { goal: '' }),
      training(100, { name: '创业培训经费', indicators: TRAINING_INDICATORS.replace('培训人次；实施周期指标值:≥500人次；年度指标值:≥500人次', '培训规模；实施周期指标值:≥500；年度指标值:≥500') }),
    ] }]));
    const [a, b] = r.units[0]!.projects;
    expect(r.findings.map((f) => f.rule)).toEqual(['goal-missing', 'target-unit-missing']);
    expect(dims(a!)).toEqual({ ...FULL, completeness: 15 });
    expect(dims(b!)).toEqual({ ...FULL, relevance: 24 });
  });

  it('a rule bearing on two dimensions costs in each (rate-percent: 相关性 and 可行性)', () => {
    expect(RULES.find((x) => x.id === 'rate-percent')!.dimensions).toEqual(['relevance', 'feasibility']);
    const s = scoreDocument(doc, [finding('rate-percent', 'error', `${p}.indicators[1]`, ['relevance', 'feasibility'])]).units[0]!.projects[0]!;
    expect(dims(s)).toEqual({ ...FULL, relevance: 15, feasibility: 10 });
  });

  it('every rule declares at least one dimension', () => {
    for (const rule of RULES) expect(rule.dimensions.length, rule.id).toBeGreaterThan(0);
  });
});

describe('deductions by severity and the per-rule cap', () => {
  const doc = table([{ name: UNIT, projects: [training(100), property(100)] }]);
  const at = (pi: number, i: number) => `units[0].projects[${pi}].indicators[${i}]`;

  it('a warning costs a fifth of the dimension, an info a twentieth', () => {
    const s = scoreDocument(doc, [finding('w', 'warning', at(0, 0)), finding('i', 'info', at(1, 0))]).units[0]!.projects;
    expect(s.map((x) => x.score)).toEqual([94, 98.5]);
  });

  it('one rule counts at most three times per project and dimension; a dimension stops at 0', () => {
    const four = [0, 1, 2, 3].map((i) => finding('w', 'warning', at(0, i)));
    expect(scoreDocument(doc, four).units[0]!.projects[0]!.score).toBe(100 - 3 * 6);
    const many = ['a', 'b'].flatMap((rule) => [0, 1, 2].map((i) => finding(rule, 'error', at(0, i))));
    const s = scoreDocument(doc, many).units[0]!.projects[0]!;
    expect(dims(s)).toEqual({ ...FULL, completeness: 0 });
    expect([s.score, s.grade]).toEqual([70, '中']);
  });

  it('the same rule on two projects counts on each', () => {
    const fs = [0, 1].flatMap((pi) => [0, 1, 2, 3].map((i) => finding('e', 'error', at(pi, i))));
    expect(scoreDocument(doc, fs).units[0]!.projects.map((x) => x.score)).toEqual([70, 70]);
  });
});

describe('weighting by amount', () => {
  it('a unit scores the amount-weighted mean of its projects, dimension by dimension', () => {
    // 100万元 without a goal (完整性 15) and 200万元 clean: 完整性 (15×100 + 30×200) / 300 = 25, total 95
    const r = review(table([{ name: UNIT, projects: [training(100, { goal: '' }), property(200)] }]));
    expect(r.units[0]!.projects.map((p) => p.score)).toEqual([85, 100]);
    expect(dims(r.units[0]!)).toEqual({ ...FULL, completeness: 25 });
    expect([r.units[0]!.score, r.score]).toEqual([95, 95]);
  });

  it('the table scores the amount-weighted mean of its units', () => {
    const r = review(table([
      { name: UNIT, projects: [training(100, { goal: '' })] },
      { name: '广州市某服务站', projects: [property(200)] },
    ]));
    expect(r.units.map((u) => u.score)).toEqual([85, 100]);
    expect(r.score).toBe(95);
  });

  it('a unit loses points for its own findings (可行性), the table for the 合计 row', () => {
    // the unit row prints 350.00 against 300.00 of projects: two arithmetic-unit errors on the unit, 可行性 20 → 0
    const r = review(table([{ name: UNIT, amount: 350, projects: [training(100), property(200)] }], 350));
    expect(r.findings.map((f) => [f.rule, f.path])).toEqual([['arithmetic-unit', 'units[0]'], ['arithmetic-unit', 'units[0]']]);
    expect(r.units[0]!.projects.map((p) => p.score)).toEqual([100, 100]);
    expect(dims(r.units[0]!)).toEqual({ ...FULL, feasibility: 0 });
    expect([r.units[0]!.score, r.score]).toEqual([80, 80]);
    const t = review(table([{ name: UNIT, projects: [training(100), property(200)] }], 400));
    expect(t.findings.map((f) => [f.rule, f.path])).toEqual([['arithmetic-total', 'total'], ['arithmetic-total', 'total']]);
    expect(t.units[0]!.score).toBe(100);
    expect(t.score).toBe(80);
  });

  it('the gate shows in a unit’s total, not in its dimensions', () => {
    const r = review(table([{ name: UNIT, projects: [training(100, { indicators: '培训500人次，合格率90%以上，学员满意。' }), property(100)] }]));
    const u = r.units[0]!;
    const [a] = u.projects;
    expect(a!.gate.map((g) => g.code)).toEqual(['no-structured-indicators']);
    expect(u.score).toBe(Math.round(((a!.score + 100) / 2) * 10) / 10);
    expect(u.dimensions.reduce((s, d) => s + d.score, 0)).toBeGreaterThan(u.score);
  });
});

describe('configuration', () => {
  it('weights can be changed; they must add up to 100', () => {
    const scoring = reviewConfigSchema.parse({ scoring: { weights: { completeness: 40, relevance: 20 } } }).scoring;
    expect(scoring.weights).toEqual({ completeness: 40, relevance: 20, appropriateness: 20, feasibility: 20 });
    expect(scoring.deductions).toEqual(DEFAULT_SCORING.deductions);
    const r = review(table([{ name: UNIT, projects: [training(100, { goal: '' })] }]), { rules: {}, scoring });
    expect(dims(r.units[0]!.projects[0]!)).toEqual({ completeness: 20, relevance: 20, appropriateness: 20, feasibility: 20 });
    const bad = reviewConfigSchema.safeParse({ scoring: { weights: { completeness: 50 } } });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toContain('之和应为 100');
  });
});

describe('grades', () => {
  it.each([
    [100, '优'], [90, '优'], [89.9, '良'], [80, '良'], [79.9, '中'], [60, '中'], [59.9, '差'], [0, '差'],
  ] as const)('%d is %s', (score, g) => {
    expect(grade(score)).toBe(g);
  });
});

it('TRAINING_NO_TIMELINESS still costs 完整性 a warning (output-coverage)', () => {
  const r = review(table([{ name: UNIT, projects: [training(100, { indicators: TRAINING_NO_TIMELINESS })] }]));
  expect(dims(r.units[0]!.projects[0]!)).toEqual({ ...FULL, completeness: 24 });
});
