// Scoring and monitoring configuration: the thresholds, points and formulas that differ between regions
// and years, as data. DEFAULT_SCORE_CONFIG holds the values the budget-integration systems use; a
// config file (or a request) sets any part of it at its top level and may list overrides per region and
// year, applied in order over those (the more specific rule wins).
import { z } from 'zod';
import { zhError } from '../model/zod-zh.js';

const fraction = z.number().min(0).max(1);
const endMonth = z.number().int().min(1).max(12);
/** a monitoring period as written: its end month (6) or 1—6月 / 1-6月 / 1–6月 / 6月 (always from January) */
const periodItem = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const m = typeof v === 'number' ? null : /^\s*(?:1\s*[-—–~～至]\s*)?(\d{1,2})\s*月?\s*$/.exec(v);
  const n = typeof v === 'number' ? v : m ? Number(m[1]) : Number.NaN;
  if (typeof v === 'string' && !m) ctx.addIssue({ code: 'custom', message: `监控期间“${v}”应写作 1—6月、1-8月 或月份数字` });
  else if (!Number.isInteger(n) || n < 1 || n > 12) ctx.addIssue({ code: 'custom', message: `监控期间“${v}”的截止月份应在 1 到 12 之间` });
  else return n;
  return z.NEVER;
});
const MONTHLY = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
/** 'monthly', or the periods; at least one */
const periodList = z.preprocess((v) => (v === 'monthly' ? MONTHLY : v), z.array(periodItem).min(1, '至少应配置一个监控期间').max(12));
const points = z.number().min(0).max(100);

export const scoreConfigSchema = z.strictObject({
  /** 监控 lights: achievement in percent of the pro-rated target */
  lights: z.strictObject({
    /** budget: 执行率 ÷ 序时进度 × 100 below red → red, below yellow → yellow, else green */
    budget: z.strictObject({ red: z.number(), yellow: z.number() }),
    /** a count that accumulates: 当前完成值 ÷ (年度指标值 × month/12) × 100; at or above blue → blue */
    cumulative: z.strictObject({ red: z.number(), yellow: z.number(), blue: z.number() }),
    /** a rate, score or level (not pro-rated): met → green; achievement at or above yellow → yellow; else red */
    rate: z.strictObject({ yellow: z.number() }),
  }),
  /** 绩效自评 points per level-1 category and for 预算执行率; indicator categories + budget = 100 */
  points: z.strictObject({ output: points, benefit: points, satisfaction: points, budget: points }),
  /** where 成本 is its own level-1 category: 'share' = 产出's points split equally over 产出 and 成本 indicators; a number = fixed points taken from 产出 */
  costPoints: z.union([z.literal('share'), points]),
  /** a category without indicators: its points spread over the other indicator categories, or lost */
  emptyCategory: z.enum(['redistribute', 'lose']),
  /** reverse indicators: 'linear' (1 − (actual − target) ÷ target) × w, 0 at twice the target; 'ratio' target ÷ actual × w */
  reverseFormula: z.enum(['linear', 'ratio']),
  /** a deadline missed: this fraction of w (0 by default) */
  deadlineLate: fraction,
  /** a deadline written as a month or a year only (2024年11月前): met up to the last day of that period (false), or only before its first day (true) */
  deadlineStrict: z.boolean(),
  /** budget score: min(执行率, cap) × points; the rate counted is capped at 100% by default */
  budgetCap: fraction,
  /** the lower edge of each qualitative band, as a fraction of w: 达成 ≥ achieved, 部分达成 ≥ partial */
  qualitative: z.strictObject({ achieved: fraction, partial: fraction }),
  /** grade bands: 优 ≥ excellent, 良 ≥ good, 中 ≥ pass, 差 below */
  grades: z.strictObject({ excellent: points, good: points, pass: points }),
  /** 运行监控 */
  monitoring: z.strictObject({
    /**
     * the periods reports are made for, by end month: always from January (1—N月, cumulative), so 序时进度
     * is N ÷ 12. Monthly by default; a bureau that monitors 1—6月 and 1—8月 lists [6, 8].
     */
    periods: z.array(endMonth).min(1).max(12),
  }),
  warnings: z.strictObject({
    /** red: (indicator share − budget share) ÷ indicator share above this */
    spendingGap: z.number().min(0),
    /** yellow: more than this share of the budget unspent */
    unspent: fraction,
    /** flag for the reviewer: actual ÷ target at or above this */
    overAchievement: z.number().min(1),
  }),
});

