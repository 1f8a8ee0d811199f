// 绩效自评 (per approved plan and year): the bureau's form — 预算执行 (年初预算数, 全年预算数, 全年执行数),
// the goal's 实际完成情况, and per indicator 实际完成值, 分值 (optional), 得分 for a qualitative target,
// 偏差原因分析及改进措施 — scored by src/score (evaluateProject) on every save, stored with every
// explanation. The store operations are reports.ts's; this file is the kind.
import { z } from 'zod';
import { ACHIEVEMENT_LABEL, actualInput, evaluateProject, readActual, resolveConfig, ruleKindOf, type ProjectEvaluation } from '../score/index.js';
import { parseTarget } from '../targets/index.js';
import type { PlanIndicator } from './content.js';
import { cellsOf, matchFilled, type TemplateCellError } from './filled.js';
import type { FieldIssue, Period, PlanBasis, ReportKind, ReportSettings } from './reports.js';

/** 达成情况 as the 自评表 lists it */
export const ACHIEVEMENTS = [ACHIEVEMENT_LABEL.achieved, ACHIEVEMENT_LABEL.partial, ACHIEVEMENT_LABEL.missed] as const;

const amount = z.number().min(0).max(1e12);
export const evaluationEntrySchema = z.strictObject({
  budget: z.strictObject({ initial: amount.nullable(), annual: amount, executed: amount }),
  /** 年度总体目标的实际完成情况 */
  goalActual: z.string().max(5000),
  indicators: z.array(z.strictObject({
    actual: actualInput.nullable(),
    /** 达成情况 as the person judged it; for a qualitative target it is what is scored when 实际完成值 describes rather than says 达成/部分达成/未达成 */
    achievement: z.enum(ACHIEVEMENTS).nullable().optional(),
    weight: z.number().min(0).max(100).nullable(),
    score: z.number().min(0).max(100).nullable(),
    deviation: z.string().max(5000),
  })).max(500),
});
export type EvaluationEntry = z.output<typeof evaluationEntrySchema>;
type IndicatorEntry = EvaluationEntry['indicators'][number];

const blankIndicator: IndicatorEntry = { actual: null, weight: null, score: null, deviation: '' };
const categoryText = (c: PlanIndicator['level1']): string => [c.code, c.name].filter(Boolean).join('-') || '';

/** what is scored as the actual: 达成情况 for a qualitative target whose 实际完成值 is not itself a level */
function judged(ind: PlanIndicator, e: IndicatorEntry): IndicatorEntry['actual'] {
  if (!e.achievement || ruleKindOf(parseTarget(ind.annual)) !== 'qualitative') return e.actual;
  const own = e.actual === null ? null : readActual(e.actual);
  return own !== null && own.kind === 'level' ? e.actual : e.achievement;
}

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
          level1: categoryText(ind.level1), level2: categoryText(ind.level2), name: ind.name, target: ind.annual, actual: judged(ind, e),
          ...(e.weight === null ? {} : { weight: e.weight }), score: e.score, deviation: e.deviation,
        };
      }),
    }, period.year, config);
    // the person's words stay beside the level scored from them
    const shown = { ...result, indicators: result.indicators.map((r, i) => {
      const e = input.indicators[i];
      return e && judged(plan.content.indicators[i]!, e) !== e.actual && typeof e.actual === 'string' && e.actual.trim() ? { ...r, actual: `${e.actual}（${e.achievement}）` } : r;
    }) };
    return { result: shown, columns: { score: result.total, grade: result.grade }, issues: issuesOf(plan, input, result) };
  },
});

/** with the default configuration */
export const EVALUATION = evaluationKind({});

/** a filled 自评 template's project as the xlsx reader gives it (src/report/xlsx/read-evaluate.ts) */
export interface FilledEvaluationProject {
  readonly id: number | null;
  readonly name: string;
  readonly total: { readonly row: number; readonly annual: number | null; readonly executed: number | null } | null;
  readonly sources: readonly { readonly row: number; readonly annual: number | null; readonly executed: number | null }[];
  readonly goal: { readonly row: number; readonly actual: string | null } | null;
  readonly indicators: readonly {
    readonly row: number; readonly name: string; readonly actual: string | null; readonly achievement: (typeof ACHIEVEMENTS)[number] | null;
    readonly weight: number | null; readonly score: number | null; readonly deviation: string | null;
  }[];
}

/** the 指标 sheet's columns (template-evaluate.ts), for naming cells */
const COL = { name: 'F', actual: 'H', achievement: 'I', weight: 'J', score: 'K', deviation: 'L' } as const;
const SHEET = '指标';
const near = (a: number, b: number): boolean => Math.abs(a - b) < 0.005;
const RULE_SCORED = new Set(['positive', 'reverse', 'range', 'deadline']);

/**
 * Puts a filled 自评 template into the report's input and judges it as the score rules do, naming the cell
 * of every problem: an actual the rules cannot compare (a unit of another kind), a qualitative score outside
 * its level's band, 得分 or 达成情况 that contradict what the rules give, 偏差原因分析及改进措施 missing where
 * an indicator falls short, and 分值 that do not add up to their category's points. An empty cell keeps what
 * the report holds; the caller stores nothing when there is any error.
 */
