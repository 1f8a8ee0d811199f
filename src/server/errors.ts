// One error type and one error handler. Every error the API answers with is
// `{ statusCode, code, message }` (plus `issues` for invalid input), the message in Chinese:
//   HttpError                        → its own status and code
//   request validation (zod)         → 400 invalid, naming each field
//   QueryError / SearchError         → 400 invalid, 404 not-found
//   UnitMatchError (diff)            → 422 unit-mismatch
//   WorkflowError (plans)            → 404 / 403 / 409 / 422 with its code (a save conflict carries `detail`)
//   multipart limits                 → 413 file-too-large / too-many-files
//   Fastify's own 4xx (bad JSON, …)  → the same status with a Chinese message
//   Node's HTTP parser (clientError) → 400 bad-url / bad-request, 408, 431, written to the socket
//   anything else                    → 500 internal, logged, nothing of it sent
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyBaseLogger, FastifyError, FastifyReply, FastifyRequest, FastifySchemaCompiler, FastifySchemaValidationError } from 'fastify';
import { z } from 'zod';
import { UnitMatchError } from '../diff/index.js';
import { QueryError } from '../store/queries.js';
import { SearchError } from '../store/search.js';
import { WORKFLOW_STATUS, WorkflowError } from '../workflow/errors.js';
import type { ErrorResponse } from './schemas.js';
import { zhError } from '../model/zod-zh.js';

export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly issues?: readonly { field: string; message: string }[],
    /** more the client needs to act (a save conflict: the other person's version and changes) */
    readonly detail?: unknown,
  ) {
    super(message);
  }
}

/** Chinese names of request fields, for messages */
const LABELS: Readonly<Record<string, string>> = {
  id: '编号', year: '年度', department: '部门', unit: '单位', min: '最低金额', max: '最高金额', source: '资金来源', has: '包含指标类别',
  missing: '缺少指标类别', findings: '有无审核问题', rule: '审核规则', severity: '问题级别', category: '规则类别', latestOnly: '仅最新版本',
  sort: '排序字段', order: '排序方向', limit: '每页条数', offset: '起始位置', q: '检索词', in: '检索范围', level1: '一级指标', level2: '二级指标',
  kind: '指标值类型', name: '名称', a: '甲', b: '乙', unitId: '单位编号',
};

const PART: Readonly<Record<string, string>> = { querystring: '查询参数', params: '路径参数', body: '请求体', headers: '请求头' };

export function fieldLabel(path: string): string {
  const head = path.split('.')[0] ?? '';
  return LABELS[head] ? `“${LABELS[head]}”（${path}）` : `“${path}”`;
}


/** zod validation with Chinese messages; issues carry the field path for the error handler */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema, httpPart }) => (data: unknown) => {
  // no text a client sends in a URL may hold a control character: PostgreSQL refuses NUL in text, SQLite
  // cuts the string at it (a name filter of "\0" would match everything)
  if (httpPart === 'querystring' || httpPart === 'params') {
    const bad = controlCharacterField(data);
    if (bad !== null) {
      return { error: [{ keyword: 'control-character', instancePath: bad, schemaPath: '', params: {}, message: '不能包含控制字符（如 %00）' }] };
    }
  }
  const r = schema.safeParse(data, { error: zhError });
  if (r.success) return { value: r.data };
  const issues: FastifySchemaValidationError[] = r.error.issues.map((i) => ({
    keyword: i.code,
    instancePath: i.path.map(String).join('.'),
    schemaPath: '',
    params: i.code === 'unrecognized_keys' ? { keys: i.keys } : {},
    message: i.code === 'unrecognized_keys' ? `未知的参数：${i.keys.join('、')}` : i.message,
  }));
  return { error: issues };
};

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** the path (`/q`, `/has/2`) of the first string in a query or params object holding a control character */
function controlCharacterField(data: unknown): string | null {
  if (data === null || typeof data !== 'object') return null;
  for (const [k, v] of Object.entries(data)) {
    const values = Array.isArray(v) ? v : [v];
    for (const [i, x] of values.entries()) {
      if (typeof x === 'string' && CONTROL.test(x)) return Array.isArray(v) ? `/${k}/${i}` : `/${k}`;
    }
    if (typeof k === 'string' && CONTROL.test(k)) return `/${k}`;
  }
  return null;
}

function validationError(err: FastifyError): HttpError {
  const part = PART[err.validationContext ?? ''] ?? '请求';
  const issues = (err.validation ?? []).map((v) => {
    const field = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const keys = (v.params as { keys?: string[] }).keys;
    if (keys) return { field: keys.join(','), message: v.message ?? '未知的参数' };
    return { field, message: field ? `${fieldLabel(field)}：${v.message ?? '有误'}` : v.message ?? '有误' };
  });
  return new HttpError(400, 'invalid', `${part}有误：${issues.map((i) => i.message).join('；')}`, issues);
}

