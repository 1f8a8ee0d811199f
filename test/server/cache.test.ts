// The read routes' cache: ETags and 304s, and answers that follow the store — at once after an import
// through the server, within CHECK_MS after one by another process.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { CHECK_MS, ResultCache } from '../../src/server/cache.js';
import * as s from '../../src/server/schemas.js';
import { importBytes } from '../../src/store/index.js';
import { SAMPLES } from '../store/harness.js';
import { form, injectionTable, json, serverSuite } from './helpers.js';
import { loginAs, type AuthHeaders } from './auth-helpers.js';

const F004 = '004_08daa9245e557faf.txt';

serverSuite('cache', (app, store) => {
  let auth: AuthHeaders;
  beforeAll(async () => { auth = await loginAs(app(), { role: 'finance' }); });
  it('answers with an ETag, and 304 to a request that has it', async () => {
    const r = await app().inject('/api/overview');
    const etag = r.headers['etag'];
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(r.headers['cache-control']).toBe('no-cache');
    const again = await app().inject({ url: '/api/overview', headers: { 'if-none-match': String(etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await app().inject({ url: '/api/overview', headers: { 'if-none-match': '"other"' } })).statusCode).toBe(200);
  });

  it('follows an import through the server at once', async () => {
    const before = json(await app().inject('/api/projects'), s.projectsResponse).total;
    json(await app().inject({ method: 'POST', url: '/api/import', payload: form([{ name: 't.txt', content: injectionTable() }]), headers: { ...auth } }), s.importResponse);
    expect(json(await app().inject('/api/projects'), s.projectsResponse).total).toBe(before + 2);
  });

  it('follows an import by another process within the check interval', async () => {
    const before = json(await app().inject('/api/projects'), s.projectsResponse).total;
    const r = await importBytes(store(), readFileSync(join(SAMPLES, F004)), { file: F004 });
    expect(r.status).toBe('imported');
    await new Promise((done) => setTimeout(done, CHECK_MS + 50));
    expect(json(await app().inject('/api/projects'), s.projectsResponse).total).toBe(before + 10);
    const units = json(await app().inject('/api/units'), s.unitsResponse);
    expect(units.map((u) => u.file)).toContain(F004);
  });

  it('holds at most its budget in bytes, dropping the least recently used, and never one answer over a quarter of it', async () => {
    const cache = new ResultCache(store(), true, 10_000);
    let computed = 0;
    // n bytes as the budget counts them: two a character
    const answer = (n: number) => async () => { computed++; return { body: 'x'.repeat(n / 2) }; };
    for (let i = 0; i < 10; i++) await cache.get(`k${i}`, answer(2000));
    await new Promise((done) => setTimeout(done, 0));
    expect(cache.size).toBeLessThanOrEqual(10_000);
    expect(cache.size).toBeGreaterThan(6000);
    computed = 0;
    await cache.get('k9', answer(2000));
    expect(computed).toBe(0); // recent: kept
    await cache.get('k0', answer(2000));
    expect(computed).toBe(1); // oldest: dropped
    await cache.get('big', answer(3000));
    await new Promise((done) => setTimeout(done, 0));
    computed = 0;
    await cache.get('big', answer(3000));
    expect(computed).toBe(1);
  });
});
