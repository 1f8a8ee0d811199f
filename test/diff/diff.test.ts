// The diff stage on small inputs: the word diff, the edit script, funding columns, and project/indicator
// matching on hand-made tables.
import { describe, expect, it } from 'vitest';
import { diffDocuments, diffFunding, diffText, dice, editScript, listChanges, UnitMatchError, words } from '../../src/diff/index.js';
import { parseText } from '../../src/ingest/index.js';
import type { Funding, TableDocument } from '../../src/model/index.js';
import { mulberry32 } from '../helpers/prng.js';

describe('diffText (word level)', () => {
  it('reports no change for equal texts, texts differing only in whitespace, and by default only in width', () => {
    expect(diffText('教职工满意度', '教职工满意度')).toBeNull();
    expect(diffText('教职工 满意度\n', ' 教职工满意度')).toBeNull();
    expect(diffText('', '')).toBeNull();
    expect(diffText('100％依照合同期限', '100%依照合同期限')).toBeNull();
    expect(diffText('＜1.4', '<1.4')).toBeNull();
  });

  it('reports width differences when asked to', () => {
    expect(diffText('100％', '100%', false)?.summary).toBe('100％ → 100%');
  });

  it('gives exactly one change for 满意率 → 满意度', () => {
    const c = diffText('满意率', '满意度')!;
    expect(c.segments).toEqual([
      { op: 'equal', text: '满意' },
      { op: 'delete', text: '率' },
      { op: 'insert', text: '度' },
    ]);
    expect(c.hunks).toEqual([{ a: '满意率', b: '满意度' }]);
    expect(c.summary).toBe('满意率 → 满意度');
    expect(diffText('教职工满意率', '教职工满意度')!.summary).toBe('满意率 → 满意度');
  });

  it('handles insertions and deletions at the start and the end', () => {
    expect(diffText('满意度', '用户满意度')!.segments).toEqual([
      { op: 'insert', text: '用户' },
      { op: 'equal', text: '满意度' },
    ]);
    expect(diffText('用户满意度', '满意度')!.segments).toEqual([
      { op: 'delete', text: '用户' },
      { op: 'equal', text: '满意度' },
    ]);
    expect(diffText('满意度', '满意度调查')!.segments).toEqual([
      { op: 'equal', text: '满意度' },
      { op: 'insert', text: '调查' },
    ]);
    const end = diffText('满意度调查', '满意度')!;
    expect(end.segments).toEqual([
      { op: 'equal', text: '满意度' },
      { op: 'delete', text: '调查' },
    ]);
    expect(end.summary).toBe('满意度调查 → 满意度');
    expect(diffText('', '新增')!.segments).toEqual([{ op: 'insert', text: '新增' }]);
    expect(diffText('删去', '')!.summary).toBe('删去 → （空）');
  });

  it('gives each separate change its own hunk, with neighbouring words to read it by', () => {
    const c = diffText('服务广州、粤港澳大湾区空港区域经济及社会发展。', '服务广州、粤港澳大湾区空港区区域经济社会及社会发展。')!;
    expect(c.hunks).toEqual([
      { a: '空港区域', b: '空港区区域' },
      { a: '经济及', b: '经济社会及' },
    ]);
    expect(c.segments.filter((s) => s.op !== 'equal')).toEqual([
      { op: 'insert', text: '区' },
      { op: 'insert', text: '社会' },
    ]);
  });

  it('keeps whole words: 工位数 → 工位数量, 人次数 → 人次', () => {
    expect(diffText('新增实训工位数', '新增实训工位数量')!.summary).toBe('工位数 → 工位数量');
    expect(diffText('培训惠及人次数', '培训惠及人次')!.summary).toBe('人次数 → 人次');
  });

  it('segments rebuild both texts (seeded random word edits of real goals)', () => {
    const base = words('通过实施广州市技师学院2023年科教城新校区信息化基础设施建设项目，建设完善的网络基础环境、建立严密的安全管理环境，达到保障师生的教学基础设施及生活正常运作的目标。');
    const vocab = ['学生', '生活', '活动', '满意度', '率', '，', '100%', '系统', '的'];
    const rng = mulberry32(20240601);
    for (let n = 0; n < 200; n++) {
      const edit = (ws: readonly string[]): string[] => {
        const out = [...ws];
        for (let k = rng.int(0, 4); k > 0; k--) {
          const at = rng.int(0, out.length);
          if (rng.chance(0.5) && out.length > 0) out.splice(Math.min(at, out.length - 1), 1);
          else out.splice(at, 0, rng.pick(vocab));
        }
        return out;
      };
      const a = edit(base).join('');
      const b = edit(base).join('');
      const c = diffText(a, b, false);
      if (a === b) {
        expect(c).toBeNull();
        continue;
      }
      expect(c).not.toBeNull();
      expect(c!.segments.filter((s) => s.op !== 'insert').map((s) => s.text).join('')).toBe(a);
      expect(c!.segments.filter((s) => s.op !== 'delete').map((s) => s.text).join('')).toBe(b);
      expect(c!.hunks.length).toBeGreaterThan(0);
    }
  });
});

