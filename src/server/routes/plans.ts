// The plan routes (绩效目标申报 and its workflow, src/workflow). Who may call each is in permissions.ts
// (by role, from the state machine's own table); which plans a caller may see or act on is decided by the
// workflow with the caller's principal — a plan outside the caller's scope is 404, as if it did not exist.
// Plan answers are per caller, so none goes through the shared read cache.
import { PassThrough, type Writable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Caller, Principal } from '../../auth/roles.js';
import type { Store } from '../../store/index.js';
import { checkPlan } from '../../workflow/check.js';
import { planContentSchema } from '../../workflow/content.js';
import { WorkflowError } from '../../workflow/errors.js';
import { adjustPlan, commentPlan, createPlan, savePlan, transition } from '../../workflow/plans.js';
import { compareVersions, getPlan, listPlans, reviewQueue } from '../../workflow/read.js';
import { todo } from '../../workflow/todo.js';
import { HttpError } from '../errors.js';
import * as p from '../plan-schemas.js';
import { errorResponse, idParams } from '../schemas.js';
import { plain } from '../routes.js';
import { getOrg, scopeOrgIds, withinScope } from '../../auth/index.js';
import { writePlansXlsx } from '../../report/xlsx/index.js';
import { planForExport, plansForExport } from '../../workflow/export.js';
import { attachment, XLSX_TYPE } from './xlsx.js';
import { publishPending } from '../publish.js';
import { zhError } from '../../model/zod-zh.js';

const errors = { '4xx': errorResponse, '5xx': errorResponse };
const withConflict = { 409: p.planConflictResponse, ...errors };

/** the caller; the permission check has already refused anonymous callers of these routes */
function who(req: FastifyRequest): Caller {
  const principal = (req as FastifyRequest & { principal?: Principal | null }).principal ?? null;
  if (!principal) throw new HttpError(401, 'unauthenticated', '请先登录');
  // the address goes with the caller into the workflow's audit entries (as auth.login records it)
  return { ...principal, ip: req.ip ?? null };
}

const layout = z.enum(['table', 'indicators']).optional().describe('table：公开表式，每个项目一行（默认）；indicators：每个指标一行');
const planXlsxQuery = z.strictObject({
  layout,
  version: z.enum(['current', 'approved']).optional().describe('current：当前版本（默认）；approved：批复版本'),
});
const plansXlsxQuery = p.planListQuery.omit({ limit: true, offset: true }).extend({ layout });
const xlsxErrors = { 200: { description: '绩效目标申报表', content: { [XLSX_TYPE]: { schema: z.string().describe('Excel 工作簿（.xlsx）') } } }, ...errors };

/** The plans are read (and the scope checked) before any byte goes out; an error after that cuts the download off. */
function download(req: FastifyRequest, reply: FastifyReply, name: string, write: (out: Writable) => Promise<unknown>) {
  const out = new PassThrough();
  write(out).catch((e: unknown) => {
    req.log.warn({ err: e, url: req.url }, 'plan xlsx export stopped');
    out.destroy(e as Error);
  });
  return reply.type(XLSX_TYPE).header('content-disposition', attachment(name)).header('cache-control', 'no-store').send(out);
}

