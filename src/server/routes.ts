// The JSON API under /api. Every route declares its request and response schemas (schemas.ts); the
// handlers only call the store and the pipeline. The read routes answer through the cache (cache.ts):
// encoded once with their response schema, then sent as bytes.
import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isPdf } from '../ingest/index.js';
import { listDocuments, listProjects, getProject, type ProjectQuery } from '../store/index.js';
import { listFindings } from '../store/findings.js';
import { listIndicators } from '../store/indicators.js';
import { overview } from '../store/overview.js';
import { search } from '../store/search.js';
import { documentSource, getUnit, listUnits } from '../store/units.js';
import type { Store } from '../store/index.js';
import { READ_CACHE_KIB } from '../store/connect.js';
import { audit } from '../auth/audit.js';
import type { ResultCache } from './cache.js';
import { HttpError, validatorCompiler } from './errors.js';
import type { JobRunner, Serial } from './jobs.js';
import type { RunOptions, WorkerPool } from './pool.js';
import * as s from './schemas.js';
import type { StageProgress, TaskName, Tasks } from './tasks.js';
import { readUploads, type Upload } from './upload.js';
import { encodeJson } from './encode.js';
import { scoreRoutes } from './routes/score.js';
import { xlsxRoutes } from './routes/xlsx.js';
import { planRoutes } from './routes/plans.js';
import { monitoringRoutes } from './routes/monitoring.js';
import type { ReportSettings } from '../workflow/reports.js';
import { syncPublishedPlans } from '../workflow/publication.js';
import { defined, diff, importFile, inspect, READERS, REPORT_CSP, streamReport } from './work.js';
import type { JobProgress } from '../store/index.js';
import type { FastifyBaseLogger } from 'fastify';
import type { Principal } from '../auth/roles.js';

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
  /** background jobs (async imports), their state in the database */
  readonly jobs: JobRunner;
  /** one import at a time (shared with the jobs' writes on SQLite) */
  readonly serially: Serial;
  /** the scoring configuration of the stored reports (periods, thresholds) */
  readonly reports: ReportSettings;
}

/** where each stage of one file's import ends, as a share of that file (progress only goes forward) */
const STAGE_END: Readonly<Record<StageProgress['stage'], [number, number]>> = {
  读取: [0, 0.4], 审核: [0.4, 0.45], 核对: [0.45, 0.5], 写入: [0.5, 0.95], 索引: [0.95, 1],
};
/** the unit each stage counts in, for the message */
const STAGE_UNIT: Readonly<Record<StageProgress['stage'], string>> = { 读取: '页', 审核: '', 核对: '', 写入: '行', 索引: '行' };
/** a worker that imported a file larger than this is ended afterwards: the heap the import grew goes back to the system */
const RETIRE_AFTER = 1024 * 1024;
/** the share of a job the check of every file takes, before the imports */
const CHECK_SHARE = 10;

/** the progress of file `i` of `n` at a stage of its import, over the whole job */
function importProgress(file: string, i: number, n: number, p: StageProgress): JobProgress {
  const [from, to] = STAGE_END[p.stage];
  const within = p.total > 0 ? Math.min(1, p.done / p.total) : 0;
  const percent = CHECK_SHARE + ((100 - CHECK_SHARE) * (i + from + (to - from) * within)) / n;
  const count = p.total > 1 ? `${p.done.toLocaleString('en-US')}/${p.total.toLocaleString('en-US')}${STAGE_UNIT[p.stage] ? ` ${STAGE_UNIT[p.stage]}` : ''}` : '';
  return { stage: p.stage, done: p.done, total: p.total, percent, message: `第 ${i + 1}/${n} 个文件“${file}”：${p.stage}${count ? ` ${count}` : ''}` };
}

/** Whether the client asked for the import as a job: `?async=true` or `Prefer: respond-async` (RFC 7240). */
const wantsAsync = (req: FastifyRequest, flag: boolean | undefined): boolean =>
  flag ?? /(^|[,;\s])respond-async([,;\s]|$)/i.test(String(req.headers['prefer'] ?? ''));


