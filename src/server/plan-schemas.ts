// The contract of the plan routes (绩效目标申报, src/workflow): request and response schemas in zod, as in
// schemas.ts, kept in their own file. Content is validated by the workflow's own schema
// (planContentSchema) so the editor, the API and the store agree on what a plan may hold.
import { z } from 'zod';
import { ATTRIBUTES, planContentSchema } from '../workflow/content.js';
import { ACTIONS, STATES } from '../workflow/states.js';
import { diffResponse, dimensionScoreSchema, errorResponse, gateReasonSchema, int, positiveId, severitySchema, categorySchema, targetSchema, dimensionIdSchema } from './schemas.js';

const stateSchema = z.enum(STATES).describe('draft 草稿、submitted 已提交、department-approved 部门已审、approved 已批复、published 已公开');
const actionSchema = z.enum(ACTIONS);
const comment = () => z.string().trim().max(2000, { error: '至多 2000 个字' });

// --- requests ---------------------------------------------------------------------------------------

export const planListQuery = z.strictObject({
  year: int().pipe(z.number().min(1900).max(2200)).optional().describe('预算年度'),
  state: stateSchema.optional(),
  source: z.enum(['authored', 'publication']).optional().describe('authored 单位填报；publication 导入的公开表'),
  unit: positiveId().optional().describe('单位（组织）编号'),
  q: z.string().trim().min(1).max(100).optional().describe('项目名称包含'),
  limit: int().pipe(z.number().int().min(1).max(200)).optional(),
  offset: int().pipe(z.number().int().min(0)).optional(),
});
export type PlanListQuery = z.input<typeof planListQuery>;

export const planCreateBody = z.strictObject({
  year: z.number().int().min(1900).max(2200).describe('预算年度'),
  from: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('blank'), name: z.string().trim().max(200).optional() }),
    z.strictObject({ kind: z.literal('plan'), planId: z.number().int().positive().describe('复制此计划（如上年度的计划）') }),
    z.strictObject({ kind: z.literal('project'), projectId: z.number().int().positive().describe('复制此已公开项目') }),
  ]).describe('新建方式：空白、复制本单位的计划、复制任一已公开项目'),
});
export type PlanCreateBody = z.input<typeof planCreateBody>;

export const planContentBody = planContentSchema;
export const planSaveBody = z.strictObject({
  baseVersionId: z.number().int().positive().describe('本次修改所基于的版本（GET 返回的 version.id）；已有更新的版本时返回 409'),
  content: z.unknown().describe('计划内容（PlanContent），由工作流校验'),
  session: z.string().regex(/^[\w-]{8,64}$/).optional()
    .describe('编辑会话标识（编辑器每次打开时随机生成）：同一会话 10 分钟内对自己所存版本的再次保存并入该版本；不传则每次保存都是新版本'),
});
export type PlanSaveBody = z.input<typeof planSaveBody>;

const indicatorComment = z.strictObject({ indicator: z.number().int().min(0).describe('指标序号（从 0 起）'), body: comment().min(1, { error: '意见不能为空' }) });
export const planDecisionBody = z.strictObject({
  versionId: z.number().int().positive().describe('所审核（提交）的版本；计划已有更新的版本时返回 409'),
  comment: comment().optional().describe('对整个计划的意见（退回时必填，或对某项指标写意见）'),
  indicatorComments: z.array(indicatorComment).max(200).optional(),
});
export type PlanDecisionBody = z.input<typeof planDecisionBody>;

export const planAdjustBody = z.strictObject({ comment: comment().optional().describe('调整原因') });
export const planCommentBody = z.strictObject({
  versionId: z.number().int().positive().optional().describe('评论的版本；默认当前版本'),
  indicator: z.number().int().min(0).nullable().optional().describe('指标序号（从 0 起）；不给则是对整个计划的评论'),
  body: comment().min(1, { error: '评论内容不能为空' }),
});
export type PlanCommentBody = z.input<typeof planCommentBody>;

