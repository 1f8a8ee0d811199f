// 运行监控 reports (per approved plan and period 1–N月): money per funding source (年初预算, 调整后预算,
// 累计支出 → 执行率) and per indicator 当前完成值, 完成可能性, 全年预计完成值 and — when the likelihood
// is not 确定能 — 偏差原因 and 纠偏措施. Lights come from src/score (monitorProject) on every save and
// are stored with their explanations. The store operations are reports.ts's; this file is the kind.
import { z } from 'zod';
import { actualInput, DEVIATION_REASONS, fundingInput, LIKELIHOODS, monitorIndicatorInput, monitorProject, resolveConfig, type ProjectMonitor } from '../score/index.js';
import type { PlanContent, PlanIndicator } from './content.js';
import { matchFilled, type TemplateCellError } from './filled.js';
import type { FieldIssue, PlanBasis, ReportKind, ReportSettings } from './reports.js';
import { zhError } from '../model/zod-zh.js';

export const monitoringEntrySchema = z.strictObject({
  funding: z.array(fundingInput).min(1).max(20),
  indicators: z.array(z.strictObject({
    /** 当前完成值 */
    current: actualInput.nullable(),
    /** 完成可能性; null until chosen */
    likelihood: z.enum(LIKELIHOODS).nullable(),
    /** 全年预计完成值 */
    forecast: actualInput.nullable(),
    reasons: z.array(z.enum(DEVIATION_REASONS)).max(4),
    reasonText: z.string().max(5000),
    measures: z.string().max(5000),
  })).max(500),
});
export type MonitoringEntry = z.output<typeof monitoringEntrySchema>;
export type MonitoringIndicatorEntry = MonitoringEntry['indicators'][number];

/** the funding sources of a plan with an amount, as the monitoring form lists them */
export function planSources(c: PlanContent): { source: string; amount: number }[] {
  const out = ([['财政拨款', c.funding.fiscal], ['财政专户拨款', c.funding.specialAccount], ['其他资金', c.funding.other]] as const)
    .filter(([, x]) => x !== null && x > 0).map(([source, amount]) => ({ source, amount: amount! }));
  return out.length ? out : [{ source: '财政拨款', amount: c.funding.total }];
}

const categoryText = (c: PlanIndicator['level1']): string => [c.code, c.name].filter(Boolean).join('-') || '';
const isBlank = (a: MonitoringIndicatorEntry['current']): boolean => a === null || (typeof a === 'string' && !a.trim()) || (Array.isArray(a) && a.length === 0);

export const blankIndicator: MonitoringIndicatorEntry = { current: null, likelihood: null, forecast: null, reasons: [], reasonText: '', measures: '' };

/** what a submission still needs, per field, in the words of src/score's own schema */
function issuesOf(plan: PlanBasis, input: MonitoringEntry): FieldIssue[] {
  const out: FieldIssue[] = [];
  const indicators = plan.content.indicators;
  if (input.indicators.length !== indicators.length) {
    out.push({ field: 'indicators', message: `批复的绩效目标有 ${indicators.length} 项指标，报告填了 ${input.indicators.length} 项` });
  }
  indicators.forEach((ind, i) => {
    const e = input.indicators[i] ?? blankIndicator;
    const where = `第 ${i + 1} 项指标“${ind.name}”`;
    if (isBlank(e.current)) out.push({ field: `indicators.${i}.current`, message: `${where}：请填写当前完成值` });
    if (e.likelihood === null) {
      out.push({ field: `indicators.${i}.likelihood`, message: `${where}：请选择完成可能性（确定能、有可能、完全不可能）` });
      return;
    }
    const r = monitorIndicatorInput.safeParse({ level1: categoryText(ind.level1), name: ind.name, target: ind.annual, likelihood: e.likelihood, reasons: e.reasons, reasonText: e.reasonText, measures: e.measures }, { error: zhError });
    if (!r.success) for (const x of r.error.issues) out.push({ field: `indicators.${i}.${x.path.join('.')}`, message: `${where}：${x.message}` });
  });
  input.funding.forEach((f, i) => {
    if (f.spent > f.adjusted && f.adjusted > 0) out.push({ field: `funding.${i}.spent`, message: `${f.source}：累计支出 ${f.spent} 超过调整后预算 ${f.adjusted}` });
  });
  return out;
}

