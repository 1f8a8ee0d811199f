// The inputs and outputs of 绩效自评 (evaluate) and 运行监控 (monitor), as zod schemas: the CLI reads
// files with them, the API validates requests and responses with them, and a store can keep the
// outputs as they are.
import { z } from 'zod';
import { scoreConfigInputSchema } from './config.js';

const text = (max: number) => z.string().max(max);
const amount = z.number().min(0).max(1e12);
/** an actual as written, a bare number (in the target's unit), or one per part of a compound target */
export const actualInput = z.union([text(2000), z.number().finite(), z.array(z.union([text(500), z.number().finite()])).max(20)]);

export const evaluationIndicatorInput = z.strictObject({
  /** 一级指标: 产出指标, 1-产出指标, 1 … */
  level1: text(50),
  level2: text(50).optional(),
  /** 三级指标 */
  name: text(500),
  /** 年度指标值 as written */
  target: text(2000),
  /** 实际完成值; 达成/部分达成/未达成 for a qualitative target */
  actual: actualInput.nullable().optional(),
  /** 分值 set by the unit; absent: the category's points split equally */
  weight: z.number().min(0).max(100).optional(),
  /** 得分 entered by the person (qualitative targets) */
  score: z.number().min(0).max(100).nullable().optional(),
  /** 偏差原因分析及改进措施 */
  deviation: text(5000).optional(),
});

export const evaluationProjectInput = z.strictObject({
  project: text(500).min(1),
  /** 实施单位 */
  unit: text(500).optional(),
  /** 主管部门 */
  department: text(500).optional(),
  budget: z.strictObject({
    /** 年初预算数 */
    initial: amount.nullable().optional(),
    /** 全年预算数 */
    annual: amount,
    /** 全年执行数 */
    executed: amount,
  }),
  /** 年度总体目标: 预期目标 and 实际完成情况 */
  goals: z.array(z.strictObject({ expected: text(5000), actual: text(5000).optional() })).max(50).optional(),
  indicators: z.array(evaluationIndicatorInput).min(1).max(500),
});

export const evaluationInput = z.strictObject({
  year: z.number().int().min(1990).max(2100),
  region: text(100).optional(),
  department: text(500).optional(),
  /** the money unit of the budget figures, for the forms (default 万元) */
  moneyUnit: text(10).optional(),
  config: scoreConfigInputSchema.optional(),
  projects: z.array(evaluationProjectInput).min(1).max(1000),
});
export type EvaluationInput = z.input<typeof evaluationInput>;

// ── outputs ──────────────────────────────────────────────────────────────────────────────────────────

const ruleKind = z.enum(['positive', 'reverse', 'range', 'deadline', 'qualitative', 'compound', 'budget']);
export const indicatorScoreSchema = z.object({
  score: z.number().nullable(),
  max: z.number(),
  rule: ruleKind.nullable(),
  explanation: z.string(),
  error: z.string().optional(),
  allowed: z.tuple([z.number(), z.number()]).optional(),
  ratio: z.number().optional(),
});

const role = z.enum(['output', 'benefit', 'satisfaction', 'cost']);
const category = z.object({ code: z.string().nullable(), name: z.string().nullable() });

export const warningSchema = z.object({
  /** red, yellow: 预警; info: for the reviewer */
  level: z.enum(['red', 'yellow', 'info']),
  code: z.enum(['spending-gap', 'budget-zero', 'unspent', 'over-achievement', 'incomplete']),
  message: z.string(),
});

