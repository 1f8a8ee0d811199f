// Every route of the OpenAPI document (/api/openapi.json) driven with hostile input, on SQLite and on
// PostgreSQL over the five samples, the response cache off: SQL strings, NUL and other control bytes,
// 100 KB strings, huge, negative and malformed numbers, long and repeated lists, bad percent-escapes,
// wrong types and unknown parameters in every query and path parameter; malformed and cross-site
// uploads on every POST route. The cases come from the document, so a new route or parameter is covered
// without writing any. Held: no 5xx, every error in the project's one shape, every answer within SLOW_MS.
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';
import { errorResponse } from '../../src/server/schemas.js';
import { serverSuite } from './helpers.js';

/** no answer may take longer than this, whatever the input (a shared 2-core machine) */
const SLOW_MS = 2000;
/**
 * A download (.xlsx) is timed to its last byte here, and a value that selects everything (`min=0`) writes a
 * workbook of the whole store: its time grows with the data, not with the input. It streams and yields
 * between rows, so it holds no one else up; the bound only catches a pathological case.
 */
const SLOW_DOWNLOAD_MS = 10_000;

/** values put raw into the URL (already percent-encoded where they need it) */
const HOSTILE: readonly string[] = [
  encodeURIComponent("'; drop table projects; --"),
  encodeURIComponent("' or '1'='1"),
  encodeURIComponent('1) union select * from documents --'),
  encodeURIComponent('%_\\'),
  '%00', 'a%00b', '%01', '%7f', '%0d%0a',
  'x'.repeat(100_000),
  encodeURIComponent('满意'.repeat(5_000)),
  '-1', '0', '-0', '1.5', '1e3', '1e308', '-1e308', '0x10', '0b11', '99999999999999999999999', '-99999999999999999999', 'NaN', 'Infinity', '',
  '%20', '%ff', '%', '%E4%B8', '%zz', 'true', '%5B%5D', '%7B%7D', '__proto__', 'constructor',
  encodeURIComponent('<script>alert(1)</script>'),
];

/** list forms of one parameter: long, repeated, both */
const lists = (name: string): string[] => [
  Array.from({ length: 1000 }, () => `${name}=1`).join('&'),
  `${name}=${'1,'.repeat(1000)}1`,
  `${name}=${Array.from({ length: 300 }, (_, i) => String(i)).join(',')}`,
  Array.from({ length: 60 }, (_, i) => `${name}=${i % 3 === 0 ? '3' : i % 3 === 1 ? '13' : 'fiscal'}`).join('&'),
];

interface Operation {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly query: readonly string[];
  readonly params: readonly string[];
  readonly multipart: boolean;
}

function operations(doc: { paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; requestBody?: { content?: Record<string, unknown> } }>> }): Operation[] {
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const ps = op.parameters ?? [];
      out.push({
        method: method.toUpperCase() as 'GET' | 'POST',
        path,
        query: ps.filter((p) => p.in === 'query').map((p) => p.name),
        params: ps.filter((p) => p.in === 'path').map((p) => p.name),
        multipart: Object.keys(op.requestBody?.content ?? {}).includes('multipart/form-data'),
      });
    }
  }
  return out;
}

/** a good value for each path parameter: the cases vary one thing at a time */
const fill = (path: string, values: Record<string, string> = {}): string => path.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '1');

const BOUNDARY = 'XhostileX';
const part = (body: string) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n${body}`;
/** bodies a broken or hostile client sends, with their content type */
const BAD_UPLOADS: readonly [string, string][] = [
  ['multipart/form-data', part('x')],
  [`multipart/form-data; boundary=${BOUNDARY}`, part('一个被截断的文件')],
  [`multipart/form-data; boundary=${BOUNDARY}`, `--other\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\nx\r\n--other--\r\n`],
  [`multipart/form-data; boundary=${BOUNDARY}`, `--${BOUNDARY}\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n`],
  [`multipart/form-data; boundary=${BOUNDARY}`, `--${BOUNDARY}\r\nContent-Disposition: form-data; name="__proto__"; filename="a.txt"\r\n\r\nx\r\n--${BOUNDARY}--\r\n`],
  [`multipart/form-data; boundary=${BOUNDARY}`, `--${BOUNDARY}\r\nnot a header\r\n\r\nx\r\n--${BOUNDARY}--\r\n`],
  [`multipart/form-data; boundary="${BOUNDARY}`, part('x')],
  [`multipart/form-data; boundary=${BOUNDARY}`, ''],
  ['application/json', '{"files": ['],
  ['application/json', '{"__proto__": {"x": 1}}'],
  ['text/plain', 'x'.repeat(100_000)],
  ['application/x-www-form-urlencoded', 'files=a'],
];

/** no 5xx; an error is the one shape, Chinese, nothing of the server's insides; in time */
function holds(r: LightMyRequestResponse, ms: number, what: string): void {
  expect(r.statusCode, `${what} → ${r.statusCode} ${r.body.slice(0, 300)}`).toBeLessThan(500);
  expect(ms, `${what} took ${Math.round(ms)} ms`).toBeLessThan(/\.xlsx(\?|$| )/.test(what) ? SLOW_DOWNLOAD_MS : SLOW_MS);
  if (r.statusCode >= 400) {
    const parsed = errorResponse.safeParse(r.json());
    expect(parsed.success, `${what}: ${r.body.slice(0, 300)}`).toBe(true);
    expect(parsed.data!.statusCode).toBe(r.statusCode);
    expect(parsed.data!.message).toMatch(/[\u4e00-\u9fff]/);
    expect(r.body).not.toMatch(/at .*\.(ts|js):\d+|node_modules|SQLITE_|syntax error|invalid byte sequence/i);
  }
}