describe('editScript', () => {
  const lcs = (a: readonly number[], b: readonly number[]): number => {
    const t = Array.from({ length: a.length + 1 }, () => Array<number>(b.length + 1).fill(0));
    for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) t[i]![j] = a[i - 1] === b[j - 1] ? t[i - 1]![j - 1]! + 1 : Math.max(t[i - 1]![j]!, t[i]![j - 1]!);
    return t[a.length]![b.length]!;
  };

  it('is a shortest edit script: its equal steps are a longest common subsequence', () => {
    const rng = mulberry32(7);
    for (let n = 0; n < 300; n++) {
      const a = Array.from({ length: rng.int(0, 25) }, () => rng.int(0, 5));
      const b = Array.from({ length: rng.int(0, 25) }, () => rng.int(0, 5));
      const ops = editScript(a, b);
      let i = 0;
      let j = 0;
      for (const op of ops) {
        if (op === 'equal') expect(a[i++]).toBe(b[j++]);
        else if (op === 'delete') i++;
        else j++;
      }
      expect([i, j]).toEqual([a.length, b.length]);
      expect(ops.filter((o) => o === 'equal').length).toBe(lcs(a, b));
    }
  });

  it('puts deletions before insertions within a change', () => {
    expect(editScript(['a', 'b', 'c'], ['a', 'x', 'c'])).toEqual(['equal', 'delete', 'insert', 'equal']);
  });
});

describe('dice', () => {
  it('scores character bigrams', () => {
    expect(dice('满意度', '满意度')).toBe(1);
    expect(dice('满意率', '满意度')).toBe(0.5);
    expect(dice('设备', '车辆')).toBe(0);
    expect(dice('培训惠及人次数', '培训惠及人次')).toBeCloseTo(10 / 11);
  });
});

describe('diffFunding', () => {
  const f = (total: number, fiscal: number | null, other: number | null, unplaced: number[] = []): Funding => ({ total, fiscal, specialAccount: null, other, unplaced, printed: [] });

  it('compares amounts in cents, not as printed', () => {
    const a: Funding = { ...f(1210.58, 1210.58, null), printed: ['1,210.58', '1,210.58'] };
    const b: Funding = { ...f(1210.58, 1210.58, null), printed: ['1210.58', '1210.58'] };
    expect(diffFunding(a, b).changed).toBe(false);
    expect(diffFunding(f(0.1 + 0.2, 0.3, null), f(0.3, 0.3, null)).changed).toBe(false);
  });

  it('reports a changed total and column with both figures and the difference', () => {
    const d = diffFunding(f(100, 100, null), f(120.5, 100, 20.5));
    expect(d.changed).toBe(true);
    expect(d.amounts).toEqual([
      { field: 'total', a: 100, b: 120.5, difference: 20.5 },
      { field: 'other', a: null, b: 20.5, difference: null },
    ]);
  });

  it('does not count an amount one side leaves unplaced and the other places as a change', () => {
    const d = diffFunding(f(47.66, null, null, [47.66]), f(47.66, 47.66, null));
    expect(d).toMatchObject({ changed: false, columnsReconciled: true, amounts: [], unplaced: null });
  });

  it('reports columns that no placement reconciles', () => {
    const d = diffFunding(f(50, 30, null, [20]), f(50, 20, 30));
    expect(d.changed).toBe(true);
    expect(d.columnsReconciled).toBe(false);
    expect(d.amounts.map((x) => x.field)).toEqual(['fiscal', 'other']);
    expect(d.unplaced).toEqual({ a: [20], b: [] });
  });
});

