// The front end and the docs: web/dist served with an index.html fallback for the app's own paths, a
// Chinese page when the front end has not been built, the swagger page, and their headers.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import { migrate, type Store } from '../../src/store/index.js';
import { dropStore, freshStore } from '../store/harness.js';
import { error, NO_WEB, tempDir } from './helpers.js';

const INDEX = '<!doctype html><html lang="zh-CN"><head><script type="module" src="/assets/app-1a2b3c.js"></script></head><body><div id="root"></div></body></html>';

describe('serving the front end', () => {
  let store: Store;
  let app: FastifyInstance;
  let bare: FastifyInstance;
  beforeAll(async () => {
    store = freshStore('sqlite');
    await migrate(store);
    const web = tempDir('jixiao-web-');
    mkdirSync(join(web, 'assets'));
    writeFileSync(join(web, 'index.html'), INDEX);
    writeFileSync(join(web, 'assets', 'app-1a2b3c.js'), 'console.log("app")');
    writeFileSync(join(web, 'favicon.ico'), Buffer.from([0, 0, 1, 0]));
    app = await buildServer({ store, logger: false, webDir: web });
    bare = await buildServer({ store, logger: false, webDir: NO_WEB });
  });
  afterAll(async () => {
    await app?.close();
    await bare?.close();
    if (store) await dropStore(store);
  });

  it('serves index.html at / and for the app\'s own paths', async () => {
    for (const url of ['/', '/projects/12', '/search?q=满意', '/compare/a/b']) {
      const r = await app.inject(url);
      expect(r.statusCode, url).toBe(200);
      expect(r.headers['content-type'], url).toMatch(/^text\/html/);
      expect(r.body, url).toBe(INDEX);
      expect(r.headers['cache-control'], url).toBe('no-cache');
      expect(r.headers['content-security-policy'], url).toContain("script-src 'self'");
    }
  });

  it('serves built assets as immutable and static files as they are', async () => {
    const js = await app.inject('/assets/app-1a2b3c.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toContain('immutable');
    expect(js.headers['x-content-type-options']).toBe('nosniff');
    expect((await app.inject('/favicon.ico')).statusCode).toBe(200);
  });

  it('a missing file is a 404, not the app; /api stays JSON', async () => {
    const r = await app.inject('/assets/missing-000.js');
    expect(r.statusCode).toBe(404);
    expect(r.body).not.toContain('<div id="root">');
    error(await app.inject('/api/missing'), 404, 'not-found');
    error(await app.inject({ method: 'POST', url: '/somewhere' }), 404, 'not-found');
  });

  it('without web/dist, / says in Chinese to run npm run build:web', async () => {
    const r = await bare.inject('/');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.body).toContain('npm run build:web');
    expect(r.body).toContain('还没有构建网页前端');
    expect((await bare.inject('/projects/1')).statusCode).toBe(404);
    expect((await bare.inject('/api/health')).statusCode).toBe(200);
  });

  it('serves the API docs page and its assets under the same CSP', async () => {
    let r = await app.inject('/api/docs');
    if (r.statusCode === 302) r = await app.inject(String(r.headers.location));
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.body).toContain('swagger-ui');
    expect(r.body).not.toMatch(/<script>(?!\s*<\/script>)/); // no inline script: the CSP allows only 'self'
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("img-src 'self' data:");
    const init = await app.inject('/api/docs/static/swagger-initializer.js');
    expect(init.statusCode).toBe(200);
    const spec = await app.inject('/api/docs/json');
    expect(spec.json()).toHaveProperty('paths./api/projects');
  });
});