/** 运行监控 computed with these settings: the lights' thresholds and the periods a bureau monitors */
export const monitoringKind = (settings: ReportSettings): ReportKind<MonitoringEntry, ProjectMonitor> => ({
  kind: 'monitoring',
  table: 'monitoring_reports',
  label: '运行监控报告',
  schema: monitoringEntrySchema,
  blank: (plan) => ({
    funding: planSources(plan.content).map((s) => ({ source: s.source, initial: s.amount, adjusted: s.amount, spent: 0 })),
    indicators: plan.content.indicators.map(() => blankIndicator),
  }),
  periods: (year) => resolveConfig(settings.config, { region: settings.region ?? null, year }).monitoring.periods,
  compute(plan, input, period) {
    // a period is 1—N月: 序时进度 is N ÷ 12
    const month = period.month ?? 12;
    const config = resolveConfig(settings.config, { region: settings.region ?? null, year: period.year });
    const result = monitorProject({
      project: plan.name, unit: plan.unit, department: plan.department ?? undefined, funding: input.funding,
      indicators: plan.content.indicators.map((ind, i) => {
        const e = input.indicators[i] ?? blankIndicator;
        return {
          level1: categoryText(ind.level1), level2: categoryText(ind.level2), name: ind.name, target: ind.annual,
          current: e.current, likelihood: e.likelihood ?? '确定能', forecast: e.forecast, reasons: e.reasons, reasonText: e.reasonText, measures: e.measures,
        };
      }),
    }, { year: period.year, month }, config);
    return { result, columns: { light: result.light, rate: result.money.rate }, issues: issuesOf(plan, input) };
  },
});

/** with the default configuration (monthly periods) */
export const MONITORING = monitoringKind({});

/** a filled template's project as the xlsx reader gives it (src/report/xlsx/read-monitor.ts) */
export interface FilledMonitorProject {
  readonly id: number | null;
  readonly name: string;
  readonly funding: readonly { readonly source: string; readonly row: number; readonly adjusted: number | null; readonly spent: number | null }[];
  readonly indicators: readonly {
    readonly row: number; readonly name: string; readonly current: string | null; readonly likelihood: MonitoringIndicatorEntry['likelihood'];
    readonly forecast: string | null; readonly reasons: MonitoringIndicatorEntry['reasons']; readonly reasonText: string; readonly measures: string;
  }[];
}

/**
 * Puts a filled template's rows for this report's plan into its input: the project and indicators as
 * filled.ts matches them, the sources by name. What does not match is an error naming the cell; an empty
 * cell keeps what the report already holds.
 */
export function applyFilled(plan: PlanBasis, input: MonitoringEntry, projects: readonly FilledMonitorProject[]): { input: MonitoringEntry; errors: TemplateCellError[] } {
  const m = matchFilled(plan, projects, '指标完成', 'F');
  const p = m.project;
  if (!p) return { input, errors: m.errors };
  const errors = [...m.errors];
  const funding = input.funding.map((f) => {
    const row = p.funding.find((x) => x.source === f.source);
    return row ? { ...f, adjusted: row.adjusted ?? f.adjusted, spent: row.spent ?? f.spent } : f;
  });
  for (const row of p.funding) {
    if (!input.funding.some((f) => f.source === row.source) && (row.adjusted || row.spent)) {
      errors.push({ cell: `预算执行!C${row.row}`, message: `资金来源“${row.source}”不在批复的绩效目标中（${input.funding.map((f) => f.source).join('、')}）` });
    }
  }
  const indicators = plan.content.indicators.map((_ind, i) => {
    const had = input.indicators[i] ?? blankIndicator;
    const x = m.rows[i];
    if (!x) return had;
    return {
      current: x.current ?? had.current, likelihood: x.likelihood ?? had.likelihood, forecast: x.forecast ?? had.forecast,
      reasons: x.reasons.length ? x.reasons : had.reasons, reasonText: x.reasonText || had.reasonText, measures: x.measures || had.measures,
    };
  });
  return { input: { funding, indicators }, errors };
}
