// The web application: the JSON API under /api (schemas.ts, routes.ts), its OpenAPI document at
// /api/openapi.json and a docs page at /api/docs, and the built front end from web/dist with a fallback
// to index.html for the app's own paths. Security headers on everything (helmet, a CSP that allows the
// app's own scripts and antd's inline styles), one error handler (errors.ts).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler } from 'fastify-type-provider-zod';
import type { Store } from '../store/index.js';
import { DEFAULT_CACHE_BYTES, ResultCache } from './cache.js';
import { body, clientErrorHandler, errorHandler, HttpError, validatorCompiler } from './errors.js';
import { DEFAULT_HANDLER_TIMEOUT, DEFAULT_REQUEST_TIMEOUT, guards } from './guard.js';
import { DEFAULT_WORKERS, WorkerPool, workerScript } from './pool.js';
import { JobRunner, serial } from './jobs.js';
import { requireDeclaredAccess } from './permissions.js';
import { apiRoutes } from './routes.js';
import { authentication } from './auth.js';
import { authRoutes } from './auth-routes.js';
import { adminRoutes } from './admin-routes.js';
import { DEFAULT_AUTH, type AuthConfig } from '../auth/config.js';
import { DEFAULT_UPLOAD_LIMIT, MAX_FILES } from './upload.js';
import type { ReportSettings } from '../workflow/reports.js';

export interface ServerOptions {
  readonly store: Store;
  /** Fastify's logger: false (tests), true, or pino options */
  readonly logger?: FastifyServerOptions['logger'];
  /** the built front end; default <package>/web/dist */
  readonly webDir?: string;
  /** bytes per uploaded file; default 10 MB */
  readonly uploadLimit?: number;
  /** keep the read routes' answers until the store changes (default true) */
  readonly cache?: boolean;
  /** milliseconds to answer a request once received, else 504 (default 30 s; 0: none) */
  readonly handlerTimeout?: number;
  /** milliseconds to receive a whole request, upload included, else the connection is cut with 408 (default 120 s) */
  readonly requestTimeout?: number;
  /** other origins allowed to send state-changing requests (the server's own always is) */
  readonly allowedOrigins?: readonly string[];
  /** bytes of encoded answers the read cache keeps (default 64 MB) */
  readonly cacheBytes?: number;
  /** worker threads for imports, reports and diffs (default 2; 0: in the request thread) */
  readonly workers?: number;
  /** sessions, lockout, cookie flags (default DEFAULT_AUTH; `jixiao serve` reads the environment) */
  readonly auth?: Partial<AuthConfig>;
  /** behind a reverse proxy: trust its X-Forwarded-For / -Proto (the client's address, https) */
  readonly trustProxy?: boolean | string;
  /** the scoring configuration the stored 运行监控/绩效自评 use (src/score/config.ts as in a file) and its region */
  readonly reports?: ReportSettings;
}

