// The cut-out of the page a project was read from: a PDF project's detail carries its box (page and
// region, in PDF points) and GET /api/documents/:id/source serves the stored PDF's bytes unchanged;
// a text document has no PDF, so its source is a 404 in the API's error shape. SQLite and PostgreSQL.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import * as s from '../../src/server/schemas.js';
import { importBytes } from '../../src/store/index.js';
import { realDir } from '../helpers/real-pdf.js';
import { SAMPLES } from '../store/harness.js';
import { error, json, serverSuite } from './helpers.js';

const REAL = realDir();
const PDF = '001_gz_zsj_2026_xmzc.pdf';
if (!REAL) console.log('source: ../shared/real not found, the PDF cut-out tests are skipped');

serverSuite('the source PDF of a document', (app, store) => {
  const get = (url: string, headers: Record<string, string> = {}) => app().inject({ method: 'GET', url, headers });

  it.skipIf(!REAL)('a PDF project has the box it was read from, and its document serves the same bytes as application/pdf', async () => {
    const bytes = readFileSync(join(REAL!, PDF));
    const r = await importBytes(store(), bytes, { file: PDF });
    expect(r.status).toBe('imported');
    const documentId = (r as { documentId: number }).documentId;
    const list = json(await get(`/api/projects?limit=500&latestOnly=false`), s.projectsResponse);
    const mine = list.items.filter((p) => p.document.id === documentId);
    expect(mine.length).toBeGreaterThan(10);
    const pages = new Set<number>();
    for (const p of mine.slice(0, 40)) {
      const d = json(await get(`/api/projects/${p.id}`), s.projectDetailResponse);
      expect(d.documentInfo.layout).toBe('pdf');
      expect(d.box, d.name).not.toBeNull();
      expect(d.box!.page).toBeGreaterThanOrEqual(1);
      expect(d.box!.w).toBeGreaterThan(0);
      expect(d.box!.h).toBeGreaterThan(0);
      pages.add(d.box!.page);
    }
    // the projects of a 12-page table are not all on one page
    expect(pages.size).toBeGreaterThan(1);

    const src = await get(`/api/documents/${documentId}/source`);
    expect(src.statusCode).toBe(200);
    expect(src.headers['content-type']).toBe('application/pdf');
    expect(src.headers['cache-control']).toMatch(/max-age=\d{7,}/);
    expect(Buffer.compare(src.rawPayload, bytes)).toBe(0);
    // revalidation of bytes the client already has
    expect((await get(`/api/documents/${documentId}/source`, { 'if-none-match': String(src.headers['etag']) })).statusCode).toBe(304);
  }, 120_000);

  it('a text document has no PDF (404), a missing document is a 404, a bad id a 400, an unknown parameter a 400', async () => {
    const f = '002_02da4d888feccc7a.txt';
    const r = await importBytes(store(), readFileSync(join(SAMPLES, f)), { file: f });
    expect(r.status).toBe('imported');
    const documentId = (r as { documentId: number }).documentId;
    error(await get(`/api/documents/${documentId}/source`), 404, 'no-pdf');
    const p = json(await get(`/api/projects?limit=500&latestOnly=false`), s.projectsResponse).items.find((x) => x.document.id === documentId)!;
    expect(json(await get(`/api/projects/${p.id}`), s.projectDetailResponse).box).toBeNull();
    error(await get('/api/documents/999999/source'), 404, 'not-found');
    error(await get('/api/documents/abc/source'), 400);
    error(await get(`/api/documents/${documentId}/source?page=1`), 400);
  });
  // both tests read the same list right after importing straight into the store, which the read cache
  // sees only at its next check (CHECK_MS); what is tested here is the source, not the cache
}, { seed: false, server: { cache: false } });
