// Search, on both databases, over the five samples: exact result sets against hand counts and against
// a brute-force scan, ranking, highlighting, width folding, hostile input, paging, versions, and the
// same answers from SQLite and PostgreSQL.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBytes, type Store } from '../../src/store/index.js';
import { search, SearchError, TUNING, type SearchOptions, type SearchResult } from '../../src/store/search.js';
import { normalizedText, pgBigramTsvector } from '../../src/store/search-text.js';
import { sql } from 'kysely';
import { forEachDialect, SAMPLES } from './harness.js';

// Every project name in the samples with 运维 in it, found by reading the five tables (33 names; two
// of them are printed twice, in 000 and in 002's copy of 广州市技师学院, so 35 projects).
const YUNWEI_NAMES = [
  '广州市技师学院2023-2024年信息化运维项目',
  '广州市技师学院2024年-2025年信息化运维项目',
  '广州番禺职业技术学院2024-2025年信息化运维服务项目',
  '广州市人力资源和社会保障局 2023年信息化运维项目',
  '广州市人力资源和社会保障局 2024-2025年信息化运维项目',
  '广州市人力资源市场服务中心2022-2023年信息系统运维项目',
  '广州市人力资源市场服务中心2023-2024年度信息化运维服务项目',
  '广州市人力资源市场服务中心 2024-2025年信息化运维项目',
  '广州市社会保险基金管理中心2023-2024年信息化运维项目',
  '广州市社会保险基金管理中心2024-2025年信息化运维项目',
  '广州市劳动就业服务管理中心 2022-2024年计算机设备运维项目',
  '广州市劳动就业服务管理中心2024-2025年信息化运维项目',
  '广州市干部健康管理中心2023年信息化运维项目',
  '广州市干部健康管理中心2024年-2025年信息化运维服务项目',
  '广州市工贸技师学院2023-2024年信息化运维项目',
  '广州市工贸技师学院2024-2025年信息化运维项目',
  '广州市机电技师学院2023年-2024年校园信息化设备运维项目',
  '广州市机电技师学院2024年-2025年校园信息化设备运维项目',
  '广州市轻工技师学院2024-2025年信息化运维服务项目',
  '市交通技师学院信创安全运维实训室建设及教学工具材料项目',
  '广州市交通技师学院2024-2025年信息化运维服务项目',
  '广州市公用事业技师学院2022-2024年信息化运维服务项目',
  '广州市劳动人事争议仲裁院2024-2025年信息化运维项目',
  '广州市人力资源和社会保障局数据服务中心2022年-2023年运维项目',
  '广州市人社数据中心2023年-2024年基础运维项目',
  '广州市人社数据中心2023年-2024年软件运维项目',
  '广州市人社数据中心2024年-2025年运维项目',
  '广州市职业能力建设指导中心2023-2024年信息化运维项目',
  '广州市职业能力建设指导中心2024-2025年信息化运维服务项目',
  '广州市人事服务中心2023-2024年政务信息化运维项目建设方案',
  '广州市人事服务中心2024-2025年政务信息化运维项目',
  '广州科技贸易职业学院2024年-2025年信息化运维项目',
  '市教育局广州科技贸易职业学院校园运维服务项目',
];

// the eight of them with the six characters 运维服务项目
const YUNWEI_FUWU_XIANGMU = YUNWEI_NAMES.filter((n) => n.includes('运维服务项目'));

const HOSTILE = [
  '"', '""', '"运维', '运维"', "'", "''", "'运维'", '%', '%%', '_', '__', '\\', '\\%', '运\\维', '运%维', '运_维',
  'OR', '运维 OR 满意', 'AND', 'NOT', '运维 NOT 满意', '*', '运*', '运维*', '^运维', 'NEAR(', 'NEAR(运维 满意)', 'NEAR(运维, 2)',
  "'; drop table projects; --", '"; drop table projects; --', "运维'); drop table search_texts; --", 'tok:运维', '{tok}: 运维',
  '(', ')', '-', ':', '<->', '!', '&', '|', "'a' & 'b'", '运维 <-> 满意', '\u0000运维', '\ud800', '运\udfff维', '😀', '𠀀运维', 'zzzz', '0000zzzz',
];