const MB = (bytes: number): string => (bytes >= 1024 * 1024 ? `${+(bytes / 1024 / 1024).toFixed(2)} MB` : `${+(bytes / 1024).toFixed(1)} KB`);

export interface ErrorHandlerOptions {
  readonly uploadLimit: number;
  readonly maxFiles: number;
}

/** Maps anything thrown to an HttpError; `null` when it is an internal fault. */
export function toHttpError(e: unknown, o: ErrorHandlerOptions): HttpError | null {
  if (e instanceof HttpError) return e;
  if (e instanceof QueryError) {
    return new HttpError(e.code === 'not-found' ? 404 : 400, e.code, e.message, e.issues.map((i) => ({ field: i.path, message: i.message })));
  }
  if (e instanceof SearchError) return new HttpError(400, 'invalid', e.message);
  if (e instanceof UnitMatchError) return new HttpError(422, 'unit-mismatch', e.message);
  if (e instanceof WorkflowError) return new HttpError(WORKFLOW_STATUS[e.kind], e.code, e.message, undefined, e.detail);
  const err = e as FastifyError;
  if (err && Array.isArray(err.validation)) return validationError(err);
  switch (err?.code) {
    case 'FST_REQ_FILE_TOO_LARGE': return new HttpError(413, 'file-too-large', `上传的文件超过 ${MB(o.uploadLimit)} 的上限`);
    case 'FST_FILES_LIMIT': return new HttpError(413, 'too-many-files', `一次至多上传 ${o.maxFiles} 个文件`);
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT': return new HttpError(413, 'too-many-parts', '上传的表单项过多');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE': return new HttpError(415, 'not-multipart', '请以 multipart/form-data 上传文件（字段名 files）');
    case 'FST_PROTO_VIOLATION': return new HttpError(400, 'invalid', '表单字段名不允许使用 __proto__ 等保留名');
    case 'FST_MP_PREMATURE_CLOSE': return new HttpError(400, 'upload-aborted', '上传在完成前中断');
    case 'FST_ERR_CTP_BODY_TOO_LARGE': return new HttpError(413, 'body-too-large', '请求体过大');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE': return new HttpError(415, 'unsupported-media-type', `不支持的内容类型：${String((err as { message?: string }).message ?? '').replace(/^.*: /, '')}`);
    case 'FST_ERR_CTP_EMPTY_JSON_BODY': return new HttpError(400, 'invalid', '请求体为空，但内容类型声明为 JSON');
    case 'FST_ERR_BAD_URL': return new HttpError(400, 'bad-url', '请求地址中有无法解读的字符（百分号编码有误，如 %ff）');
    case 'FST_ERR_MAX_PARAM_LENGTH': return new HttpError(414, 'url-too-long', '请求地址中的参数过长');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH': return new HttpError(400, 'invalid', '请求体不是有效的 JSON');
    default: break;
  }
  const db = databaseError(e);
  if (db) return db;
  if (err instanceof SyntaxError && (err as FastifyError).statusCode === 400) return new HttpError(400, 'invalid', '请求体不是有效的 JSON');
  const status = err?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const generic: Record<number, string> = { 400: '请求有误', 404: '没有找到', 405: '不支持这个请求方法', 406: '无法提供所要求的格式', 413: '请求过大', 414: '请求地址过长', 415: '不支持的内容类型', 429: '请求过于频繁' };
    return new HttpError(status, `http-${status}`, generic[status] ?? '请求有误');
  }
  return null;
}

/**
 * What the databases say about a request rather than about themselves: a query past its time (PostgreSQL
 * statement_timeout, 57014) and a write lock held too long (SQLITE_BUSY) are 503, text the database cannot hold (NUL) and a query too large to plan
 * are 400. Anything else from a database stays an internal fault.
 */
function databaseError(e: unknown): HttpError | null {
  const code = (e as { code?: unknown } | null)?.code;
  const message = String((e as { message?: unknown } | null)?.message ?? '');
  if (code === '57014') return new HttpError(503, 'timeout', '查询超时：数据库在限定时间内没有完成这个查询，已取消。请缩小筛选范围后重试，或稍后再试。');
  // SQLite: another connection (an import) held the write lock past the busy timeout (sqlite-driver.ts)
  if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) return new HttpError(503, 'busy', '数据库正忙（另一项写入，例如大文件导入，尚未完成），请稍后再试。');
  if (code === '22021' || code === '22P05') return new HttpError(400, 'invalid', '参数中含有数据库无法保存的字符（如 %00），请去掉后重试');
  if (code === '54001' || (typeof code === 'string' && code.startsWith('SQLITE_') && /too large|too many|too big|too complex/i.test(message))) {
    return new HttpError(400, 'too-complex', '查询条件过多或过长，请减少筛选条件后重试');
  }
  return null;
}

