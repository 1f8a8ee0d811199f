// A filled template's rows matched to a report's plan, for both kinds (monitoring.ts, evaluations.ts): the
// project by 项目编号 (the published row the plan comes from) or 项目名称; the indicators by 三级指标 in the
// plan's order (a name used twice takes the rows in turn). What does not match is an error naming the
// cell; the callers put the matched values into the report's input.
import type { PlanBasis } from './reports.js';

export interface TemplateCellError { readonly cell: string; readonly message: string }

export interface FilledRows<X extends { readonly row: number; readonly name: string }> {
  readonly id: number | null;
  readonly name: string;
  readonly indicators: readonly X[];
}

/**
 * The plan's project among `projects`, and for each of the plan's indicators its filled row (or null).
 * `sheet` names the indicator sheet, `nameColumn` its 三级指标 column letter, for the errors.
 */
export function matchFilled<P extends FilledRows<{ readonly row: number; readonly name: string }>>(
  plan: PlanBasis, projects: readonly P[], sheet: string, nameColumn: string,
): { project: P | null; rows: (P['indicators'][number] | null)[]; errors: TemplateCellError[] } {
  const p = projects.find((x) => plan.projectId !== null && x.id === plan.projectId) ?? projects.find((x) => x.name === plan.name);
  if (!p) return { project: null, rows: [], errors: [{ cell: sheet, message: `表中没有项目“${plan.name}”${plan.projectId === null ? '' : `（项目编号 ${plan.projectId}）`}的行` }] };
  const errors: TemplateCellError[] = [];
  const used = new Set<number>();
  const rows = plan.content.indicators.map((ind, i) => {
    const k = p.indicators.findIndex((x, j) => !used.has(j) && x.name === ind.name);
    if (k < 0) { errors.push({ cell: sheet, message: `第 ${i + 1} 项指标“${ind.name}”在表中没有对应的行` }); return null; }
    used.add(k);
    return p.indicators[k]! as P['indicators'][number];
  });
  p.indicators.forEach((x, j) => {
    if (!used.has(j)) errors.push({ cell: `${sheet}!${nameColumn}${x.row}`, message: `指标“${x.name}”不在批复的绩效目标中` });
  });
  return { project: p, rows, errors };
}

/** `指标!J4:J6` for a run of rows in one column, `指标!J4、J7` otherwise */
export function cellsOf(sheet: string, column: string, rows: readonly number[]): string {
  if (rows.length === 0) return sheet;
  const sorted = [...rows].sort((a, b) => a - b);
  const run = sorted.every((r, k) => k === 0 || r === sorted[k - 1]! + 1);
  if (run && sorted.length > 1) return `${sheet}!${column}${sorted[0]}:${column}${sorted[sorted.length - 1]}`;
  return `${sheet}!${sorted.map((r) => `${column}${r}`).join('、')}`;
}
