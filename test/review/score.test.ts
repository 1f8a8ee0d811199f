// The quality score: 100 less 15 per error, 5 per warning, 1 per info; one rule counts at most three times
// per project; a unit scores the amount-weighted mean of its projects less its own findings, the table
// the amount-weighted mean of its units less the 合计 row's; grades 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差 < 60.
import { describe, expect, it } from 'vitest';
import { grade, MAX_PER_RULE, PENALTY, review, type Finding } from '../../src/review/index.js';
import { scoreDocument } from '../../src/review/score.js';
import { property, table, training, TRAINING_INDICATORS, TRAINING_NO_TIMELINESS } from './tables.js';

const UNIT = '广州市某中心';

/** a synthetic finding, for scoring arithmetic without depending on what the rules find */
const finding = (rule: string, severity: Finding['severity'], path: string): Finding => ({
  rule, severity, path, category: 'form', message: '测试', suggestion: '测试',
});

describe('a clean table', () => {
  const r = review(table([{ name: UNIT, projects: [training(100), property(200)] }]));

  it('has no findings and scores 100 (优) at every level', () => {
    expect(r.findings).toEqual([]);
    expect(r.score).toBe(100);
    expect(r.grade).toBe('优');
    expect(r.units.map((u) => [u.score, u.grade])).toEqual([[100, '优']]);
    expect(r.units[0]!.projects.map((p) => [p.score, p.grade])).toEqual([[100, '优'], [100, '优']]);
  });
});

describe('penalties by severity', () => {
  it('are 15 for an error, 5 for a warning, 1 for an info, at most 3 times per rule', () => {
    expect(PENALTY).toEqual({ error: 15, warning: 5, info: 1 });
    expect(MAX_PER_RULE).toBe(3);
  });

  // one project each: a missing goal (error), a missing 时效 indicator (warning), a short unquantified goal (info)
  const doc = table([{
    name: UNIT,
    projects: [
      training(100, { goal: '' }),
      training(100, { name: '创业培训经费', indicators: TRAINING_NO_TIMELINESS }),
      property(100, { goal: '保障中心正常运转，提升服务水平。' }),
    ],
  }]);
  const r = review(doc);
  const on = (pi: number) => r.findings.filter((f) => f.path.startsWith(`units[0].projects[${pi}]`)).map((f) => [f.rule, f.severity]);

  it('each project has exactly the one finding it was built for', () => {
    expect(on(0)).toEqual([['goal-missing', 'error']]);
    expect(on(1)).toEqual([['output-coverage', 'warning']]);
    expect(on(2)).toEqual([['goal-measurable', 'info']]);
  });

  it('an error costs 15, a warning 5, an info 1', () => {
    expect(r.units[0]!.projects.map((p) => p.score)).toEqual([85, 95, 99]);
    expect(r.units[0]!.projects.map((p) => p.grade)).toEqual(['良', '优', '优']);
  });
});

describe('a rule counts at most three times per project', () => {
  // every annual target left blank: five target-missing errors on one project
  const blankAnnual = TRAINING_INDICATORS.replace(/年度指标值:[^。]*。/g, '年度指标值:。');
  const r = review(table([{ name: UNIT, projects: [training(100, { indicators: blankAnnual })] }]));

  it('five errors of one rule cost 45, not 75', () => {
    expect(r.findings.map((f) => f.rule)).toEqual(Array(5).fill('target-missing'));
    expect(r.units[0]!.projects[0]!.score).toBe(55);
    expect(r.units[0]!.projects[0]!.grade).toBe('差');
  });

  it('the cap is per rule: two rules with four errors each cost 90', () => {
    const doc = table([{ name: UNIT, projects: [training(100)] }]);
    const p = 'units[0].projects[0]';
    const fs = [0, 1, 2, 3].flatMap((i) => [finding('target-missing', 'error', `${p}.indicators[${i}]`), finding('level-codes', 'error', `${p}.indicators[${i}]`)]);
    expect(scoreDocument(doc, fs).units[0]!.projects[0]!.score).toBe(10);
  });

  it('the cap is per project: the same rule on two projects counts on each', () => {
    const doc = table([{ name: UNIT, projects: [training(100), property(100)] }]);
    const fs = [0, 1].flatMap((pi) => [0, 1, 2, 3].map((i) => finding('target-missing', 'error', `units[0].projects[${pi}].indicators[${i}]`)));
    expect(scoreDocument(doc, fs).units[0]!.projects.map((x) => x.score)).toEqual([55, 55]);
  });

  it('the score does not go below 0', () => {
    const doc = table([{ name: UNIT, projects: [training(100)] }]);
    const fs = ['a', 'b', 'c'].flatMap((rule) => [0, 1, 2].map((i) => finding(rule, 'error', `units[0].projects[0].indicators[${i}]`)));
    const s = scoreDocument(doc, fs);
    expect(s.units[0]!.projects[0]!.score).toBe(0);
    expect(s.units[0]!.projects[0]!.grade).toBe('差');
  });
});

describe('weighting by amount', () => {
  it('a unit scores the amount-weighted mean of its projects', () => {
    // 100万元 at 85 (goal missing) and 200万元 at 100: (85×100 + 100×200) / 300 = 95, not the plain mean 92.5
    const r = review(table([{ name: UNIT, projects: [training(100, { goal: '' }), property(200)] }]));
    expect(r.units[0]!.projects.map((p) => p.score)).toEqual([85, 100]);
    expect(r.units[0]!.score).toBe(95);
    expect(r.score).toBe(95);
  });

  it('the table scores the amount-weighted mean of its units', () => {
    // unit A 100万元 at 85, unit B 200万元 at 100: 95
    const r = review(table([
      { name: UNIT, projects: [training(100, { goal: '' })] },
      { name: '广州市某服务站', projects: [property(200)] },
    ]));
    expect(r.units.map((u) => u.score)).toEqual([85, 100]);
    expect(r.score).toBe(95);
  });

  it('a unit loses points for its own findings, the table for the 合计 row', () => {
    // the unit row prints 350.00 against 300.00 of projects: arithmetic-unit (总计, 财政拨款) on the unit
    const r = review(table([{ name: UNIT, amount: 350, projects: [training(100), property(200)] }], 350));
    expect(r.findings.map((f) => [f.rule, f.path])).toEqual([['arithmetic-unit', 'units[0]'], ['arithmetic-unit', 'units[0]']]);
    expect(r.units[0]!.projects.map((p) => p.score)).toEqual([100, 100]);
    expect(r.units[0]!.score).toBe(70);
    expect(r.score).toBe(70);
    // 合计 400.00 against one unit of 300.00: arithmetic-total on the table
    const t = review(table([{ name: UNIT, projects: [training(100), property(200)] }], 400));
    expect(t.findings.map((f) => [f.rule, f.path])).toEqual([['arithmetic-total', 'total'], ['arithmetic-total', 'total']]);
    expect(t.units[0]!.score).toBe(100);
    expect(t.score).toBe(70);
  });
});

describe('grades', () => {
  it.each([
    [100, '优'], [90, '优'], [89.9, '良'], [80, '良'], [79.9, '中'], [60, '中'], [59.9, '差'], [0, '差'],
  ] as const)('%d is %s', (score, g) => {
    expect(grade(score)).toBe(g);
  });
});