export function errorHandler(o: ErrorHandlerOptions) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply): void => {
    const http = toHttpError(error, o);
    if (http === null) {
      request.log.error({ err: error }, 'internal error');
      void reply.code(500).type('application/json; charset=utf-8').send(body(new HttpError(500, 'internal', '服务器内部错误，请稍后再试；详情已记录在服务器日志中。')));
      return;
    }
    if (http.statusCode >= 500) request.log.error({ err: error }, http.message);
    else request.log.info({ code: http.code, statusCode: http.statusCode }, http.message);
    void reply.code(http.statusCode).type('application/json; charset=utf-8').send(body(http));
  };
}

export function body(e: HttpError): ErrorResponse {
  return {
    statusCode: e.statusCode, code: e.code, message: e.message, ...(e.issues?.length ? { issues: [...e.issues] } : {}),
    ...(e.detail !== undefined ? { detail: e.detail } : {}),
  } as ErrorResponse;
}

/** the line where Node's parser stopped holds bytes outside ASCII (a raw 汉字 in the URL) */
function rawNonAscii(err: Pick<ConnectionError, 'rawPacket' | 'bytesParsed'>): boolean {
  const packet: unknown = err.rawPacket;
  if (!Buffer.isBuffer(packet)) return false;
  // the packet may hold earlier requests of a keep-alive connection: look only at the line of the error
  const at = Math.min(Math.max(0, err.bytesParsed), packet.length);
  const start = packet.lastIndexOf(0x0a, at - 1) + 1;
  const end = packet.indexOf(0x0a, at);
  return packet.subarray(start, end < 0 ? packet.length : end).some((b) => b >= 0x80);
}

/** What Node's HTTP parser refused, before Fastify saw a request. */
export function clientError(err: Pick<ConnectionError, 'code' | 'rawPacket' | 'bytesParsed'>): HttpError {
  switch (err.code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new HttpError(408, 'request-timeout', '请求没有在限定时间内完整送达，连接已断开。请检查网络后重试；上传大文件时请保持网络稳定。');
    case 'HPE_HEADER_OVERFLOW':
      return new HttpError(431, 'headers-too-large', '请求头过大（通常是 Cookie 过多），请清除本站的 Cookie 后重试。');
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return new HttpError(413, 'body-too-large', '请求体的分块扩展过长。');
    default: break;
  }
  // Node's parser refuses any byte above 0x7f in the URL, even with insecureHTTPParser: it cannot be let
  // through, so say how to send it (browsers encode by themselves; curl and scripts may not)
  if (err.code === 'HPE_INVALID_URL' && rawNonAscii(err)) {
    return new HttpError(400, 'bad-url',
      "请求地址中有未经百分号编码的字符（如汉字）。请先编码再发送：如 q=运维 应写作 q=%E8%BF%90%E7%BB%B4；用 curl 时可写 curl -G --data-urlencode 'q=运维' 地址。");
  }
  if (err.code === 'HPE_INVALID_URL') return new HttpError(400, 'bad-url', '请求地址有误，无法解读（含有不允许出现在地址中的字符）；请对地址中的参数做百分号编码后重试。');
  return new HttpError(400, 'bad-request', '请求格式有误，无法解读（不是有效的 HTTP 请求）。');
}

/**
 * Fastify's clientErrorHandler (`this` is the Fastify instance): the answer in the one shape — Fastify's
 * default is English and has no code — then the connection is closed, as Node and Fastify do: the parser
 * cannot find the next request after a broken one.
 */
export function clientErrorHandler(this: { log: FastifyBaseLogger }, err: ConnectionError, socket: Socket): void {
  // a reset connection: nothing to answer
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const e = clientError(err);
  this.log.debug({ code: err.code, statusCode: e.statusCode }, e.message);
  // a keep-alive socket may carry a response under way: an answer written into it would corrupt that
  // response, so then only the connection is closed (Node's own rule)
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } | null })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    const text = JSON.stringify(body(e));
    socket.write(`HTTP/1.1 ${e.statusCode} ${STATUS_CODES[e.statusCode] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\n`
      + `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`);
  }
  socket.destroy(err);
}
