// Uploads on both dialects: preview stores nothing; import stores each file once; the file-type check
// (binary 415, empty or no table 422), the size limit (413) and the file count limit (413) reject a
// request before anything is stored; names that are HTML or SQL are stored and returned as plain text.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import * as s from '../../src/server/schemas.js';
import { SAMPLES } from '../store/harness.js';
import { loginAs, type AuthHeaders } from './auth-helpers.js';
import { error, form, INJECTION_UNIT, injectionTable, json, NO_WEB, SCRIPT_NAME, serverSuite, SQL_NAME } from './helpers.js';

const F004 = '004_08daa9245e557faf.txt';
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), randomBytes(2000)]);

serverSuite('uploads', (app, store) => {
  // importing is the bureau's job: the uploads are made as a finance account
  let auth: AuthHeaders;
  beforeAll(async () => { auth = await loginAs(app(), { role: 'finance' }); });
  const post = (url: string, payload: FormData | string, headers: Record<string, string> = {}) => app().inject({ method: 'POST', url, payload, headers: { ...auth, ...headers } });
  const documents = async () => json(await app().inject('/api/health'), s.healthResponse).documents;

  describe('POST /api/import/preview', () => {
    it('reads each file and stores nothing', async () => {
      const r = json(await post('/api/import/preview', form([
        { name: 'table.txt', content: injectionTable() },
        { name: F004, content: readFileSync(join(SAMPLES, F004)) },
        { name: 'image.png', content: PNG },
      ])), s.importPreviewResponse);
      expect(r).toHaveLength(3);
      expect(r[0]).toMatchObject({
        file: 'table.txt', ok: true, layout: 'tabular-text', department: '测试局', units: [{ name: INJECTION_UNIT, projects: 2 }], projects: 2, indicators: 2,
      });
      expect(r[0]!.error).toBeUndefined();
      expect(r[1]).toMatchObject({ file: F004, ok: true, layout: 'flowed-text', projects: 10 });
      expect(r[1]!.diagnostics.length).toBeGreaterThan(0);
      expect(r[1]!.diagnostics[0]).toHaveProperty('line');
      expect(r[2]).toMatchObject({ file: 'image.png', ok: false, layout: null, projects: 0 });
      expect(r[2]!.error).toContain('image.png');
      expect(r[2]!.diagnostics.map((d) => d.code)).toContain('input-binary');
      expect(await documents()).toBe(0);
    });
  });

  describe('POST /api/import', () => {
    it('imports a table whose names are HTML and SQL, and returns them as plain JSON strings', async () => {
      const r = json(await post('/api/import', form([{ name: 'injection.txt', content: injectionTable() }])), s.importResponse);
      expect(r).toEqual([{ file: 'injection.txt', status: 'imported', documentId: expect.any(Number), units: 1, projects: 2, indicators: 2, year: 2024, department: '测试局', note: null }]);
      const page = await app().inject(`/api/projects?unit=${encodeURIComponent(INJECTION_UNIT)}`);
      const projects = json(page, s.projectsResponse);
      expect(projects.items.map((p) => p.name)).toEqual([SCRIPT_NAME, SQL_NAME]);
      expect(projects.items[0]!.unit.name).toBe(INJECTION_UNIT);
      // JSON, never HTML: the browser gets a string to put in a text node
      expect(page.headers['content-type']).toMatch(/^application\/json/);
      expect(page.body).toContain(JSON.stringify(SCRIPT_NAME));
      // the projects table is still there, and only this document's rows were added
      expect(json(await app().inject('/api/projects'), s.projectsResponse).total).toBe(2);
      const detail = json(await app().inject(`/api/projects/${projects.items[1]!.id}`), s.projectDetailResponse);
      expect(detail.name).toBe(SQL_NAME);
      // searchable as text
      for (const q of [SCRIPT_NAME, SQL_NAME, '<script>', 'drop table']) {
        const hits = json(await app().inject(`/api/search?q=${encodeURIComponent(q)}&in=projects`), s.searchResponse);
        expect(hits.hits.map((h) => h.project), q).toContain(q.startsWith('<') ? SCRIPT_NAME : SQL_NAME);
      }
      const rows = await store().db.selectFrom('projects').select('name').execute();
      expect(rows.map((x) => x.name).sort()).toEqual([SCRIPT_NAME, SQL_NAME].sort());
      // the report escapes them
      const report = await app().inject(`/api/documents/${r[0]!.documentId}/report`);
      expect(report.body).not.toContain(SCRIPT_NAME);
      expect(report.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    });

    it('the same bytes again are unchanged; a sample is imported beside it', async () => {
      const r = json(await post('/api/import', form([
        { name: 'again.txt', content: injectionTable() },
        { name: F004, content: readFileSync(join(SAMPLES, F004)) },
      ])), s.importResponse);
      expect(r[0]).toMatchObject({ file: 'again.txt', status: 'unchanged' });
      expect(r[1]).toMatchObject({ file: F004, status: 'imported', projects: 10 });
      expect(await documents()).toBe(2);
    });

    it('keeps only the base name of an uploaded file', async () => {
      const r = json(await post('/api/import/preview', form([{ name: '../../etc/年度\\表.txt', content: injectionTable('另一个局') }])), s.importPreviewResponse);
      expect(r[0]!.file).toBe('表.txt');
    });
  });

  describe('the file-type check', () => {
    it('a binary file is 415 naming it, and nothing is stored', async () => {
      const before = await documents();
      const e = error(await post('/api/import', form([{ name: 'scan.pdf', content: PNG }])), 415, 'not-text');
      expect(e.message).toContain('scan.pdf');
      expect(e.message).toContain('不是文本');
      expect(await documents()).toBe(before);
    });

    it('an empty file or text without a table is 422', async () => {
      const before = await documents();
      expect(error(await post('/api/import', form([{ name: 'empty.txt', content: '' }])), 422, 'empty').message).toContain('empty.txt');
      expect(error(await post('/api/import', form([{ name: 'notes.txt', content: '会议纪要\n今天讨论了预算。\n' }])), 422, 'no-table').message).toContain('notes.txt');
      expect(await documents()).toBe(before);
    });

    it('one rejected file rejects the whole batch: the good file is not stored either', async () => {
      const before = await documents();
      const e = error(await post('/api/import', form([
        { name: 'good.txt', content: injectionTable('好局') },
        { name: 'bad.bin', content: PNG },
        { name: 'blank.txt', content: '   \n\n' },
      ])), 415, 'files-rejected');
      expect(e.message).toContain('bad.bin');
      expect(e.message).toContain('blank.txt');
      expect(e.message).toContain('未导入任何文件');
      expect(e.issues?.map((i) => i.field)).toEqual(['bad.bin', 'blank.txt']);
      expect(await documents()).toBe(before);
    });
  });

  describe('request checks', () => {
    it('more than 20 files is 413', async () => {
      const files = Array.from({ length: 21 }, (_, i) => ({ name: `t${i}.txt`, content: injectionTable(`局${i}`) }));
      const before = await documents();
      expect(error(await post('/api/import', form(files)), 413, 'too-many-files').message).toContain('20');
      expect(await documents()).toBe(before);
    });

    it('a request that is not multipart is 415; a file in another field 400; no file 400', async () => {
      error(await post('/api/import', JSON.stringify({ files: ['x'] }), { 'content-type': 'application/json' }), 415, 'not-multipart');
      error(await post('/api/import/preview', 'files=x', { 'content-type': 'application/x-www-form-urlencoded' }), 415);
      expect(error(await post('/api/import', form([{ name: 'a.txt', content: injectionTable(), field: 'upload' }])), 400, 'invalid').message).toContain('files');
      error(await post('/api/import', form([], { note: 'no file' })), 400, 'no-files');
    });
  });
});

serverSuite('upload size limit', (app, store) => {
  let auth: AuthHeaders;
  beforeAll(async () => { auth = await loginAs(app(), { role: 'finance' }); });
  it('a file over the configured limit is 413 naming it, and nothing is stored', async () => {
    const big = injectionTable() + '\n'.repeat(3000);
    const r = await app().inject({ method: 'POST', url: '/api/import', payload: form([{ name: 'big.txt', content: big }]), headers: { ...auth } });
    const e = error(r, 413, 'file-too-large');
    expect(e.message).toContain('big.txt');
    expect(e.message).toContain('2 KB');
    const n = await store().db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
    // under it is fine
    json(await app().inject({ method: 'POST', url: '/api/import/preview', payload: form([{ name: 'small.txt', content: injectionTable() }]), headers: { ...auth } }), s.importPreviewResponse);
  });
}, { server: { uploadLimit: 2048 } });

describe('the default upload limit', () => {
  let app: FastifyInstance;
  let auth: AuthHeaders;
  beforeAll(async () => {
    const { freshStore } = await import('../store/harness.js');
    const { migrate } = await import('../../src/store/index.js');
    const store = freshStore('sqlite');
    await migrate(store);
    app = await buildServer({ store, logger: false, webDir: NO_WEB });
    app.addHook('onClose', () => store.close());
    auth = await loginAs(app, { role: 'admin' });
  });
  afterAll(async () => { await app?.close(); });

  it('is 10 MB', async () => {
    const line = `${'说明文字'.repeat(25)}\n`;
    const over = Buffer.from(line.repeat(Math.ceil((10 * 1024 * 1024 + 1) / Buffer.byteLength(line))));
    const e = error(await app.inject({ method: 'POST', url: '/api/import/preview', payload: form([{ name: 'huge.txt', content: over }]), headers: { ...auth } }), 413, 'file-too-large');
    expect(e.message).toContain('10 MB');
  });
});
