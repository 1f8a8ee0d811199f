// XLSX writers shared by the CLI and the server: the published tables in two layouts (streamed) and the
// fill-in templates for monitoring and self-evaluation.
export * from './types.js';
export { XlsxTableWriter, LAYOUTS, tableTitle, type TableWriteResult } from './table-writer.js';
export { writeDocumentsXlsx } from './document.js';
export { exportXlsx, xlsxFileName, type XlsxScope, type StoreXlsxOptions } from './store.js';
export { monitorTemplate, writeMonitorTemplate, LIKELIHOOD, DEVIATION_CAUSES, MONITOR_BUDGET_COLUMNS, MONITOR_INDICATOR_COLUMNS } from './template-monitor.js';
export { evaluateTemplate, writeEvaluateTemplate, ACHIEVEMENT, EVALUATE_BUDGET_COLUMNS, EVALUATE_GOAL_COLUMNS, EVALUATE_INDICATOR_COLUMNS } from './template-evaluate.js';
export { templateInput, templateFileName, TEMPLATE_MAX_PROJECTS } from './template-store.js';
export { headerOf } from './template-sheet.js';
export { writePlansXlsx, planProject, type XlsxPlan } from './plans.js';
