// The JSON API over the five samples, on SQLite and PostgreSQL: every route with good input (each answer
// validated against its schema and checked against counts read from the samples), bad input (wrong
// types, unknown ids, unknown parameters), injection strings, the OpenAPI document and the headers.
import { describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/index.js';
import * as s from '../../src/server/schemas.js';
import { migrate } from '../../src/store/index.js';
import { freshStore } from '../store/harness.js';
import { error, json, NO_WEB, serverSuite } from './helpers.js';
import { loginAs } from './auth-helpers.js';
import { PERMISSIONS } from '../../src/server/permissions.js';

// read from the samples (see test/store/queries.test.ts and `jixiao import`)
const DOCUMENTS = 5;
const UNITS = 21;
const PROJECTS = 339;
const INDICATORS = 1790; // in projects (four more are orphans)
const F000 = '000_df1d7dc7c09f411b.txt';
const F002 = '002_02da4d888feccc7a.txt';

const INJECTIONS = [
  "'; drop table projects; --",
  "' or '1'='1",
  '" or 1=1 --',
  '<script>alert(1)</script>',
  '%_\\',
  '满意"度',
  'x) union select * from documents --',
];

serverSuite('API', (app, store) => {
  const get = (url: string) => app().inject({ method: 'GET', url });

  describe('GET /api/health', () => {
    it('says which database and how many documents', async () => {
      const h = json(await get('/api/health'), s.healthResponse);
      expect(h).toEqual({ ok: true, dialect: store().dialect, documents: DOCUMENTS });
    });
  });

  describe('GET /api/overview', () => {
    it('counts the latest versions and sums their funding', async () => {
      const o = json(await get('/api/overview'), s.overviewResponse);
      expect(o.totals).toMatchObject({ documents: DOCUMENTS, units: UNITS, projects: PROJECTS, indicators: INDICATORS });
      expect(o.fundingByUnit).toHaveLength(UNITS);
      const sumUnits = o.fundingByUnit.reduce((a, u) => a + u.total, 0);
      const sources = o.fundingBySource;
      expect(sumUnits).toBeCloseTo(sources.fiscal + sources.specialAccount + sources.other + sources.unplaced, 2);
      for (const u of o.fundingByUnit) expect(u.total).toBeCloseTo(u.fiscal + u.specialAccount + u.other + u.unplaced, 2);
      expect(o.indicatorMix.reduce((a, m) => a + m.count, 0)).toBe(INDICATORS);
      expect(o.indicatorMix.find((m) => m.level2Code === '31')).toMatchObject({ level1Code: '3', level1Name: '满意度指标', level2Name: '服务对象满意度' });
      expect(o.targetKinds.reduce((a, k) => a + k.count, 0)).toBe(INDICATORS);
      expect(o.quantifiedShare).toBeGreaterThan(0.8);
      expect(o.quantifiedShare).toBeLessThanOrEqual(1);
      expect(o.findingsByRule.reduce((a, r) => a + r.count, 0)).toBe(o.totals.findings);
      expect(o.findingsByRule.find((r) => r.rule === 'arithmetic-unit')).toMatchObject({ title: '单位金额等于所属项目之和', severity: 'error' });
      const byUnit = o.findingsByUnit.reduce((a, u) => a + u.error + u.warning + u.info, 0);
      expect(byUnit).toBeLessThanOrEqual(o.totals.findings);
    });

    it('filters by year and department', async () => {
      const y = json(await get('/api/overview?year=2024'), s.overviewResponse);
      expect(y.totals).toMatchObject({ documents: 1, units: 17, projects: 258 });
      const d = json(await get(`/api/overview?department=${encodeURIComponent('广州番禺职业技术学院')}`), s.overviewResponse);
      expect(d.totals).toMatchObject({ documents: 1, units: 1, projects: 23 });
      const none = json(await get(`/api/overview?department=${encodeURIComponent('没有这个部门')}`), s.overviewResponse);
      expect(none.totals).toEqual({ documents: 0, units: 0, projects: 0, indicators: 0, findings: 0, funding: 0 });
      expect(none.quantifiedShare).toBe(0);
    });

    it('rejects a year that is not a number, naming the field', async () => {
      const e = error(await get('/api/overview?year=abc'), 400, 'invalid');
      expect(e.message).toContain('年度');
      expect(e.issues?.[0]?.field).toBe('year');
    });
  });

  describe('GET /api/projects', () => {
    it('pages through the latest projects in document order', async () => {
      const p = json(await get('/api/projects'), s.projectsResponse);
      expect(p.total).toBe(PROJECTS);
      expect(p.items).toHaveLength(50);
      const ids = p.items.map((i) => i.id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      const next = json(await get('/api/projects?limit=50&offset=50'), s.projectsResponse);
      expect(next.items[0]!.id).toBeGreaterThan(ids.at(-1)!);
    });

    it('takes every filter and sort of listProjects as query parameters', async () => {
      const sorted = json(await get('/api/projects?sort=total&order=desc&limit=20'), s.projectsResponse);
      const totals = sorted.items.map((i) => i.amounts.total);
      expect(totals).toEqual([...totals].sort((a, b) => b - a));
      const y = json(await get('/api/projects?year=2024&limit=1'), s.projectsResponse);
      expect(y.total).toBe(258);
      const file = json(await get(`/api/projects?unit=${encodeURIComponent('广州市技师学院')}&limit=500`), s.projectsResponse);
      expect(new Set(file.items.map((i) => i.unit.name))).toEqual(new Set(['广州市技师学院']));
      const range = json(await get('/api/projects?min=100&max=200&limit=500'), s.projectsResponse);
      for (const i of range.items) expect(i.amounts.total >= 100 && i.amounts.total <= 200).toBe(true);
      // repeated and comma-separated lists are the same
      const a = json(await get('/api/projects?has=3&has=13'), s.projectsResponse);
      const b = json(await get('/api/projects?has=3,13'), s.projectsResponse);
      expect(a.total).toBe(b.total);
      expect(a.total).toBeGreaterThan(0);
      const missing = json(await get('/api/projects?missing=3'), s.projectsResponse);
      expect(missing.total + json(await get('/api/projects?has=3'), s.projectsResponse).total).toBe(PROJECTS);
      const src = json(await get('/api/projects?source=other&limit=500'), s.projectsResponse);
      for (const i of src.items) expect(i.amounts.other).toBeGreaterThan(0);
      const withF = json(await get('/api/projects?findings=true'), s.projectsResponse);
      const withoutF = json(await get('/api/projects?findings=false'), s.projectsResponse);
      expect(withF.total + withoutF.total).toBe(PROJECTS);
      const rule = json(await get('/api/projects?rule=dimension-coverage&severity=error&limit=500'), s.projectsResponse);
      expect(rule.total).toBeGreaterThan(0);
      for (const i of rule.items) expect(i.findingCount).toBeGreaterThan(0);
      const all = json(await get('/api/projects?latestOnly=false'), s.projectsResponse);
      expect(all.total).toBe(PROJECTS); // no unit has a second version in the samples
    });

    it('answers bad parameters with 400 naming the field', async () => {
      for (const [q, field] of [['limit=abc', 'limit'], ['limit=0', 'limit'], ['limit=501', 'limit'], ['offset=-1', 'offset'], ['offset=1.5', 'offset'],
        ['year=二〇二四', 'year'], ['min=lots', 'min'], ['sort=price', 'sort'], ['order=up', 'order'], ['severity=fatal', 'severity'],
        ['findings=maybe', 'findings'], ['source=cash', 'source']] as const) {
        const e = error(await get(`/api/projects?${q}`), 400, 'invalid');
        expect(e.issues?.some((i) => i.field === field || i.field.startsWith(`${field}.`)), q).toBe(true);
        expect(e.message, q).toContain(`（${field}`);
      }
      // zod's issues in natural Chinese, not its locale's `期望 number <=500`
      expect(error(await get('/api/projects?limit=501'), 400, 'invalid').message).toContain('：应为不大于 500 的数');
      const unknown = error(await get('/api/projects?colour=red'), 400, 'invalid');
      expect(unknown.message).toContain('colour');
      // checked by the store's own query validation
      expect(error(await get('/api/projects?rule=no-such-rule'), 400, 'invalid').message).toContain('审核规则');
      expect(error(await get('/api/projects?has=99'), 400, 'invalid').message).toContain('指标');
      expect(error(await get('/api/projects?min=10&max=5'), 400, 'invalid').message).toContain('最低金额大于最高金额');
    });
  });

  describe('GET /api/projects/:id', () => {
    it('returns one project with its indicators, findings, excerpt and document', async () => {
      const first = json(await get(`/api/projects?unit=${encodeURIComponent('广州市技师学院')}&limit=1`), s.projectsResponse).items[0]!;
      const p = json(await get(`/api/projects/${first.id}`), s.projectDetailResponse);
      expect(p.id).toBe(first.id);
      expect(p.name).toBe(first.name);
      expect(p.indicators.length).toBe(p.indicatorCount);
      expect(p.indicators[0]!.period.raw).toBeTypeOf('string');
      expect(p.excerpt?.lines.join('\n')).toContain(p.name.slice(0, 6));
      expect([F000, F002]).toContain(p.documentInfo.file);
    });

    it('404 for an id that is not there; 400 for one that is not an id', async () => {
      expect(error(await get('/api/projects/99999999'), 404, 'not-found').message).toContain('99999999');
      for (const bad of ['abc', '0', '-3', '1.5', '1e400', "1'%20or%20'1'='1"]) {
        const e = error(await get(`/api/projects/${bad}`), 400, 'invalid');
        expect(e.issues?.[0]?.field, bad).toBe('id');
      }
    });
  });

  describe('GET /api/search', () => {
    it('finds projects and indicators, ranked, with highlights', async () => {
      const r = json(await get(`/api/search?q=${encodeURIComponent('满意')}&limit=5`), s.searchResponse);
      expect(r.total).toBeGreaterThan(100);
      expect(r.hits).toHaveLength(5);
      for (const h of r.hits) expect(h.highlight.filter((x) => x.match).map((x) => x.text).join('')).toContain('满意');
      const scores = r.hits.map((h) => h.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      const projects = json(await get(`/api/search?q=${encodeURIComponent('运维')}&in=projects&limit=3&offset=1`), s.searchResponse);
      for (const h of projects.hits) expect(h.kind).toBe('project');
    });

    it('400 for a missing, empty or over-long query and a bad scope', async () => {
      expect(error(await get('/api/search'), 400, 'invalid').issues?.[0]?.field).toBe('q');
      error(await get('/api/search?q=%20%20'), 400, 'invalid');
      error(await get(`/api/search?q=${'长'.repeat(201)}`), 400, 'invalid');
      expect(error(await get('/api/search?q=a&in=everything'), 400, 'invalid').issues?.[0]?.field).toBe('in');
      expect(error(await get('/api/search?q=a&limit=abc'), 400, 'invalid').issues?.[0]?.field).toBe('limit');
    });

    it('a bad percent-escape in the query string is 400 bad-url naming the parameter, not an empty 200', async () => {
      for (const [url, field] of [['/api/search?q=%ff', 'q'], ['/api/search?q=%zz', 'q'], ['/api/search?q=%E4%B8', 'q'], ['/api/search?q=a&in=%', 'in'],
        ['/api/projects?unit=%ff', 'unit'], ['/api/projects?limit=5&unit=%C3%28', 'unit']] as const) {
        const e = error(await get(url), 400, 'bad-url');
        expect(e.issues?.[0]?.field, url).toBe(field);
        expect(e.message, url).toContain(`（${field}）`);
      }
      expect(error(await get('/api/projects?%ff=1'), 400, 'bad-url').message).toContain('参数名 %ff');
      // a good escape, and `+` for a space, still read as before
      json(await get(`/api/search?q=${encodeURIComponent('运维')}+${encodeURIComponent('系统')}`), s.searchResponse);
    });

    it('treats SQL and HTML in the query as text', async () => {
      for (const q of INJECTIONS) {
        const r = await get(`/api/search?q=${encodeURIComponent(q)}`);
        expect(r.statusCode, q).toBe(200);
        json(r, s.searchResponse);
      }
      // nothing was executed: everything is still there
      expect(json(await get('/api/projects?limit=1'), s.projectsResponse).total).toBe(PROJECTS);
      expect(json(await get('/api/health'), s.healthResponse).documents).toBe(DOCUMENTS);
    });
  });

  describe('GET /api/indicators', () => {
    it('lists indicators with facets and the distribution of their annual targets', async () => {
      const all = json(await get('/api/indicators'), s.indicatorsResponse);
      expect(all.total).toBe(INDICATORS);
      expect(all.items).toHaveLength(50);
      expect(all.facets.level1.reduce((a, f) => a + f.count, 0)).toBe(INDICATORS);
      const sat = json(await get(`/api/indicators?q=${encodeURIComponent('满意度')}&limit=500`), s.indicatorsResponse);
      expect(sat.total).toBeGreaterThan(100);
      for (const i of sat.items) expect(i.name).toContain('满意度');
      expect(sat.distribution.unit).toBe('%');
      expect(sat.distribution.buckets.reduce((a, b) => a + b.count, 0)).toBeGreaterThan(100);
      const ninety = sat.distribution.buckets.find((b) => b.label === '90%');
      expect(ninety?.count).toBeGreaterThan(50);
    });

    it('filters by level, unit and kind; a facet ignores its own filter', async () => {
      const l3 = json(await get('/api/indicators?level1=3&limit=500'), s.indicatorsResponse);
      for (const i of l3.items) expect(i.level1Code).toBe('3');
      expect(l3.facets.level1.map((f) => f.code)).toEqual(expect.arrayContaining(['1', '2', '3']));
      expect(l3.facets.level1.find((f) => f.code === '3')!.count).toBe(l3.total);
      const l13 = json(await get('/api/indicators?level2=13&limit=1'), s.indicatorsResponse);
      expect(l13.items[0]!.level2Code).toBe('13');
      const unit = json(await get(`/api/indicators?unit=${encodeURIComponent('广州市技师学院')}&limit=1`), s.indicatorsResponse);
      expect(unit.facets.unit.length).toBeGreaterThan(1);
      expect(unit.items[0]!.unit).toBe('广州市技师学院');
      const q = json(await get('/api/indicators?kind=qualitative&limit=500'), s.indicatorsResponse);
      for (const i of q.items) expect(i.annual.kind).toBe('qualitative');
    });

    it('400 for bad filters; injection strings are text', async () => {
      expect(error(await get('/api/indicators?level1=x'), 400, 'invalid').issues?.[0]?.field).toBe('level1');
      expect(error(await get('/api/indicators?kind=big'), 400, 'invalid').issues?.[0]?.field).toBe('kind');
      expect(error(await get('/api/indicators?limit=-1'), 400, 'invalid').issues?.[0]?.field).toBe('limit');
      for (const q of INJECTIONS) {
        const r = json(await get(`/api/indicators?q=${encodeURIComponent(q)}`), s.indicatorsResponse);
        expect(r.total, q).toBe(0);
      }
      const pct = json(await get('/api/indicators?q=%25'), s.indicatorsResponse); // a literal % matches names with %, not everything
      expect(pct.total).toBeLessThan(INDICATORS);
    });
  });

  describe('scores by dimension, the gate and the order of findings', () => {
    const RANK: Record<string, number> = { error: 3, warning: 2, info: 1 };
    const PROSE = '广州市劳动人事争议仲裁院2024-2025年信息化运维项目';

    it('a project carries its score by dimension and, when it cannot be monitored, the gate and why', async () => {
      const list = json(await get(`/api/projects?limit=50&unit=${encodeURIComponent('广州市劳动人事争议仲裁院')}`), s.projectsResponse);
      const id = list.items.find((i) => i.name === PROSE)!.id;
      const p = json(await get(`/api/projects/${id}`), s.projectDetailResponse);
      expect(p.dimensions!.map((d) => [d.label, d.max])).toEqual([['完整性', 30], ['相关性', 30], ['适当性', 20], ['可行性', 20]]);
      expect(p.score).toBeLessThanOrEqual(79.9);
      expect(p.grade).toBe('中');
      expect(p.gate.map((g) => g.code)).toEqual(['no-structured-indicators']);
      expect(p.findings.map((f) => [f.rule, f.dimensions])).toEqual([['indicators-prose', ['completeness']]]);
      const docs = json(await get('/api/documents'), s.documentsResponse);
      const d002 = docs.find((d) => d.file === F002)!;
      expect(d002.gated).toBeGreaterThan(0);
      expect(d002.dimensions!.reduce((a, x) => a + x.score, 0)).toBeGreaterThanOrEqual(d002.score!);
    });

    it('lists findings errors first by default and in document order with order=document', async () => {
      const sev = json(await get('/api/findings?limit=500'), s.findingsResponse);
      const ranks = sev.items.map((f) => RANK[f.severity]!);
      expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
      const doc = json(await get('/api/findings?limit=500&order=document'), s.findingsResponse);
      const keys = doc.items.map((f) => [f.documentId, f.id] as const);
      expect(keys).toEqual([...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
      expect(doc.total).toBe(sev.total);
      error(await get('/api/findings?order=random'), 400, 'invalid');
    });

    it('orders a project’s findings the same way', async () => {
      const list = json(await get('/api/projects?sort=findings&order=desc&limit=1'), s.projectsResponse);
      const id = list.items[0]!.id;
      const sev = json(await get(`/api/projects/${id}`), s.projectDetailResponse).findings;
      const doc = json(await get(`/api/projects/${id}?order=document`), s.projectDetailResponse).findings;
      expect(sev.map((f) => RANK[f.severity])).toEqual(sev.map((f) => RANK[f.severity]!).sort((a, b) => b - a));
      expect([...sev].sort((a, b) => a.id - b.id)).toEqual([...doc].sort((a, b) => a.id - b.id));
      expect(doc.map((f) => f.line ?? 0)).toEqual(doc.map((f) => f.line ?? 0).sort((a, b) => a - b));
    });
  });

  describe('GET /api/findings', () => {
    it('lists findings with counts by rule', async () => {
      const all = json(await get('/api/findings'), s.findingsResponse);
      expect(all.total).toBeGreaterThan(500);
      expect(all.byRule.reduce((a, r) => a + r.count, 0)).toBe(all.total);
      const o = json(await get('/api/overview'), s.overviewResponse);
      expect(all.total).toBe(o.totals.findings);
      const errors = json(await get('/api/findings?severity=error&limit=500'), s.findingsResponse);
      for (const f of errors.items) expect(f.severity).toBe('error');
      const rule = json(await get('/api/findings?rule=arithmetic-unit'), s.findingsResponse);
      expect(rule.items.every((f) => f.rule === 'arithmetic-unit')).toBe(true);
      expect(rule.byRule.length).toBeGreaterThan(1); // the rule filter is not applied to byRule
      expect(rule.items[0]!.message).toContain('50.10');
      const cat = json(await get('/api/findings?category=arithmetic&limit=500'), s.findingsResponse);
      for (const f of cat.items) expect(f.category).toBe('arithmetic');
      const unit = json(await get(`/api/findings?unit=${encodeURIComponent('广州科技贸易职业学院')}&limit=500`), s.findingsResponse);
      for (const f of unit.items) expect(f.unit).toBe('广州科技贸易职业学院');
      const page = json(await get('/api/findings?limit=2&offset=2'), s.findingsResponse);
      expect(page.items.map((f) => f.id)).toEqual(all.items.slice(2, 4).map((f) => f.id));
    });

    it('400 for a bad severity or category', async () => {
      expect(error(await get('/api/findings?severity=bad'), 400, 'invalid').issues?.[0]?.field).toBe('severity');
      expect(error(await get('/api/findings?category=勾稽'), 400, 'invalid').issues?.[0]?.field).toBe('category');
    });
  });

  describe('GET /api/documents and the report', () => {
    it('lists the documents with their units', async () => {
      const docs = json(await get('/api/documents'), s.documentsResponse);
      expect(docs.map((d) => d.file)).toHaveLength(DOCUMENTS);
      expect(docs.reduce((a, d) => a + d.projectCount, 0)).toBe(PROJECTS);
      expect(docs.find((d) => d.file === F002)!.units).toHaveLength(17);
    });

    it('renders a document\'s review report as HTML with its own CSP', async () => {
      const docs = json(await get('/api/documents'), s.documentsResponse);
      const d = docs.find((x) => x.file === F000)!;
      const r = await get(`/api/documents/${d.id}/report`);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      expect(s.reportResponse.safeParse(r.body).success).toBe(true);
      expect(r.body).toMatch(/^<!doctype html>/);
      expect(r.body).toContain('审核报告');
      expect(r.body).toContain('广州市技师学院');
      expect(r.headers['content-security-policy']).toContain("default-src 'none'");
      expect(r.headers['content-security-policy']).not.toContain('script-src');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      // a second time from the cache, the same report
      const again = await get(`/api/documents/${d.id}/report`);
      // the time it was made is printed twice (生成于 in the bar, 生成时间 in the footer), to the minute:
      // two renders a few seconds apart may straddle one
      const timeless = (html: string): string => html.replace(/生成(?:于 |时间：)\d{4}-\d{2}-\d{2} \d{2}:\d{2}/g, '');
      expect(timeless(again.body)).toBe(timeless(r.body));
      error(await get('/api/documents/424242/report'), 404, 'not-found');
      error(await get('/api/documents/x/report'), 400, 'invalid');
    });
  });

  describe('GET /api/units and /api/diff', () => {
    it('lists unit versions, all or by name', async () => {
      const all = json(await get('/api/units'), s.unitsResponse);
      expect(all).toHaveLength(UNITS);
      const named = json(await get(`/api/units?name=${encodeURIComponent('广州市技师学院')}`), s.unitsResponse);
      expect(named.map((u) => u.file).sort()).toEqual([F000, F002]);
      expect(json(await get('/api/units?name=nobody'), s.unitsResponse)).toEqual([]);
    });

    it('diffs two stored versions of a unit: 000 against 002\'s 广州市技师学院', async () => {
      const named = json(await get(`/api/units?name=${encodeURIComponent('广州市技师学院')}`), s.unitsResponse);
      const a = named.find((u) => u.file === F000)!;
      const b = named.find((u) => u.file === F002)!;
      const d = json(await get(`/api/diff?a=${a.id}&b=${b.id}`), s.diffResponse);
      expect(d.scope).toBe('unit');
      expect(d.a.file).toBe(F000);
      expect(d.b.file).toBe(F002);
      expect(d.units).toHaveLength(1);
      expect(d.units[0]!.name).toBe('广州市技师学院');
      expect(d.projects.same + d.projects.changed).toBe(16);
      expect(d.projects.changed).toBeGreaterThan(0);
      const same = json(await get(`/api/diff?a=${a.id}&b=${a.id}`), s.diffResponse);
      expect(same.projects.changed + same.projects.added + same.projects.removed).toBe(0);
    });

    it('400 for ids that are not ids, 404 for unknown units, 422 for two different units', async () => {
      expect(error(await get('/api/diff?a=abc&b=1'), 400, 'invalid').issues?.[0]?.field).toBe('a');
      expect(error(await get('/api/diff?a=1'), 400, 'invalid').issues?.[0]?.field).toBe('b');
      error(await get('/api/diff?a=1&b=987654'), 404, 'not-found');
      const all = json(await get('/api/units'), s.unitsResponse);
      const x = all.find((u) => u.name === '广州市技师学院')!;
      const y = all.find((u) => u.name === '广州市人事服务中心')!;
      expect(error(await get(`/api/diff?a=${x.id}&b=${y.id}`), 422, 'unit-mismatch').message).toContain('广州市技师学院');
    });
  });

  describe('unknown routes and methods', () => {
    it('answer 404 JSON under /api', async () => {
      expect(error(await get('/api/nothing-here'), 404, 'not-found').message).toContain('/api/nothing-here');
      error(await get('/api'), 404, 'not-found');
      error(await app().inject({ method: 'DELETE', url: '/api/projects/1' }), 404, 'not-found');
      error(await app().inject({ method: 'POST', url: '/api/health', payload: { a: 1 } }), 404, 'not-found');
    });

    it('a malformed JSON body is a 400 in the one error shape', async () => {
      const auth = await loginAs(app(), { role: 'finance' });
      error(await app().inject({ method: 'POST', url: '/api/import', headers: { ...auth, 'content-type': 'application/json' }, payload: '{"a":' }), 400);
      const array = error(await app().inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '[]' }), 400, 'invalid');
      expect(array.message).toBe('请求体有误：应为对象，收到的是数组');
    });
  });

  describe('OpenAPI and headers', () => {
    it('/api/openapi.json lists every route with its parameters and responses', async () => {
      const r = await get('/api/openapi.json');
      expect(r.statusCode).toBe(200);
      const doc = r.json() as { openapi: string; paths: Record<string, Record<string, { parameters?: { name: string }[]; responses: Record<string, unknown> }>> };
      expect(doc.openapi).toMatch(/^3\./);
      const routes = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)).sort();
      // every route in the permission table is documented, and nothing else
      expect(routes).toEqual(Object.keys(PERMISSIONS).map((k) => k.replace(/:(\w+)/g, '{$1}')).sort());
      expect(routes).toEqual(expect.arrayContaining(['GET /api/projects/{id}', 'POST /api/import', 'POST /api/auth/login']));
      expect(doc.paths['/api/projects']!['get']!.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['year', 'has', 'sort', 'limit', 'offset']));
      expect(Object.keys(doc.paths['/api/projects/{id}']!['get']!.responses)).toEqual(expect.arrayContaining(['200', '4XX']));
    });

    it('sets the security headers and a CSP that allows the app', async () => {
      const r = await get('/api/health');
      const csp = String(r.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
      expect(csp).toContain("object-src 'none'");
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
      expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(r.headers['x-powered-by']).toBeUndefined();
      // errors carry them too
      expect((await get('/api/nothing')).headers['content-security-policy']).toBe(csp);
    });
  });
}, { seed: true });

describe('an internal fault', () => {
  it('is a 500 that says nothing of the cause', async () => {
    const store = freshStore('sqlite');
    await migrate(store);
    const app = await buildServer({ store, logger: false, webDir: NO_WEB });
    await store.close(); // every query now fails inside the driver
    const r = await app.inject('/api/projects');
    const e = error(r, 500, 'internal');
    expect(r.body).not.toMatch(/sqlite|database|kysely|stack|\.ts|\.js/i);
    expect(e.message).toContain('服务器内部错误');
    await app.close();
  });
});
