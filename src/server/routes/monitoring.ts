// The stored 运行监控 reports and 绩效自评 (src/workflow/monitoring.ts, evaluations.ts, reports.ts): list,
// create on an approved plan, read, save (stale revision → 409), submit / approve / return, the printable
// HTML and XLSX of one, the 监控 dashboard and the 自评 department summary. Who may call each is in
// permissions.ts (by role, from report-states.ts); which reports a caller sees is the caller's scope.
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Caller, Principal } from '../../auth/roles.js';
import { renderEvaluationHtml } from '../../report/evaluation-html.js';
import { evaluationXlsx, monitoringXlsx } from '../../report/evaluation-xlsx.js';
import { renderMonitoringHtml } from '../../report/monitoring-html.js';
import { projectEvaluationSchema, projectMonitorSchema, summarizeEvaluations, type Evaluation, type Monitoring, type ProjectEvaluation, type ProjectMonitor } from '../../score/index.js';
import type { Store } from '../../store/index.js';
import { applyFilledEvaluation, evaluationKind } from '../../workflow/evaluations.js';
import { applyFilled, monitoringKind } from '../../workflow/monitoring.js';
import { departmentEvaluations } from '../../workflow/department-evaluations.js';
import { departmentForms, departmentSummary } from '../../report/evaluation-summary.js';
import { renderEvaluationSummaryHtml } from '../../report/evaluation-summary-html.js';
import { evaluationSummaryXlsx } from '../../report/evaluation-summary-xlsx.js';
import { readEvaluateTemplate } from '../../report/xlsx/read-evaluate.js';
import { readMonitorTemplate } from '../../report/xlsx/read-monitor.js';
import { writeEvaluateTemplate, writeMonitorTemplate, type TemplateInput } from '../../report/xlsx/index.js';
import { DEFAULT_UPLOAD_LIMIT, readUploads } from '../upload.js';
import { WorkflowError } from '../../workflow/errors.js';
import { evaluationSummary, listReports, monitoringDashboard } from '../../workflow/report-read.js';
import { REPORT_ACTIONS, REPORT_STATES } from '../../workflow/report-states.js';
import { createReport, decideOn, getReport, periodLabel, reportBasis, saveReport, type Period, type PlanBasis, type ReportKind, type ReportSettings } from '../../workflow/reports.js';
import { HttpError } from '../errors.js';
import { plain } from '../routes.js';
import { errorResponse, idParams, int } from '../schemas.js';
import * as rs from '../report-schemas.js';
import { dashboardResponse, evaluationDetailResponse, evaluationSummaryResponse, monitoringDetailResponse, periodsResponse, reportListResponse } from '../report-schemas.js';

const withDetail = errorResponse.extend({ detail: z.unknown().optional() });
const errors = { '4xx': withDetail, '5xx': errorResponse };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FORM_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

function who(req: FastifyRequest): Caller {
  const principal = (req as FastifyRequest & { principal?: Principal | null }).principal ?? null;
  if (!principal) throw new HttpError(401, 'unauthenticated', '请先登录');
  // the address goes with the caller into the workflow's audit entries (as auth.login records it)
  return { ...principal, ip: req.ip ?? null };
}

const { year, month, state, issue, light } = rs;

/** one stored report as the renderers' one-project form */
function asMonitoring(r: { period: { year: number; month: number | null }; department: string | null; result: ProjectMonitor }): Monitoring {
  const m = r.result;
  const byLight = { red: 0, yellow: 0, green: 0, blue: 0, none: 0 };
  byLight[m.light ?? 'none']++;
  return {
    year: r.period.year, month: r.period.month ?? 12, region: null, department: r.department, moneyUnit: '万元', projects: [m],
    summary: { projects: 1, byLight, money: { initial: m.money.initial, adjusted: m.money.adjusted, spent: m.money.spent, rate: m.money.rate } },
  };
}
function asEvaluation(r: { period: { year: number }; department: string | null; result: ProjectEvaluation }): Evaluation {
  return { year: r.period.year, region: null, department: r.department, moneyUnit: '万元', projects: [r.result], summary: summarizeEvaluations([r.result]) };
}