// A tabular-text table from a compact description: units of projects of numbered indicators.
interface P {
  name: string;
  total: number;
  goal?: string;
  indicators?: string[];
}
const HEADER = ['某部门2024年项目支出绩效目标表', '', '部门名称：某部门', '', '单位：万元', '', ['项目名称（资金使用单位）', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '绩效指标'].join('\t')];
function table(file: string, units: Record<string, P[]>): TableDocument {
  const rows: string[] = [...HEADER];
  for (const [unit, projects] of Object.entries(units)) {
    const sum = projects.reduce((s, p) => s + p.total, 0).toFixed(2);
    rows.push([unit, sum, sum, '', '', '', ''].join('\t'));
    for (const p of projects) {
      const ind = (p.indicators ?? ['1-产出指标；11-数量指标；完成率；实施周期指标值:100%；年度指标值:100%']).map((x, i) => `${i + 1}、${x}。`).join('');
      rows.push([p.name, p.total.toFixed(2), p.total.toFixed(2), '', '', p.goal ?? `完成${p.name}。`, ind].join('\t'));
    }
  }
  return parseText(`${rows.join('\n')}\n`, { file });
}

describe('diffDocuments: matching projects', () => {
  it('matches by name without whitespace, then by similar name, and reports the rest as added or removed', () => {
    const a = table('a.txt', {
      某学院: [
        { name: '校园网络 建设项目', total: 10 },
        { name: '学生资助发放项目', total: 20 },
        { name: '图书采购项目', total: 30 },
        { name: '旧楼拆除项目', total: 5 },
      ],
    });
    const b = table('b.txt', {
      某学院: [
        { name: '校园网络建设项目', total: 10 },
        { name: '学生资助金发放项目', total: 20 },
        { name: '新建实训楼项目', total: 40 },
        { name: '图书采购项目', total: 30 },
      ],
    });
    const d = diffDocuments(a, b);
    expect(d.units[0]!.projects.map((p) => [p.status, p.name, p.matchedBy])).toEqual([
      ['same', '校园网络建设项目', 'name'],
      ['changed', '学生资助金发放项目', 'similarity'],
      ['added', '新建实训楼项目', null],
      ['same', '图书采购项目', 'name'],
      ['removed', '旧楼拆除项目', null],
    ]);
    expect(d.units[0]!.projects[1]!.nameChange!.summary).toBe('资助发放 → 资助金发放');
    expect(d.projects).toEqual({ same: 2, changed: 1, added: 1, removed: 1 });
  });

  it('reports a changed amount with both figures and the difference', () => {
    const a = table('a.txt', { 某学院: [{ name: '图书采购项目', total: 30 }] });
    const b = table('b.txt', { 某学院: [{ name: '图书采购项目', total: 32.5 }] });
    const lines = listChanges(diffDocuments(a, b)).map((c) => [c.kind, c.summary]);
    expect(lines).toEqual([
      ['unit-funding', '总计 30.00 → 32.50（+2.50）'],
      ['unit-funding', '财政拨款 30.00 → 32.50（+2.50）'],
      ['funding', '总计 30.00 → 32.50（+2.50）'],
      ['funding', '财政拨款 30.00 → 32.50（+2.50）'],
    ]);
  });

  it('finds the same indicator in another position, a renamed one by similarity, and reports added and removed ones', () => {
    const a = table('a.txt', {
      某学院: [
        {
          name: '图书采购项目',
          total: 30,
          indicators: [
            '1-产出指标；11-数量指标；图书采购数量；实施周期指标值:≥1000册；年度指标值:≥1000册',
            '1-产出指标；13-时效指标；采购及时率；实施周期指标值:100%；年度指标值:100%',
            '3-满意度指标；31-服务对象满意度；读者满意率；实施周期指标值:≥90%；年度指标值:≥90%',
            '2-效益指标；22-社会效益；借阅人次数；实施周期指标值:≥5000人次；年度指标值:≥5000人次',
            '1-产出指标；12-质量指标；验收合格率；实施周期指标值:100%；年度指标值:100%',
          ],
        },
      ],
    });
    const b = table('b.txt', {
      某学院: [
        {
          name: '图书采购项目',
          total: 30,
          indicators: [
            '1-产出指标；13-时效指标；采购及时率；实施周期指标值:100%；年度指标值:100%',
            '1-产出指标；11-数量指标；图书采购数量；实施周期指标值:≥1000册；年度指标值:≥1200册',
            '3-满意度指标；31-服务对象满意度；读者满意度；实施周期指标值:≥90%；年度指标值:≥90%',
            '2-效益指标；21-经济效益；借阅人次数；实施周期指标值:≥5000人次；年度指标值:≥5000人次',
            '1-产出指标；11-数量指标；新增电子资源数；实施周期指标值:≥10个；年度指标值:≥10个',
          ],
        },
      ],
    });
    const d = diffDocuments(a, b);
    const p = d.units[0]!.projects[0]!;
    expect(p.status).toBe('changed');
    expect(p.indicatorsSame).toBe(1); // 采购及时率, moved from 2 to 1
    expect(p.indicators.map((i) => [i.status, i.matchedBy, i.a?.name ?? null, i.b?.name ?? null])).toEqual([
      ['changed', 'key', '图书采购数量', '图书采购数量'],
      ['changed', 'similarity', '读者满意率', '读者满意度'],
      ['changed', 'similarity', '借阅人次数', '借阅人次数'],
      ['removed', null, '验收合格率', null],
      ['added', null, null, '新增电子资源数'],
    ]);
    const [count, satisfaction, level] = p.indicators;
    expect(count!.annual!.summary).toBe('1000 → 1200');
    expect(count!.annual!.segments).toEqual([{ op: 'equal', text: '≥' }, { op: 'delete', text: '1000' }, { op: 'insert', text: '1200' }, { op: 'equal', text: '册' }]);
    expect(count!.period).toBeNull();
    expect(satisfaction!.name!.summary).toBe('满意率 → 满意度');
    expect(level!.level2).toEqual({ a: '22', b: '21' });
    expect(level!.level1).toBeNull();
    expect(level!.name).toBeNull();
    expect(d.indicators).toEqual({ same: 1, changed: 3, added: 1, removed: 1 });
  });
});

