// Small hand-written tabular-text tables for the review tests: the page header, a 合计 row, unit rows and
// project rows, one per line, cells separated by tabs. Amounts are all 财政拨款.
import { parseText } from '../../src/ingest/index.js';
import type { TableDocument } from '../../src/model/index.js';

export interface ProjectRow {
  readonly name: string;
  readonly amount: number;
  readonly goal: string;
  readonly indicators: string;
}
export interface UnitRow {
  readonly name: string;
  /** the unit row's printed amount; the sum of its projects when omitted */
  readonly amount?: number;
  readonly projects: readonly ProjectRow[];
}

const fmt = (x: number): string => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const sum = (u: UnitRow): number => u.amount ?? u.projects.reduce((s, p) => s + p.amount, 0);

/** The text of a table; `total` is the 合计 row's amount (the sum of the units when omitted). */
export function tableText(units: readonly UnitRow[], total?: number): string {
  const t = total ?? units.reduce((s, u) => s + sum(u), 0);
  const lines = [
    '测试局2024年项目支出绩效目标表',
    '部门名称：测试局',
    '单位：万元',
    '项目名称（资金使用单位）\t总计\t财政拨款\t财政专户拨款\t其他资金\t绩效目标\t绩效指标',
    `合计\t${fmt(t)}\t${fmt(t)}\t\t\t\t`,
  ];
  for (const u of units) {
    lines.push(`${u.name}\t${fmt(sum(u))}\t${fmt(sum(u))}\t\t\t\t`);
    for (const p of u.projects) lines.push(`${p.name}\t${fmt(p.amount)}\t${fmt(p.amount)}\t\t\t${p.goal}\t${p.indicators}`);
  }
  return `${lines.join('\n')}\n`;
}

export const table = (units: readonly UnitRow[], total?: number): TableDocument => parseText(tableText(units, total), { file: 'test.txt' });

// A clean project: 产出 数量/质量/时效, 效益 and 满意度, every target numeric, a quantified goal.
export const TRAINING_GOAL = '通过开展职业技能培训，完成培训500人次，培训合格率达到90%以上，提升学员就业能力。';
export const TRAINING_INDICATORS =
  '1、1-产出指标；11-数量指标；培训人次；实施周期指标值:≥500人次；年度指标值:≥500人次。' +
  '2、1-产出指标；12-质量指标；培训合格率；实施周期指标值:≥90%；年度指标值:≥90%。' +
  '3、1-产出指标；13-时效指标；培训按时完成率；实施周期指标值:100%；年度指标值:100%。' +
  '4、2-效益指标；22-社会效益；学员就业率；实施周期指标值:≥80%；年度指标值:≥80%。' +
  '5、3-满意度指标；31-服务对象满意度；学员满意度；实施周期指标值:≥90%；年度指标值:≥90%。';

export const PROPERTY_GOAL = '保障业务用房安保、保洁、维修等物业服务正常运行，设备及时维修率达到95%以上，为办事群众提供安全的办事环境。';
export const PROPERTY_INDICATORS =
  '1、1-产出指标；11-数量指标；物业管理面积覆盖率；实施周期指标值:100%；年度指标值:100%。' +
  '2、1-产出指标；12-质量指标；设备完好率；实施周期指标值:≥95%；年度指标值:≥95%。' +
  '3、1-产出指标；13-时效指标；设备及时维修率；实施周期指标值:≥95%；年度指标值:≥95%。' +
  '4、2-效益指标；22-社会效益；治安事件发生次数；实施周期指标值:0次；年度指标值:0次。' +
  '5、3-满意度指标；31-服务对象满意度；物业服务满意率；实施周期指标值:≥90%；年度指标值:≥90%。';

export const training = (amount: number, over: Partial<ProjectRow> = {}): ProjectRow => ({
  name: '职业技能培训经费', amount, goal: TRAINING_GOAL, indicators: TRAINING_INDICATORS, ...over,
});
export const property = (amount: number, over: Partial<ProjectRow> = {}): ProjectRow => ({
  name: '业务用房物业管理费', amount, goal: PROPERTY_GOAL, indicators: PROPERTY_INDICATORS, ...over,
});

/** The training indicators without the 时效 one: output-coverage's one warning. */
export const TRAINING_NO_TIMELINESS = TRAINING_INDICATORS
  .replace('3、1-产出指标；13-时效指标；培训按时完成率；实施周期指标值:100%；年度指标值:100%。', '')
  .replace('4、2-效益', '3、2-效益')
  .replace('5、3-满意度', '4、3-满意度');

/** The training indicators with only 产出 and 效益: dimension-coverage's one warning (满意度 missing). */
export const TRAINING_NO_SATISFACTION = TRAINING_INDICATORS.replace(/5、3-满意度指标.*$/, '');
