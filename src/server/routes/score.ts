// The scoring API: stateless, it computes and stores nothing (so every route is 'public' in
// permissions.ts). The same engine and renderers as `jixiao score`, `evaluate` and `monitor`:
//   POST /api/score                 one indicator or a list → score, max, rule, explanation (error when not scored)
//   POST /api/evaluate[/html|/xlsx] a self-evaluation → the scored form as JSON, printable HTML or XLSX
//   POST /api/monitor[/html|/xlsx]  a monitoring report → lights with their explanations, as JSON, HTML or XLSX
//   POST /api/monitor/lights        single indicators at a month → their lights
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { renderEvaluationHtml } from '../../report/evaluation-html.js';
import { evaluationXlsx, monitoringXlsx } from '../../report/evaluation-xlsx.js';
import { renderMonitoringHtml } from '../../report/monitoring-html.js';
import {
  evaluate, evaluationInput, evaluationSchema, judgeIndicator, lightsInput, lightsOutput, monitor, monitoringSchema, monitorInput, resolveConfig,
  ScoreConfigError, scoreLine, scoreLineInput, scoreLineOutput,
  type Evaluation, type Monitoring,
} from '../../score/index.js';
import { HttpError } from '../errors.js';
import { errorResponse } from '../schemas.js';

const errors = { '4xx': errorResponse, '5xx': errorResponse };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** the printed form: no script, inline style only */
const FORM_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/** a configuration the request brings that does not hold together is the request's fault */
function computed<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof ScoreConfigError) throw new HttpError(400, 'invalid-config', e.message);
    throw e;
  }
}

export function scoreRoutes(app: FastifyInstance): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post('/api/score', {
    schema: {
      summary: '为一个或一组指标评分（按指标值与实际完成值，附计算说明；不存储）', tags: ['评分'],
      body: z.union([scoreLineInput, z.array(scoreLineInput).min(1).max(1000)]),
      response: { 200: z.union([scoreLineOutput, z.array(scoreLineOutput)]), ...errors },
    },
  }, async (req) => (Array.isArray(req.body) ? req.body.map((x) => scoreLine(x)) : scoreLine(req.body)));

  const forms = <I extends z.ZodType, R>(path: string, what: string, input: I, output: z.ZodType, compute: (x: z.output<I>) => R, html: (r: R) => string, xlsx: (r: R) => Promise<Uint8Array>, file: string) => {
    api.post(path, {
      schema: { summary: `${what}：计算结果（JSON，不存储）`, tags: ['评分'], body: input, response: { 200: output, ...errors } },
    }, async (req) => computed(() => compute(req.body as z.output<I>)) as never);
    api.post(`${path}/html`, {
      schema: {
        summary: `${what}：可打印的表（HTML，A4，每个项目一页）`, tags: ['评分'], body: input, produces: ['text/html'],
        response: { 200: { description: what, content: { 'text/html': { schema: z.string() } } }, ...errors },
      },
    }, async (req, reply: FastifyReply) => {
      const page = html(computed(() => compute(req.body as z.output<I>)));
      return reply.type('text/html; charset=utf-8').header('content-security-policy', FORM_CSP).send(Buffer.from(page) as never);
    });
    api.post(`${path}/xlsx`, {
      schema: {
        summary: `${what}：同样版式的 Excel 文件（XLSX）`, tags: ['评分'], body: input, produces: [XLSX],
        response: { 200: { description: what, content: { [XLSX]: { schema: z.string() } } }, ...errors },
      },
    }, async (req, reply: FastifyReply) => {
      const bytes = await xlsx(computed(() => compute(req.body as z.output<I>)));
      return reply.type(XLSX).header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file)}`)
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
    });
  };
  api.post('/api/monitor/lights', {
    schema: { summary: '按序时进度为一组指标亮灯（附说明；不存储）', tags: ['评分'], body: lightsInput, response: { 200: lightsOutput, ...errors } },
  }, async (req) => {
    const b = req.body;
    const config = computed(() => resolveConfig(b.config, { region: b.region ?? null, year: b.year }));
    return b.items.map((i) => judgeIndicator({ target: i.target, current: i.current ?? null, year: b.year, month: b.month, day: b.day ?? null, name: i.name ?? '' }, config));
  });

  forms('/api/evaluate', '绩效自评', evaluationInput, evaluationSchema, evaluate, renderEvaluationHtml, evaluationXlsx, '绩效自评表.xlsx');
  forms('/api/monitor', '运行监控', monitorInput, monitoringSchema, monitor, renderMonitoringHtml, monitoringXlsx, '运行监控表.xlsx');
}

export type { Evaluation, Monitoring };