const all = async (store: Store, o: Omit<SearchOptions, 'limit'>): Promise<SearchResult> => search(store, { countLimit: 100_000, ...o, limit: 1000 });
const names = (r: SearchResult) => new Set(r.hits.filter((h) => h.field === 'name').map((h) => h.text));
const keys = (r: SearchResult) => new Set(r.hits.map((h) => `${h.kind}:${h.field}:${h.id}`));
const marked = (r: SearchResult) => r.hits.map((h) => h.highlight.map((s) => (s.match ? `【${s.text}】` : s.text)).join(''));

/** Everything searchable, read straight from the tables (latest versions only), for a brute-force oracle. */
async function everything(store: Store): Promise<{ key: string; text: string }[]> {
  const projects = await store.db.selectFrom('projects as p').innerJoin('units as u', 'u.id', 'p.unit_id').select(['p.id', 'p.name', 'p.goal']).where('u.latest', '=', 1).execute();
  const indicators = await store.db.selectFrom('indicators as i').innerJoin('projects as p', 'p.id', 'i.project_id').innerJoin('units as u', 'u.id', 'p.unit_id')
    .select(['i.id', 'i.name']).where('u.latest', '=', 1).execute();
  return [
    ...projects.flatMap((p) => [{ key: `project:name:${p.id}`, text: p.name }, { key: `project:goal:${p.id}`, text: p.goal }]),
    ...indicators.map((i) => ({ key: `indicator:indicator:${i.id}`, text: i.name })),
  ];
}

const ORACLE_QUERIES = ['运维', '满意', '满意率', '率', '信息化运维', '运维服务项目', '服务对象满意度', '（%）', '(%)', 'pue', '2024', '项目', '培训', '%', '_'];
const crossDialect = new Map<string, Map<string, { total: number; keys: string[] }>>();