export type ScoreConfig = z.output<typeof scoreConfigSchema>;

export const DEFAULT_SCORE_CONFIG: ScoreConfig = {
  lights: { budget: { red: 60, yellow: 80 }, cumulative: { red: 60, yellow: 80, blue: 120 }, rate: { yellow: 80 } },
  points: { output: 50, benefit: 30, satisfaction: 10, budget: 10 },
  costPoints: 'share',
  emptyCategory: 'redistribute',
  reverseFormula: 'linear',
  deadlineLate: 0,
  deadlineStrict: false,
  budgetCap: 1,
  qualitative: { achieved: 0.8, partial: 0.6 },
  grades: { excellent: 90, good: 80, pass: 60 },
  monitoring: { periods: MONTHLY },
  warnings: { spendingGap: 0.05, unspent: 0.2, overAchievement: 1.2 },
};

/** Any part of the config, at any depth. */
export type ScoreConfigPatch = { readonly [K in keyof ScoreConfig]?: ScoreConfig[K] extends object ? Partial<ScoreConfig[K]> : ScoreConfig[K] };

const patchSchema = z.strictObject({
  lights: z.strictObject({
    budget: scoreConfigSchema.shape.lights.shape.budget.partial().optional(),
    cumulative: scoreConfigSchema.shape.lights.shape.cumulative.partial().optional(),
    rate: scoreConfigSchema.shape.lights.shape.rate.partial().optional(),
  }).optional(),
  points: scoreConfigSchema.shape.points.partial().optional(),
  costPoints: scoreConfigSchema.shape.costPoints.optional(),
  emptyCategory: scoreConfigSchema.shape.emptyCategory.optional(),
  reverseFormula: scoreConfigSchema.shape.reverseFormula.optional(),
  deadlineLate: scoreConfigSchema.shape.deadlineLate.optional(),
  deadlineStrict: scoreConfigSchema.shape.deadlineStrict.optional(),
  budgetCap: scoreConfigSchema.shape.budgetCap.optional(),
  qualitative: scoreConfigSchema.shape.qualitative.partial().optional(),
  grades: scoreConfigSchema.shape.grades.partial().optional(),
  /** periods: 'monthly', or the end months / 1—N月 texts */
  monitoring: z.strictObject({ periods: periodList.optional() }).optional(),
  warnings: scoreConfigSchema.shape.warnings.partial().optional(),
});

/** A config as written in a file or a request: overrides per region/year, then settings of its own. */
export const scoreConfigInputSchema = patchSchema.extend({
  overrides: z.array(patchSchema.extend({
    /** applies where the region is this (e.g. 广州市); absent: any region */
    region: z.string().min(1).max(100).optional(),
    /** applies from/to these years inclusive; absent: any */
    years: z.tuple([z.number().int().nullable(), z.number().int().nullable()]).optional(),
  })).max(100).optional(),
});
export type ScoreConfigInput = z.input<typeof scoreConfigInputSchema>;

type Patch = z.output<typeof patchSchema>;