/** The package root: the nearest folder above this file with a package.json (works from src/ and dist/src/). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  return process.cwd();
}

export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  // antd (CSS-in-JS) and swagger-ui set inline styles
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'self'"],
};

const NOT_BUILT = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>jixiao 绩效</title>
<style>body{font:16px/1.7 system-ui,sans-serif;max-width:40em;margin:4em auto;padding:0 1em;color:#1f2937}code{background:#f3f4f6;padding:.1em .4em;border-radius:4px}</style></head>
<body><h1>jixiao 绩效</h1>
<p>服务已启动，但还没有构建网页前端（找不到 <code>web/dist</code>）。</p>
<p>请在项目目录中运行 <code>npm run build:web</code>，然后刷新本页；或直接运行 <code>npm start</code>（构建并启动）。</p>
<p>接口仍可使用：<a href="/api/docs">接口文档</a> · <a href="/api/health">/api/health</a></p>
</body></html>
`;

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const uploadLimit = options.uploadLimit ?? DEFAULT_UPLOAD_LIMIT;
  const webDir = resolve(options.webDir ?? join(packageRoot(), 'web', 'dist'));
  const haveWeb = existsSync(join(webDir, 'index.html'));
  const requestTimeout = options.requestTimeout ?? DEFAULT_REQUEST_TIMEOUT;
  const handleErrors = errorHandler({ uploadLimit, maxFiles: MAX_FILES });
  const app = Fastify({
    logger: options.logger ?? false,
    // close() must not wait for idle keep-alive sockets (it took ~49 s in the browser tests)
    forceCloseConnections: true,
    trustProxy: options.trustProxy ?? false,
    // a client that sends its request (an upload) too slowly is cut off: Node checks every interval
    requestTimeout,
    http: requestTimeout > 0
      ? { connectionsCheckingInterval: Math.max(50, Math.min(30_000, Math.floor(requestTimeout / 4))), headersTimeout: Math.min(60_000, requestTimeout) }
      : {},
    // a URL the router cannot decode (`/api/projects/%ff`) is answered in the project's own error shape
    frameworkErrors: (err, req, reply) => handleErrors(err, req, reply),
    // and so is a request Node's parser refuses (a raw 汉字 in the URL, a request not received in time)
    clientErrorHandler,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleErrors);
  requireDeclaredAccess(app);
  guards(app, { handlerTimeout: options.handlerTimeout ?? DEFAULT_HANDLER_TIMEOUT, allowedOrigins: options.allowedOrigins ?? [] });
  authentication(app, options.store, { ...DEFAULT_AUTH, ...options.auth });

  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    // the app loads nothing cross-origin; COEP would only get in the way of the docs page
    crossOriginEmbedderPolicy: false,
    frameguard: { action: 'sameorigin' },
  });
  await app.register(multipart, {
    limits: { fileSize: uploadLimit, files: MAX_FILES, fields: 20, parts: MAX_FILES + 20, fieldNameSize: 100, headerPairs: 200 },
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'jixiao 绩效 API',
        description: '项目支出绩效目标表：读取、审核、存储与检索。错误一律以 JSON { statusCode, code, message } 回答，message 为中文。',
        version: '0.1.0',
      },
      tags: [
        { name: '总览' }, { name: '项目' }, { name: '检索' }, { name: '指标' }, { name: '审核' }, { name: '文档' }, { name: '比较' }, { name: '导入' }, { name: '评分' }, { name: '账户' }, { name: '系统' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true, validatorUrl: null },
  });

  const cache = new ResultCache(options.store, options.cache ?? true, options.cacheBytes ?? DEFAULT_CACHE_BYTES);
  const script = workerScript(packageRoot());
  const workers = options.workers ?? DEFAULT_WORKERS;
  const pool = new WorkerPool(workers, script);
  // SQLite answers synchronously: its heavier reads go to threads of their own (not behind an import)
  const readers = options.store.dialect === 'sqlite' && options.store.reopen && script && workers > 0 ? new WorkerPool(workers, script) : null;
  // SQLite: the jobs table is written from a thread of its own (a write waits there while an import holds the lock)
  const jobWriter = options.store.dialect === 'sqlite' && options.store.reopen && script && workers > 0 ? new WorkerPool(1, script) : null;
  // imports write one at a time (two writers would only wait on each other's lock); on SQLite the jobs' writes take turns with them
  const oneWriter = serial();
  const jobs = new JobRunner(options.store, jobWriter, app.log, options.store.dialect === 'sqlite' ? oneWriter : null);
  await jobs.init();
  app.addHook('onClose', async () => {
    // the pool first: a running job fails, and its last state is written before the writer stops
    await Promise.all([pool.close(), readers?.close()]);
    await jobs.close();
    await jobWriter?.close();
  });
  authRoutes(app, options.store);
  adminRoutes(app, options.store);
  apiRoutes(app, { store: options.store, cache, pool, readers, uploadLimit, jobs, serially: oneWriter, reports: options.reports ?? {} });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  // the page cut-outs are drawn in the browser by pdfjs, which fetches the CMaps and standard fonts of
  // fonts a PDF does not embed; they come from the same pdfjs-dist the server reads PDFs with
  const pdfjsDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  for (const part of ['cmaps', 'standard_fonts']) {
    await app.register(fastifyStatic, {
      root: join(pdfjsDir, part), prefix: `/pdfjs/${part}/`, decorateReply: false, index: false,
      setHeaders(reply) { void reply.header('cache-control', 'public, max-age=86400'); },
    });
  }

  if (haveWeb) {
    await app.register(fastifyStatic, {
      root: webDir,
      prefix: '/',
      wildcard: true,
      index: ['index.html'],
      setHeaders(reply, path) {
        // hashed build assets never change; index.html must be revalidated to pick up a new build
        void reply.header('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    if (path === '/api' || path.startsWith('/api/') || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return reply.code(404).type('application/json; charset=utf-8').send(body(new HttpError(404, 'not-found', `没有这个接口：${req.method} ${path}`)));
    }
    // a missing file (a name with an extension) is a plain 404, not the app
    if (/\.[A-Za-z0-9]{1,8}$/.test(path)) return reply.code(404).type('text/plain; charset=utf-8').send('没有这个文件');
    if (!haveWeb) return reply.code(path === '/' ? 200 : 404).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(NOT_BUILT);
    // the app's own routes (/projects/12, /search …) are resolved in the browser
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
  });

  return app;
}
