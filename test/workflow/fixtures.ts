// A plan as a careful unit writes it: every dimension covered, every target a number, deadline or
// percentage — the review engine finds nothing to say about it. Tests change one thing at a time.
import type { PlanContent } from '../../src/workflow/content.js';
import type ExcelJS from 'exceljs';

export const GOOD: PlanContent = {
  name: '职业技能培训补贴项目',
  funding: { total: 120.5, fiscal: 100, specialAccount: null, other: 20.5 },
  goal: '2024年完成职业技能培训1200人次，培训合格率达到90%以上，提升劳动者就业能力。',
  indicators: [
    { level1: { code: '1', name: '产出指标' }, level2: { code: '11', name: '数量指标' }, name: '培训人次', period: '≥1200人次', annual: '≥1200人次' },
    { level1: { code: '1', name: '产出指标' }, level2: { code: '12', name: '质量指标' }, name: '培训合格率', period: '≥90%', annual: '≥90%' },
    { level1: { code: '1', name: '产出指标' }, level2: { code: '13', name: '时效指标' }, name: '培训完成时间', period: '2024年11月前', annual: '2024年11月前' },
    { level1: { code: '2', name: '效益指标' }, level2: { code: '22', name: '社会效益' }, name: '就业率', period: '≥80%', annual: '≥80%' },
    { level1: { code: '3', name: '满意度指标' }, level2: { code: '31', name: '服务对象满意度' }, name: '学员满意度', period: '≥90%', annual: '≥90%' },
  ],
  attribute: 'new', startYear: 2024, endYear: 2024, notes: '',
};

/** GOOD with a qualitative 效益 indicator, scored by the person within its band (the 自评 upload tests) */
export const QUALITATIVE_PLAN: PlanContent = {
  ...GOOD,
  indicators: [...GOOD.indicators.slice(0, 4), { level1: { code: '2', name: '效益指标' }, level2: { code: '22', name: '社会效益' }, name: '社会影响', period: '有效提升', annual: '有效提升' }, GOOD.indicators[4]!],
};

/** what the clerk fills on its 自评 template's 指标 sheet, row 4 on: 实际完成值, 达成情况, 分值, 得分, 偏差原因分析及改进措施 */
export const EVALUATION_FILL: readonly (readonly [string, string, number, number, string])[] = [
  ['1250人次', '达成', 20, 20, ''],
  ['88%', '部分达成', 15, 14.67, '部分学员补考未通过；下期加强考前辅导'],
  ['2024年10月', '达成', 15, 15, ''],
  ['85%', '达成', 15, 15, ''],
  ['就业服务口碑明显提升', '达成', 15, 13.5, ''],
  ['95%', '达成', 10, 10, ''],
];

/** a downloaded 自评 template filled as the clerk would: 资金, 总体目标 and EVALUATION_FILL on 指标 (a line's 偏差原因 left out when asked) */
export function fillEvaluationTemplate(wb: ExcelJS.Workbook, options: { withoutDeviationOf?: number } = {}): void {
  const money = wb.getWorksheet('资金')!;
  money.getCell('E5').value = 100; money.getCell('F5').value = 95; money.getCell('E7').value = 20.5; money.getCell('F7').value = 18;
  wb.getWorksheet('总体目标')!.getCell('D4').value = '完成培训1250人次，合格率88%';
  const ind = wb.getWorksheet('指标')!;
  EVALUATION_FILL.forEach(([actual, achievement, weight, score, deviation], k) => {
    const r = ind.getRow(4 + k);
    r.getCell('H').value = actual; r.getCell('I').value = achievement; r.getCell('J').value = weight; r.getCell('K').value = score;
    if (deviation && k !== options.withoutDeviationOf) r.getCell('L').value = deviation;
  });
}

/** a 运行监控 input for GOOD that a submission accepts (every indicator 确定能), with 财政拨款 and 其他资金 spent so far */
export const monitoringInput = (fiscalSpent: number, otherSpent: number) => ({
  funding: [{ source: '财政拨款', initial: 100, adjusted: 100, spent: fiscalSpent }, { source: '其他资金', initial: 20.5, adjusted: 20.5, spent: otherSpent }],
  indicators: [
    { current: '600人次', likelihood: '确定能', forecast: '1200人次', reasons: [], reasonText: '', measures: '' },
    { current: '92%', likelihood: '确定能', forecast: '92%', reasons: [], reasonText: '', measures: '' },
    { current: '未完成', likelihood: '确定能', forecast: '2024年11月', reasons: [], reasonText: '', measures: '' },
    { current: '85%', likelihood: '确定能', forecast: '85%', reasons: [], reasonText: '', measures: '' },
    { current: '95%', likelihood: '确定能', forecast: '95%', reasons: [], reasonText: '', measures: '' },
  ],
});
