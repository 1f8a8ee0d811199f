// Monitoring lights computed by hand at each threshold edge (59.99 / 60 / 80 / 120) and for each kind of target.
import { describe, expect, it } from 'vitest';
import { judgeIndicator, LIGHTS, lightKindOf, resolveConfig } from '../../src/score/index.js';
import { parseTarget } from '../../src/targets/index.js';

const c = resolveConfig(undefined);
const light = (target: string, current: string | string[] | null, month = 12, name = '', year = 2024) =>
  judgeIndicator({ target, current, year, month, name }, c);

describe('cumulative (pro-rated by month ÷ 12)', () => {
  it.each([
    ['59.99人', 'red', 59.99], ['60人', 'yellow', 60], ['79.99人', 'yellow', 79.99], ['80人', 'green', 80], ['119.99人', 'green', 119.99], ['120人', 'blue', 120], ['0人', 'red', 0],
  ])('≥100人 at December, current %s → %s', (cur, colour, percent) => {
    const l = light('≥100人', cur);
    expect(l).toMatchObject({ kind: 'cumulative', colour, percent });
    expect(l.explanation).toContain('× 12/12');
  });
  it.each([
    [6, '299.95人', 'red'], [6, '300人', 'yellow'], [6, '400人', 'green'], [6, '600人', 'blue'], [3, '150人', 'yellow'], [3, '200人', 'green'],
  ])('≥1000人 at month %d, current %s → %s', (month, cur, colour) => {
    expect(light('≥1000人', cur, month).colour).toBe(colour);
  });
  it('万 and 人 are the same count; 人 and 次 are not', () => {
    expect(light('≥2万人次', '12000人次', 6)).toMatchObject({ colour: 'blue', percent: 120 });
    expect(light('≥2万人次', '9000人次', 6)).toMatchObject({ colour: 'green', percent: 90 });
    expect(light('≥1000人', '800次', 12)).toMatchObject({ colour: null });
  });
  it('thresholds are configuration', () => {
    const strict = resolveConfig({ lights: { cumulative: { red: 70, yellow: 90, blue: 150 } } });
    expect(judgeIndicator({ target: '≥100人', current: '65人', year: 2024, month: 12 }, strict).colour).toBe('red');
    expect(judgeIndicator({ target: '≥100人', current: '130人', year: 2024, month: 12 }, strict).colour).toBe('green');
  });
});

describe('budget (执行率 ÷ 序时进度 × 100)', () => {
  it.each([
    [6, 29.995, 'red'], [6, 30, 'yellow'], [6, 39.99, 'yellow'], [6, 40, 'green'], [12, 59.99, 'red'], [12, 80, 'green'], [3, 15, 'yellow'], [3, 20, 'green'],
  ])('month %d, 100 budgeted, %d spent → %s', (month, spent, colour) => {
    const l = LIGHTS.budget.judge({ budget: 100, spent }, month, c);
    expect(l.colour).toBe(colour);
    expect(l.explanation).toContain('序时进度');
  });
  it('a zero budget cannot be judged', () => {
    expect(LIGHTS.budget.judge({ budget: 0, spent: 0 }, 6, c).colour).toBeNull();
  });
});

describe('rates, reverse, qualitative, deadlines, compounds', () => {
  it('a rate is compared as is, not pro-rated', () => {
    expect(light('≥90%', '90%', 3, '满意度')).toMatchObject({ kind: 'rate', colour: 'green' });
    expect(light('≥90%', '72%', 3, '满意度')).toMatchObject({ kind: 'rate', colour: 'yellow', percent: 80 });
    expect(light('≥90%', '71.99%', 3, '满意度')).toMatchObject({ colour: 'red' });
    expect(light('≥90分', '95分', 3, '考核得分').kind).toBe('rate');
    expect(light('≥95', '95', 2, '设备完好率').kind).toBe('rate');
    expect(light('≥1000人次', '900人次', 12, '培训人次').kind).toBe('cumulative');
    // a rate per period is written already pro-rated: 每月2次 in June is 2 a month, not 1
    expect(light('每月不少于2次', '2次', 6, '巡检次数')).toMatchObject({ kind: 'rate', colour: 'green' });
    expect(light('≥2次/周', '1次/周', 6, '巡查')).toMatchObject({ kind: 'rate', colour: 'red' });
    expect(light('不少于2次/年', '1次/年', 6, '演练')).toMatchObject({ kind: 'cumulative', colour: 'green', percent: 100 });
    expect(light('每年不少于4次', '1次', 6, '培训').kind).toBe('cumulative');
  });
  it('reverse: green while it holds, red once broken', () => {
    expect(light('≤2宗', '2宗', 6)).toMatchObject({ kind: 'reverse', colour: 'green' });
    expect(light('≤2宗', '3宗', 6)).toMatchObject({ colour: 'red' });
    expect(light('<2宗', '2宗', 6)).toMatchObject({ colour: 'red' });
    expect(light('零事故', '0', 6)).toMatchObject({ kind: 'reverse', colour: 'green' });
  });
  it('qualitative: 达成 green, 部分达成 yellow, 未达成 red', () => {
    expect(light('有效提升', '达成').colour).toBe('green');
    expect(light('有效提升', '部分达成').colour).toBe('yellow');
    expect(light('有效提升', '未达成').colour).toBe('red');
    expect(light('有效提升', '80%').colour).toBeNull();
  });
  it('a deadline is on track until it passes', () => {
    expect(light('2024年11月前', null, 10)).toMatchObject({ kind: 'deadline', colour: 'green' });
    expect(light('2024年11月前', null, 11).colour).toBe('green');
    expect(light('2024年11月前', null, 12).colour).toBe('red');
    expect(light('2024年11月前', '2024年10月5日', 12).colour).toBe('green');
    expect(light('2024年11月前', '2024年12月3日', 12).colour).toBe('red');
    expect(light('2024年11月前', '未完成', 6).colour).toBe('green');
  });
  it('a compound is the worst of its parts (and) or the best (or)', () => {
    expect(light('满意度≥90%，投诉≤2宗', ['95%', '3宗'], 6)).toMatchObject({ kind: 'compound', colour: 'red' });
    expect(light('满意度≥90%，投诉≤2宗', ['95%', '1宗'], 6).colour).toBe('green');
    expect(light('论文2篇或课题2项', ['0篇', '2项'], 12).colour).not.toBe('red');
  });
  it('every target kind has a light rule', () => {
    expect(['≥1人', '≤1人', '1-2人', '2024年底', '良好', '≥1人，≤2次', '']
      .map((t) => lightKindOf(parseTarget(t)))).toEqual(['cumulative', 'reverse', 'cumulative', 'deadline', 'qualitative', 'compound', null]);
  });
});