export const planCheckBody = z.strictObject({
  content: z.unknown(),
  unit: positiveId().optional().describe('单位（组织）编号；默认本账号的单位'),
  year: z.number().int().min(1900).max(2200).nullable().optional(),
});
export type PlanCheckBody = z.input<typeof planCheckBody>;

export const versionsQuery = z.strictObject({ a: positiveId().describe('甲：版本号'), b: positiveId().describe('乙：版本号') });

// --- responses --------------------------------------------------------------------------------------

export const contentSchema = z.object({
  name: z.string(),
  funding: z.object({ total: z.number(), fiscal: z.number().nullable(), specialAccount: z.number().nullable(), other: z.number().nullable() }),
  goal: z.string(),
  indicators: z.array(z.object({
    level1: z.object({ code: z.string().nullable(), name: z.string().nullable() }),
    level2: z.object({ code: z.string().nullable(), name: z.string().nullable() }),
    name: z.string(), period: z.string(), annual: z.string(),
  })),
  attribute: z.enum(ATTRIBUTES),
  startYear: z.number().int().nullable(),
  endYear: z.number().int().nullable(),
  notes: z.string(),
  indicatorsText: z.string().optional(),
}).meta({ id: 'PlanContent', description: '计划内容：项目名称、资金、绩效目标、指标、项目属性、实施期、说明' });

export const planSummarySchema = z.object({
  id: z.number().int(), unitOrgId: z.number().int(), unit: z.string(), department: z.string().nullable(), year: z.number().int().nullable(), name: z.string(),
  state: stateSchema, stateLabel: z.string(), source: z.enum(['authored', 'publication']), total: z.number(),
  reviewScore: z.number().nullable(), reviewGrade: z.string().nullable(), currentVersion: z.number().int(), approvedVersion: z.number().int().nullable(),
  adjusting: z.boolean(),
  returned: z.boolean().describe('草稿且最近一次为退回：等待单位修改后重新提交'),
  publicDiffers: z.boolean().nullable().describe('单位填报且已有公开项目的计划：公开表所列与批复版本是否不一致；其他计划为 null'),
  updatedAt: z.string(),
});
export const planListResponse = z.object({ total: z.number().int(), items: z.array(planSummarySchema) });
const todoCount = z.object({
  review: z.number().int().describe('等待本账号审核（部门：已提交；财政：部门已审）'),
  returned: z.number().int().describe('退回给本单位、尚未重新提交（单位账号；其他为 0）'),
});
export const todoResponse = z.object({ plans: todoCount, reports: todoCount.describe('运行监控报告与绩效自评'), total: z.number().int() });
export type TodoResponse = z.output<typeof todoResponse>;
export type PlanListResponse = z.output<typeof planListResponse>;

export const planCheckResponse = z.object({
  score: z.number(),
  grade: z.enum(['优', '良', '中', '差']),
  dimensions: z.array(dimensionScoreSchema),
  gate: z.array(gateReasonSchema),
  findings: z.array(z.object({
    rule: z.string(), severity: severitySchema, category: categorySchema, dimensions: z.array(dimensionIdSchema), message: z.string(), suggestion: z.string(),
    place: z.enum(['funding', 'goal', 'indicator', 'project']), indicator: z.number().int().nullable(),
  })),
  targets: z.array(z.object({ period: targetSchema, annual: targetSchema })),
});
export type PlanCheckResponse = z.output<typeof planCheckResponse>;

const versionInfo = z.object({
  id: z.number().int(), number: z.number().int(), basedOn: z.number().int().nullable(), kind: z.string(), author: z.string(), createdAt: z.string(),
  reviewScore: z.number().nullable(), reviewGrade: z.string().nullable(), findingCount: z.number().int(),
});
const eventInfo = z.object({
  id: z.number().int(), action: z.string(), version: z.number().int().nullable(), fromState: stateSchema.nullable(), toState: stateSchema,
  actor: z.string(), actorRole: z.string().nullable(), comment: z.string().nullable(), reviewScore: z.number().nullable(), reviewGrade: z.string().nullable(), createdAt: z.string(),
});
const commentInfo = z.object({
  id: z.number().int(), version: z.number().int().nullable(), eventId: z.number().int().nullable(), indicator: z.number().int().nullable(),
  indicatorName: z.string().nullable(), author: z.string(), authorRole: z.string().nullable(), body: z.string(), createdAt: z.string(),
});

