// The read side of the store on both databases. Expected counts come from reading the samples (the
// parsed documents and their review, which the SQL never sees) and are written out where a reader can
// check them against the files; every query's result on PostgreSQL must equal the one on SQLite.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { parseBytes } from '../../src/ingest/index.js';
import type { Project, TableDocument } from '../../src/model/index.js';
import { review, type ReviewResult } from '../../src/review/index.js';
import {
  departmentRollup, getProject, importBytes, listDocuments, listProjects, QueryError, unitRollup,
  type ProjectQuery, type ProjectSummary, type Store,
} from '../../src/store/index.js';
import { readTargets } from '../../src/targets/index.js';
import { forEachDialect, SAMPLES, sampleFiles } from './harness.js';

const F000 = '000_df1d7dc7c09f411b.txt';
const F002 = '002_02da4d888feccc7a.txt';
const F003 = '003_7b33df3d06e95335.txt';
const F004 = '004_08daa9245e557faf.txt';

// the samples as read, independently of the store
const read = new Map<string, { doc: TableDocument; result: ReviewResult }>();
for (const f of sampleFiles()) {
  const doc = readTargets(parseBytes(readFileSync(join(SAMPLES, f)), { file: f }));
  read.set(f, { doc, result: review(doc) });
}
const docOf = (f: string) => read.get(f)!.doc;
const allProjects = (): { file: string; unit: string; p: Project; path: string }[] =>
  [...read.entries()].flatMap(([file, { doc }]) => doc.units.flatMap((u, ui) => u.projects.map((p, pi) => ({ file, unit: u.name, p, path: `units[${ui}].projects[${pi}]` }))));
const findingsOf = (file: string, path: string) => read.get(file)!.result.findings.filter((f) => f.path === path || f.path.startsWith(`${path}.`));

/** what identifies a project on both databases (ids are the store's own) */
const key = (p: ProjectSummary) => `${p.document.file}|${p.unit.name}|${p.name}|${p.line}`;
const keys = (ps: readonly ProjectSummary[]) => ps.map(key);

// results on SQLite, which the PostgreSQL run must reproduce exactly
const onSqlite = new Map<string, unknown>();
function shared(store: Store, name: string, value: unknown): void {
  if (store.dialect === 'sqlite') onSqlite.set(name, value);
  else if (onSqlite.has(name)) expect(value, `${name}: PostgreSQL differs from SQLite`).toEqual(onSqlite.get(name));
}

async function all(store: Store, q: ProjectQuery): Promise<ProjectSummary[]> {
  const out: ProjectSummary[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await listProjects(store, { ...q, limit: 500, offset });
    out.push(...page.items);
    if (out.length >= page.total) return out;
  }
}