function apply(base: ScoreConfig, p: Patch): ScoreConfig {
  return {
    lights: {
      budget: { ...base.lights.budget, ...defined(p.lights?.budget) },
      cumulative: { ...base.lights.cumulative, ...defined(p.lights?.cumulative) },
      rate: { ...base.lights.rate, ...defined(p.lights?.rate) },
    },
    points: { ...base.points, ...defined(p.points) },
    costPoints: p.costPoints ?? base.costPoints,
    emptyCategory: p.emptyCategory ?? base.emptyCategory,
    reverseFormula: p.reverseFormula ?? base.reverseFormula,
    deadlineLate: p.deadlineLate ?? base.deadlineLate,
    deadlineStrict: p.deadlineStrict ?? base.deadlineStrict,
    budgetCap: p.budgetCap ?? base.budgetCap,
    qualitative: { ...base.qualitative, ...defined(p.qualitative) },
    grades: { ...base.grades, ...defined(p.grades) },
    monitoring: { periods: p.monitoring?.periods ? [...p.monitoring.periods] : base.monitoring.periods },
    warnings: { ...base.warnings, ...defined(p.warnings) },
  };
}

function defined<T extends object>(o: T | undefined): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

export class ScoreConfigError extends Error {}

/**
 * The config in force for a region and year: the defaults, the input's own settings, then each
 * override that matches the region and year, in order. The result is checked as a whole (bands in order, points adding up to 100).
 */
export function resolveConfig(input: unknown, where: { readonly region?: string | null; readonly year?: number | null } = {}): ScoreConfig {
  if (input === undefined || input === null) return DEFAULT_SCORE_CONFIG;
  const parsed = scoreConfigInputSchema.safeParse(input, { error: zhError });
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new ScoreConfigError(`评分配置中 ${i.path.join('.') || '（顶层）'} 有误：${i.message}`);
  }
  // the file's own settings are its base; an override for a region or year is the more specific rule and wins
  let c = apply(DEFAULT_SCORE_CONFIG, parsed.data);
  for (const o of parsed.data.overrides ?? []) {
    if (o.region !== undefined && o.region !== where.region) continue;
    if (o.years) {
      const y = where.year;
      if (y === undefined || y === null) continue;
      if ((o.years[0] !== null && y < o.years[0]) || (o.years[1] !== null && y > o.years[1])) continue;
    }
    c = apply(c, o);
  }
  return check(c);
}

function check(c: ScoreConfig): ScoreConfig {
  const problems: string[] = [];
  const p = c.points;
  const sum = p.output + p.benefit + p.satisfaction + p.budget;
  if (Math.abs(sum - 100) > 1e-9) problems.push(`各部分分值之和应为 100（产出 ${p.output} + 效益 ${p.benefit} + 满意度 ${p.satisfaction} + 预算执行率 ${p.budget} = ${sum}）`);
  if (typeof c.costPoints === 'number' && c.costPoints > p.output) problems.push(`成本指标分值 ${c.costPoints} 超过了产出指标的 ${p.output} 分`);
  const { red, yellow, blue } = c.lights.cumulative;
  if (!(red <= yellow && yellow <= blue)) problems.push(`累计类指标的红、黄、蓝阈值应依次不减（现为 ${red}、${yellow}、${blue}）`);
  if (!(c.lights.budget.red <= c.lights.budget.yellow)) problems.push(`预算执行的红、黄阈值应依次不减（现为 ${c.lights.budget.red}、${c.lights.budget.yellow}）`);
  if (!(c.qualitative.partial <= c.qualitative.achieved)) problems.push('定性指标“部分达成”的下限不能高于“达成”的下限');
  const g = c.grades;
  if (!(g.pass <= g.good && g.good <= g.excellent)) problems.push(`等级分数线应为 优 ≥ 良 ≥ 中（现为 ${g.excellent}、${g.good}、${g.pass}）`);
  const periods = c.monitoring.periods;
  if (periods.some((m, i) => i > 0 && m <= periods[i - 1]!)) problems.push(`监控期间应按月份从小到大排列且不重复（现为 ${periods.map((m) => `1—${m}月`).join('、')}）`);
  if (problems.length) throw new ScoreConfigError(`评分配置有误：${problems.join('；')}`);
  return c;
}
