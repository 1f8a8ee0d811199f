// The project list's pages read from its kept order (list-ids.ts) against the same pages read by
// OFFSET (the path a list too long to keep takes), and the category bits of 0013 against the
// indicators themselves, on both databases.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { CATEGORY_CODES, categoryBit } from '../../src/store/categories.js';
import { LIST_IDS } from '../../src/store/list-ids.js';
import { getProject, importBytes, listProjects, migrate, SORTS, type ProjectQuery, type Store } from '../../src/store/index.js';
import { forEachDialect, SAMPLES } from './harness.js';

const kept = LIST_IDS.maxIds;
afterEach(() => { LIST_IDS.maxIds = kept; });

const ids = async (store: Store, q: ProjectQuery) => {
  const page = await listProjects(store, q);
  return { total: page.total, ids: page.items.map((p) => p.id) };
};

/** every project's codes as its indicators have them, by SQL over the indicators */
async function codesByIndicators(store: Store): Promise<Map<number, Set<string>>> {
  const rows = await store.db.selectFrom('indicators').select(['project_id', 'level1_code', 'level2_code']).where('project_id', 'is not', null).execute();
  const out = new Map<number, Set<string>>();
  for (const r of rows) {
    const s = out.get(Number(r.project_id)) ?? new Set<string>();
    if (r.level1_code?.length === 1) s.add(r.level1_code);
    if (r.level2_code && r.level2_code.length === 2) s.add(r.level2_code);
    out.set(Number(r.project_id), s);
  }
  return out;
}

async function expectBitsMatch(store: Store): Promise<void> {
  const codes = await codesByIndicators(store);
  const projects = await store.db.selectFrom('projects').select(['id', 'categories']).execute();
  expect(projects.length).toBeGreaterThan(300);
  for (const p of projects) {
    const want = [...(codes.get(Number(p.id)) ?? [])].filter((c) => (CATEGORY_CODES as readonly string[]).includes(c)).reduce((m, c) => m | categoryBit(c), 0);
    expect(p.categories, `project ${p.id}`).toBe(want);
  }
}

forEachDialect('list pages', (get) => {
  it('every sort, both ways, at the first, a middle and the last page, with filters: the kept order gives the pages OFFSET gives', async () => {
    const store = get();
    const queries: ProjectQuery[] = [];
    for (const sort of SORTS) for (const order of ['asc', 'desc'] as const) for (const offset of [0, 120, 320]) queries.push({ sort, order, offset, limit: 25 });
    queries.push({ has: '3', sort: 'total', order: 'desc', offset: 10 }, { missing: ['31', '13'], sort: 'name' }, { latestOnly: false, sort: 'score', offset: 200, limit: 500 },
      { unit: '广州市技师学院', sort: 'indicators', order: 'desc', offset: 3 }, { findings: true, year: 2024, offset: 5 }, { offset: 10_000 });
    for (const q of queries) {
      LIST_IDS.maxIds = kept;
      const fromKept = await ids(store, q);
      LIST_IDS.maxIds = 0;
      const byOffset = await ids(store, q);
      expect(fromKept, JSON.stringify(q)).toEqual(byOffset);
    }
    // and the order is really kept: the first reading of a list is the whole of it, later pages slice it
    LIST_IDS.maxIds = kept;
    const whole = await listProjects(store, { sort: 'total', limit: 500 });
    expect(whole.total).toBeGreaterThan(300);
    expect((await listProjects(store, { sort: 'total', offset: 100, limit: 10 })).items.map((p) => p.id)).toEqual(whole.items.slice(100, 110).map((p) => p.id));
  });

  it('a new import is seen at once: the kept order belongs to the state of the store it was read in', async () => {
    const store = get();
    const before = await listProjects(store, { sort: 'name', order: 'desc', latestOnly: false });
    const f = '002_02da4d888feccc7a.txt';
    const bytes = Buffer.from(readFileSync(join(SAMPLES, f), 'utf8').replace('广州市人力资源和社会保障局', '广州市教育局'), 'utf8');
    const r = await importBytes(store, bytes, { file: 'again.txt' });
    expect(r.status).toBe('imported');
    const after = await listProjects(store, { sort: 'name', order: 'desc', latestOnly: false });
    expect(after.total).toBeGreaterThan(before.total);
    LIST_IDS.maxIds = 0;
    expect((await listProjects(store, { sort: 'name', order: 'desc', latestOnly: false })).items.map((p) => p.id)).toEqual(after.items.map((p) => p.id));
  });

  it('import writes each project\'s category bits as its indicators have them', async () => {
    await expectBitsMatch(get());
  });

  it('0013 fills the bits of projects stored before it', async () => {
    const store = get();
    await sql`alter table projects drop column categories`.execute(store.db);
    const migrations = store.schema ? sql`${sql.id(store.schema)}.${sql.id('kysely_migration')}` : sql.id('kysely_migration');
    await sql`delete from ${migrations} where name = '0013_project_categories'`.execute(store.db);
    expect(await migrate(store)).toEqual(['0013_project_categories']);
    await expectBitsMatch(store);
  });

  it('0015 gives every text document stored before it its lines, exactly as project lines count them', async () => {
    const store = get();
    const migrations = store.schema ? sql`${sql.id(store.schema)}.${sql.id('kysely_migration')}` : sql.id('kysely_migration');
    const before = await store.db.selectFrom('document_lines').select(['document_id', 'line', 'text']).orderBy('document_id').orderBy('line').execute();
    await sql`drop table document_lines`.execute(store.db);
    await sql`delete from ${migrations} where name = '0015_document_lines'`.execute(store.db);
    expect(await migrate(store)).toEqual(['0015_document_lines']);
    const after = await store.db.selectFrom('document_lines').select(['document_id', 'line', 'text']).orderBy('document_id').orderBy('line').execute();
    // what import wrote is what the migration fills
    expect(after).toEqual(before);
    for (const d of await store.db.selectFrom('documents').select(['id', 'source_text']).execute()) {
      const mine = after.filter((r) => Number(r.document_id) === Number(d.id)).map((r) => r.text);
      expect(mine).toEqual(d.source_text.split(/\r?\n/));
    }
  });

  it('a project\'s excerpt is its lines of the stored text, read as that part of it', async () => {
    const store = get();
    const doc = await store.db.selectFrom('documents').select(['id', 'source_text']).where('file', '=', '003_7b33df3d06e95335.txt').executeTakeFirstOrThrow();
    const lines = doc.source_text.split(/\r?\n/);
    const projects = await store.db.selectFrom('projects').select('id').where('document_id', '=', doc.id).where('line', 'is not', null).orderBy('id').execute();
    expect(projects.length).toBeGreaterThan(10);
    for (const p of projects) {
      const e = (await getProject(store, Number(p.id))).excerpt!;
      expect(e.lines).toEqual(lines.slice(e.from - 1, e.to));
      expect(e.from).toBeLessThanOrEqual(e.line);
    }
  });
}, { seed: true });
