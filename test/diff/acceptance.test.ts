// Acceptance: 广州市技师学院's own table (000, flowed text) against the department's table (002, tabular
// text), which holds the same unit at line 362.
//
// The expected changes were found by reading the two sources, not the parser's output: every line of 000
// from the unit row (line 9) to the end, and rows 362–412 of 002 without the repeated page headers, were
// joined with all whitespace removed and compared character by character. The two streams are the same
// (16 projects in the same order, same names, same amounts 12,721.29 / 47.66 / … / 18.37) except for:
//
//   project (000 line → 002 line)                  cell        000                         002
//   2023年科教城新校区信息化基础设施建设项目 (72 → 373)   绩效目标     …及学生活动的顺利运行        …及学生生活的顺利运行
//   入驻科教城校区购置项目 (180 → 385)                  指标 4 名称  教职工满意率                教职工满意度
//   B737CL维修实训平台项目 (220 → 387)                  绩效目标     空港区域经济及社会发展      空港区区域经济社会及社会发展
//   B737CL维修实训平台项目 (228 → 387)                  指标 5 名称  培训惠及人次数              培训惠及人次
//   B737CL维修实训平台项目 (230 → 387)                  指标 6 名称  新增实训工位数              新增实训工位数量
//   B737CL维修实训平台项目 (233 → 387)                  指标 8 名称  学生对教学设备满意率        学生对教学设备满意度
//   2024年-2025年信息化运维项目 (390 → 412)             绩效目标     业务应用软件的运行          业务应用程序的运行
//
// and six places where only the width of a symbol differs (not changes: 000 prints full-width, 002 half):
//
//   2023年科教城新校区信息化基础设施建设项目 (76)   指标 1 实施周期指标值、年度指标值   ＜1.4        <1.4
//   入驻科教城搬迁开办项目 (127, 128)              指标 1、2 年度指标值                100％        100%
//   房屋维护维修项目 (348, 349)                    指标 2 实施周期指标值、年度指标值   100％依照…   100%依照…
//
// (The same words elsewhere are unchanged in both: 教职工满意率 in the 科教城新校区 project, 业务应用软件 in
// the 2023-2024 运维 project.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffDocuments, listChanges } from '../../src/diff/index.js';
import { parseBytes } from '../../src/ingest/index.js';
import { readTargets } from '../../src/targets/index.js';
import { REPO_ROOT } from '../helpers/samples.js';

const read = (file: string) => readTargets(parseBytes(readFileSync(join(REPO_ROOT, 'samples', file)), { file }));
const own = read('000_df1d7dc7c09f411b.txt');
const dept = read('002_02da4d888feccc7a.txt');

const P3 = '广州市技师学院2023年科教城新校区信息化基础设施建设项目';
const P5 = '广州市技师学院入驻科教城搬迁开办项目';
const P7 = '广州市技师学院入驻科教城校区购置项目';
const P9 = '广州市技师学院B737CL维修实训平台项目';
const P14 = '广州市技师学院房屋维护维修项目';
const P16 = '广州市技师学院2024年-2025年信息化运维项目';

/** [project, kind, indicator number, summary] — the hand-made list above, as the diff writes it */
const EXPECTED: [string, string, number | null, string][] = [
  [P3, 'goal', null, '活动 → 生活'],
  [P7, 'indicator-name', 4, '满意率 → 满意度'],
  [P9, 'goal', null, '空港区域 → 空港区区域；经济及 → 经济社会及'],
  [P9, 'indicator-name', 5, '人次数 → 人次'],
  [P9, 'indicator-name', 6, '工位数 → 工位数量'],
  [P9, 'indicator-name', 8, '满意率 → 满意度'],
  [P16, 'goal', null, '软件 → 程序'],
];

const rows = (d: ReturnType<typeof diffDocuments>) => listChanges(d).map((c) => [c.project, c.kind, c.indicator, c.summary]);