export const projectEvaluationSchema = z.object({
  project: z.string(),
  unit: z.string().nullable(),
  department: z.string().nullable(),
  year: z.number(),
  budget: z.object({
    initial: z.number().nullable(),
    annual: z.number(),
    executed: z.number(),
    /** 执行率 as a fraction; null when the budget is 0 */
    rate: z.number().nullable(),
    points: z.number(),
    score: z.number(),
    explanation: z.string(),
  }),
  goals: z.array(z.object({ expected: z.string(), actual: z.string() })),
  /** per level-1 category: its points and how its indicators' weights were set */
  categories: z.array(z.object({ role, name: z.string(), points: z.number(), indicators: z.number(), score: z.number().nullable(), weighting: z.string() })),
  indicators: z.array(z.object({
    level1: category,
    level2: category,
    role: role.nullable(),
    name: z.string(),
    target: z.string(),
    actual: z.string(),
    weight: z.number(),
    /** unit: set by the unit; equal: the category's remaining points split equally */
    weightSet: z.enum(['unit', 'equal']),
    result: indicatorScoreSchema,
    deviation: z.string(),
  })),
  indicatorScore: z.number().nullable(),
  indicatorMax: z.number(),
  /** null until every indicator has a score */
  total: z.number().nullable(),
  grade: z.enum(['优', '良', '中', '差']).nullable(),
  warnings: z.array(warningSchema),
  /** what stops the form from being scored (weights that do not add up, an unknown category) */
  errors: z.array(z.string()),
});
export type ProjectEvaluation = z.output<typeof projectEvaluationSchema>;

export const indicatorCountSchema = z.object({
  total: z.number(),
  scored: z.number(),
  unscored: z.array(z.object({ reason: z.enum(['pending', 'no-actual', 'unreadable', 'no-target']), label: z.string(), count: z.number() })),
});

export const moneySummarySchema = z.object({ initial: z.number(), annual: z.number(), executed: z.number(), rate: z.number().nullable() });

export const evaluationSchema = z.object({
  year: z.number(),
  region: z.string().nullable(),
  department: z.string().nullable(),
  moneyUnit: z.string(),
  projects: z.array(projectEvaluationSchema),
  summary: z.object({
    projects: z.number(),
    /** projects with a total (every indicator scored): the grades and the average are theirs only */
    scored: z.number(),
    byGrade: z.object({ 优: z.number(), 良: z.number(), 中: z.number(), 差: z.number() }),
    averageScore: z.number().nullable(),
    /** every project's indicators: how many, how many scored, the rest by kind of reason (unscored.ts) */
    indicators: indicatorCountSchema,
    money: moneySummarySchema,
  }),
});
export type Evaluation = z.output<typeof evaluationSchema>;

// ── monitoring (运行监控) ─────────────────────────────────────────────────────────────────────────────

export const LIKELIHOODS = ['确定能', '有可能', '完全不可能'] as const;
export const DEVIATION_REASONS = ['人员', '制度', '经费', '其他'] as const;

export const monitorIndicatorInput = z.strictObject({
  level1: text(50),
  level2: text(50).optional(),
  name: text(500),
  /** 年度指标值 */
  target: text(2000),
  /** 当前完成值 */
  current: actualInput.nullable().optional(),
  /** 完成可能性 */
  likelihood: z.enum(LIKELIHOODS),
  /** 全年预计完成值 */
  forecast: actualInput.nullable().optional(),
  /** 偏差原因 (several allowed) and its text */
  reasons: z.array(z.enum(DEVIATION_REASONS)).max(4).optional(),
  reasonText: text(5000).optional(),
  /** 纠偏措施 */
  measures: text(5000).optional(),
}).superRefine((x, ctx) => {
  if (x.likelihood === '确定能') return;
  if (!x.reasons?.length) ctx.addIssue({ code: 'custom', path: ['reasons'], message: `完成可能性为“${x.likelihood}”时须填写偏差原因（人员、制度、经费、其他，可多选）` });
  if (x.reasons?.includes('其他') && !x.reasonText?.trim()) ctx.addIssue({ code: 'custom', path: ['reasonText'], message: '偏差原因选“其他”时须说明具体原因' });
  if (!x.measures?.trim()) ctx.addIssue({ code: 'custom', path: ['measures'], message: `完成可能性为“${x.likelihood}”时须填写纠偏措施` });
});

export const fundingInput = z.strictObject({
  /** 资金来源: 财政拨款, 财政专户拨款, 其他资金 … */
  source: text(100).min(1),
  /** 年初预算 */
  initial: amount,
  /** 调整后预算 */
  adjusted: amount,
  /** 累计支出 */
  spent: amount,
});