export function apiRoutes(app: FastifyInstance, ctx: RouteContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const { store, cache, pool } = ctx;
  /**
   * Heavy work on the store, in a worker thread with its own connection; an in-memory database (which no
   * other connection can see) keeps it in this thread.
   */
  const onStore = <T extends 'inspect' | 'import' | 'report-stream' | 'diff' | 'sync-plans'>(task: T, args: Omit<Tasks[T]['args'], 'store'>, here: () => Promise<Tasks[T]['value']>, options: RunOptions = {}) =>
    (store.reopen ? pool.run<TaskName>(task, { store: store.reopen, ...args } as Tasks[T]['args'], options) as Promise<Tasks[T]['value']> : here());
  const { serially } = ctx;
  /**
   * A read route's answer: computed once per state of the store, encoded with the route's response
   * schema and kept as bytes with an ETag; a request that already has them gets a 304.
   */
  const cached = async <S extends z.ZodType>(req: FastifyRequest, reply: FastifyReply, route: string, input: unknown, schema: S, compute: () => Promise<z.output<S>>) => {
    const reader = READERS[route];
    if (reader && reader.schema !== schema) throw new Error(`route ${route}: its reader encodes with another schema`);
    const entry = await cache.get(`${route} ${JSON.stringify(input ?? null)}`, async () => (ctx.readers && store.reopen && reader
      ? ctx.readers.run('read', { store: { ...store.reopen, options: { ...store.reopen.options, cacheKib: READ_CACHE_KIB } }, route, input: input ?? null })
      : encodeJson(schema, await compute())));
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
    // Streamed as it is rendered, in pieces the worker sends only as fast as the client takes them: a
    // large table's report (tens of MB) is never whole in memory. The worker is retired afterwards, so
    // the heap the re-read document grew goes back to the system.
    const stream = new PassThrough();
    let begin!: () => void;
    const begun = new Promise<void>((ok) => { begin = ok; });
    const send = (piece: Uint8Array) => {
      begin();
      return written(stream, piece);
    };
    const task = onStore('report-stream', { documentId: id }, () => streamReport(store, id, send), { onChunk: send, retire: true });
    // an error before the first piece (no such document) is answered as an error, not a broken page
    await Promise.race([begun, task]);
    task.then(() => stream.end(), (e: unknown) => {
      req.log.warn({ err: e, documentId: id }, 'report stream failed');
      stream.destroy(e as Error);
    });
    // the report is standalone: its own CSP (no script, inline style), framable by the app itself
    return reply.type('text/html; charset=utf-8')
      .header('content-security-policy', `${REPORT_CSP}; base-uri 'none'; form-action 'none'; frame-ancestors 'self'`)
      .send(stream as never);
  });

  api.get('/api/documents/:id/source', {
    schema: {
      summary: '一份 PDF 文档导入时的原文件（原样字节；文本文档没有）', tags: ['文档'], params: s.idParams,
      produces: ['application/pdf'],
      response: { 200: { description: '原 PDF', content: { 'application/pdf': { schema: s.sourceResponse } } }, ...errors },
    },
  }, async (req, reply) => {
    const src = await documentSource(store, req.params.id);
    // a workbook keeps its bytes too, but this route serves PDFs only
    if (!src.bytes || !isPdf(src.bytes)) throw new HttpError(404, 'no-pdf', `文档 ${req.params.id}（${src.file}）不是 PDF，没有原 PDF 文件`);
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
    schema: { summary: '预览上传的文件：读出的单位、项目、指标、诊断与审核评分，库中是否已有，原表未注明的年度与部门及建议，工作簿各栏的对应关系（可在 choices 中改）；不存入数据库', tags: ['导入'], ...upload, querystring: s.importQuery, response: { 200: s.importPreviewResponse, ...errors } },
    ...bodyNotValidated,
  }, async (req) => {
    const choices = req.query.choices as Record<string, s.ImportChoice>;
    const files = await readUploads(req, ctx.uploadLimit);
    return (await Promise.all(files.map((u) => { const choice = choices[u.file] ?? {}; return onStore('inspect', { upload: u, choice }, () => inspect(store, u, { choice })); }))).map((i) => plain(i.preview));
  });

  /**
   * Imports uploaded files, each in its own transaction, one import at a time; `report` hears the
   * progress (a job's). Every file is checked before any is stored: one file that is not a table
   * rejects them all (an HttpError, as the synchronous answer; a job's error). The check reads each
   * file for the store too, so each is parsed and reviewed once. Each file's outcome is audited as `who`.
   */
  const importFiles = async (files: readonly Upload[], choices: Record<string, s.ImportChoice>, log: FastifyBaseLogger, who: { principal: Principal | null; ip: string }, report?: (p: JobProgress) => void): Promise<s.ImportResponse> => {
    let checked = 0;
    const n = files.length;
    const checking = (file: string) => report?.({ stage: '检查', done: checked, total: n, percent: (CHECK_SHARE * checked) / n, message: `检查文件 ${checked}/${n}：“${file}”` });
    if (files[0]) checking(files[0].file);
    const inspected = await Promise.all(files.map(async (u) => {
      const choice = choices[u.file] ?? {};
      const r = await onStore('inspect', { upload: u, forImport: true, choice }, () => inspect(store, u, { forImport: true, choice }));
      checked++;
      checking(u.file);
      return r;
    }));
    const rejected = inspected.map((i) => i.rejected).filter((r) => r !== null);
    if (rejected.length) {
      const status = rejected.some((r) => r.status === 415) ? 415 : 422;
      throw new HttpError(status, rejected.length === 1 ? rejected[0]!.code : 'files-rejected',
        `${rejected.map((r) => r.message).join('；')}${files.length > 1 ? '。未导入任何文件，请去掉这些文件后重试。' : ''}`,
        rejected.map((r) => ({ field: r.file, message: r.message })));
    }
    const out: s.ImportResponse = [];
    for (const [i, u] of files.entries()) {
      const choice = choices[u.file] ?? {};
      const { read, packedRead } = inspected[i]!;
      const onProgress = report ? (p: unknown) => report(importProgress(u.file, i, n, p as StageProgress)) : undefined;
      const r = await serially(() => onStore('import', { upload: u, choice, ...(read ? { read } : {}), ...(packedRead ? { packedRead } : {}) },
        () => importFile(store, u, choice, read, onProgress ? (stage, done, total) => onProgress({ stage, done, total }) : undefined),
        { ...(onProgress ? { onProgress } : {}), retire: u.bytes.byteLength > RETIRE_AFTER }));
      if (r.status === 'imported') {
        out.push({ file: r.file, status: r.status, documentId: r.documentId, units: r.units, projects: r.projects, indicators: r.indicators, year: r.year, department: r.department, note: r.note });
      } else if (r.status === 'unchanged') out.push({ file: r.file, status: r.status, documentId: r.documentId, storedFile: r.storedFile });
      else if (r.status === 'needs-input') {
        out.push({ file: r.file, status: r.status, missing: [...r.missing], proposal: plain(r.proposal), reason: `${r.proposal.note}。请确认年度与部门后再导入` });
      } else out.push({ file: r.file, status: r.status, reason: r.reason });
      log.info({ file: u.file, status: r.status }, 'import');
      await audit(store.db, {
        actor: who.principal, ip: who.ip, action: r.status === 'imported' ? 'import' : `import.${r.status}`,
        target: r.status === 'imported' || r.status === 'unchanged' ? { type: 'document', id: r.documentId } : null,
        summary: r.status === 'imported' ? `导入 ${r.file}：${r.units} 个单位、${r.projects} 个项目` : `导入 ${r.file}：${r.status === 'unchanged' ? '内容已在库中，未改变' : r.status === 'needs-input' ? '待确认年度与部门' : '失败'}`,
        detail: r.status === 'imported' ? { year: r.year, department: r.department } : r.status === 'failed' ? { reason: r.reason } : null,
      });
    }
    // the rows of what was imported become published plans now, not when a plan list is first read
    await serially(() => onStore('sync-plans', {}, () => syncPublishedPlans(store)));
    cache.clear();
    return out;
  };

  api.post('/api/import', {
    schema: {
      summary: '导入上传的文件：读取、审核并存入数据库（每个文件一个事务）；async=true 或 Prefer: respond-async 时作为后台任务，回答 202 与任务编号', tags: ['导入'], ...upload, querystring: s.importQuery,
      response: { 200: s.importResponse, 202: s.jobResponse.describe('后台任务已创建：Location 指向 GET /api/jobs/:id'), ...errors },
    },
    ...bodyNotValidated,
  }, async (req, reply) => {
    const choices = req.query.choices as Record<string, s.ImportChoice>;
    const files = await readUploads(req, ctx.uploadLimit);
    const who = { principal: req.principal, ip: req.ip };
    if (!wantsAsync(req, req.query.async)) return importFiles(files, choices, req.log, who);
    const job = ctx.jobs.start('import', req.principal?.userId ?? null, (report) => importFiles(files, choices, req.log, who, report));
    req.log.info({ job: job.id, files: files.map((f) => f.file) }, 'import job');
    return reply.code(202).header('location', `/api/jobs/${job.id}`).header('preference-applied', 'respond-async').send(plain(job) as never);
  });

  api.get('/api/jobs/:id', {
    schema: { summary: '后台任务（如异步导入）的状态与进度：排队、进行中（阶段、n/总数、百分比）、完成（结果）或失败（原因）', tags: ['导入'], params: s.jobParams, response: { 200: s.jobResponse, ...errors } },
  }, async (req, reply) => {
    const job = await ctx.jobs.get(req.params.id);
    // another account's job answers exactly as a missing one: whether it exists is not revealed
    const mine = job !== null && (req.principal?.role === 'admin' || (job.createdBy !== null && job.createdBy === req.principal?.userId));
    if (!mine) throw new HttpError(404, 'not-found', `没有这个任务：${req.params.id}（任务完成 7 天后删除）`);
    // polled: never cached by the browser
    void reply.header('cache-control', 'no-store');
    return plain(job) as s.JobResponse;
  });

  // a table 公开 stored is read by the public routes at once (other processes see the new document)
  planRoutes(app, store, { onPublished: () => cache.clear() });
  monitoringRoutes(app, store, ctx.reports);
  scoreRoutes(app);
  xlsxRoutes(app, ctx);

  // anything else under /api is a JSON 404, whatever the method
  app.all('/api/*', { schema: { hide: true } }, async (req) => {
    throw new HttpError(404, 'not-found', `没有这个接口：${req.method} ${req.url.split('?')[0]}`);
  });
}

/** Writes a piece to the stream; resolves when it can take more, rejects when the client has gone. */
function written(stream: PassThrough, piece: Uint8Array): Promise<void> {
  return new Promise((ok, fail) => {
    if (stream.destroyed) return fail(new Error('客户端已断开'));
    if (stream.write(piece)) return ok();
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      if (stream.destroyed) fail(new Error('客户端已断开'));
      else ok();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}