describe('diff 000 against 002’s 广州市技师学院', () => {
  const d = diffDocuments(own, dept);

  it('compares that one unit, project by project', () => {
    expect(d.scope).toBe('unit');
    expect(d.units.map((u) => [u.name, u.lineA, u.lineB])).toEqual([['广州市技师学院', 9, 362]]);
    expect(d.units[0]!.projects).toHaveLength(16);
    expect(d.units[0]!.projects.every((p) => p.matchedBy === 'name')).toBe(true);
  });

  it('reports exactly the changes found by reading the sources, and no other', () => {
    expect(rows(d)).toEqual(EXPECTED);
    expect(d.projects).toEqual({ same: 12, changed: 4, added: 0, removed: 0 });
    expect(d.indicators).toEqual({ same: 102, changed: 4, added: 0, removed: 0 });
  });

  it('gives each change with the texts as published and the words marked', () => {
    const project = (name: string) => d.units[0]!.projects.find((p) => p.name === name)!;
    expect(project(P3).goal!.segments.filter((s) => s.op !== 'equal')).toEqual([
      { op: 'delete', text: '活动' },
      { op: 'insert', text: '生活' },
    ]);
    expect(project(P7).indicators.map((i) => [i.a!.name, i.b!.name, i.matchedBy])).toEqual([['教职工满意率', '教职工满意度', 'similarity']]);
    expect(project(P9).indicators.map((i) => [i.a!.seq, i.a!.name, i.b!.name])).toEqual([
      [5, '培训惠及人次数', '培训惠及人次'],
      [6, '新增实训工位数', '新增实训工位数量'],
      [8, '学生对教学设备满意率', '学生对教学设备满意度'],
    ]);
    expect(project(P9).indicators.every((i) => i.level1 === null && i.level2 === null && i.period === null && i.annual === null)).toBe(true);
    expect(project(P16).goal!.segments.filter((s) => s.op !== 'equal')).toEqual([
      { op: 'delete', text: '软件' },
      { op: 'insert', text: '程序' },
    ]);
  });

  it('does not count amounts whose column only one layout states, and says so', () => {
    // 000 prints `47.66 47.66` (flowed text drops the empty cells, so the column is not known); 002 puts it
    // under 财政拨款. Same amount, so no change — but the note tells the reader.
    expect(d.units[0]!.projects.every((p) => p.funding?.changed === false && p.funding.columnsReconciled)).toBe(true);
    expect(d.units[0]!.funding).toMatchObject({ changed: false, columnsReconciled: true });
    expect(d.notes).toEqual([
      '单位“广州市技师学院”：16 个项目及单位行的资金来源在甲（000_df1d7dc7c09f411b.txt）中未归列（文本未标明金额属于哪一列），与另一方的列相容，不计为改动。',
      '6 处文字只有全角/半角之别（如 100％ 与 100%、＜ 与 <），不计为改动。',
    ]);
  });

  it('lists the six width-only differences when width is not folded, and nothing more', () => {
    const strict = rows(diffDocuments(own, dept, { foldWidth: false }));
    const extra = strict.filter((r) => !EXPECTED.some((e) => JSON.stringify(e) === JSON.stringify(r)));
    expect(extra).toEqual([
      [P3, 'indicator-period', 1, '＜1.4 → <1.4'],
      [P3, 'indicator-annual', 1, '＜1.4 → <1.4'],
      [P5, 'indicator-annual', 1, '100％ → 100%'],
      [P5, 'indicator-annual', 2, '100％ → 100%'],
      [P14, 'indicator-period', 2, '100％ → 100%'],
      [P14, 'indicator-annual', 2, '100％ → 100%'],
    ]);
    expect(strict).toHaveLength(EXPECTED.length + 6);
  });

  it('reports the same changes the other way round', () => {
    const back = rows(diffDocuments(dept, own, { unit: '广州市技师学院' }));
    const flip = (s: string) => s.split('；').map((h) => h.split(' → ').reverse().join(' → ')).join('；');
    expect(back).toEqual(EXPECTED.map(([p, k, i, s]) => [p, k, i, flip(s)]));
  });

  it('finds nothing between a document and itself', () => {
    const same = diffDocuments(dept, dept);
    expect(listChanges(same)).toEqual([]);
    expect(same.projects.changed + same.projects.added + same.projects.removed).toBe(0);
  });
});
