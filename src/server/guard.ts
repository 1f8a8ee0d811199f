// What keeps one client from harming the others or the data, until accounts exist:
//   - state-changing requests only from the app's own pages (Origin / Sec-Fetch-Site), 403 otherwise;
//   - a read that is not answered within the handler timeout gets a 504 (the work may go on, but the
//     client and its socket are released); a route whose work runs in a worker thread (config
//     `offThread`: the report, the diff) is not cut off, since it holds no one else up;
//   - query parameters an /api route does not declare are refused (400), on every route;
//   - a query string with a bad percent-escape is refused (400 bad-url), as the router refuses such a path.
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { z } from 'zod';
import { body, fieldLabel, HttpError } from './errors.js';

export const DEFAULT_HANDLER_TIMEOUT = 30_000;
export const DEFAULT_REQUEST_TIMEOUT = 120_000;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** whether an Origin header names this host (the Host header; default ports compare equal) */
function sameHost(origin: string, host: string): boolean {
  try {
    const u = new URL(origin);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
    return u.host === new URL(`${u.protocol}//${host}`).host;
  } catch {
    return false;
  }
}

/**
 * Why a state-changing request comes from somewhere else, or null when it is the app's own (or not from a
 * browser at all: no Origin, no Sec-Fetch-Site — the CLI, curl, scripts).
 */
export function crossSiteReason(req: FastifyRequest, allowed: ReadonlySet<string>): string | null {
  if (SAFE_METHODS.has(req.method)) return null;
  const site = req.headers['sec-fetch-site'];
  const origin = req.headers.origin;
  if (typeof origin === 'string' && allowed.has(origin.toLowerCase())) return null;
  // the browser's own verdict, when it gives one: same-origin, or typed by the user (none)
  if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') return `来自其他网站的请求（${site}）`;
  if (typeof origin === 'string') {
    if (!sameHost(origin, String(req.headers.host ?? ''))) return `来源 ${origin.slice(0, 200)} 不是本站`;
  }
  return null;
}

export interface GuardOptions {
  /** milliseconds to answer a request once received; 0: no limit */
  readonly handlerTimeout: number;
  /** origins (`http://host:port`) besides the server's own allowed to change data */
  readonly allowedOrigins: readonly string[];
}

export function guards(app: FastifyInstance, o: GuardOptions): void {
  const allowed = new Set(o.allowedOrigins.map((x) => x.toLowerCase().replace(/\/+$/, '')));
  app.addHook('onRequest', async (req) => {
    const bad = badQueryEscape(req.url);
    if (bad !== null) throw bad;
  });
  app.addHook('onRequest', async (req) => {
    const why = crossSiteReason(req, allowed);
    if (why !== null) {
      throw new HttpError(403, 'cross-site', `已拒绝：${why}。导入等修改数据的操作只接受本站页面发起的请求。`);
    }
  });

  if (o.handlerTimeout > 0) {
    const timers = new WeakMap<FastifyRequest, NodeJS.Timeout>();
    app.addHook('onRequest', async (req, reply) => {
      // reads only: an import's time is bounded by the upload limits and runs in a worker (jobs.ts)
      if (req.method !== 'GET' && req.method !== 'HEAD') return;
      // work done in a worker thread holds no one else up: it may take as long as it needs
      if ((req.routeOptions.config as { offThread?: boolean } | undefined)?.offThread) return;
      timers.set(req, setTimeout(() => timeout(req, reply, o.handlerTimeout), o.handlerTimeout).unref());
    });
    app.addHook('onResponse', async (req) => { clearTimeout(timers.get(req)); });
    app.addHook('onRequestAbort', async (req) => { clearTimeout(timers.get(req)); });
  }

  app.addHook('onRoute', (route: RouteOptions) => {
    const url = route.url ?? '';
    if (!url.startsWith('/api/') || url.startsWith('/api/docs') || url.includes('*')) return;
    const schema = (route.schema ?? {}) as Record<string, unknown>;
    if (schema['querystring'] === undefined) route.schema = { ...schema, querystring: NO_QUERY };
  });
}

/**
 * The query string's first parameter whose name or value is not valid percent-encoded UTF-8 (`%zz`, `%ff`,
 * a cut `%E4%B8`), as a 400 bad-url naming it; null when every one decodes. Fastify's query parser keeps
 * such a value as its raw text, so `?q=%ff` would search for the four characters "%ff" and find nothing.
 */
export function badQueryEscape(url: string): HttpError | null {
  const at = url.indexOf('?');
  if (at < 0 || url.indexOf('%', at) < 0) return null;
  for (const pair of url.slice(at + 1).split('&')) {
    const eq = pair.indexOf('=');
    const rawName = eq < 0 ? pair : pair.slice(0, eq);
    const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
    const name = decodes(rawName);
    if (name === null) {
      return new HttpError(400, 'bad-url', `查询参数名 ${shown(rawName)} 的百分号编码有误：${ESCAPE_RULE}`, [{ field: shown(rawName), message: '参数名的百分号编码有误' }]);
    }
    if (decodes(rawValue) === null) {
      const label = fieldLabel(shown(name));
      return new HttpError(400, 'bad-url', `查询参数${label}的值 ${shown(rawValue)} 的百分号编码有误：${ESCAPE_RULE}`,
        [{ field: shown(name), message: `${label}：百分号编码有误` }]);
    }
  }
  return null;
}

const ESCAPE_RULE = '“%”后应是两位十六进制数字，且编码的应是 UTF-8 字符（如“运维”写作 %E8%BF%90%E7%BB%B4）';

function decodes(s: string): string | null {
  if (!s.includes('%')) return s.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** a raw value for a message: short, and only where the error is when it is long */
function shown(raw: string): string {
  if (raw.length <= 40) return raw;
  const bad = raw.search(/%(?![0-9a-f]{2})/i);
  const from = bad < 0 ? 0 : Math.max(0, bad - 10);
  return `${from > 0 ? '…' : ''}${raw.slice(from, from + 40)}…`;
}

/** the querystring of a route that takes no parameters: any is refused, naming it */
export const NO_QUERY = z.strictObject({});

function timeout(req: FastifyRequest, reply: FastifyReply, ms: number): void {
  if (reply.sent || reply.raw.headersSent) return;
  req.log.warn({ url: req.url, ms }, 'handler timeout');
  const e = new HttpError(504, 'timeout', `请求处理超时：${Math.round(ms / 1000)} 秒内没有完成，已停止等待。请缩小查询范围后重试，或稍后再试。`);
  void reply.code(504).type('application/json; charset=utf-8').header('connection', 'close').send(body(e));
}
