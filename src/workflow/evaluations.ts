// 绩效自评 (per approved plan and year): the bureau's form — 预算执行 (年初预算数, 全年预算数, 全年执行数),
// the goal's 实际完成情况, and per indicator 实际完成值, 分值 (optional), 得分 for a qualitative target,
// 偏差原因分析及改进措施 — scored by src/score (evaluateProject) on every save, stored with every
// explanation. The store operations are reports.ts's; this file is the kind.
import { z } from 'zod';
import { actualInput, evaluateProject, resolveConfig, type ProjectEvaluation } from '../score/index.js';
import type { PlanIndicator } from './content.js';
import type { FieldIssue, PlanBasis, ReportKind, ReportSettings } from './reports.js';

const amount = z.number().min(0).max(1e12);
export const evaluationEntrySchema = z.strictObject({
  budget: z.strictObject({ initial: amount.nullable(), annual: amount, executed: amount }),
  /** 年度总体目标的实际完成情况 */
  goalActual: z.string().max(5000),
  indicators: z.array(z.strictObject({
    actual: actualInput.nullable(),
    weight: z.number().min(0).max(100).nullable(),
    score: z.number().min(0).max(100).nullable(),
    deviation: z.string().max(5000),
  })).max(500),
});
export type EvaluationEntry = z.output<typeof evaluationEntrySchema>;
type IndicatorEntry = EvaluationEntry['indicators'][number];

const blankIndicator: IndicatorEntry = { actual: null, weight: null, score: null, deviation: '' };
const categoryText = (c: PlanIndicator['level1']): string => [c.code, c.name].filter(Boolean).join('-') || '';

function issuesOf(plan: PlanBasis, input: EvaluationEntry, r: ProjectEvaluation): FieldIssue[] {
  const out: FieldIssue[] = r.errors.map((message) => ({ field: 'indicators', message }));
  if (input.indicators.length !== plan.content.indicators.length) {
    out.push({ field: 'indicators', message: `批复的绩效目标有 ${plan.content.indicators.length} 项指标，自评表填了 ${input.indicators.length} 项` });
  }
  r.indicators.forEach((ind, i) => {
    const where = `第 ${i + 1} 项指标“${ind.name}”`;
    if (!ind.actual.trim()) out.push({ field: `indicators.${i}.actual`, message: `${where}：请填写实际完成值` });
    else if (ind.result.error) out.push({ field: `indicators.${i}.${ind.result.rule === 'qualitative' ? 'score' : 'actual'}`, message: `${where}：${ind.result.error}` });
    else if (ind.result.score === null) out.push({ field: `indicators.${i}.score`, message: `${where}：${ind.result.explanation}` });
  });
  return out;
}

/** 绩效自评 scored with these settings (points, grades, formulas) */
export const evaluationKind = (settings: ReportSettings): ReportKind<EvaluationEntry, ProjectEvaluation> => ({
  kind: 'evaluation',
  table: 'evaluations',
  label: '绩效自评',
  schema: evaluationEntrySchema,
  blank: (plan) => ({
    budget: { initial: plan.content.funding.total, annual: plan.content.funding.total, executed: 0 },
    goalActual: '',
    indicators: plan.content.indicators.map(() => blankIndicator),
  }),
  compute(plan, input, period) {
    const config = resolveConfig(settings.config, { region: settings.region ?? null, year: period.year });
    const result = evaluateProject({
      project: plan.name, unit: plan.unit, department: plan.department ?? undefined, budget: input.budget,
      goals: [{ expected: plan.content.goal, actual: input.goalActual }],
      indicators: plan.content.indicators.map((ind, i) => {
        const e = input.indicators[i] ?? blankIndicator;
        return {
          level1: categoryText(ind.level1), level2: categoryText(ind.level2), name: ind.name, target: ind.annual, actual: e.actual,
          ...(e.weight === null ? {} : { weight: e.weight }), score: e.score, deviation: e.deviation,
        };
      }),
    }, period.year, config);
    return { result, columns: { score: result.total, grade: result.grade }, issues: issuesOf(plan, input, result) };
  },
});

/** with the default configuration */
export const EVALUATION = evaluationKind({});