export function applyFilledEvaluation(plan: PlanBasis, input: EvaluationEntry, projects: readonly FilledEvaluationProject[], period: Period, kind: ReportKind<EvaluationEntry, ProjectEvaluation> = EVALUATION):
  { input: EvaluationEntry; errors: TemplateCellError[] } {
  const m = matchFilled(plan, projects, SHEET, COL.name);
  const p = m.project;
  if (!p) return { input, errors: m.errors };
  const errors = [...m.errors];
  // 全年预算数 / 全年执行数: the sources filled add up to the project's; else the 合计 row as a spreadsheet computed it
  const sum = (k: 'annual' | 'executed'): number | null => {
    const xs = p.sources.map((s) => s[k]).filter((x): x is number => x !== null);
    if (xs.length) return Math.round(xs.reduce((a, x) => a + x * 100, 0)) / 100;
    return p.total?.[k] ?? null;
  };
  const budget = { ...input.budget, annual: sum('annual') ?? input.budget.annual, executed: sum('executed') ?? input.budget.executed };
  const goalActual = p.goal?.actual ?? input.goalActual;
  const indicators = plan.content.indicators.map((_ind, i) => {
    const had = input.indicators[i] ?? blankIndicator;
    const x = m.rows[i];
    if (!x) return had;
    return {
      actual: x.actual ?? had.actual, achievement: x.achievement ?? had.achievement ?? null, weight: x.weight ?? had.weight,
      score: x.score ?? had.score, deviation: x.deviation ?? had.deviation,
    };
  });
  const next: EvaluationEntry = { budget, goalActual, indicators };
  const r = kind.compute(plan, next, period).result;

  // a category whose 分值 do not add up: its scores follow from wrong weights, so only the weights are said
  const badWeights = new Set(r.errors.flatMap((message) => r.categories.filter((k) => message.startsWith(k.name)).map((k) => k.role)));
  r.indicators.forEach((ind, i) => {
    const x = m.rows[i];
    if (!x || (ind.role !== null && badWeights.has(ind.role))) return;
    const e = indicators[i]!;
    const at = (c: keyof typeof COL) => `${SHEET}!${COL[c]}${x.row}`;
    const res = ind.result;
    const filled = x.actual !== null || x.achievement !== null || x.score !== null;
    if (res.error) {
      if (!filled) return;
      if (res.rule === 'qualitative' && res.allowed) errors.push({ cell: at('score'), message: `“${ind.name}”${res.error}` });
      else if (res.rule === 'qualitative' && !e.achievement) errors.push({ cell: at('achievement'), message: `“${ind.name}”是定性指标（指标值 ${ind.target}）：请在达成情况中选择 ${ACHIEVEMENTS.join('、')}` });
      else errors.push({ cell: at('actual'), message: `实际完成值“${ind.actual}”：${res.error}（“${ind.name}”的年度指标值 ${ind.target}）` });
      return;
    }
    if (res.score === null) return;
    if (RULE_SCORED.has(res.rule ?? '') && x.score !== null && !near(x.score, res.score)) {
      errors.push({ cell: at('score'), message: `得分 ${x.score} 与按规则计算的 ${res.score} 分不一致：${res.explanation}` });
    }
    const met = near(res.score, res.max) || res.score > res.max;
    if (res.rule !== 'qualitative' && e.achievement) {
      if (e.achievement === '达成' && !met) errors.push({ cell: at('achievement'), message: `达成情况为“达成”，但“${ind.name}”按实际完成值只得 ${res.score}/${res.max} 分：${res.explanation}` });
      if (e.achievement !== '达成' && met) errors.push({ cell: at('achievement'), message: `达成情况为“${e.achievement}”，但“${ind.name}”的实际完成值已达到指标值（得满分 ${res.max} 分）` });
    }
    // a qualitative indicator falls short by its level (达成 scores 80–100%), any other by its score
    const own = e.actual === null ? null : readActual(e.actual);
    const level = own?.kind === 'level' ? ACHIEVEMENT_LABEL[own.level] : e.achievement ?? null;
    const short = res.rule === 'qualitative' ? level !== '达成' : !met || (level !== null && level !== '达成');
    if (short && !e.deviation.trim()) {
      errors.push({ cell: at('deviation'), message: `“${ind.name}”未完全达成（得分 ${res.score}/${res.max} 分），须填写偏差原因分析及改进措施` });
    }
  });
  // 分值: each category's set weights must add up to its points (src/score/weights.ts says which)
  for (const message of r.errors) {
    const c = r.categories.find((k) => message.startsWith(k.name));
    const rows = c ? r.indicators.flatMap((ind, i) => (ind.role === c.role && m.rows[i] ? [m.rows[i]!.row] : [])) : [];
    errors.push({ cell: c ? cellsOf(SHEET, COL.weight, rows) : SHEET, message: c ? `${message}：请调整这些指标的分值（本表分值共 ${r.indicatorMax} 分，${r.categories.map((k) => `${k.name} ${k.points} 分`).join('、')}）` : message });
  }
  return { input: next, errors };
}
