// Reading a filled 运行监控 template (template-monitor.ts) back: per project (项目编号, 项目名称) its
// 调整后预算 / 累计支出 per funding source and per indicator (指标编号, 三级指标) 当前完成值, 完成可能性,
// 全年预计完成值, 偏差原因, 纠偏措施. Never throws: what cannot be read is an error naming its cell
// (`指标完成!I7: …`), and the rest is still read. What the two templates' readers share is read-template.ts.
import { BODY_ROW, FilledProjects, FilledSheet, openTemplate, readBudgetBlocks, type CellError } from './read-template.js';
import { DEVIATION_CAUSES, LIKELIHOOD, MONITOR_BUDGET_COLUMNS, MONITOR_INDICATOR_COLUMNS } from './template-monitor.js';

export type { CellError } from './read-template.js';

export interface FilledFunding { readonly source: string; readonly row: number; readonly initial: number | null; readonly adjusted: number | null; readonly spent: number | null }
export interface FilledIndicator {
  readonly row: number; readonly id: number | null; readonly name: string;
  readonly current: string | null; readonly likelihood: (typeof LIKELIHOOD)[number] | null; readonly forecast: string | null;
  readonly reasons: (typeof DEVIATION_CAUSES)[number][]; readonly reasonText: string; readonly measures: string;
}
export interface FilledProject { readonly id: number | null; readonly name: string; funding: FilledFunding[]; indicators: FilledIndicator[] }
export interface FilledMonitor { readonly projects: FilledProject[]; readonly errors: CellError[] }

export async function readMonitorTemplate(bytes: Uint8Array): Promise<FilledMonitor> {
  const opened = await openTemplate(bytes, ['预算执行', '指标完成'], '运行监控表');
  if ('error' in opened) return { projects: [], errors: [opened.error] };
  const errors: CellError[] = [];
  const budget = new FilledSheet(opened.sheets[0]!, MONITOR_BUDGET_COLUMNS, errors);
  const sheet = new FilledSheet(opened.sheets[1]!, MONITOR_INDICATOR_COLUMNS, errors);
  const projects = new FilledProjects<FilledProject>((k) => ({ ...k, funding: [], indicators: [] }));
  readBudgetBlocks(budget, projects, ['年初预算', '调整后预算', '累计支出'], errors, (p, r, total) => {
    if (!total) p.funding.push({ source: r.source, row: r.row, initial: r.initial, adjusted: r.first, spent: r.second });
  });
  for (let r = BODY_ROW; r <= sheet.lastRow; r++) {
    const name = sheet.text(r, '三级指标');
    if (name === null) continue;
    const p = projects.get(sheet.text(r, '项目编号'), sheet.text(r, '项目名称'));
    const likelihood = sheet.choice(r, '完成可能性', LIKELIHOOD);
    // 偏差原因: the list's words (several allowed, separated by 、，, or spaces); anything else is its text
    const reasonCell = sheet.text(r, '偏差原因') ?? '';
    const reasons: FilledIndicator['reasons'] = [];
    const rest: string[] = [];
    for (const part of reasonCell.split(/[、，,；;\s]+/).filter(Boolean)) {
      const m = /^(人员|制度|经费|其他)[:：]?(.*)$/.exec(part);
      if (m) { if (!reasons.includes(m[1] as never)) reasons.push(m[1] as FilledIndicator['reasons'][number]); if (m[2]) rest.push(m[2]); } else rest.push(part);
    }
    const idText = sheet.text(r, '指标编号');
    p.indicators.push({
      row: r, id: idText === null || !Number.isFinite(Number(idText)) ? null : Number(idText), name,
      current: sheet.text(r, '当前完成值'), likelihood, forecast: sheet.text(r, '全年预计完成值'), reasons, reasonText: rest.join('；'), measures: sheet.text(r, '纠偏措施') ?? '',
    });
  }
  return { projects: projects.all(), errors };
}