// the project diff of /api/diff, reused: a plan's versions are compared by the same engine
const projectDiff = diffResponse.shape.units.element.shape.projects.element.shape;
const valueChange = z.object({ a: z.string(), b: z.string() });
export const planDiffSchema = z.object({
  changed: z.boolean(),
  name: projectDiff.nameChange,
  funding: projectDiff.funding,
  goal: projectDiff.goal,
  indicators: projectDiff.indicators,
  indicatorsSame: z.number().int(),
  attribute: valueChange.nullable(),
  period: valueChange.nullable(),
  notes: projectDiff.goal,
  indicatorsText: projectDiff.indicatorsText,
});
const publicCheckSchema = z.object({
  documentId: z.number().int(), projectId: z.number().int(), file: z.string(), title: z.string().nullable(),
  madeHere: z.boolean().describe('公开表由本系统“公开”生成（否则为导入的公开表）'),
  approvedVersion: z.number().int().describe('比较的批复版本'),
  publishedVersion: z.number().int().nullable().describe('本系统最近一次公开的版本'),
  diff: planDiffSchema,
});
export const planDetailResponse = z.object({
  plan: planSummarySchema,
  version: versionInfo,
  content: contentSchema,
  check: planCheckResponse,
  approved: z.object({ version: versionInfo, content: contentSchema }).nullable(),
  versions: z.array(versionInfo),
  events: z.array(eventInfo),
  comments: z.array(commentInfo),
  allowed: z.array(actionSchema),
  publication: z.object({ documentId: z.number().int(), projectId: z.number().int().nullable() }).nullable(),
  publicCheck: publicCheckSchema.nullable().describe('单位填报的计划已有公开的项目时：公开表所列（名称、金额、绩效目标、指标）与批复版本的比较'),
  origin: z.record(z.string(), z.unknown()),
});
export type PlanDetailResponse = z.output<typeof planDetailResponse>;

export const versionsDiffResponse = z.object({ a: versionInfo, b: versionInfo, diff: planDiffSchema });
export type VersionsDiffResponse = z.output<typeof versionsDiffResponse>;

export const planCreatedResponse = z.object({ id: z.number().int(), versionId: z.number().int() });
export const planSaveResponse = z.object({ versionId: z.number().int(), number: z.number().int(), unchanged: z.boolean(), check: planCheckResponse });
export type PlanSaveResponse = z.output<typeof planSaveResponse>;
export const planStateResponse = z.object({
  state: stateSchema, eventId: z.number().int(),
  publication: z.object({
    documentId: z.number().int(), file: z.string(), plans: z.number().int().describe('公开表中的项目数（该单位该年度全部公开的申报）'),
  }).nullable().optional().describe('公开：存入的公开表（与导入的公开表一样出现在项目、检索与下载中）；存入失败时为 null，计划仍为已公开，下次公开或启动时重试'),
});
export type PlanStateResponse = z.output<typeof planStateResponse>;
export const planAdjustResponse = z.object({ versionId: z.number().int() });
export const planCommentResponse = z.object({ id: z.number().int() });

/** 409 plan-conflict: what the other person saved since the caller's base, beside the one error shape */
export const planConflictResponse = errorResponse.extend({
  detail: z.object({
    current: z.object({ versionId: z.number().int(), number: z.number().int(), author: z.string(), createdAt: z.string(), content: contentSchema }),
    changes: planDiffSchema.nullable(),
  }).optional(),
});
export type PlanConflictResponse = z.output<typeof planConflictResponse>;

export const scopeUnitsResponse = z.array(z.object({ id: z.number().int(), name: z.string(), kind: z.string() }));
