// The JSON API under /api. Every route declares its request and response schemas (schemas.ts); the
// handlers only call the store and the pipeline. The read routes answer through the cache (cache.ts):
// encoded once with their response schema, then sent as bytes.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listDocuments, listProjects, getProject, type ProjectQuery } from '../store/index.js';
import { listFindings } from '../store/findings.js';
import { listIndicators } from '../store/indicators.js';
import { overview } from '../store/overview.js';
import { search } from '../store/search.js';
import { documentSource, getUnit, listUnits } from '../store/units.js';
import type { Store } from '../store/index.js';
import { audit } from '../auth/audit.js';
import type { ResultCache } from './cache.js';
import { HttpError, validatorCompiler } from './errors.js';
import type { WorkerPool } from './pool.js';
import * as s from './schemas.js';
import type { TaskName, Tasks } from './tasks.js';
import { readUploads } from './upload.js';
import { planRoutes } from './routes/plans.js';
import { monitoringRoutes } from './routes/monitoring.js';
import { syncPublishedPlans } from '../workflow/publication.js';
import { scoreRoutes } from './routes/score.js';
import { xlsxRoutes } from './routes/xlsx.js';
import { defined, diff, importFile, inspect, READERS, report, REPORT_CSP } from './work.js';

/** the types the store returns, readonly removed, so they can be checked against the schemas' output */
export type Mutable<T> = T extends (...args: never[]) => unknown ? T
  : T extends readonly (infer U)[] ? Mutable<U>[]
  : T extends object ? { -readonly [K in keyof T]: Mutable<T[K]> }
  : T;
export const plain = <T>(x: T): Mutable<T> => x as Mutable<T>;

const errors = { '4xx': s.errorResponse, '5xx': s.errorResponse };

export interface RouteContext {
  readonly store: Store;
  /** worker threads for imports, reports and diffs */
  readonly pool: WorkerPool;
  /** SQLite: reader threads for the reads whose cost grows with the store (null: read here) */
  readonly readers: WorkerPool | null;
  /** answers of the read routes until the store changes */
  readonly cache: ResultCache;
  readonly uploadLimit: number;
}