const fileSafe = (x: string) => x.replace(/[\\/:*?"<>|\r\n]/g, '_');

export function planRoutes(app: FastifyInstance, store: Store, hooks: { onPublished?: () => void } = {}): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['绩效目标申报'];

  api.get('/api/plans', {
    schema: { summary: '我的项目：本账号范围内的绩效目标申报，按年度、状态、来源筛选', tags, querystring: p.planListQuery, response: { 200: p.planListResponse, ...errors } },
  }, async (req) => {
    const q = req.query;
    return plain(await listPlans(store, who(req), { year: q.year, state: q.state, source: q.source, unitOrgId: q.unit, q: q.q, limit: q.limit, offset: q.offset }));
  });

  api.get('/api/plans.xlsx', {
    schema: { summary: '我的项目导出为绩效目标表（Excel）：筛选条件同 /api/plans，各申报的当前版本', tags, querystring: plansXlsxQuery, produces: [XLSX_TYPE], response: xlsxErrors },
  }, async (req, reply) => {
    const { layout: l = 'table', ...q } = req.query;
    const plans = await plansForExport(store, who(req), { year: q.year, state: q.state, source: q.source, unitOrgId: q.unit, q: q.q });
    const units = new Set(plans.map((x) => x.unit));
    const depts = new Set(plans.map((x) => x.department));
    const owner = units.size === 1 ? [...units][0]! : depts.size === 1 ? [...depts][0] ?? '' : '';
    const name = `${fileSafe(owner)}${q.year !== undefined ? `${q.year}年` : ''}绩效目标申报表${l === 'indicators' ? '（指标明细）' : ''}.xlsx`;
    return download(req, reply, name, (out) => writePlansXlsx(plans, l, out, { titleNote: '（各申报的当前版本）' }));
  });

  // the menu's badges on every page: plans and reports waiting for the caller (reports: src/workflow/report-states.ts)
  api.get('/api/todo', {
    schema: { summary: '待办：等待本账号审核的申报与报告，以及退回给本单位的申报与报告（数量）', tags, response: { 200: p.todoResponse, ...errors } },
  }, async (req, reply) => {
    void reply.header('cache-control', 'no-store');
    return todo(store, who(req));
  });

  api.get('/api/plans/queue', {
    schema: { summary: '待我审核：等待本账号审核的申报（部门：已提交；财政：部门已审），先到先列', tags, response: { 200: p.planListResponse, ...errors } },
  }, async (req) => plain(await reviewQueue(store, who(req))));

  api.post('/api/plans', {
    schema: { summary: '新建申报（草稿）：空白、复制本单位的计划或复制已公开项目', tags, body: p.planCreateBody, response: { 201: p.planCreatedResponse, ...errors } },
  }, async (req, reply) => {
    const created = await createPlan(store, who(req), req.body);
    return reply.code(201).send(created);
  });

  api.post('/api/plans/check', {
    schema: { summary: '审核引擎对未保存内容的即时检查：问题落在所涉的行上，评分与等级', tags, body: p.planCheckBody, response: { 200: p.planCheckResponse, ...errors } },
  }, async (req) => {
    const principal = who(req);
    const parsed = planContentSchema.safeParse(req.body.content, { error: zhError });
    if (!parsed.success) throw new WorkflowError('invalid', 'plan-invalid', `绩效目标内容有误：${parsed.error.issues.map((i) => `${i.path.join('.') || '内容'}：${i.message}`).join('；')}`);
    // another organization's name only within the caller's scope (its name reaches the findings' text)
    const asked = req.body.unit;
    const orgId = asked !== undefined && withinScope(await scopeOrgIds(store, principal), asked) ? asked : principal.orgId;
    const unit = orgId === null ? null : await getOrg(store.db, orgId);
    return plain(checkPlan(parsed.data, unit?.name ?? '单位', req.body.year ?? null));
  });

  api.get('/api/plans/:id', {
    schema: { summary: '一份申报：当前版本的内容与审核结果、批复版本、全部版本、审核记录、评论、本账号可做的操作', tags, params: idParams, response: { 200: p.planDetailResponse, ...errors } },
  }, async (req) => plain(await getPlan(store, who(req), req.params.id)));

  api.get('/api/plans/:id/xlsx', {
    schema: { summary: '一份申报导出为绩效目标表（Excel）：当前版本或批复版本，标题行注明', tags, params: idParams, querystring: planXlsxQuery, produces: [XLSX_TYPE], response: xlsxErrors },
  }, async (req, reply) => {
    const { layout: l = 'table', version = 'current' } = req.query;
    const plan = await planForExport(store, who(req), req.params.id, version);
    const label = version === 'approved' ? '批复版本' : '当前版本';
    const title = `${plan.content.name}绩效目标申报表（${plan.unit}，${plan.year !== null ? `${plan.year}年，` : ''}第 ${plan.version} 版，${label}）`;
    const name = `${fileSafe(plan.content.name || `申报${plan.id}`)}（第${plan.version}版${label}）${l === 'indicators' ? '（指标明细）' : ''}.xlsx`;
    return download(req, reply, name, (out) => writePlansXlsx([plan], l, out, { title }));
  });

  api.post('/api/plans/:id/save', {
    schema: { summary: '保存草稿为新版本；所基于的版本已不是最新时 409，并给出对方的修改', tags, params: idParams, body: p.planSaveBody, response: { 200: p.planSaveResponse, ...withConflict } },
  }, async (req) => plain(await savePlan(store, who(req), req.params.id, req.body.baseVersionId, req.body.content, req.body.session ?? null)));

  for (const action of ['submit', 'approve', 'return', 'publish'] as const) {
    const summary = { submit: '提交审核', approve: '审核通过（部门：部门已审；财政：批复）', return: '退回修改（须写意见，可对单项指标）', publish: '公开已批复的申报' }[action];
    api.post(`/api/plans/:id/${action}`, {
      schema: { summary, tags, params: idParams, body: p.planDecisionBody, response: { 200: p.planStateResponse, ...withConflict } },
    }, async (req) => {
      const r = await transition(store, who(req), req.params.id, action, req.body);
      if (action !== 'publish') return r;
      // the plan is 已公开 whatever happens next; its table is stored now so the public sees it at once
      try {
        const [made] = await publishPending(store, who(req), { only: req.params.id });
        hooks.onPublished?.();
        return { ...r, publication: made ? { documentId: made.documentId, file: made.file, plans: made.plans } : null };
      } catch (e) {
        req.log.error({ err: e, plan: req.params.id }, '公开表未能存入');
        return { ...r, publication: null };
      }
    });
  }

  api.post('/api/plans/:id/adjust', {
    schema: { summary: '调整已批复的申报：生成新的草稿版本，批复前原版本继续有效', tags, params: idParams, body: p.planAdjustBody, response: { 200: p.planAdjustResponse, ...errors } },
  }, async (req) => adjustPlan(store, who(req), req.params.id, req.body));

  api.post('/api/plans/:id/comments', {
    schema: { summary: '评论整个申报或其中一项指标', tags, params: idParams, body: p.planCommentBody, response: { 201: p.planCommentResponse, ...errors } },
  }, async (req, reply) => reply.code(201).send(await commentPlan(store, who(req), req.params.id, req.body)));

  api.get('/api/plans/:id/diff', {
    schema: { summary: '比较同一申报的两个版本（逐词）', tags, params: idParams, querystring: p.versionsQuery, response: { 200: p.versionsDiffResponse, ...errors } },
  }, async (req) => plain(await compareVersions(store, who(req), req.params.id, req.query.a, req.query.b)));
}
