// One unit-year, however it is published, and one document however it is encoded, on both dialects:
// sample 000 (no year) and 002 (2024) publish the same unit 广州市技师学院. Importing 000 after 002
// asks for the year (needs-input, with 002's year and department proposed); accepted, the unit is one
// unit-year with two publications and every list shows its 16 projects once. The same table in
// GB18030 with CRLF, or with a BOM, is "unchanged", and the preview says so before anything is stored.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as s from '../../src/server/schemas.js';
import { importAll, importBytes, migrate } from '../../src/store/index.js';
import { encodeGb18030 } from '../helpers/gb18030.js';
import { SAMPLES, sampleFiles } from '../store/harness.js';
import { form, json, serverSuite } from './helpers.js';
import { loginAs, type AuthHeaders } from './auth-helpers.js';

const F000 = '000_df1d7dc7c09f411b.txt';
const F002 = '002_02da4d888feccc7a.txt';
const UNIT = '广州市技师学院';
const bytes = (f: string) => readFileSync(join(SAMPLES, f));

serverSuite('a table without a year', (app, store) => {
  let auth: AuthHeaders;
  beforeAll(async () => { auth = await loginAs(app(), { role: 'finance' }); });
  const post = (url: string, fd: FormData) => app().inject({ method: 'POST', url, payload: fd, headers: { ...auth } });

  it('is imported on its own when nothing stored matches, with its year missing', async () => {
    const r = await importBytes(store(), bytes('004_08daa9245e557faf.txt'), { file: '004.txt' });
    expect(r).toMatchObject({ status: 'imported', year: null, note: null });
  });

  it('the preview names what is missing and proposes the year and department of the stored publication of its unit', async () => {
    expect((await importBytes(store(), bytes(F002), { file: F002 })).status).toBe('imported');
    const [p] = json(await post('/api/import/preview', form([{ name: F000, content: bytes(F000) }])), s.importPreviewResponse);
    expect(p).toMatchObject({ ok: true, year: null, missing: ['year'], stored: null });
    expect(p!.proposal).toMatchObject({ year: 2024, department: null, from: { file: F002 }, units: [{ name: UNIT, projects: 16 }] });
    expect(p!.proposal!.note).toContain('16 个项目名称与金额完全一致');
    expect(p!.review).toMatchObject({ findings: expect.any(Number), score: expect.any(Number) });
    expect(p!.review!.findings).toBe(p!.review!.error + p!.review!.warning + p!.review!.info);
  });

  it('is not stored until the year is given or the proposal accepted', async () => {
    const [r] = json(await post('/api/import', form([{ name: F000, content: bytes(F000) }])), s.importResponse);
    expect(r).toMatchObject({ status: 'needs-input', missing: ['year'], proposal: { year: 2024 } });
    expect(json(await app().inject('/api/health'), s.healthResponse).documents).toBe(2);
    const bad = await app().inject({ method: 'POST', url: '/api/import?choices=not-json', payload: form([{ name: F000, content: bytes(F000) }]), headers: { ...auth } });
    expect(bad.statusCode).toBe(400);
  });

  it('accepted, the unit is one unit-year with two publications and its projects are listed once', async () => {
    const choices = encodeURIComponent(JSON.stringify({ [F000]: { acceptProposed: true } }));
    const [r] = json(await post(`/api/import?choices=${choices}`, form([{ name: F000, content: bytes(F000) }])), s.importResponse);
    expect(r).toMatchObject({ status: 'imported', year: 2024, department: '广州市人力资源和社会保障局' });
    expect(r!.note).toContain(F002);
    const versions = json(await app().inject(`/api/units?name=${encodeURIComponent(UNIT)}`), s.unitsResponse);
    // 002 prints its year and stays the latest: 000's year was only proposed (README: which publication is latest)
    expect(versions.map((v) => [v.year, v.version, v.latest])).toEqual([[2024, 1, true], [2024, 2, false]]);
    const listed = json(await app().inject(`/api/projects?unit=${encodeURIComponent(UNIT)}&limit=100`), s.projectsResponse);
    expect(listed.total).toBe(16);
    expect(new Set(listed.items.map((p) => p.name)).size).toBe(16);
    const hits = json(await app().inject(`/api/search?q=${encodeURIComponent(listed.items[0]!.name)}&in=projects`), s.searchResponse);
    expect(hits.hits.filter((h) => h.unit === UNIT && h.field === 'name')).toHaveLength(1);
    const o = json(await app().inject('/api/overview'), s.overviewResponse);
    expect(o.fundingByUnit.filter((u) => u.unit === UNIT)).toHaveLength(1);
  });

  it('re-encoded (GB18030 and CRLF, or a BOM) it is the same document: the preview says so and the import leaves it unchanged', async () => {
    const text = bytes(F000).toString('utf8');
    const variants = [
      { name: '000-gbk-crlf.txt', content: encodeGb18030(text.replace(/\n/g, '\r\n')) },
      { name: '000-bom.txt', content: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes(F000)]) },
    ];
    const preview = json(await post('/api/import/preview', form(variants)), s.importPreviewResponse);
    expect(preview.map((p) => p.stored?.file)).toEqual([F000, F000]);
    const done = json(await post('/api/import', form(variants)), s.importResponse);
    expect(done.map((d) => [d.status, d.storedFile])).toEqual([['unchanged', F000], ['unchanged', F000]]);
    expect(json(await app().inject('/api/health'), s.healthResponse).documents).toBe(3);
  });
});