forEachDialect('search', (get) => {
  it('运维 finds every project with 运维 in its name, and exactly those', async () => {
    const r = await all(get(), { query: '运维', in: 'projects' });
    expect(names(r)).toEqual(new Set(YUNWEI_NAMES));
    expect(r.hits.filter((h) => h.field === 'name')).toHaveLength(35);
    expect(r.totalExact).toBe(true);
    expect(r.total).toBe(r.hits.length);
    for (const h of r.hits) {
      expect(h.kind).toBe('project');
      expect(h.id).toBe(h.projectId);
      expect(h.unit).not.toBe('');
      expect(h.project).toBe(h.field === 'name' ? h.text : h.project);
    }
    // in: all adds the indicators with 运维 (seven), the project names are the same
    const everywhere = await all(get(), { query: '运维' });
    expect(names(everywhere)).toEqual(new Set(YUNWEI_NAMES));
    expect(everywhere.hits.filter((h) => h.kind === 'indicator').map((h) => h.text)).toHaveLength(7);
  });

  it('满意 finds the 满意度 and 满意率 indicators', async () => {
    const r = await all(get(), { query: '满意', in: 'indicators' });
    expect(r.total).toBe(233); // indicator names containing 满意 in the five tables
    expect(r.hits).toHaveLength(233);
    const texts = new Set(r.hits.map((h) => h.text));
    for (const t of ['服务对象满意度', '用户满意度', '教职工满意率', '师生满意率', '服务对象满意度（%）']) expect(texts).toContain(t);
    for (const h of r.hits) {
      expect(h.kind).toBe('indicator');
      expect(h.text).toContain('满意');
    }
  });

  it('three and six characters', async () => {
    const three = await all(get(), { query: '满意率', in: 'indicators' });
    expect(three.total).toBeGreaterThan(10);
    for (const h of three.hits) expect(h.text).toContain('满意率');
    const six = await all(get(), { query: '运维服务项目', in: 'projects' });
    expect(YUNWEI_FUWU_XIANGMU).toHaveLength(8);
    expect(names(six)).toEqual(new Set(YUNWEI_FUWU_XIANGMU));
    expect(six.hits.filter((h) => h.field === 'goal').map((h) => h.text).every((t) => t.includes('运维服务项目'))).toBe(true);
  });

  it('finds exactly what a full scan finds, for 1 to 7 characters', async () => {
    const rows = await everything(get());
    const results = new Map<string, { total: number; keys: string[] }>();
    for (const query of ORACLE_QUERIES) {
      const q = normalizedText(query);
      const expected = new Set(rows.filter((r) => normalizedText(r.text).includes(q)).map((r) => r.key));
      const r = await all(get(), { query });
      expect(keys(r), query).toEqual(expected);
      expect(r.total, query).toBe(expected.size);
      results.set(query, { total: r.total, keys: [...keys(r)].sort() });
    }
    crossDialect.set(get().dialect, results);
  });

  it('reading the index in tiny steps (every chunk, window and hand-over path) finds the same', async () => {
    const rows = await everything(get());
    const saved = { ...TUNING };
    Object.assign(TUNING, { groupCap: 5, firstChunk: 2, maxChunk: 8, scanFirst: 3, scanWindow: 7, scanDensity: 3, listMax: 3, bandMax: 4 });
    try {
      for (const query of ['运维', '满意', '率', '信息化运维', '项目', '(%)']) {
        const q = normalizedText(query);
        const expected = new Set(rows.filter((r) => normalizedText(r.text).includes(q)).map((r) => r.key));
        const whole = await all(get(), { query });
        expect(keys(whole), query).toEqual(expected);
        expect(whole.hits).toHaveLength(expected.size);
        const paged: string[] = [];
        for (let offset = 0; offset < Math.min(whole.hits.length, 120); offset += 13) {
          paged.push(...(await search(get(), { query, offset, limit: 13 })).hits.map((h) => `${h.kind}:${h.field}:${h.id}`));
        }
        expect(paged, query).toEqual(whole.hits.slice(0, paged.length).map((h) => `${h.kind}:${h.field}:${h.id}`));
      }
    } finally {
      Object.assign(TUNING, saved);
    }
    // and in the normal steps, the same ranked list
    const normal = await all(get(), { query: '运维' });
    expect(normal.hits.map((h) => h.score)).toEqual([...normal.hits.map((h) => h.score)].sort((a, b) => b - a));
  });

  it('counts exactly up to countLimit, then says the total is a lower bound', async () => {
    const exact = await search(get(), { query: '率', countLimit: 100_000 });
    expect(exact).toMatchObject({ total: 774, totalExact: true });
    expect(await search(get(), { query: '率' })).toMatchObject({ total: 774, totalExact: true });
    expect(await search(get(), { query: '率', countLimit: 500 })).toMatchObject({ total: 500, totalExact: false });
    expect(await search(get(), { query: '率', countLimit: 774 })).toMatchObject({ total: 774, totalExact: true });
    expect(await search(get(), { query: '率', countLimit: 773 })).toMatchObject({ total: 773, totalExact: false });
  });

  it('PostgreSQL: the SQL bigram function and its JavaScript twin agree', async () => {
    if (get().dialect !== 'postgres') return;
    const norms = (await get().db.selectFrom('projects').select('goal').limit(50).execute()).map((r) => normalizedText(r.goal));
    for (const norm of [...norms, '运维', '率', 'a', '𠀀运维😀', '满意度(%)', "it's \\ 'q' %_"]) {
      for (const len of [norm.length, 0, 3, 4, 1023, 1024, 5000]) {
        const r = await sql<{ v: string }>`select search_bigrams(${norm}, ${len})::text as v`.execute(get().db);
        expect(r.rows[0]!.v, `${norm} ${len}`).toBe(pgBigramTsvector(norm, len));
      }
    }
  });

  it('full-width and half-width, upper and lower case match alike', async () => {
    const pairs: [string, string][] = [['（%）', '(%)'], ['满意度（%）', '满意度(%)'], ['２０２４', '2024'], ['ＰＵＥ', 'pue'], ['PUE', 'pue'], ['信息化 运维', '信息化运维']];
    for (const [a, b] of pairs) {
      const ra = await all(get(), { query: a });
      const rb = await all(get(), { query: b });
      expect(ra.total, a).toBeGreaterThan(0);
      expect(keys(ra), `${a} / ${b}`).toEqual(keys(rb));
    }
    // both spellings in the data are found by either query, and highlighted as written
    const r = await all(get(), { query: '满意度(%)' });
    expect(r.hits.map((h) => h.text)).toEqual(expect.arrayContaining(['服务对象满意度（%）', '满意度(%)']));
    expect(marked(r)).toEqual(expect.arrayContaining(['服务对象【满意度（%）】', '【满意度(%)】']));
  });

  it('hostile queries return results or none, never an error, and leave the tables intact', async () => {
    const before = await counts(get());
    for (const query of HOSTILE) {
      const r = await search(get(), { query, limit: 5 });
      expect(r.total, query).toBeGreaterThanOrEqual(0);
      for (const h of r.hits) expect(normalizedText(h.text)).toContain(normalizedText(query));
    }
    expect(await counts(get())).toEqual(before);
    expect(before).toEqual({ projects: 339, indicators: 1794 });
    // the characters are searched for literally
    expect((await all(get(), { query: '%' })).hits.every((h) => h.text.includes('%') || h.text.includes('％'))).toBe(true);
    expect((await all(get(), { query: '运%维' })).total).toBe(0);
    expect((await all(get(), { query: '运_维' })).total).toBe(0);
    expect((await all(get(), { query: '运维 OR 满意' })).total).toBe(0);
    expect((await search(get(), { query: '运维' })).total).toBeGreaterThan(0);
  });

  it('an empty or blank query is a SearchError; so are a bad limit, offset and scope', async () => {
    for (const query of ['', ' ', '\t\n', '\u3000\u3000', '\u0000']) await expect(search(get(), { query })).rejects.toBeInstanceOf(SearchError);
    await expect(search(get(), { query: '运维', limit: 0 })).rejects.toThrow(/每页条数/);
    await expect(search(get(), { query: '运维', offset: -1 })).rejects.toThrow(/起始位置/);
    await expect(search(get(), { query: '运维', in: 'units' as never })).rejects.toThrow(/检索范围/);
    await expect(search(get(), { query: '运'.repeat(201) })).rejects.toThrow(/过长/);
  });

  it('ranks an exact name first, names before goals, shorter and earlier matches first', async () => {
    const exact = await search(get(), { query: '服务对象满意度', limit: 5 });
    expect(exact.hits[0]!.text).toBe('服务对象满意度');
    expect(exact.hits[0]!.score).toBeGreaterThan(2.9);
    const r = await all(get(), { query: '运维', in: 'projects' });
    const firstGoal = r.hits.findIndex((h) => h.field === 'goal');
    expect(firstGoal).toBe(35);
    expect(r.hits.slice(firstGoal).every((h) => h.field === 'goal')).toBe(true);
    for (const res of [r, await all(get(), { query: '满意' }), await all(get(), { query: '率' })]) {
      for (let i = 1; i < res.hits.length; i++) expect(res.hits[i]!.score).toBeLessThanOrEqual(res.hits[i - 1]!.score);
    }
    // shorter first, then the earlier match
    const lens = r.hits.slice(0, firstGoal).map((h) => normalizedText(h.text).length);
    expect(lens).toEqual([...lens].sort((a, b) => a - b));
    const m = await all(get(), { query: '满意', in: 'indicators' });
    const sameLen = m.hits.filter((h) => normalizedText(h.text).length === 5).map((h) => normalizedText(h.text).indexOf('满意'));
    expect(sameLen).toEqual([...sameLen].sort((a, b) => a - b));
  });

  it('highlight segments join back to the text and mark every occurrence', async () => {
    for (const query of ['运维', '满意', '率', '（%）', '信息化 运维']) {
      const q = normalizedText(query);
      for (const h of (await all(get(), { query })).hits) {
        expect(h.highlight.map((s) => s.text).join('')).toBe(h.text);
        const matches = h.highlight.filter((s) => s.match);
        expect(matches.length).toBeGreaterThan(0);
        for (const s of matches) expect(normalizedText(s.text)).toBe(q);
        expect(normalizedText(h.highlight.filter((s) => !s.match).map((s) => s.text).join('|'))).not.toContain(q);
      }
    }
    // a match across a space in the source is one segment, the space inside it
    const r = await all(get(), { query: '保障局2023' });
    expect(marked(r)).toContain('广州市人力资源和社会【保障局 2023】年信息化运维项目');
  });

  it('pages: offset and limit cut the same ranked list', async () => {
    const whole = await all(get(), { query: '满意' });
    const pages: string[] = [];
    for (let offset = 0; offset < whole.hits.length; offset += 37) {
      const p = await search(get(), { query: '满意', offset, limit: 37 });
      expect(p.total).toBe(whole.total);
      pages.push(...p.hits.map((h) => `${h.kind}:${h.field}:${h.id}`));
    }
    expect(pages).toEqual(whole.hits.map((h) => `${h.kind}:${h.field}:${h.id}`));
    expect((await search(get(), { query: '满意', offset: whole.total, limit: 10 })).hits).toEqual([]);
  });

  it('a new version of a unit replaces the old one unless latestOnly is false', async () => {
    const unit = '广州市残疾人就业培训服务中心';
    const revised = Buffer.from(readFileSync(join(SAMPLES, '004_08daa9245e557faf.txt')).toString('utf8').replace('业务用房物业管理费用', '业务用房物业管理经费'));
    const before = await all(get(), { query: '满意' });
    const old = before.hits.filter((h) => h.unit === unit);
    expect(old.length).toBeGreaterThan(0);
    const r = await importBytes(get(), revised, { file: '004-revised.txt' });
    expect(r.status).toBe('imported');
    if (r.status !== 'imported') return;
    const latest = await all(get(), { query: '满意' });
    const now = latest.hits.filter((h) => h.unit === unit);
    expect(now).toHaveLength(old.length);
    expect(now.every((h) => h.documentId === r.documentId)).toBe(true);
    expect(latest.total).toBe(before.total);
    const history = await all(get(), { query: '满意', latestOnly: false });
    expect(history.total).toBe(before.total + old.length);
    expect(keys(history)).toEqual(new Set([...keys(before), ...keys(latest)]));
    expect(names(await all(get(), { query: '物业管理经费' }))).toEqual(new Set(['业务用房物业管理经费（广州市残疾人就业培训服务中心）']));
    expect((await all(get(), { query: '物业管理经费', latestOnly: false })).total).toBe(1);
    expect((await all(get(), { query: '业务用房物业管理费用' })).total).toBe(0);
    expect((await all(get(), { query: '业务用房物业管理费用', latestOnly: false })).total).toBe(1);
  });
}, { seed: true });

async function counts(store: Store): Promise<{ projects: number; indicators: number }> {
  const n = async (t: 'projects' | 'indicators') => Number((await store.db.selectFrom(t).select(({ fn }) => fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return { projects: await n('projects'), indicators: await n('indicators') };
}

describe('search on both dialects', () => {
  it('gives the same results on SQLite and PostgreSQL', () => {
    const lite = crossDialect.get('sqlite');
    const pg = crossDialect.get('postgres');
    expect(lite?.size).toBe(ORACLE_QUERIES.length);
    expect(pg).toEqual(lite);
  });
});