export const monitorProjectInput = z.strictObject({
  project: text(500).min(1),
  unit: text(500).optional(),
  department: text(500).optional(),
  funding: z.array(fundingInput).min(1).max(20),
  indicators: z.array(monitorIndicatorInput).min(1).max(500),
});

export const monitorInput = z.strictObject({
  year: z.number().int().min(1990).max(2100),
  /** the month monitored: 序时进度 = month ÷ 12 */
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31).optional(),
  region: text(100).optional(),
  department: text(500).optional(),
  moneyUnit: text(10).optional(),
  config: scoreConfigInputSchema.optional(),
  projects: z.array(monitorProjectInput).min(1).max(1000),
});
export type MonitorInput = z.input<typeof monitorInput>;

const colour = z.enum(['red', 'yellow', 'green', 'blue']);
export const lightSchema = z.object({
  colour: colour.nullable(),
  kind: z.enum(['budget', 'cumulative', 'reverse', 'qualitative', 'rate', 'deadline', 'compound']).nullable(),
  percent: z.number().optional(),
  explanation: z.string(),
  error: z.string().optional(),
});

export const projectMonitorSchema = z.object({
  project: z.string(),
  unit: z.string().nullable(),
  department: z.string().nullable(),
  funding: z.array(z.object({ source: z.string(), initial: z.number(), adjusted: z.number(), spent: z.number(), rate: z.number().nullable() })),
  money: z.object({ initial: z.number(), adjusted: z.number(), spent: z.number(), rate: z.number().nullable() }),
  budgetLight: lightSchema,
  indicators: z.array(z.object({
    level1: category,
    level2: category,
    name: z.string(),
    target: z.string(),
    current: z.string(),
    likelihood: z.enum(LIKELIHOODS),
    forecast: z.string(),
    reasons: z.array(z.enum(DEVIATION_REASONS)),
    reasonText: z.string(),
    measures: z.string(),
    light: lightSchema,
  })),
  /** the worst of the indicators' lights and the budget light */
  light: colour.nullable(),
  lightExplanation: z.string(),
});
export type ProjectMonitor = z.output<typeof projectMonitorSchema>;

export const monitoringSchema = z.object({
  year: z.number(),
  month: z.number(),
  region: z.string().nullable(),
  department: z.string().nullable(),
  moneyUnit: z.string(),
  projects: z.array(projectMonitorSchema),
  summary: z.object({
    projects: z.number(),
    byLight: z.object({ red: z.number(), yellow: z.number(), green: z.number(), blue: z.number(), none: z.number() }),
    money: z.object({ initial: z.number(), adjusted: z.number(), spent: z.number(), rate: z.number().nullable() }),
  }),
});
export type Monitoring = z.output<typeof monitoringSchema>;

// ── one indicator (jixiao score, POST /api/score) ─────────────────────────────────────────────────────

export const scoreLineInput = z.strictObject({
  target: text(2000),
  actual: actualInput.nullable().optional(),
  weight: z.number().min(0).max(100),
  /** the person's score, for a qualitative target */
  score: z.number().min(0).max(100).nullable().optional(),
  /** the year, for a deadline written 每年… */
  year: z.number().int().min(1990).max(2100).optional(),
  region: text(100).optional(),
  config: scoreConfigInputSchema.optional(),
});
export type ScoreLineInput = z.input<typeof scoreLineInput>;

export const scoreLineOutput = indicatorScoreSchema.extend({
  /** the kind of target as read (numeric, range …), null when the line could not be read */
  kind: z.string().nullable().optional(),
});

// ── lights of single indicators (POST /api/monitor/lights) ────────────────────────────────────────────

export const lightsInput = z.strictObject({
  year: z.number().int().min(1990).max(2100),
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31).optional(),
  region: text(100).optional(),
  config: scoreConfigInputSchema.optional(),
  items: z.array(z.strictObject({ target: text(2000), current: actualInput.nullable().optional(), name: text(500).optional() })).min(1).max(1000),
});
export const lightsOutput = z.array(lightSchema);