serverSuite('the bundled samples as npm start imports them', (app, store) => {
  it('give 000 the year and department of 002 with a note, so every project is listed once', async () => {
    const outcomes = await importAll(store(), sampleFiles().map((f) => ({ file: f, bytes: bytes(f) })), { acceptProposed: true });
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'imported', 'imported', 'imported', 'imported']);
    expect(outcomes[0]).toMatchObject({ year: 2024, department: '广州市人力资源和社会保障局' });
    const all = json(await app().inject('/api/projects?limit=500'), s.projectsResponse);
    const keys = all.items.map((p) => `${p.unit.name}/${p.name}/${p.amounts.total}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(all.items.filter((p) => p.unit.name === UNIT)).toHaveLength(16);
    // a second migrate run changes nothing, and the stored content hashes find the same documents
    expect(await migrate(store())).toEqual([]);
    expect((await importBytes(store(), encodeGb18030(bytes(F002).toString('utf8')), { file: 'again.txt' })).status).toBe('unchanged');
  });

  it('year=none selects the tables that print no year, on every list', async () => {
    const all = json(await app().inject('/api/projects?limit=500'), s.projectsResponse);
    const undated = all.items.filter((p) => p.year === null);
    expect(undated.length).toBeGreaterThan(0);
    const none = json(await app().inject('/api/projects?year=none&limit=500'), s.projectsResponse);
    expect(none.items.map((p) => p.id)).toEqual(undated.map((p) => p.id));
    const o = json(await app().inject('/api/overview?year=none'), s.overviewResponse);
    expect(o.totals.projects).toBe(undated.length);
    expect(o.fundingByUnit.every((u) => u.year === null)).toBe(true);
    expect(o.totals.funding).toBeCloseTo(undated.reduce((a, p) => a + p.amounts.total, 0), 2);
    const f = json(await app().inject('/api/findings?year=2024&limit=500'), s.findingsResponse);
    const units2024 = new Set(all.items.filter((p) => p.year === 2024).map((p) => p.unit.name));
    expect(f.items.length).toBeGreaterThan(0);
    expect(f.items.every((x) => x.unit === null || units2024.has(x.unit))).toBe(true);
    const dep = json(await app().inject(`/api/findings?department=${encodeURIComponent('广州番禺职业技术学院')}&limit=500`), s.findingsResponse);
    expect(new Set(dep.items.map((x) => x.unit))).toEqual(new Set(['广州番禺职业技术学院']));
    const ind = json(await app().inject('/api/indicators?year=none&limit=1'), s.indicatorsResponse);
    expect(ind.total).toBe(undated.reduce((a, p) => a + p.indicatorCount, 0));
    expect((await app().inject('/api/projects?year=1800')).statusCode).toBe(400);
  });

  it('q lists each project once with every place the text occurs, and filters still apply', async () => {
    const r = json(await app().inject(`/api/projects?q=${encodeURIComponent('运维')}&limit=500`), s.projectsResponse);
    const hits = json(await app().inject(`/api/search?q=${encodeURIComponent('运维')}&in=all&limit=1000`), s.searchResponse);
    expect(r.total).toBe(new Set(hits.hits.map((h) => h.projectId)).size);
    expect(r.total).toBeLessThan(hits.total);
    for (const p of r.items) {
      expect(p.matches!.length).toBeGreaterThan(0);
      expect(p.matches!.every((m) => m.text.includes('运维'))).toBe(true);
    }
    const sat = json(await app().inject(`/api/projects?q=${encodeURIComponent('满意')}&limit=5`), s.projectsResponse);
    expect(sat.items.some((p) => p.matches!.some((m) => m.field === 'indicator'))).toBe(true);
    const narrowed = json(await app().inject(`/api/projects?q=${encodeURIComponent('运维')}&year=2024&limit=500`), s.projectsResponse);
    expect(narrowed.items.map((p) => p.id)).toEqual(r.items.filter((p) => p.year === 2024).map((p) => p.id));
  });

  it('a project page lists the project in its unit\'s other publications, and the one whose year was proposed says where it came from', async () => {
    const [p] = json(await app().inject(`/api/projects?unit=${encodeURIComponent(UNIT)}&limit=1`), s.projectsResponse).items;
    const d = json(await app().inject(`/api/projects/${p!.id}`), s.projectDetailResponse);
    expect(d.documentInfo).toMatchObject({ file: F002, year: 2024, yearSource: 'printed', note: null });
    expect(d.versions.map((v) => [v.year, v.unit.version, v.document.file])).toEqual([[2024, 2, F000]]);
    const other = json(await app().inject(`/api/projects/${d.versions[0]!.id}`), s.projectDetailResponse);
    expect(other.documentInfo).toMatchObject({ file: F000, year: 2024, yearSource: 'proposed' });
    expect(other.documentInfo.note).toContain(F002);
  });
});

