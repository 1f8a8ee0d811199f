// What keeps one client from stalling the server or changing data from elsewhere: cross-site writes
// refused, a read past the handler timeout answered 504, a PostgreSQL statement past its timeout 503, a
// slow upload cut off, long and repeated filter lists bounded (API and CLI), and at most one version of
// a unit-year per document.
import { connect } from 'node:net';
import { join } from 'node:path';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { projectsCommand } from '../../src/cli/projects.js';
import { parseDuration, serveCommand } from '../../src/cli/serve.js';
import { buildServer } from '../../src/server/index.js';
import * as s from '../../src/server/schemas.js';
import { migrate, openStore } from '../../src/store/index.js';
import { dropStore, freshStore } from '../store/harness.js';
import { POSTGRES_URL } from '../setup/postgres.js';
import { error, form, injectionTable, json, NO_WEB, serverSuite, tempDir } from './helpers.js';
import { loginAs, type AuthHeaders } from './auth-helpers.js';

/** a tabular table that prints its one unit `times` times, each with one project */
function repeatedUnitTable(times: number): string {
  const header = ['项目名称（资金使用单位）', '总计', '财政拨款', '财政专户拨款', '其他资金', '绩效目标', '绩效指标'].join('\t');
  const rows: string[] = [];
  for (let i = 0; i < times; i++) {
    rows.push(['重复单位', '10.00', '10.00', '', '', '', ''].join('\t'));
    rows.push([`项目${i + 1}`, '10.00', '10.00', '', '', '目标：培训100人。', '1、1-产出指标；11-数量指标；培训人数；实施周期指标值:100人；年度指标值:100人。'].join('\t'));
  }
  return ['广州市测试局2024年项目支出绩效目标表', '', '部门名称：测试局', '', '单位：万元', '', header, ['合计', `${10 * times}.00`, `${10 * times}.00`, '', '', '', ''].join('\t'), ...rows, ''].join('\n');
}

