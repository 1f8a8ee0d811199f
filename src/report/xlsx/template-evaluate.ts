// The 绩效自评 (year-end self-evaluation) template a unit fills in offline for its published projects (issue
// 13's columns; the scored report is another writer). Sheets:
//   填报说明
//   资金      four rows per project (合计, 财政拨款, 财政专户拨款, 其他资金):
//             项目编号 | 项目名称 | 资金来源 | 年初预算数 | 全年预算数* | 全年执行数* | 执行率 | 分值 | 得分
//             年初预算数 published; 合计 sums the sources; 执行率 = 全年执行数 / 全年预算数; 分值 10 on the 合计 row,
//             得分 = 分值 × min(执行率, 100%) (formulas)
//   总体目标  one row per project: 项目编号 | 项目名称 | 预期目标 | 实际完成情况*
//   指标      one row per indicator: 项目编号 | 项目名称 | 指标编号 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 |
//             实际完成值* | 达成情况* | 分值* | 得分* | 偏差原因分析及改进措施
// Known columns are locked; 达成情况 is a list (达成/部分达成/未达成), 分值 and 得分 numbers from 0 to 100.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { budgetSheet, indicatorSheet, instructionsSheet, lockSheet, openTemplateSheet, templateRow, templateTitle, writeTemplate, type TemplateColumn } from './template-sheet.js';
import type { TemplateInput } from './types.js';

export const ACHIEVEMENT = ['达成', '部分达成', '未达成'] as const;
/** the points budget execution carries in the standard 自评表 */
export const BUDGET_POINTS = 10;

export const EVALUATE_BUDGET_COLUMNS: readonly TemplateColumn[] = [
  { header: '项目编号', width: 9, cell: 'id' },
  { header: '项目名称', width: 30, cell: 'text' },
  { header: '资金来源', width: 13, cell: 'text' },
  { header: '年初预算数', width: 14, cell: 'amount' },
  { header: '全年预算数', width: 14, cell: 'inputAmount', required: true, decimal: { min: 0, max: 1e9 } },
  { header: '全年执行数', width: 14, cell: 'inputAmount', required: true, decimal: { min: 0, max: 1e9 } },
  { header: '执行率', width: 10, cell: 'percent' },
  { header: '分值', width: 8, cell: 'amount' },
  { header: '得分', width: 8, cell: 'amount' },
];

export const EVALUATE_GOAL_COLUMNS: readonly TemplateColumn[] = [
  { header: '项目编号', width: 9, cell: 'id' },
  { header: '项目名称', width: 30, cell: 'text' },
  { header: '预期目标', width: 50, cell: 'text' },
  { header: '实际完成情况', width: 50, cell: 'input', required: true },
];

export const EVALUATE_INDICATOR_COLUMNS: readonly TemplateColumn[] = [
  { header: '项目编号', width: 9, cell: 'id' },
  { header: '项目名称', width: 26, cell: 'text' },
  { header: '指标编号', width: 9, cell: 'id' },
  { header: '一级指标', width: 11, cell: 'text' },
  { header: '二级指标', width: 13, cell: 'text' },
  { header: '三级指标', width: 22, cell: 'text' },
  { header: '年度指标值', width: 15, cell: 'text' },
  { header: '实际完成值', width: 15, cell: 'input', required: true },
  { header: '达成情况', width: 11, cell: 'input', required: true, list: ACHIEVEMENT },
  { header: '分值', width: 8, cell: 'inputAmount', required: true, decimal: { min: 0, max: 100 } },
  { header: '得分', width: 8, cell: 'inputAmount', required: true, decimal: { min: 0, max: 100 } },
  { header: '偏差原因分析及改进措施', width: 30, cell: 'input' },
];

const INSTRUCTIONS = [
  '1. 本模板由 jixiao 根据已公开的项目支出绩效目标表生成，供单位离线填报年度绩效自评。',
  '2. 无底色的单元格为已知内容（项目、年初预算数、预期目标、指标及年度指标值），已锁定，不能修改；浅黄色单元格为待填内容，列名带“*”的为必填。',
  `3. “资金”表：每个项目按资金来源各一行，填写全年预算数和全年执行数（万元）；合计行、执行率和得分自动计算（预算执行分值 ${BUDGET_POINTS} 分，得分 = 分值 × 执行率，执行率超过 100% 按 100% 计）。`,
  '4. “总体目标”表：对照预期目标填写实际完成情况。',
  `5. “指标”表：每个指标一行，填写实际完成值、达成情况（达成／部分达成／未达成）、分值和得分；各指标分值之和一般为 ${100 - BUDGET_POINTS} 分。未达成或部分达成的，须填写偏差原因分析及改进措施。`,
  '6. 工作表保护未设密码，仅防误改；请勿增删行列或修改项目编号、指标编号，以便导入时逐项对应。',
];

/** The self-evaluation template as a workbook (in memory: a unit's projects are few). */
export async function evaluateTemplate(t: TemplateInput): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jixiao';
  instructionsSheet(wb, templateTitle(t, '自评表填报说明'), INSTRUCTIONS);

  // 合计 row: 分值 and 得分 = 分值 × min(执行率, 100%)
  await budgetSheet(wb, '资金', templateTitle(t, '自评表（资金）'), t, EVALUATE_BUDGET_COLUMNS, (r) => {
    r.getCell(8).value = BUDGET_POINTS;
    r.getCell(9).value = { formula: `IF(G${r.number}="","",H${r.number}*MIN(G${r.number},1))` };
  });

  const goals = openTemplateSheet(wb, '总体目标', templateTitle(t, '自评表（总体目标）'), t, EVALUATE_GOAL_COLUMNS);
  let row = 4;
  for (const p of t.projects) templateRow(goals, row++, EVALUATE_GOAL_COLUMNS, [p.id ?? null, p.name, p.goal]);
  await lockSheet(goals);

  await indicatorSheet(wb, '指标', templateTitle(t, '自评表（指标）'), t, EVALUATE_INDICATOR_COLUMNS);
  return wb;
}

export async function writeEvaluateTemplate(t: TemplateInput, out: Writable): Promise<void> {
  await writeTemplate(await evaluateTemplate(t), out);
}
