// Reading a filled 绩效自评 template (template-evaluate.ts) back: per project (项目编号, 项目名称) its
// 全年预算数 / 全年执行数 per funding source (资金), its goal's 实际完成情况 (总体目标), and per indicator
// (指标编号, 三级指标) 实际完成值, 达成情况, 分值, 得分 and 偏差原因分析及改进措施 (指标). Never throws: a cell
// that cannot be read is an error naming it (`指标!J7：分值“十”不是 0 到 100 之间的数`); what it means for the
// report — units, bands, weights — is judged against the plan (src/workflow/evaluations.ts).
import { BODY_ROW, FilledProjects, FilledSheet, openTemplate, readBudgetBlocks, type CellError } from './read-template.js';
import { ACHIEVEMENT, EVALUATE_BUDGET_COLUMNS, EVALUATE_GOAL_COLUMNS, EVALUATE_INDICATOR_COLUMNS } from './template-evaluate.js';

export interface FilledEvaluationBudget { readonly source: string; readonly row: number; readonly annual: number | null; readonly executed: number | null }
export interface FilledEvaluationIndicator {
  readonly row: number; readonly id: number | null; readonly name: string;
  readonly actual: string | null; readonly achievement: (typeof ACHIEVEMENT)[number] | null;
  readonly weight: number | null; readonly score: number | null; readonly deviation: string | null;
}
export interface FilledEvaluationProject {
  readonly id: number | null; readonly name: string;
  /** the 合计 row (its row number, and its amounts when a spreadsheet saved the formulas' results) */
  total: FilledEvaluationBudget | null;
  sources: FilledEvaluationBudget[];
  goal: { readonly row: number; readonly actual: string | null } | null;
  indicators: FilledEvaluationIndicator[];
}
export interface FilledEvaluation { readonly projects: FilledEvaluationProject[]; readonly errors: CellError[] }

/** the cells of the 指标 sheet as src/workflow addresses them */
export const EVALUATE_CELLS = { sheet: '指标', actual: '实际完成值', achievement: '达成情况', weight: '分值', score: '得分', deviation: '偏差原因分析及改进措施' } as const;

export async function readEvaluateTemplate(bytes: Uint8Array): Promise<FilledEvaluation> {
  const opened = await openTemplate(bytes, ['资金', '总体目标', '指标'], '绩效自评表');
  if ('error' in opened) return { projects: [], errors: [opened.error] };
  const errors: CellError[] = [];
  const money = new FilledSheet(opened.sheets[0]!, EVALUATE_BUDGET_COLUMNS, errors);
  const goals = new FilledSheet(opened.sheets[1]!, EVALUATE_GOAL_COLUMNS, errors);
  const sheet = new FilledSheet(opened.sheets[2]!, EVALUATE_INDICATOR_COLUMNS, errors);
  const projects = new FilledProjects<FilledEvaluationProject>((k) => ({ ...k, total: null, sources: [], goal: null, indicators: [] }));
  readBudgetBlocks(money, projects, ['年初预算数', '全年预算数', '全年执行数'], errors, (p, r, total) => {
    const row = { source: r.source, row: r.row, annual: r.first, executed: r.second };
    if (total) p.total = row; else p.sources.push(row);
  });
  for (let r = BODY_ROW; r <= goals.lastRow; r++) {
    if (goals.text(r, '项目名称') === null && goals.text(r, '项目编号') === null) continue;
    projects.get(goals.text(r, '项目编号'), goals.text(r, '项目名称')).goal = { row: r, actual: goals.text(r, '实际完成情况') };
  }
  for (let r = BODY_ROW; r <= sheet.lastRow; r++) {
    const name = sheet.text(r, '三级指标');
    if (name === null) continue;
    const p = projects.get(sheet.text(r, '项目编号'), sheet.text(r, '项目名称'));
    const idText = sheet.text(r, '指标编号');
    p.indicators.push({
      row: r, id: idText === null || !Number.isFinite(Number(idText)) ? null : Number(idText), name,
      actual: sheet.text(r, '实际完成值'),
      achievement: sheet.choice(r, '达成情况', ACHIEVEMENT),
      weight: sheet.number(r, '分值', ' 0 到 100 之间的数', 0, 100),
      score: sheet.number(r, '得分', ' 0 到 100 之间的数', 0, 100),
      deviation: sheet.text(r, '偏差原因分析及改进措施'),
    });
  }
  return { projects: projects.all(), errors };
}