forEachDialect('queries', (get) => {
  it('lists every project of the latest versions in document order by default, 50 a page', async () => {
    const page = await listProjects(get(), {});
    expect(page.total).toBe(339);
    expect(page.items).toHaveLength(50);
    expect(page.items[0]).toMatchObject({
      name: '广州市技师学院2023年校园基础信息服务平台建设项目',
      unit: { name: '广州市技师学院', version: 1, latest: true },
      department: '广州市人力资源和社会保障局',
      year: null,
      document: { file: F000 },
      amounts: { total: 47.66, fiscal: null, specialAccount: null, other: null, unplaced: [47.66] },
      score: expect.any(Number),
      indicatorCount: 6,
    });
    const everything = await all(get(), {});
    expect(keys(everything)).toEqual(allProjects().map(({ file, unit, p }) => `${file}|${unit}|${p.name}|${p.line}`));
    shared(get(), 'default', keys(everything));
  });

  it('projects without any 满意度 indicator in 003: 14 of 32', async () => {
    const expected = docOf(F003).units[0]!.projects.filter((p) => !p.indicators.some((i) => i.level1.code === '3'));
    expect(expected).toHaveLength(14);
    const page = await listProjects(get(), { unit: '广州科技贸易职业学院', missing: '3', limit: 500 });
    expect(page.total).toBe(14);
    expect(page.items.map((p) => p.name)).toEqual(expected.map((p) => p.name));
    // across all samples, by level 2 as well
    const no31 = allProjects().filter(({ p }) => !p.indicators.some((i) => i.level2.code === '31'));
    expect((await listProjects(get(), { missing: ['31'] })).total).toBe(no31.length);
    shared(get(), 'missing-3', keys(page.items));
  });

  it('projects over 1,000万元 in 000: four, and the same four in 002 for 广州市技师学院 2024', async () => {
    const over = docOf(F000).units[0]!.projects.filter((p) => p.funding.total > 1000).map((p) => p.name);
    expect(over).toEqual(['广州市技师学院2023年科教城新校区信息化基础设施建设项目', '广州市技师学院入驻科教城校区购置项目', '广州市技师学院2024年物业管理服务项目', '广州市技师学院免学费财政补助项目']);
    const page = await listProjects(get(), { unit: '广州市技师学院', min: 1000.01 });
    expect(page.total).toBe(8);
    expect(page.items.filter((p) => p.document.file === F000).map((p) => p.name)).toEqual(over);
    expect(page.items.filter((p) => p.year === 2024)).toHaveLength(4);
    // bounds are inclusive and compared in cents: 5,907.93 is in [5907.93, 5907.93], not in [5907.94, …]
    expect((await listProjects(get(), { unit: '广州市技师学院', year: 2024, min: 5907.93, max: 5907.93 })).items.map((p) => p.name)).toEqual(['广州市技师学院入驻科教城校区购置项目']);
    expect((await listProjects(get(), { min: 5907.94, max: 5907.99 })).total).toBe(0);
    const everywhere = allProjects().filter(({ p }) => p.funding.total >= 1000 && p.funding.total <= 2000).length;
    expect((await listProjects(get(), { min: 1000, max: 2000 })).total).toBe(everywhere);
    shared(get(), 'over-1000', keys(page.items));
  });

  it('the 17 units of 002 (year 2024)', async () => {
    const items = await all(get(), { year: 2024 });
    expect(items).toHaveLength(258);
    const units = [...new Set(items.map((p) => p.unit.name))];
    expect(units).toEqual(docOf(F002).units.map((u) => u.name));
    expect(units).toHaveLength(17);
    expect((await listProjects(get(), { year: 2024, unit: '广州市人事服务中心' })).total).toBe(docOf(F002).units.find((u) => u.name === '广州市人事服务中心')!.projects.length);
    expect((await listProjects(get(), { department: '广州市人力资源和社会保障局' })).total).toBe(258 + 16);
    expect((await listProjects(get(), { department: '没有这个部门' })).total).toBe(0);
  });

  it('filters by funding source present', async () => {
    const count = (pred: (p: Project) => boolean) => allProjects().filter(({ p }) => pred(p)).length;
    expect((await listProjects(get(), { source: 'other' })).total).toBe(count((p) => !!p.funding.other));
    expect((await listProjects(get(), { source: 'other' })).total).toBe(19);
    expect((await listProjects(get(), { source: 'fiscal' })).total).toBe(count((p) => !!p.funding.fiscal));
    expect((await listProjects(get(), { source: 'specialAccount' })).total).toBe(0);
    expect((await listProjects(get(), { source: 'unplaced' })).total).toBe(16 + 23 + 32 + 10);
    expect((await listProjects(get(), { source: ['fiscal', 'other'] })).total).toBe(count((p) => !!p.funding.fiscal && !!p.funding.other));
  });

  it('filters by indicator categories present and missing', async () => {
    const has = (p: Project, code: string) => p.indicators.some((i) => (code.length === 1 ? i.level1.code : i.level2.code) === code);
    const q = await all(get(), { has: ['3', '11'], missing: '13' });
    expect(q.length).toBe(allProjects().filter(({ p }) => has(p, '3') && has(p, '11') && !has(p, '13')).length);
    expect((await listProjects(get(), { has: '14' })).total).toBe(allProjects().filter(({ p }) => has(p, '14')).length);
    shared(get(), 'categories', keys(q));
  });

  it('filters by review findings: any, none, a rule, a severity', async () => {
    const projects = allProjects().map((x) => ({ ...x, findings: findingsOf(x.file, x.path) }));
    expect((await listProjects(get(), { findings: true })).total).toBe(projects.filter((x) => x.findings.length > 0).length);
    expect((await listProjects(get(), { findings: false })).total).toBe(projects.filter((x) => x.findings.length === 0).length);
    expect((await listProjects(get(), { findings: false })).total).toBe(34);
    const rule = await all(get(), { rule: 'dimension-coverage' });
    expect(rule).toHaveLength(projects.filter((x) => x.findings.some((f) => f.rule === 'dimension-coverage')).length);
    expect(rule).toHaveLength(116);
    const errors = await all(get(), { rule: 'dimension-coverage', severity: 'error' });
    expect(errors).toHaveLength(12);
    expect(errors.every((p) => p.indicatorCount >= 0)).toBe(true);
    expect((await listProjects(get(), { severity: 'error' })).total).toBe(projects.filter((x) => x.findings.some((f) => f.severity === 'error')).length);
    // a rule that never fired here
    expect((await listProjects(get(), { rule: 'arithmetic-total' })).total).toBe(0);
    shared(get(), 'dimension-errors', keys(errors));
  });

  it('sorts by every column, both ways, nulls last and ties in document order', async () => {
    const order = keys(await all(get(), {}));
    const pos = new Map(order.map((k, i) => [k, i]));
    const cmp = (a: string | number | null, b: string | number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
    const codepoints = (s: string) => [...s].map((c) => c.codePointAt(0)!);
    const byCodepoint = (a: string, b: string) => {
      const x = codepoints(a);
      const y = codepoints(b);
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
      return x.length - y.length;
    };
    const value: Record<string, (p: ProjectSummary) => string | number | null> = {
      name: (p) => p.name, total: (p) => p.amounts.total, unit: (p) => p.unit.name, year: (p) => p.year, score: (p) => p.score,
      indicators: (p) => p.indicatorCount, findings: (p) => p.findingCount,
    };
    for (const sort of Object.keys(value) as (keyof typeof value & string)[]) {
      for (const order of ['asc', 'desc'] as const) {
        const items = await all(get(), { sort: sort as ProjectQuery['sort'], order } as ProjectQuery);
        expect(items).toHaveLength(339);
        for (let i = 1; i < items.length; i++) {
          const a = value[sort]!(items[i - 1]!);
          const b = value[sort]!(items[i]!);
          let c: number;
          if (a === null || b === null) c = a === b ? 0 : a === null ? 1 : -1; // nulls last either way
          else c = (typeof a === 'string' ? byCodepoint(a, b as string) : cmp(a, b)) * (order === 'desc' ? -1 : 1);
          expect(c, `${sort} ${order} at ${i}`).toBeLessThanOrEqual(0);
          if (c === 0) expect(pos.get(key(items[i - 1]!))!).toBeLessThan(pos.get(key(items[i]!))!);
        }
        shared(get(), `sort-${sort}-${order}`, keys(items));
      }
    }
    const byYear = await all(get(), { sort: 'year' });
    expect(byYear.at(-1)!.year).toBeNull();
    expect(byYear[0]!.year).toBe(2024);
    const top = await listProjects(get(), { sort: 'total', order: 'desc', limit: 1 });
    expect(top.items[0]!.amounts.total).toBe(Math.max(...allProjects().map(({ p }) => p.funding.total)));
  });

  it('pages without gaps or repeats', async () => {
    const whole = await listProjects(get(), { sort: 'score', order: 'desc', limit: 500 });
    const pages: ProjectSummary[] = [];
    for (let offset = 0; offset < 339; offset += 37) {
      const page = await listProjects(get(), { sort: 'score', order: 'desc', limit: 37, offset });
      expect(page.total).toBe(339);
      pages.push(...page.items);
    }
    expect(keys(pages)).toEqual(keys(whole.items));
    expect(new Set(keys(pages)).size).toBe(339);
    expect((await listProjects(get(), { offset: 339 })).items).toEqual([]);
    expect((await listProjects(get(), { limit: 500 })).items).toHaveLength(339);
  });

  it('returns one project with everything about it', async () => {
    const [found] = (await listProjects(get(), { unit: '广州科技贸易职业学院', min: 3800, max: 3800 })).items;
    const p = await getProject(get(), found!.id);
    const source = docOf(F003).units[0]!.projects.find((x) => x.name === '市教育局广州科技贸易职业学院番禺校区扩建项目结算款')!;
    expect(p).toMatchObject({
      name: source.name, goal: source.goal, line: source.line, indicatorsText: null,
      amounts: { total: 3800, fiscal: null, specialAccount: null, other: null, unplaced: [3300, 500] },
      unit: { name: '广州科技贸易职业学院', version: 1, latest: true },
      documentInfo: { file: F003, layout: 'flowed-text', title: '项目支出绩效目标表（含转移支付项目）', year: null },
      versions: [],
    });
    expect(p.indicators.map((i) => ({ name: i.name, period: i.period, annual: i.annual, l1: i.level1.code, l2: i.level2.code, seq: i.seq })))
      .toEqual(source.indicators.map((i) => ({ name: i.name, period: i.period, annual: i.annual, l1: i.level1.code, l2: i.level2.code, seq: i.seq })));
    expect(p.indicators[0]!.period.kind).toBeDefined();
    const path = `units[0].projects[${docOf(F003).units[0]!.projects.indexOf(source)}]`;
    expect(p.findings.map((f) => f.rule).sort()).toEqual(findingsOf(F003, path).map((f) => f.rule).sort());
    expect(p.findings.map((f) => f.rule)).toContain('dimension-coverage');
    expect(p.excerpt!.line).toBe(source.line);
    expect(p.excerpt!.from).toBeLessThanOrEqual(source.line!);
    expect(p.excerpt!.lines.join('')).toContain('番禺校区扩建项目结算款'.slice(0, 4));
    const text = readFileSync(join(SAMPLES, F003), 'utf8').split(/\r?\n/);
    expect(p.excerpt!.lines).toEqual(text.slice(p.excerpt!.from - 1, p.excerpt!.to));
    shared(get(), 'detail', { ...p, id: 0, unit: { ...p.unit, id: 0 }, document: { ...p.document, id: 0 }, documentInfo: { ...p.documentInfo, id: 0, importedAt: '' },
      indicators: p.indicators.map((i) => ({ ...i, id: 0 })), findings: p.findings.map((f) => ({ ...f, id: 0, indicatorId: f.indicatorId === null ? null : 0 })) });
  });

  it('rolls up a unit: the printed total beside the sum of its projects (003: 50.10 apart)', async () => {
    const [any] = (await listProjects(get(), { unit: '广州科技贸易职业学院', limit: 1 })).items;
    const r = await unitRollup(get(), any!.unit.id);
    const projects = docOf(F003).units[0]!.projects;
    expect(r.unit).toMatchObject({ name: '广州科技贸易职业学院', version: 1, latest: true, year: null });
    expect(r.totals.stored.total).toBe(15448.37);
    expect(r.totals.projects.total).toBe(15398.27);
    expect(r.totals.difference).toBe(50.1);
    expect(r.totals.stored.unplaced).toBe(15448.37);
    expect(r.projectCount).toBe(32);
    expect(r.indicatorCount).toBe(projects.reduce((a, p) => a + p.indicators.length, 0));
    for (const code of ['1', '2', '3']) {
      expect(r.indicators.byLevel1.find((c) => c.code === code)?.count).toBe(projects.flatMap((p) => p.indicators).filter((i) => i.level1.code === code).length);
    }
    expect(r.indicators.byLevel1.find((c) => c.code === '3')).toMatchObject({ name: '满意度指标', count: 21 });
    expect(r.indicators.byLevel2.reduce((a, c) => a + c.count, 0)).toBe(r.indicatorCount);
    const findings = read.get(F003)!.result.findings.filter((f) => f.path.startsWith('units[0]'));
    expect(r.findings.total).toBe(findings.length);
    for (const s of ['error', 'warning', 'info'] as const) expect(r.findings.bySeverity[s]).toBe(findings.filter((f) => f.severity === s).length);
    expect(r.findings.byRule.find((x) => x.rule === 'arithmetic-unit')).toMatchObject({ count: 1, error: 1 });
    expect(r.findings.byRule.reduce((a, x) => a + x.count, 0)).toBe(r.findings.total);
    shared(get(), 'unit-rollup', { ...r, unit: { ...r.unit, id: 0 }, document: { ...r.document, id: 0, importedAt: '' } });
  });

  it('rolls up a department and year: 17 units of 002, their printed totals and their projects', async () => {
    const r = await departmentRollup(get(), '广州市人力资源和社会保障局', 2024);
    const doc = docOf(F002);
    expect(r.units.map((u) => u.name)).toEqual(doc.units.map((u) => u.name));
    expect(r.projectCount).toBe(258);
    expect(r.indicatorCount).toBe(1246);
    const cents = (xs: number[]) => Math.round(xs.reduce((a, x) => a + Math.round(x * 100), 0)) / 100;
    expect(r.totals.stored.total).toBe(cents(doc.units.map((u) => u.funding!.total)));
    expect(r.totals.projects.total).toBe(cents(doc.units.flatMap((u) => u.projects.map((p) => p.funding.total))));
    expect(r.totals.stored.fiscal).toBe(cents(doc.units.map((u) => u.funding!.fiscal ?? 0)));
    expect(r.totals.stored.specialAccount).toBeNull();
    expect(r.units.find((u) => u.name === '广州市人事服务中心')).toMatchObject({ total: 54117.8, projectCount: 16 });
    const both = await departmentRollup(get(), '广州市人力资源和社会保障局');
    expect(both.units).toHaveLength(18);
    expect(both.projectCount).toBe(258 + 16);
    shared(get(), 'department-rollup', { ...r, units: r.units.map((u) => ({ ...u, id: 0, document: { ...u.document, id: 0 } })) });
  });

  it('lists the documents with their units and versions', async () => {
    const docs = await listDocuments(get());
    expect(docs.map((d) => d.file)).toEqual(sampleFiles());
    const d2 = docs.find((d) => d.file === F002)!;
    expect(d2).toMatchObject({ layout: 'tabular-text', year: 2024, department: '广州市人力资源和社会保障局', projectCount: 258, total: { total: 746104.1 } });
    expect(d2.units).toHaveLength(17);
    expect(d2.units.every((u) => u.version === 1 && u.latest)).toBe(true);
    expect(docs.find((d) => d.file === F004)!.units).toMatchObject([{ name: '广州市残疾人就业培训服务中心', projectCount: 10, total: 830.47 }]);
  });

  it('rejects bad input with a QueryError in Chinese', async () => {
    const bad: unknown[] = [
      { year: 'x' }, { year: 2024.5 }, { limit: 501 }, { limit: 0 }, { offset: -1 }, { min: -1 }, { min: 10, max: 5 }, { missing: '5' },
      { has: ['1', '99'] }, { rule: 'no-such-rule' }, { severity: 'fatal' }, { source: 'cash' }, { sort: 'colour' }, { order: 'up' }, { nonsense: 1 }, { min: Number.NaN },
    ];
    for (const q of bad) {
      const e = await listProjects(get(), q as ProjectQuery).then(() => null, (x: unknown) => x);
      expect(e, JSON.stringify(q)).toBeInstanceOf(QueryError);
      expect((e as QueryError).code).toBe('invalid');
      expect((e as QueryError).message).toMatch(/[\u4e00-\u9fff]/);
    }
    const e = await listProjects(get(), { limit: 501 }).catch((x: QueryError) => x);
    expect(e.message).toContain('每页条数');
    expect(e.issues[0]!.path).toBe('limit');
    await expect(getProject(get(), 0)).rejects.toMatchObject({ name: 'QueryError', code: 'invalid' });
    await expect(getProject(get(), 10_000_000)).rejects.toMatchObject({ name: 'QueryError', code: 'not-found', message: '没有编号为 10000000 的项目' });
    await expect(unitRollup(get(), 'x' as unknown as number)).rejects.toBeInstanceOf(QueryError);
    await expect(unitRollup(get(), 10_000_000)).rejects.toMatchObject({ code: 'not-found' });
    await expect(departmentRollup(get(), '')).rejects.toMatchObject({ code: 'invalid' });
    await expect(departmentRollup(get(), '没有这个部门')).rejects.toMatchObject({ code: 'not-found', message: '没有名为“没有这个部门”的部门' });
    await expect(departmentRollup(get(), '广州市人力资源和社会保障局', 1999)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('a revised publication: the list shows the latest version, the project lists its other versions', async () => {
    const changed = Buffer.from(readFileSync(join(SAMPLES, F004), 'utf8').replace('服务满意率', '服务满意度'));
    const r = await importBytes(get(), changed, { file: '004-revised.txt' });
    expect(r.status).toBe('imported');
    const latest = await listProjects(get(), { unit: '广州市残疾人就业培训服务中心' });
    expect(latest.total).toBe(10);
    expect(latest.items.every((p) => p.document.file === '004-revised.txt' && p.unit.version === 2 && p.unit.latest)).toBe(true);
    const both = await listProjects(get(), { unit: '广州市残疾人就业培训服务中心', latestOnly: false, sort: 'name' });
    expect(both.total).toBe(20);
    expect((await listProjects(get(), {})).total).toBe(339);
    const p = await getProject(get(), latest.items[0]!.id);
    expect(p.versions).toHaveLength(1);
    expect(p.versions[0]).toMatchObject({ unit: { version: 1, latest: false }, document: { file: F004 }, total: p.amounts.total });
    const old = await getProject(get(), p.versions[0]!.id);
    expect(old.versions.map((v) => v.id)).toEqual([p.id]);
    expect(old.unit.latest).toBe(false);
    const docs = await listDocuments(get());
    expect(docs.at(-1)!.units[0]).toMatchObject({ version: 2, latest: true });
    expect(docs.find((d) => d.file === F004)!.units[0]).toMatchObject({ version: 1, latest: false });
  });
}, { seed: true });