export function apiRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { store, cache, pool } = ctx;
  /**
   * Heavy work on the store, in a worker thread with its own connection; an in-memory database (which no
   * other connection can see) keeps it in this thread.
   */
  const onStore = <T extends 'inspect' | 'import' | 'report' | 'diff'>(task: T, args: Omit<Tasks[T]['args'], 'store'>, here: () => Promise<Tasks[T]['value']>) =>
    (store.reopen ? pool.run<TaskName>(task, { store: store.reopen, ...args } as Tasks[T]['args']) as Promise<Tasks[T]['value']> : here());
  // imports write one at a time: two writers would only wait on each other's lock
  let importing: Promise<unknown> = Promise.resolve();
  const serially = <T>(f: () => Promise<T>): Promise<T> => {
    const p = importing.then(f, f);
    importing = p.catch(() => undefined);
    return p;
  };
  /**
   * A read route's answer: computed once per state of the store, encoded with the route's response
   * schema and kept as bytes with an ETag; a request that already has them gets a 304.
   */
  const cached = async <S extends z.ZodType>(req: FastifyRequest, reply: FastifyReply, route: string, input: unknown, schema: S, compute: () => Promise<z.output<S>>) => {
    const entry = await cache.get(`${route} ${JSON.stringify(input ?? null)}`, async () => {
      const value = ctx.readers && store.reopen && READERS[route]
        ? await ctx.readers.run('read', { store: store.reopen, route, input: input ?? null }) as z.output<S>
        : await compute();
      const body = Buffer.from(JSON.stringify(z.encode(schema, value)));
      return { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` };
    });
    void reply.header('etag', entry.etag).header('cache-control', 'no-cache');
    if (req.headers['if-none-match'] === entry.etag) return reply.code(304).send();
    return reply.type('application/json; charset=utf-8').send(entry.body as never);
  };

  api.get('/api/health', {
    schema: { summary: '服务状态', tags: ['系统'], response: { 200: s.healthResponse, ...errors } },
  }, async () => {
    const r = await store.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { ok: true as const, dialect: store.dialect, documents: Number(r.n) };
  });

  api.get('/api/overview', {
    schema: { summary: '总览：数量、资金、指标构成、审核问题（各单位最新版本）', tags: ['总览'], querystring: s.overviewQuery, response: { 200: s.overviewResponse, ...errors } },
  }, async (req, reply) => cached(req, reply, 'overview', req.query, s.overviewResponse, async () => plain(await overview(store, req.query))));

  api.get('/api/projects', {
    schema: { summary: '项目列表：筛选、排序、分页', tags: ['项目'], querystring: s.projectsQuery, response: { 200: s.projectsResponse, ...errors } },
  }, async (req, reply) => cached(req, reply, 'projects', req.query, s.projectsResponse, async () => plain(await listProjects(store, defined(req.query) as ProjectQuery))));

  api.get('/api/projects/:id', {
    schema: { summary: '一个项目：金额、按审核方面的得分与门槛、绩效目标、指标、审核问题（默认错误在前）、原文摘录、其他版本', tags: ['项目'], params: s.idParams, querystring: s.projectDetailQuery, response: { 200: s.projectDetailResponse, ...errors } },
  }, async (req, reply) => cached(req, reply, 'project', [req.params.id, req.query.order], s.projectDetailResponse, async () => plain(await getProject(store, req.params.id, req.query.order))));

  api.get('/api/search', {
    schema: { summary: '检索项目名称、绩效目标与指标名称', tags: ['检索'], querystring: s.searchQuery, response: { 200: s.searchResponse, ...errors } },
  }, async (req, reply) => {
    const q = req.query;
    return cached(req, reply, 'search', q, s.searchResponse,
      async () => plain(await search(store, { query: q.q, ...defined({ in: q.in, limit: q.limit, offset: q.offset, latestOnly: q.latestOnly }) })));
  });

  api.get('/api/indicators', {
    schema: { summary: '指标：筛选、分面计数、年度指标值分布', tags: ['指标'], querystring: s.indicatorsQuery, response: { 200: s.indicatorsResponse, ...errors } },
  }, async (req, reply) => cached(req, reply, 'indicators', req.query, s.indicatorsResponse, async () => plain(await listIndicators(store, req.query))));

  api.get('/api/findings', {
    schema: { summary: '审核问题：按规则、级别、类别、单位筛选；默认错误在前（order=document 按表中顺序）', tags: ['审核'], querystring: s.findingsQuery, response: { 200: s.findingsResponse, ...errors } },
  }, async (req, reply) => cached(req, reply, 'findings', req.query, s.findingsResponse, async () => plain(await listFindings(store, req.query))));

  api.get('/api/documents', {
    schema: { summary: '已导入的文档及其单位（全部版本）', tags: ['文档'], response: { 200: s.documentsResponse, ...errors } },
  }, async (req, reply) => cached(req, reply, 'documents', null, s.documentsResponse, async () => plain(await listDocuments(store))));

  api.get('/api/documents/:id/report', {
    schema: {
      summary: '一份文档的审核报告（HTML，可打印）', tags: ['文档'], params: s.idParams,
      produces: ['text/html'],
      response: { 200: { description: '审核报告', content: { 'text/html': { schema: s.reportResponse } } }, ...errors },
    },
    config: { offThread: true },
  }, async (req, reply) => {
    const id = req.params.id;
    const bytes = await onStore('report', { documentId: id }, () => report(store, id));
    const page = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // the report is standalone: its own CSP (no script, inline style), framable by the app itself
    return reply.type('text/html; charset=utf-8')
      .header('content-security-policy', `${REPORT_CSP}; base-uri 'none'; form-action 'none'; frame-ancestors 'self'`)
      .send(page as never);
  });

  api.get('/api/documents/:id/source', {
    schema: {
      summary: '一份 PDF 文档导入时的原文件（原样字节；文本文档没有）', tags: ['文档'], params: s.idParams,
      produces: ['application/pdf'],
      response: { 200: { description: '原 PDF', content: { 'application/pdf': { schema: s.sourceResponse } } }, ...errors },
    },
  }, async (req, reply) => {
    const src = await documentSource(store, req.params.id);
    if (!src.bytes) throw new HttpError(404, 'no-pdf', `文档 ${req.params.id}（${src.file}）不是 PDF，没有原 PDF 文件`);
    const etag = `"${createHash('sha1').update(src.bytes).digest('base64url')}"`;
    // a stored document's bytes never change (a new import is a new document); the PDF viewer needs
    // object-src, which the app's own CSP refuses
    void reply.header('etag', etag).header('cache-control', 'private, max-age=31536000, immutable')
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(src.file)}`)
      .header('content-security-policy', "default-src 'none'; object-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'");
    if (req.headers['if-none-match'] === etag) return reply.code(304).send(undefined as never);
    return reply.type('application/pdf').send(Buffer.from(src.bytes.buffer, src.bytes.byteOffset, src.bytes.byteLength) as never);
  });

  api.get('/api/units', {
    schema: { summary: '单位的各个版本（供选择两个版本比较）', tags: ['比较'], querystring: s.unitsQuery, response: { 200: s.unitsResponse, ...errors } },
  }, async (req, reply) => cached(req, reply, 'units', req.query, s.unitsResponse, () => listUnits(store, req.query.name)));

  api.get('/api/diff', {
    schema: { summary: '比较同一单位的两个版本', tags: ['比较'], querystring: s.diffQuery, response: { 200: s.diffResponse, ...errors } },
    config: { offThread: true },
  }, async (req) => {
    const [ua, ub] = await Promise.all([getUnit(store, req.query.a), getUnit(store, req.query.b)]);
    const key = (n: string) => n.replace(/\s+/g, '');
    if (key(ua.name) !== key(ub.name)) {
      throw new HttpError(422, 'unit-mismatch', `甲（“${ua.name}”）与乙（“${ub.name}”）不是同一个单位：只能比较同一单位的两个版本`);
    }
    return plain(await onStore('diff', { a: ua.documentId, b: ub.documentId, unit: ua.name }, () => diff(store, ua.documentId, ub.documentId, ua.name)));
  });

  const upload = {
    consumes: ['multipart/form-data'],
    body: s.uploadBody,
  };
  // the body is a multipart stream read by the handler; its schema is for the OpenAPI document only
  const bodyNotValidated = {
    validatorCompiler: (def: { httpPart?: string | undefined; schema: unknown }) =>
      (def.httpPart === 'body' ? () => ({ value: undefined }) : validatorCompiler(def as Parameters<typeof validatorCompiler>[0])),
  };

  api.post('/api/import/preview', {
    schema: { summary: '预览上传的文件：读出的单位、项目、指标、诊断与审核评分，库中是否已有，原表未注明的年度与部门及建议；不存入数据库', tags: ['导入'], ...upload, response: { 200: s.importPreviewResponse, ...errors } },
    ...bodyNotValidated,
  }, async (req) => {
    const files = await readUploads(req, ctx.uploadLimit);
    return (await Promise.all(files.map((u) => onStore('inspect', { upload: u }, () => inspect(store, u))))).map((i) => plain(i.preview));
  });

  api.post('/api/import', {
    schema: { summary: '导入上传的文件：读取、审核并存入数据库（每个文件一个事务）', tags: ['导入'], ...upload, querystring: s.importQuery, response: { 200: s.importResponse, ...errors } },
    ...bodyNotValidated,
  }, async (req) => {
    const choices = req.query.choices as Record<string, s.ImportChoice>;
    const files = await readUploads(req, ctx.uploadLimit);
    // every file is checked before any is stored: one file that is not a table rejects the request
    const rejected = (await Promise.all(files.map((u) => onStore('inspect', { upload: u }, () => inspect(store, u))))).map((i) => i.rejected).filter((r) => r !== null);
    if (rejected.length) {
      const status = rejected.some((r) => r.status === 415) ? 415 : 422;
      throw new HttpError(status, rejected.length === 1 ? rejected[0]!.code : 'files-rejected',
        `${rejected.map((r) => r.message).join('；')}${files.length > 1 ? '。未导入任何文件，请去掉这些文件后重试。' : ''}`,
        rejected.map((r) => ({ field: r.file, message: r.message })));
    }
    const out: s.ImportResponse = [];
    for (const u of files) {
      const choice = choices[u.file] ?? {};
      const r = await serially(() => onStore('import', { upload: u, choice }, () => importFile(store, u, choice)));
      if (r.status === 'imported') {
        out.push({ file: r.file, status: r.status, documentId: r.documentId, units: r.units, projects: r.projects, indicators: r.indicators, year: r.year, department: r.department, note: r.note });
      } else if (r.status === 'unchanged') out.push({ file: r.file, status: r.status, documentId: r.documentId, storedFile: r.storedFile });
      else if (r.status === 'needs-input') {
        out.push({ file: r.file, status: r.status, missing: [...r.missing], proposal: plain(r.proposal), reason: `${r.proposal.note}。请确认年度与部门后再导入` });
      } else out.push({ file: r.file, status: r.status, reason: r.reason });
      req.log.info({ file: u.file, status: r.status }, 'import');
      await audit(store.db, {
        actor: req.principal, ip: req.ip, action: r.status === 'imported' ? 'import' : `import.${r.status}`,
        target: r.status === 'imported' || r.status === 'unchanged' ? { type: 'document', id: r.documentId } : null,
        summary: r.status === 'imported' ? `导入 ${r.file}：${r.units} 个单位、${r.projects} 个项目` : `导入 ${r.file}：${r.status === 'unchanged' ? '内容已在库中，未改变' : r.status === 'needs-input' ? '待确认年度与部门' : '失败'}`,
        detail: r.status === 'imported' ? { year: r.year, department: r.department } : r.status === 'failed' ? { reason: r.reason } : null,
      });
    }
    // the rows of what was imported become published plans now, not when a plan list is first read
    await serially(() => syncPublishedPlans(store));
    cache.clear();
    return out;
  });

  planRoutes(app, store);
  monitoringRoutes(app, store);
  scoreRoutes(app);
  xlsxRoutes(app, ctx);

  // anything else under /api is a JSON 404, whatever the method
  app.all('/api/*', { schema: { hide: true } }, async (req) => {
    throw new HttpError(404, 'not-found', `没有这个接口：${req.method} ${req.url.split('?')[0]}`);
  });
}
