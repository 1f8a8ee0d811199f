import { describe, expect, it } from 'vitest';
import { candidatePlacements, solveGroup } from '../../src/ingest/funding/placement.js';
import { parseText } from '../../src/ingest/index.js';

const HEAD = ['项目支出绩效目标表（含转移支付项目）', '部门名称：测试局 单位：万元', '项目名称（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标'];
const IND = '1、1-产出指标；11-数量指标；完成率；实施周期指标值:100%；年度指标值:100%。';
const project = (name: string, amounts: string): string[] => [`    ${name} ${amounts}`, `${name}的绩效目标。`, IND];

describe('candidatePlacements keeps the printed order of source amounts', () => {
  it('one amount may stand in any of the three columns', () => {
    expect(candidatePlacements([5])).toEqual([[5, 0, 0], [0, 5, 0], [0, 0, 5]]);
  });
  it('two amounts keep left-to-right order', () => {
    expect(candidatePlacements([1, 2])).toEqual([[1, 2, 0], [1, 0, 2], [0, 1, 2]]);
  });
  it('three amounts fill the columns; none means all empty', () => {
    expect(candidatePlacements([1, 2, 3])).toEqual([[1, 2, 3]]);
    expect(candidatePlacements([])).toEqual([[0, 0, 0]]);
  });
});

describe('solveGroup', () => {
  it('finds the only way two projects fill a unit whose columns are known', () => {
    const s = solveGroup([[500, 100, 0]], [candidatePlacements([500]), candidatePlacements([100])], 2)!;
    expect(s.parentFeasible).toEqual([true]);
    expect(s.childFeasible[0]).toEqual([[true, false, false], [false, true, false]]);
  });
  it('reports no solution when the sums do not hold', () => {
    const s = solveGroup([[500, 100, 0]], [candidatePlacements([400])], 1)!;
    expect(s.parentFeasible).toEqual([false]);
  });
  it('tolerates a difference of 0.01 per summed row as rounding', () => {
    const s = solveGroup([[301, 0, 0]], [candidatePlacements([100]), candidatePlacements([200])], 2)!;
    expect(s.parentFeasible).toEqual([true]);
  });
});

describe('column placement in a flowed table', () => {
  it('places every amount when the table sums force a single assignment', () => {
    const doc = parseText([
      ...HEAD,
      '合计 750.00 500.00 100.00 150.00',
      '甲单位 600.00 500.00 100.00',
      ...project('项目A', '500.00 500.00'),
      ...project('项目B', '100.00 100.00'),
      '乙单位 150.00 150.00',
      ...project('项目C', '150.00 150.00'),
    ].join('\n'));
    const [u1, u2] = doc.units;
    expect(doc.total).toMatchObject({ fiscal: 500, specialAccount: 100, other: 150, unplaced: [] });
    expect(u1!.funding).toMatchObject({ fiscal: 500, specialAccount: 100, other: null, unplaced: [] });
    expect(u1!.projects.map((p) => [p.funding.fiscal, p.funding.specialAccount, p.funding.other])).toEqual([[500, null, null], [null, 100, null]]);
    expect(u2!.funding).toMatchObject({ fiscal: null, specialAccount: null, other: 150 });
    expect(u2!.projects[0]!.funding).toMatchObject({ other: 150, unplaced: [] });
    expect(doc.diagnostics.filter((d) => d.code === 'column-decided')).toHaveLength(5);
    expect(doc.diagnostics.filter((d) => d.code === 'column-undecided')).toHaveLength(0);
  });

  it('leaves amounts unplaced when more than one assignment satisfies the sums', () => {
    const doc = parseText([...HEAD, '合计 300.00 300.00', '甲单位 300.00 300.00', ...project('项目A', '100.00 100.00'), ...project('项目B', '200.00 200.00')].join('\n'));
    const all = [doc.total!, doc.units[0]!.funding!, ...doc.units[0]!.projects.map((p) => p.funding)];
    for (const f of all) {
      expect([f.fiscal, f.specialAccount, f.other]).toEqual([null, null, null]);
      expect(f.unplaced).toEqual([f.total]);
    }
    // the 合计 row has its own diagnostic; the unit's three single-source rows share one
    const undecided = doc.diagnostics.filter((d) => d.code === 'column-undecided');
    expect(undecided.map((d) => d.path)).toEqual(['total']);
    expect(undecided[0]!.message).toContain('不止一种');
    const unit = doc.diagnostics.filter((d) => d.code === 'columns-not-printed');
    expect(unit.map((d) => d.path)).toEqual(['units[0]']);
    expect(unit[0]!.message).toContain('单位行及2 个项目（共 3 行');
    expect(unit[0]!.message).toContain('不止一种');
  });

  it('does not place from sums that do not hold, and names the gap', () => {
    const doc = parseText([...HEAD, '甲单位 400.00 300.00 100.00', ...project('项目A', '300.00 300.00'), ...project('项目B', '50.00 50.00')].join('\n'));
    expect(doc.units[0]!.projects.map((p) => p.funding.unplaced)).toEqual([[300], [50]]);
    const gap = doc.diagnostics.find((d) => d.code === 'sum-mismatch');
    expect(gap?.message).toContain('相差 50.00');
    expect(gap?.path).toBe('units[0]');
  });

  it('places a row that prints all three sources without consulting the sums', () => {
    const doc = parseText([...HEAD, ...project('项目A', '6.00 1.00 2.00 3.00')].join('\n'));
    expect(doc.units[0]!.projects[0]!.funding).toMatchObject({ total: 6, fiscal: 1, specialAccount: 2, other: 3, unplaced: [] });
    expect(doc.diagnostics.some((d) => d.code.startsWith('column-'))).toBe(false);
  });
});
