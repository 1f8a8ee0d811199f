// The 运行监控 (mid-year monitoring) template a unit fills in offline for its published projects (issue 13's
// columns). Sheets:
//   填报说明
//   预算执行  one block of four rows per project (合计, 财政拨款, 财政专户拨款, 其他资金):
//             项目编号 | 项目名称 | 资金来源 | 年初预算 | 调整后预算* | 累计支出* | 执行率
//             年初预算 is the published amount; the 合计 row sums the sources and 执行率 = 累计支出 / 调整后预算 (formulas)
//   指标完成  one row per indicator:
//             项目编号 | 项目名称 | 指标编号 | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 当前完成值* | 完成可能性* |
//             全年预计完成值* | 偏差原因 | 纠偏措施
// Known columns are locked; 完成可能性 and 偏差原因 are validation lists.
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { budgetSheet, indicatorSheet, instructionsSheet, templateTitle, writeTemplate, type TemplateColumn } from './template-sheet.js';
import type { TemplateInput } from './types.js';

export { SOURCE_ROWS } from './template-sheet.js';

export const LIKELIHOOD = ['确定能', '有可能', '完全不可能'] as const;
export const DEVIATION_CAUSES = ['人员', '制度', '经费', '其他'] as const;
export const MONITOR_BUDGET_COLUMNS: readonly TemplateColumn[] = [
  { header: '项目编号', width: 9, cell: 'id' },
  { header: '项目名称', width: 32, cell: 'text' },
  { header: '资金来源', width: 13, cell: 'text' },
  { header: '年初预算', width: 14, cell: 'amount' },
  { header: '调整后预算', width: 14, cell: 'inputAmount', required: true, decimal: { min: 0, max: 1e9 } },
  { header: '累计支出', width: 14, cell: 'inputAmount', required: true, decimal: { min: 0, max: 1e9 } },
  { header: '执行率', width: 10, cell: 'percent' },
];

export const MONITOR_INDICATOR_COLUMNS: readonly TemplateColumn[] = [
  { header: '项目编号', width: 9, cell: 'id' },
  { header: '项目名称', width: 28, cell: 'text' },
  { header: '指标编号', width: 9, cell: 'id' },
  { header: '一级指标', width: 11, cell: 'text' },
  { header: '二级指标', width: 13, cell: 'text' },
  { header: '三级指标', width: 24, cell: 'text' },
  { header: '年度指标值', width: 16, cell: 'text' },
  { header: '当前完成值', width: 16, cell: 'input', required: true },
  { header: '完成可能性', width: 12, cell: 'input', required: true, list: LIKELIHOOD },
  { header: '全年预计完成值', width: 16, cell: 'input', required: true },
  { header: '偏差原因', width: 11, cell: 'input', list: DEVIATION_CAUSES },
  { header: '纠偏措施', width: 30, cell: 'input' },
];

const INSTRUCTIONS = [
  '1. 本模板由 jixiao 根据已公开的项目支出绩效目标表生成，供单位离线填报运行监控情况。',
  '2. 灰底、无底色的单元格为已知内容（项目、年初预算、指标及年度指标值），已锁定，不能修改；浅黄色单元格为待填内容，列名带“*”的为必填。',
  '3. “预算执行”表：每个项目按资金来源各一行，填写调整后预算和截至监控时点的累计支出（万元）；合计行和执行率自动计算。',
  '4. “指标完成”表：每个指标一行，填写当前完成值、完成可能性（确定能／有可能／完全不可能）和全年预计完成值；完成可能性不是“确定能”的，须填写偏差原因（人员／制度／经费／其他）和纠偏措施。',
  '5. 工作表保护未设密码，仅防误改；请勿增删行列或修改项目编号、指标编号，以便导入时逐项对应。',
];

/** The monitoring template as a workbook (in memory: a unit's projects are few). */
export async function monitorTemplate(t: TemplateInput): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'jixiao';
  instructionsSheet(wb, templateTitle(t, '运行监控表填报说明'), INSTRUCTIONS);
  await budgetSheet(wb, '预算执行', templateTitle(t, '运行监控表（预算执行）'), t, MONITOR_BUDGET_COLUMNS);
  await indicatorSheet(wb, '指标完成', templateTitle(t, '运行监控表（指标完成）'), t, MONITOR_INDICATOR_COLUMNS);
  return wb;
}

export async function writeMonitorTemplate(t: TemplateInput, out: Writable): Promise<void> {
  await writeTemplate(await monitorTemplate(t), out);
}