serverSuite('guards', (app) => {
  let auth: AuthHeaders;
  beforeAll(async () => { auth = await loginAs(app(), { role: 'finance' }); });
  const post = (headers: Record<string, string>, content = injectionTable()) =>
    app().inject({ method: 'POST', url: '/api/import/preview', payload: form([{ name: 't.txt', content }]), headers: { ...auth, ...headers } });

  it('refuses a state-changing request from another site (403), and nothing is stored', async () => {
    const before = json(await app().inject('/api/health'), s.healthResponse).documents;
    for (const headers of [{ origin: 'http://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'null' }]) {
      const e = error(await app().inject({ method: 'POST', url: '/api/import', payload: form([{ name: 't.txt', content: injectionTable() }]), headers: { ...auth, ...headers } }), 403, 'cross-site');
      expect(e.message).toContain('本站');
    }
    expect(json(await app().inject('/api/health'), s.healthResponse).documents).toBe(before);
  });

  it('accepts the app itself, a typed-in request and a client that is no browser', async () => {
    for (const headers of [{ origin: 'http://localhost:80', host: 'localhost:80' }, { 'sec-fetch-site': 'same-origin', origin: 'http://localhost:80', host: 'localhost:80' }, { 'sec-fetch-site': 'none' }, {}]) {
      json(await post(headers), s.importPreviewResponse);
    }
  });

  it('bounds list filters: repeats count once, more than 50 values are a 400 naming the filter', async () => {
    // the cost of a long list is held against the same query with one value, so a loaded machine slows both
    const single = performance.now();
    const one = json(await app().inject('/api/projects?limit=1&has=1'), s.projectsResponse);
    const oneMs = performance.now() - single;
    const t = performance.now();
    const r = json(await app().inject(`/api/projects?limit=1&${Array.from({ length: 50 }, () => 'has=1').join('&')}`), s.projectsResponse);
    const manyMs = performance.now() - t;
    expect(r.total).toBe(one.total);
    const m = json(await app().inject(`/api/projects?limit=1&missing=${'3,13,'.repeat(24)}3`), s.projectsResponse);
    expect(m.total).toBe(json(await app().inject('/api/projects?limit=1&missing=3&missing=13'), s.projectsResponse).total);
    // a cost growing with the square of the list took 44 s here; linear, it is a few times one value's
    expect(manyMs, `one value ${Math.round(oneMs)} ms, 50 repeats ${Math.round(manyMs)} ms`).toBeLessThan(Math.max(750, 20 * oneMs));
    for (const url of [`/api/projects?has=${'1,'.repeat(900)}1`, `/api/projects?${Array.from({ length: 1000 }, () => 'missing=3').join('&')}`]) {
      const t1 = performance.now();
      const e = error(await app().inject(url), 400, 'invalid');
      // refused before any query: no slower than one query with one value
      expect(performance.now() - t1).toBeLessThan(Math.max(200, 5 * oneMs));
      expect(e.message).toMatch(/(has|missing).*至多 50 项/);
    }
  });

  it('adds one version of a unit-year per document, however often the table prints the unit', async () => {
    const r = json(await app().inject({ method: 'POST', url: '/api/import', payload: form([{ name: 'repeat.txt', content: repeatedUnitTable(6) }]), headers: { ...auth } }), s.importResponse);
    expect(r[0]).toMatchObject({ status: 'imported', projects: 6 });
    const units = json(await app().inject(`/api/units?name=${encodeURIComponent('重复单位')}`), s.unitsResponse);
    expect(units.length).toBe(6);
    expect(new Set(units.map((u) => u.version))).toEqual(new Set([1]));
    // the next publication is version 2 of every printing
    json(await app().inject({ method: 'POST', url: '/api/import', payload: form([{ name: 'repeat2.txt', content: repeatedUnitTable(3) }]), headers: { ...auth } }), s.importResponse);
    const again = json(await app().inject(`/api/units?name=${encodeURIComponent('重复单位')}`), s.unitsResponse);
    expect(again.filter((u) => u.latest).map((u) => u.version)).toEqual([2, 2, 2]);
  });
});

describe('timeouts', () => {
  it('answers a read that outlasts the handler timeout with 504 in the error shape', async () => {
    const store = freshStore('sqlite');
    await migrate(store);
    const app = await buildServer({ store, webDir: NO_WEB, handlerTimeout: 100 });
    app.get('/slow-for-test', async () => { await new Promise((r) => setTimeout(r, 600)); return { ok: true }; });
    await app.ready();
    try {
      const t = performance.now();
      const e = error(await app.inject('/slow-for-test'), 504, 'timeout');
      expect(performance.now() - t).toBeLessThan(500);
      expect(e.message).toContain('超时');
      // other requests were not held
      json(await app.inject('/api/health'), s.healthResponse);
    } finally {
      await app.close();
      await dropStore(store);
    }
  });

  it('cancels a PostgreSQL statement past statement_timeout and answers 503', async () => {
    // no tables needed: the route only sleeps (and a migration could itself outlast 100 ms)
    const store = openStore(POSTGRES_URL, { schema: `t_${process.pid}_timeout`, statementTimeout: 100 });
    const app = await buildServer({ store, webDir: NO_WEB });
    app.get('/sleep-for-test', async () => { await sql`select pg_sleep(2)`.execute(store.db); return { ok: true }; });
    await app.ready();
    try {
      const t = performance.now();
      const e = error(await app.inject('/sleep-for-test'), 503, 'timeout');
      expect(performance.now() - t).toBeLessThan(1500);
      expect(e.message).toContain('超时');
    } finally {
      await app.close();
      await dropStore(store);
    }
  });

  it('cuts off an upload that trickles in (a byte every 300 ms) after the request timeout', async () => {
    const store = freshStore('sqlite');
    await migrate(store);
    const app = await buildServer({ store, webDir: NO_WEB, requestTimeout: 1000 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const auth = await loginAs({ url: `http://127.0.0.1:${port}`, store }, { role: 'finance' });
    try {
      const t = performance.now();
      const answer = await new Promise<string>((resolve) => {
        const sock = connect(port, '127.0.0.1');
        let got = '';
        sock.on('data', (d) => { got += d.toString(); });
        sock.on('close', () => { clearInterval(drip); resolve(got); });
        sock.on('error', () => undefined);
        sock.write(`POST /api/import HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: multipart/form-data; boundary=B\r\nContent-Length: 100000\r\nCookie: ${auth.cookie}\r\nX-CSRF-Token: ${auth['x-csrf-token']}\r\n\r\n--B\r\n`);
        const drip = setInterval(() => { if (!sock.destroyed) sock.write('x'); }, 300);
      });
      const took = performance.now() - t;
      expect(took).toBeLessThan(4000);
      expect(answer).toMatch(/^HTTP\/1\.1 (408|400)/);
    } finally {
      await app.close();
      await dropStore(store);
    }
  });
});

/** the HTTP answers in `raw`, one after another: status line and the parsed JSON body */
function answers(raw: Buffer): { status: number; headers: string; json: unknown }[] {
  const out: { status: number; headers: string; json: unknown }[] = [];
  let rest = raw;
  while (rest.length > 0) {
    const end = rest.indexOf('\r\n\r\n');
    const headers = rest.subarray(0, end).toString('latin1');
    const length = Number(/content-length: (\d+)/i.exec(headers)?.[1]);
    // an answer not all here yet
    if (end < 0 || rest.length < end + 4 + length) break;
    out.push({ status: Number(headers.slice(9, 12)), headers, json: JSON.parse(rest.subarray(end + 4, end + 4 + length).toString('utf8')) });
    rest = rest.subarray(end + 4 + length);
  }
  return out;
}

describe("requests Node's HTTP parser refuses", () => {
  /** writes each request once the answers to those before it are all here; what came back */
  const exchange = (port: number, chunks: readonly string[]) => new Promise<Buffer>((resolve) => {
    const sock = connect(port, '127.0.0.1');
    let got = Buffer.alloc(0);
    let next = 0;
    const send = () => { if (next < chunks.length && answers(got).length === next) sock.write(Buffer.from(chunks[next++]!)); };
    sock.on('connect', send);
    sock.on('data', (d) => { got = Buffer.concat([got, d]); send(); });
    sock.on('close', () => resolve(got));
    sock.on('error', () => undefined);
  });
  const listening = async (requestTimeout?: number) => {
    const store = freshStore('sqlite');
    await migrate(store);
    const app = await buildServer({ store, webDir: NO_WEB, ...(requestTimeout ? { requestTimeout } : {}) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    return { app, store, port: (app.server.address() as { port: number }).port };
  };
  const oneShape = (a: { status: number; json: unknown }, code: string) => {
    const e = s.errorResponse.parse(a.json);
    expect(e.statusCode).toBe(a.status);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(/[\u4e00-\u9fff]/);
    return e;
  };

  it('a raw 汉字 in the URL (curl without encoding) is 400 bad-url in the one shape, saying to percent-encode', async () => {
    const { app, store, port } = await listening();
    try {
      for (const url of ['/api/search?q=运维', '/api/projects?unit=广州市技师学院&limit=5', '/api/项目']) {
        const [a, more] = answers(await exchange(port, [`GET ${url} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`]));
        expect(more).toBeUndefined();
        expect(a!.status, url).toBe(400);
        expect(a!.headers).toMatch(/content-type: application\/json; charset=utf-8/i);
        const e = oneShape(a!, 'bad-url');
        expect(e.message).toContain('百分号编码');
        expect(e.message).toContain('%E8%BF%90%E7%BB%B4');
      }
      const [garbage] = answers(await exchange(port, ['NOT HTTP AT ALL\r\n\r\n']));
      expect(oneShape(garbage!, 'bad-request').message).toContain('请求格式有误');
    } finally {
      await app.close();
      await dropStore(store);
    }
  });

  it('answers the refused request after a good one on the same keep-alive connection', async () => {
    const { app, store, port } = await listening();
    try {
      const [ok, bad, more] = answers(await exchange(port, [
        'GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: keep-alive\r\n\r\n',
        'GET /api/search?q=运维 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
      ]));
      expect(ok!.status).toBe(200);
      s.healthResponse.parse(ok!.json);
      oneShape(bad!, 'bad-url');
      expect(more).toBeUndefined();
    } finally {
      await app.close();
      await dropStore(store);
    }
  });

  it('a request whose headers do not arrive in time is 408 in the one shape; headers too large 431', async () => {
    const { app, store, port } = await listening(1000);
    try {
      const [slow] = answers(await exchange(port, ['GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n']));
      expect(slow!.status).toBe(408);
      oneShape(slow!, 'request-timeout');
      const [big] = answers(await exchange(port, [`GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${'a'.repeat(20_000)}\r\n\r\n`]));
      expect(big!.status).toBe(431);
      oneShape(big!, 'headers-too-large');
    } finally {
      await app.close();
      await dropStore(store);
    }
  });
});

describe('jixiao projects with a very long --has list', () => {
  const dir = tempDir('jixiao-has-');
  const db = join(dir, 'has.sqlite');

  const run = async (opts: Record<string, unknown>) => {
    let out = '';
    let err = '';
    const code = await projectsCommand({ db, format: 'json', ...opts } as Parameters<typeof projectsCommand>[0],
      { write: (x: string) => { out += x; return true; } } as never, { write: (x: string) => { err += x; return true; } } as never);
    return { code, out, err };
  };

  it('counts repeats once, and refuses more than 50 values with a Chinese message, no stack trace', async () => {
    const ok = await run({ has: Array.from({ length: 50 }, () => '1'), missing: ['3', '3'] });
    expect(ok.code, ok.err).toBe(0);
    for (const has of [Array.from({ length: 2000 }, () => '1'), Array.from({ length: 60 }, (_, i) => String(i))]) {
      const t = performance.now();
      const bad = await run({ has });
      expect(performance.now() - t).toBeLessThan(3000);
      expect(bad.code).toBe(2);
      expect(bad.err).toMatch(/包含指标类别.*至多 50 项/);
      expect(bad.err).not.toMatch(/at .*\.(ts|js):\d+|SQLITE/);
    }
  });
});

describe('jixiao serve limits', () => {
  it('refuses an unreadable timeout or worker count with exit 2 naming the option', async () => {
    for (const [opts, flag] of [[{ requestTimeout: 'abc' }, '--request-timeout'], [{ handlerTimeout: '5 minutes' }, '--handler-timeout'], [{ statementTimeout: '-1' }, '--statement-timeout'], [{ workers: '0' }, '--workers']] as const) {
      let err = '';
      const code = await serveCommand({ port: '0', ...opts }, { write: () => true } as never, { write: (x: string) => { err += x; return true; } } as never, {});
      expect(code).toBe(2);
      expect(err).toContain(flag);
    }
    expect(parseDuration('30')).toBe(30_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('2m')).toBe(120_000);
    expect(parseDuration('0')).toBe(0);
  });
});