export function monitoringRoutes(app: FastifyInstance, store: Store, settings: ReportSettings = {}): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  // computed with the server's scoring configuration: its thresholds and the periods a bureau monitors
  const MONITORING = monitoringKind(settings);
  const EVALUATION = evaluationKind(settings);

  const routes = <I, R>(base: string, k: ReportKind<I, R>, tag: string, response: z.ZodType, monthly: boolean,
    render: { html: (r: { period: { year: number; month: number | null }; department: string | null; result: R }) => string; xlsx: (r: { period: { year: number; month: number | null }; department: string | null; result: R }) => Promise<Uint8Array> }) => {
    const tags = [tag];
    api.get(base, {
      schema: { summary: `${k.label}列表（本账号范围内）`, tags, querystring: z.strictObject({ year: year.optional(), month: month.optional(), state: state.optional(), plan: int().optional() }), response: { 200: reportListResponse, ...errors } },
    }, async (req) => listReports(store, who(req), k.kind, { year: req.query.year, month: req.query.month, state: req.query.state, planId: req.query.plan }));

    api.post(base, {
      schema: {
        summary: `新建${k.label}（草稿）：针对已批复的绩效目标${monthly ? '与期间（1—N月）' : '与年度'}`, tags,
        body: z.object({ planId: z.number().int().positive(), year: z.number().int().min(1990).max(2100), ...(monthly ? { month: z.number().int().min(1).max(12) } : {}) }),
        response: { 201: z.object({ id: z.number(), revision: z.number() }), ...errors },
      },
    }, async (req, reply) => {
      const b = req.body as { planId: number; year: number; month?: number };
      return reply.code(201).send(await createReport(store, who(req), k, { planId: b.planId, period: { year: b.year, month: monthly ? b.month ?? null : null } }));
    });

    api.get(`${base}/:id`, {
      schema: { summary: `一份${k.label}：填报内容、亮灯/评分及说明、尚缺的内容、审核记录、本账号可做的操作`, tags, params: idParams, response: { 200: response, ...errors } },
    }, async (req) => plain(await getReport(store, who(req), k, req.params.id)));

    api.post(`${base}/:id/save`, {
      schema: {
        summary: '保存（基于读取时的 revision；他人已保存时 409，内容不丢失）', tags, params: idParams, body: z.object({ revision: z.number().int().positive(), input: z.unknown() }),
        response: { 200: z.object({ revision: z.number(), result: z.unknown(), issues: z.array(issue)}), ...errors },
      },
    }, async (req) => plain(await saveReport(store, who(req), k, req.params.id, req.body.revision, req.body.input)));

    for (const action of ['submit', 'approve', 'return'] as const) {
      api.post(`${base}/:id/${action}`, {
        schema: {
          summary: { submit: '提交审核（须填写完整）', approve: '审核通过（部门：部门已审；财政：已确认）', return: '退回修改（须写理由）' }[action], tags, params: idParams,
          body: z.object({ revision: z.number().int().positive(), comment: z.string().max(5000).optional() }), response: { 200: z.object({ state }), ...errors },
        },
      }, async (req) => decideOn(store, who(req), k, req.params.id, action, req.body));
    }

    api.get(`${base}/:id/html`, {
      schema: { summary: `${k.label}：可打印的表（HTML，A4）`, tags, params: idParams, produces: ['text/html'], response: { 200: { description: k.label, content: { 'text/html': { schema: z.string() } } }, ...errors } },
    }, async (req, reply) => {
      const r = await getReport(store, who(req), k, req.params.id);
      return reply.type('text/html; charset=utf-8').header('content-security-policy', FORM_CSP).send(Buffer.from(render.html(r)) as never);
    });
    api.get(`${base}/:id/xlsx`, {
      schema: { summary: `${k.label}：与打印表同版式的 XLSX`, tags, params: idParams, response: { 200: { description: k.label, content: { [XLSX]: { schema: z.string() } } }, ...errors } },
    }, async (req, reply) => {
      const r = await getReport(store, who(req), k, req.params.id);
      const file = `${r.planName}-${r.periodLabel}-${k.label}.xlsx`;
      return reply.type(XLSX).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file)}`).send(Buffer.from(await render.xlsx(r)) as never);
    });
  };

  api.get('/api/monitoring/dashboard', {
    schema: {
      summary: '监控看板：按部门、单位、项目的亮灯，红黄灯清单及原因，各月预算执行与序时进度；不指定年度、期间时显示最近有已提交报告的期间（都是草稿时显示报告最多的期间），并列出有数据的年度', tags: ['运行监控'],
      querystring: z.strictObject({ year: year.optional(), month: month.optional(), department: z.string().max(200).optional(), unit: z.string().max(200).optional(), light: light.optional() }),
      response: { 200: dashboardResponse, ...errors },
    },
  }, async (req) => plain(await monitoringDashboard(store, who(req), req.query)));

  api.get('/api/monitoring/periods', {
    schema: { summary: '某年度配置的监控期间（1—N月，默认按月）：新建运行监控报告只能选其中之一', tags: ['运行监控'], querystring: z.strictObject({ year }), response: { 200: periodsResponse, ...errors } },
  }, async (req) => ({ year: req.query.year, periods: MONITORING.periods!(req.query.year).map((m) => ({ month: m, label: periodLabel({ year: req.query.year, month: m }).replace(/^\d+年/, '') })) }));

  // one department's 自评 of a year, within the caller's scope (a unit: itself only); :id is the department's organization
  const department = async (req: FastifyRequest & { params: { id: number }; query: { year: number } }) => {
    const d = await departmentEvaluations(store, who(req), req.params.id, req.query.year);
    return { department: d.department.name, year: d.year, demo: d.demo, projects: d.projects, notEvaluated: d.notEvaluated };
  };
  const summaryQuery = z.strictObject({ year });
  const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;
  api.get('/api/evaluations/summary/:id/html', {
    schema: { summary: '部门自评汇总表（可打印 HTML，A4 横向）：按单位的项目数、等级、最近一期监控亮灯、平均分、资金，及项目明细', tags: ['绩效自评'], params: idParams, querystring: summaryQuery, produces: ['text/html'], response: { 200: { description: '部门自评汇总表', content: { 'text/html': { schema: z.string() } } }, ...errors } },
  }, async (req, reply) => {
    const s = departmentSummary(await department(req));
    return reply.type('text/html; charset=utf-8').header('content-security-policy', FORM_CSP).send(Buffer.from(renderEvaluationSummaryHtml(s)) as never);
  });
  api.get('/api/evaluations/summary/:id/xlsx', {
    schema: { summary: '部门自评汇总表：与打印表同版式的 XLSX（按单位汇总、项目明细两张表）', tags: ['绩效自评'], params: idParams, querystring: summaryQuery, response: { 200: { description: '部门自评汇总表', content: { [XLSX]: { schema: z.string() } } }, ...errors } },
  }, async (req, reply) => {
    const s = departmentSummary(await department(req));
    return reply.type(XLSX).header('content-disposition', attachment(`${s.department}-${s.year}年度-绩效自评汇总表.xlsx`)).send(Buffer.from(await evaluationSummaryXlsx(s)) as never);
  });
  api.get('/api/evaluations/summary/:id/forms', {
    schema: { summary: '部门全部项目的绩效自评表，合为一份可打印文档（HTML：汇总页后每个项目一页）', tags: ['绩效自评'], params: idParams, querystring: summaryQuery, produces: ['text/html'], response: { 200: { description: '部门绩效自评表', content: { 'text/html': { schema: z.string() } } }, ...errors } },
  }, async (req, reply) => {
    const forms = departmentForms(await department(req));
    return reply.type('text/html; charset=utf-8').header('content-security-policy', FORM_CSP).send(Buffer.from(renderEvaluationHtml(forms)) as never);
  });

  api.get('/api/evaluations/summary', {
    schema: { summary: '自评部门汇总：各部门项目按等级、平均分、资金', tags: ['绩效自评'], querystring: z.strictObject({ year }), response: { 200: evaluationSummaryResponse, ...errors } },
  }, async (req) => plain(await evaluationSummary(store, who(req), req.query.year)));

  // a filled template into a report: read, matched and judged cell by cell; any error stores nothing
  // (422 template-invalid, every cell named); otherwise a save on the revision the page was loaded with
  const upload = <I, R>(base: string, k: ReportKind<I, R>, tag: string, what: string, cells: string,
    apply: (bytes: Uint8Array, basis: { plan: PlanBasis; input: I; period: Period }) => Promise<{ input: I; errors: readonly { cell: string; message: string }[] }>,
    write: (t: TemplateInput, out: PassThrough) => Promise<unknown>) => {
    // the template of this report alone: its plan's project as approved (a plan made blank has no published
    // row, so the unit's template from /api/templates would not carry it); filled, it comes back below
    api.get(`${base}/:id/template`, {
      schema: { summary: `本报告的${what}填报模板（Excel）：批复的项目与指标，填好后上传`, tags: [tag], params: idParams, produces: [XLSX], response: { 200: { description: what, content: { [XLSX]: { schema: z.string() } } }, ...errors } },
    }, async (req, reply) => {
      const { plan } = await reportBasis(store, who(req), k, req.params.id);
      const c = plan.content;
      const input: TemplateInput = {
        unit: plan.unit, department: plan.department, year: plan.planYear,
        projects: [{
          ...(plan.projectId === null ? {} : { id: plan.projectId }), name: c.name, goal: c.goal, funding: c.funding,
          indicators: c.indicators.map((i, n) => ({ seq: n + 1, level1: i.level1, level2: i.level2, name: i.name, period: i.period, annual: i.annual })),
        }],
      };
      const out = new PassThrough();
      write(input, out).catch((e: unknown) => { req.log.warn({ err: e, url: req.url }, 'template stopped'); out.destroy(e as Error); });
      const file = `${c.name}-${what}（填报模板）.xlsx`.replace(/[\\/:*?"<>|\r\n]/g, '_');
      return reply.type(XLSX).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file)}`).header('cache-control', 'no-store').send(out as never);
    });
    api.post(`${base}/:id/upload`, {
      schema: {
        summary: `上传填好的${what}（xlsx，字段 files）写入本报告：按项目编号/指标对应，错误指明单元格（如 ${cells}），有错误时不保存`, tags: [tag],
        params: idParams, querystring: z.strictObject({ revision: int().pipe(z.number().int().positive()) }), consumes: ['multipart/form-data'],
        response: { 200: z.object({ revision: z.number(), result: z.unknown(), issues: z.array(issue), changed: z.number().describe('本次上传改变了填写的指标数') }), ...errors },
      },
    }, async (req) => {
      const principal = who(req);
      // the report first: another organization's report answers as a missing one, whatever was sent
      const basis = await reportBasis(store, principal, k, req.params.id);
      const [file] = await readUploads(req, DEFAULT_UPLOAD_LIMIT);
      if (!file) throw new HttpError(400, 'no-file', `请选择填好的${what}（xlsx）`);
      const applied = await apply(file.bytes, basis);
      if (applied.errors.length) {
        throw new WorkflowError('invalid', 'template-invalid', `${file.file} 有 ${applied.errors.length} 处错误，报告未改变：${applied.errors.map((e) => `${e.cell}：${e.message}`).join('；')}`,
          { issues: applied.errors.map((e) => ({ field: e.cell, message: e.message })) });
      }
      const saved = await saveReport(store, principal, k, req.params.id, req.query.revision, applied.input);
      // what the clerk is told: how many indicators the file changed (an unchanged re-upload says 0)
      const before = (basis.input as { indicators: readonly unknown[] }).indicators;
      const after = (applied.input as { indicators: readonly unknown[] }).indicators;
      const changed = after.filter((x, i) => JSON.stringify(x) !== JSON.stringify(before[i])).length;
      return plain({ ...saved, changed });
    });
  };
  upload('/api/monitoring', MONITORING, '运行监控', '运行监控表', '指标完成!I7', async (bytes, { plan, input }) => {
    const filled = await readMonitorTemplate(bytes);
    const applied = applyFilled(plan, input, filled.projects);
    return { input: applied.input, errors: [...filled.errors, ...applied.errors] };
  }, writeMonitorTemplate);
  upload('/api/evaluations', EVALUATION, '绩效自评', '绩效自评表', '指标!H7', async (bytes, { plan, input, period }) => {
    const filled = await readEvaluateTemplate(bytes);
    // a cell that cannot be read is not judged again against the plan
    const applied = applyFilledEvaluation(plan, input, filled.projects, period, EVALUATION);
    const unread = new Set(filled.errors.map((e) => e.cell));
    return { input: applied.input, errors: [...filled.errors, ...applied.errors.filter((e) => !unread.has(e.cell))] };
  }, writeEvaluateTemplate);

  routes('/api/monitoring', MONITORING, '运行监控', monitoringDetailResponse, true,
    { html: (r) => renderMonitoringHtml(asMonitoring(r)), xlsx: (r) => monitoringXlsx(asMonitoring(r)) });
  routes('/api/evaluations', EVALUATION, '绩效自评', evaluationDetailResponse, false,
    { html: (r) => renderEvaluationHtml(asEvaluation(r)), xlsx: (r) => evaluationXlsx(asEvaluation(r)) });
}