describe('diffDocuments: matching units', () => {
  const dept = table('dept.txt', {
    甲单位: [{ name: '甲项目', total: 1 }],
    乙单位: [{ name: '乙项目', total: 2 }],
  });
  const own = table('own.txt', { 乙单位: [{ name: '乙项目', total: 2 }] });

  it('compares a one-unit table with its namesake in a department table, and only that unit', () => {
    const d = diffDocuments(own, dept);
    expect(d.scope).toBe('unit');
    expect(d.units.map((u) => u.name)).toEqual(['乙单位']);
    expect(d.unitsOnlyInB).toEqual([]);
    expect(d.projects).toEqual({ same: 1, changed: 0, added: 0, removed: 0 });
  });

  it('compares every unit by name between two multi-unit tables and lists the unmatched ones', () => {
    const other = table('other.txt', { 乙单位: [{ name: '乙项目', total: 2 }], 丙单位: [{ name: '丙项目', total: 3 }] });
    const d = diffDocuments(dept, other);
    expect(d.scope).toBe('all');
    expect(d.units.map((u) => u.name)).toEqual(['乙单位']);
    expect([d.unitsOnlyInA, d.unitsOnlyInB]).toEqual([['甲单位'], ['丙单位']]);
  });

  it('compares only the unit asked for', () => {
    const d = diffDocuments(dept, dept, { unit: '甲单位' });
    expect(d.units.map((u) => u.name)).toEqual(['甲单位']);
  });

  it('throws UnitMatchError naming each side’s units when nothing matches', () => {
    const x = table('x.txt', { 丁单位: [{ name: '丁项目', total: 1 }] });
    expect(() => diffDocuments(x, own)).toThrow(UnitMatchError);
    try {
      diffDocuments(dept, own, { unit: '甲单位' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UnitMatchError);
      expect((e as UnitMatchError).missingIn).toEqual(['b']);
      expect((e as UnitMatchError).unitsA).toEqual(['甲单位', '乙单位']);
      expect((e as UnitMatchError).unitsB).toEqual(['乙单位']);
    }
  });
});