serverSuite('hostile input on every route', (app) => {
  const send = async (method: 'GET' | 'POST', url: string, payload?: string, headers: Record<string, string> = {}) => {
    const t = performance.now();
    const r = await app().inject({ method, url, ...(payload === undefined ? {} : { payload }), headers });
    return { r, ms: performance.now() - t };
  };
  const routes = async (): Promise<Operation[]> => {
    const doc = (await app().inject('/api/openapi.json')).json() as Parameters<typeof operations>[0];
    return operations(doc).filter((o) => o.path.startsWith('/api/') && !o.path.startsWith('/api/docs'));
  };

  it('finds the routes in the OpenAPI document', async () => {
    const ops = await routes();
    expect(ops.length).toBeGreaterThanOrEqual(13);
    expect(ops.filter((o) => o.multipart).length).toBeGreaterThanOrEqual(2);
    // once each, untimed: the first request starts the worker threads (loading the code takes seconds on a busy machine)
    for (const op of ops.filter((o) => o.method === 'GET')) await send('GET', fill(op.path));
  }, 60_000);

  it('every query parameter, every hostile value and list: no 5xx, in time', async () => {
    let n = 0;
    for (const op of await routes()) {
      const base = fill(op.path);
      for (const name of op.query) {
        for (const v of HOSTILE) {
          const { r, ms } = await send(op.method, `${base}?${name}=${v}`);
          holds(r, ms, `${op.method} ${base}?${name}=${v.slice(0, 40)}`);
          n++;
        }
        for (const q of lists(name)) {
          const { r, ms } = await send(op.method, `${base}?${q}`);
          holds(r, ms, `${op.method} ${base}?${q.slice(0, 60)}…`);
          n++;
        }
      }
    }
    expect(n).toBeGreaterThan(500);
  }, 300_000);

  it('every path parameter, every hostile value: no 5xx, in time', async () => {
    for (const op of await routes()) {
      for (const name of op.params) {
        for (const v of HOSTILE) {
          const url = fill(op.path, { [name]: v });
          const { r, ms } = await send(op.method, url);
          holds(r, ms, `${op.method} ${url.slice(0, 80)}`);
          // a path parameter is never read leniently: `0x10` is not 16, `1e3` not 1000
          if (['0x10', '1e3', '1.5', '-1', '0', '%20'].includes(v)) expect(r.statusCode, url).toBeGreaterThanOrEqual(400);
        }
      }
    }
  }, 120_000);

  it('an unknown query parameter is refused (400) on every route', async () => {
    for (const op of await routes()) {
      for (const extra of ['zzz=1', '__proto__=1', 'constructor=1', 'limit2=5']) {
        const { r, ms } = await send(op.method, `${fill(op.path)}?${extra}`);
        holds(r, ms, `${op.method} ${op.path}?${extra}`);
        expect(r.statusCode, `${op.method} ${op.path}?${extra}: ${r.body.slice(0, 200)}`).toBe(400);
      }
    }
  });

  it('a NUL or control byte in any text parameter is a 400, never every row', async () => {
    for (const op of await routes()) {
      for (const name of op.query) {
        for (const v of ['%00', '%E6%BB%A1%00', '%1b']) {
          const { r } = await send(op.method, `${fill(op.path)}?${name}=${v}`);
          expect(r.statusCode, `${op.path}?${name}=${v}`).toBe(400);
        }
      }
    }
  });

  it('broken, truncated and mismatched uploads are 4xx on every upload route; cross-site ones 403', async () => {
    const uploads = (await routes()).filter((o) => o.method === 'POST');
    expect(uploads.length).toBeGreaterThan(0);
    for (const op of uploads) {
      for (const [type, payload] of BAD_UPLOADS) {
        const { r, ms } = await send('POST', op.path, payload, { 'content-type': type });
        holds(r, ms, `POST ${op.path} ${type} ${payload.slice(0, 40)}`);
        expect(r.statusCode, `${type} ${payload.slice(0, 60)}`).toBeGreaterThanOrEqual(400);
      }
      for (const headers of [{ origin: 'http://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { origin: 'null' }]) {
        const { r, ms } = await send('POST', op.path, part('x'), { 'content-type': `multipart/form-data; boundary=${BOUNDARY}`, ...headers });
        holds(r, ms, `POST ${op.path} ${JSON.stringify(headers)}`);
        expect(r.statusCode).toBe(403);
        expect(r.json().code).toBe('cross-site');
      }
    }
  });
}, { seed: true, server: { cache: false } });

describe('the suite itself', () => {
  it('reads operations and their parameters from an OpenAPI document', () => {
    const ops = operations({
      paths: {
        '/api/x/{id}': { get: { parameters: [{ in: 'path', name: 'id' }, { in: 'query', name: 'q' }] } },
        '/api/up': { post: { requestBody: { content: { 'multipart/form-data': {} } } } },
      },
    });
    expect(ops).toEqual([
      { method: 'GET', path: '/api/x/{id}', query: ['q'], params: ['id'], multipart: false },
      { method: 'POST', path: '/api/up', query: [], params: [], multipart: true },
    ]);
    expect(fill('/api/x/{id}/y', { id: '0x10' })).toBe('/api/x/0x10/y');
  });
});

