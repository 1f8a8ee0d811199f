// A plan's content under the real review engine and the real word-level diff: findings land on the line
// they concern, the score is the one a published row would get, and two versions compare word by word.
import { describe, expect, test } from 'vitest';
import { checkPlan } from '../../src/workflow/check.js';
import { comparePlans } from '../../src/workflow/compare.js';
import { blankPlan, fromProject, fundingAddsUp, periodFor, periodInName, planContentSchema, sourcesSum, toProject, type PlanContent } from '../../src/workflow/content.js';
import { GOOD } from './fixtures.js';


describe('plan content', () => {
  test('a well-written plan reviews clean and grades 优; its targets are read as jixiao reads them', () => {
    const c = checkPlan(GOOD, '广州市技师学院', 2024);
    expect(c.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(c.grade).toBe('优');
    expect(c.gate).toEqual([]);
    expect(c.targets[1]!.annual).toMatchObject({ kind: 'numeric', op: '>=', value: 90, unit: '%' });
    expect(c.targets[2]!.annual).toMatchObject({ kind: 'deadline', year: 2024, month: 11 });
  });

  test('a satisfaction target written as words is a finding on that indicator; fixing it removes the finding', () => {
    const bad: PlanContent = { ...GOOD, indicators: GOOD.indicators.map((i, k) => (k === 4 ? { ...i, period: '较满意', annual: '较满意' } : i)) };
    const c = checkPlan(bad, '单位', 2024);
    const f = c.findings.find((x) => x.rule === 'satisfaction-percent' || x.rule === 'target-qualitative');
    expect(f).toMatchObject({ place: 'indicator', indicator: 4 });
    expect(checkPlan(GOOD, '单位', 2024).findings.some((x) => x.indicator === 4)).toBe(false);
  });

  test('findings on an indicator without a name name it by its number (第 6 项指标（未填名称）), never with empty quotes', () => {
    const blankRow = { ...GOOD.indicators[4]!, name: '', period: '', annual: '' };
    const noUnit = { ...GOOD.indicators[0]!, name: ' ', period: '≥1000', annual: '≥1000' };
    const c = checkPlan({ ...GOOD, indicators: [...GOOD.indicators, blankRow, noUnit] }, '单位', 2024);
    const messages = c.findings.map((f) => f.message);
    expect(messages).toContain('第 6 项指标（未填名称）缺少实施周期指标值和年度指标值。');
    expect(messages.some((m) => m.startsWith('第 7 项指标（未填名称）的目标值“≥1000”只有数字'))).toBe(true);
    expect(messages.join('\n')).not.toMatch(/指标“\s*”/);
  });

  test('实施期 printed in a project name is read as a year span; a 学年 or a single year is not one', () => {
    expect(periodInName('2024-2025年信息化运维项目')).toEqual({ startYear: 2024, endYear: 2025 });
    expect(periodInName('2024—2026年校园安全项目')).toEqual({ startYear: 2024, endYear: 2026 });
    expect(periodInName('2025年-2027年设备更新项目')).toEqual({ startYear: 2025, endYear: 2027 });
    expect(periodInName('2023-2024年度信息化运维服务项目')).toEqual({ startYear: 2023, endYear: 2024 });
    expect(periodInName('2024至2025年培训项目')).toEqual({ startYear: 2024, endYear: 2025 });
    expect(periodInName('2024-2025学年奖学金')).toBeNull();
    expect(periodInName('2025年职业技能培训')).toBeNull();
    expect(periodInName('2026-2024年倒写')).toBeNull();
  });

  test('a copy into a year its 实施期 does not contain moves the period, keeping its length, to contain the year', () => {
    expect(periodFor({ startYear: 2024, endYear: 2024 }, 2025)).toEqual({ startYear: 2025, endYear: 2025 });
    expect(periodFor({ startYear: 2022, endYear: 2024 }, 2025)).toEqual({ startYear: 2023, endYear: 2025 });
    expect(periodFor({ startYear: 2022, endYear: 2024 }, 2027)).toEqual({ startYear: 2025, endYear: 2027 });
    expect(periodFor({ startYear: 2024, endYear: 2026 }, 2025)).toEqual({ startYear: 2024, endYear: 2026 });
    expect(periodFor({ startYear: 2026, endYear: 2027 }, 2025)).toEqual({ startYear: 2025, endYear: 2026 });
    expect(periodFor({ startYear: null, endYear: null }, 2025)).toEqual({ startYear: 2025, endYear: 2025 });
  });

  test('the review warns when the budget year lies outside the plan\'s 实施期, and not when it lies inside', () => {
    const outside = checkPlan(GOOD, '单位', 2025).findings.filter((f) => f.rule === 'plan-period-year');
    expect(outside).toEqual([expect.objectContaining({ severity: 'warning', place: 'project', message: '预算年度 2025 年不在实施期 2024—2024年 内。' })]);
    expect(checkPlan(GOOD, '单位', 2024).findings.some((f) => f.rule === 'plan-period-year')).toBe(false);
    expect(checkPlan({ ...GOOD, endYear: 2026 }, '单位', 2025).findings.some((f) => f.rule === 'plan-period-year')).toBe(false);
    expect(checkPlan(GOOD, '单位', null).findings.some((f) => f.rule === 'plan-period-year')).toBe(false);
    // a warning beside the engine's: the score is the one a published row would get
    expect(checkPlan(GOOD, '单位', 2025).score).toBe(checkPlan(GOOD, '单位', 2024).score);
  });

  test('sources that do not add up to 总计 are a finding on the funding row, and the editor check agrees', () => {
    const bad: PlanContent = { ...GOOD, funding: { ...GOOD.funding, other: 10 } };
    expect(fundingAddsUp(bad.funding)).toBe(false);
    expect(sourcesSum(bad.funding)).toBe(110);
    expect(fundingAddsUp(GOOD.funding)).toBe(true);
    expect(checkPlan(bad, '单位', 2024).findings.find((f) => f.rule === 'arithmetic-row')).toMatchObject({ place: 'funding', severity: 'error' });
  });

  test('a blank plan is valid content but gated (no indicators), so it cannot grade above 中', () => {
    const blank = blankPlan(2025, '新项目');
    expect(planContentSchema.safeParse(blank).success).toBe(true);
    const c = checkPlan(blank, '单位', 2025);
    expect(c.gate.map((g) => g.code)).toContain('no-structured-indicators');
    expect(c.score).toBeLessThanOrEqual(79.9);
  });

  test('content is refused with a Chinese reason: no name, negative or 3-decimal amounts, a period ending before it starts', () => {
    const r = planContentSchema.safeParse({ ...GOOD, name: ' ', funding: { ...GOOD.funding, total: -1, fiscal: 1.234 }, startYear: 2025, endYear: 2024 });
    expect(r.success).toBe(false);
    const messages = r.error!.issues.map((i) => i.message).join(' ');
    expect(messages).toMatch(/项目名称不能为空/);
    expect(messages).toMatch(/金额不能为负/);
    expect(messages).toMatch(/两位小数/);
  });

  test('a plan and the project it becomes round-trip', () => {
    expect(fromProject(toProject(GOOD), { attribute: 'new', startYear: 2024, endYear: 2024 })).toEqual(GOOD);
  });

  test('two versions compare word by word: a changed target, an added indicator, amounts, 项目属性', () => {
    const b: PlanContent = {
      ...GOOD,
      attribute: 'continuing',
      funding: { ...GOOD.funding, total: 130.5, fiscal: 110 },
      indicators: [...GOOD.indicators.map((i, k) => (k === 1 ? { ...i, annual: '≥95%' } : i)),
        { level1: { code: '2', name: '效益指标' }, level2: { code: '24', name: '可持续影响' }, name: '持证上岗率', period: '≥70%', annual: '≥70%' }],
    };
    const d = comparePlans(GOOD, b);
    expect(d.changed).toBe(true);
    expect(d.attribute).toEqual({ a: '新增', b: '延续' });
    expect(d.funding?.amounts.map((a) => a.field)).toEqual(['total', 'fiscal']);
    expect(d.indicators.find((i) => i.status === 'changed')?.annual?.summary).toMatch(/90.*→.*95/);
    expect(d.indicators.find((i) => i.status === 'added')?.b?.name).toBe('持证上岗率');
    expect(comparePlans(GOOD, GOOD).changed).toBe(false);
  });
});
