// The request and response schemas of the stored 运行监控 / 绩效自评 routes (routes/monitoring.ts): zod
// only (no Fastify), so the web app can take its types from them.
import { z } from 'zod';
import { indicatorCountSchema, projectEvaluationSchema, projectMonitorSchema } from '../score/index.js';
import { evaluationEntrySchema } from '../workflow/evaluations.js';
import { monitoringEntrySchema } from '../workflow/monitoring.js';
import { REPORT_ACTIONS, REPORT_STATES } from '../workflow/report-states.js';
import { contentSchema } from './plan-schemas.js';
import { int } from './schemas.js';

export const year = int().pipe(z.number().int().min(1990).max(2100));
export const month = int().pipe(z.number().int().min(1).max(12));
export const state = z.enum(REPORT_STATES);
export const issue = z.object({ field: z.string(), message: z.string() });
export const light = z.enum(['red', 'yellow', 'blue', 'green', 'none']);

const listItem = z.object({
  id: z.number(), planId: z.number(), planName: z.string(), unit: z.string(), department: z.string().nullable(), year: z.number(), month: z.number().nullable(),
  periodLabel: z.string(), state, stateLabel: z.string(), returned: z.boolean().describe('草稿且最近一次为退回：等待单位修改后重新提交'),
  demo: z.boolean(), light: z.string().nullable(), rate: z.number().nullable(),
  score: z.number().nullable(), grade: z.string().nullable(), updatedAt: z.string(),
});
const detail = <I extends z.ZodType, R extends z.ZodType>(input: I, result: R) => z.object({
  id: z.number(), kind: z.enum(['monitoring', 'evaluation']), planId: z.number(), planName: z.string(), planVersion: z.number(), unit: z.string(), department: z.string().nullable(),
  period: z.object({ year: z.number(), month: z.number().nullable() }), periodLabel: z.string(), state, stateLabel: z.string(), revision: z.number(), demo: z.boolean(),
  /** the approved plan version the report is measured against (the web form computes lights and scores live from it) */
  content: contentSchema,
  input, result, issues: z.array(issue), allowed: z.array(z.enum(REPORT_ACTIONS)),
  events: z.array(z.object({ action: z.string(), from: state.nullable(), to: state, toLabel: z.string(), actor: z.string(), role: z.string().nullable(), comment: z.string().nullable(), at: z.string() })),
  createdBy: z.string(), createdAt: z.string(), updatedBy: z.string(), updatedAt: z.string(),
});

const lights = z.object({ red: z.number(), yellow: z.number(), blue: z.number(), green: z.number(), none: z.number() });
/** how the dashboard's period was chosen (src/workflow/report-read.ts defaultPeriod) */
export const periodBasis = z.enum(['requested', 'submitted', 'most', 'none']);
export const dashboardResponse = z.object({
  /** the year shown (asked for, or the default period's); null when the caller has no plan or report at all */
  year: z.number().nullable(), month: z.number().nullable(), periodLabel: z.string().nullable(), basis: periodBasis,
  /** every year of the caller's plans, 运行监控 reports and 绩效自评, newest first */
  years: z.array(z.object({ year: z.number(), plans: z.number(), reports: z.number(), evaluations: z.number() })),
  months: z.array(z.number()),
  periods: z.array(z.object({ month: z.number(), label: z.string(), reports: z.number(), submitted: z.number() })), demo: z.boolean(), totals: lights,
  byDepartment: z.array(z.object({ name: z.string(), lights })),
  byUnit: z.array(z.object({ name: z.string(), department: z.string().nullable(), lights })),
  projects: z.array(z.object({ reportId: z.number(), planId: z.number(), project: z.string(), unit: z.string(), department: z.string().nullable(), light, explanation: z.string(), rate: z.number().nullable(), state: z.string(), demo: z.boolean() })),
  alerts: z.array(z.object({ reportId: z.number(), project: z.string(), unit: z.string(), light: z.enum(['red', 'yellow']), reasons: z.array(z.object({ what: z.string(), light: z.string(), explanation: z.string() })) })),
  execution: z.array(z.object({ month: z.number(), label: z.string(), adjusted: z.number(), spent: z.number(), rate: z.number().nullable(), schedule: z.number(), reports: z.number() })),
  coverage: z.object({
    plans: z.number().int().describe('应报：该年度已批复（含已公开、调整中）的计划'),
    reported: z.number().int().describe('已填报：有本期报告（任何状态）'),
    submitted: z.number().int().describe('已报送：本期报告已提交或已审核'),
    byUnit: z.array(z.object({ unit: z.string(), department: z.string().nullable(), plans: z.number().int(), reported: z.number().int(), submitted: z.number().int() })),
    missing: z.array(z.object({ planId: z.number().int(), project: z.string(), unit: z.string(), department: z.string().nullable() })).describe('未填报的计划（最多 200 个）'),
    missingTotal: z.number().int(),
  }).nullable().describe('本期报送情况（按部门、单位筛选；不按灯色筛选）；没有期间时为 null'),
});
export const periodsResponse = z.object({ year: z.number(), periods: z.array(z.object({ month: z.number(), label: z.string() })) });
export const evaluationSummaryResponse = z.object({
  year: z.number(), demo: z.boolean(),
  departments: z.array(z.object({
    /** the department's organization (null: reports of units without one), for /api/evaluations/summary/:id/… */
    id: z.number().nullable(), name: z.string(), projects: z.number(),
    due: z.number().int().describe('应评：该年度已批复（含已公开、调整中）的计划数；projects 为已自评的项目数'),
    scored: z.number(), byGrade: z.object({ 优: z.number(), 良: z.number(), 中: z.number(), 差: z.number() }),
    averageScore: z.number().nullable(),
    /** the indicators of its reports: total, scored, and the rest by kind of reason (a project has a grade only when all of its are scored) */
    indicators: indicatorCountSchema,
    money: z.object({ annual: z.number(), executed: z.number(), rate: z.number().nullable() }),
  })),
});
export const monitoringDetailResponse = detail(monitoringEntrySchema, projectMonitorSchema);
export const evaluationDetailResponse = detail(evaluationEntrySchema, projectEvaluationSchema);
export const reportListResponse = z.array(listItem);

