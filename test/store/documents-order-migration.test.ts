// 0014_documents_small_first: on SQLite, documents is rebuilt with source_text and source_bytes last and
// nothing else changes (rows, definitions, indexes, the id sequence, the cascades); on PostgreSQL it does
// nothing. Each store is migrated to 0013 and seeded with the samples first, as a store in use would be.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Migrator, sql, type Migration } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBytes, migrate, type Store } from '../../src/store/index.js';
import { migrations } from '../../src/store/migrations.js';
import { DOCUMENT_COLUMNS, rebuildDocuments } from '../../src/store/documents-order.js';
import { dropStore, freshStore, SAMPLES, sampleFiles, type Dialect } from './harness.js';

const THIS = '0014_documents_small_first';

/** the schema without 0014 (every other migration, so that today's import can seed it) */
async function migrateBefore(store: Store): Promise<void> {
  if (store.dialect === 'postgres') await sql`create schema if not exists ${sql.id(store.schema!)}`.execute(store.db);
  const all = migrations(store.dialect);
  const before: Record<string, Migration> = Object.fromEntries(Object.entries(all).filter(([name]) => name !== THIS));
  const migrator = new Migrator({
    db: store.db, allowUnorderedMigrations: true, provider: { getMigrations: async () => before },
    ...(store.schema ? { migrationTableSchema: store.schema } : {}),
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

async function seeded(dialect: Dialect): Promise<Store> {
  const store = freshStore(dialect);
  await migrateBefore(store);
  for (const f of sampleFiles()) await importBytes(store, readFileSync(join(SAMPLES, f)), { file: f });
  return store;
}

async function tables(store: Store): Promise<string[]> {
  const r = store.dialect === 'sqlite'
    ? await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and sql not like 'create virtual%' order by name`.execute(store.db)
    : await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = ${store.schema} and table_type = 'BASE TABLE' order by table_name`.execute(store.db);
  return r.rows.map((t) => t.name).filter((t) => !t.startsWith('kysely_'));
}

/** every table's row count, by name */
async function counts(store: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of await tables(store)) {
    out[t] = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(store.db)).rows[0]!.n);
  }
  return out;
}

/** a few rows whose values must come through unchanged */
async function sampleRows(store: Store): Promise<unknown> {
  const docs = await store.db.selectFrom('documents').selectAll().orderBy('id').execute();
  const units = await store.db.selectFrom('units').selectAll().orderBy('id').limit(5).execute();
  const projects = await store.db.selectFrom('projects').select(['id', 'document_id', 'unit_id', 'name', 'total', 'categories']).orderBy('id').limit(20).execute();
  const indicators = await store.db.selectFrom('indicators').select(['id', 'project_id', 'name', 'annual_raw']).orderBy('id', 'desc').limit(20).execute();
  const findings = await store.db.selectFrom('findings').select(['id', 'document_id', 'rule', 'message']).orderBy('id').limit(20).execute();
  const search = await sql`select * from search_rows order by id limit 20`.execute(store.db);
  return { docs, units, projects, indicators, findings, search: search.rows };
}

interface Column { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }
const tableInfo = async (store: Store) => (await sql<Column & { cid: number }>`pragma table_xinfo('documents')`.execute(store.db)).rows;
const byName = (cols: readonly Column[]) => Object.fromEntries(cols.map(({ name, type, notnull, dflt_value, pk }) => [name, { type, notnull, dflt_value, pk }]));
const pragmaRows = async (store: Store, pragma: string) => (await sql.raw(`pragma ${pragma}`).execute(store.db)).rows;

/** the documents table's indexes: name, unique, and their columns */
async function indexes(store: Store): Promise<unknown[]> {
  const list = await pragmaRows(store, `index_list('documents')`) as { name: string; unique: number; origin: string }[];
  const out = [];
  for (const i of list.sort((a, b) => a.name.localeCompare(b.name))) {
    const cols = (await pragmaRows(store, `index_info('${i.name}')`) as { name: string }[]).map((c) => c.name);
    out.push({ name: i.name, unique: i.unique, origin: i.origin, cols });
  }
  return out;
}

const sequence = async (store: Store) =>
  (await sql<{ seq: number; type: string }>`select seq, typeof(seq) as type from sqlite_sequence where name = 'documents'`.execute(store.db)).rows[0];

describe('0014_documents_small_first [sqlite]', () => {
  let store: Store;
  let before: { counts: Record<string, number>; rows: unknown; columns: Column[]; fks: unknown[]; indexes: unknown[]; seq: unknown; deleted: number };

  beforeAll(async () => {
    store = await seeded('sqlite');
    // the last document gone first: its id must not be given again after the rebuild
    const last = await store.db.selectFrom('documents').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
    await store.db.deleteFrom('documents').where('id', '=', last.id).execute();
    before = {
      counts: await counts(store), rows: await sampleRows(store), columns: await tableInfo(store),
      fks: await pragmaRows(store, `foreign_key_list('documents')`), indexes: await indexes(store), seq: await sequence(store), deleted: Number(last.id),
    };
    expect(await migrate(store)).toEqual([THIS]);
  }, 60_000);
  afterAll(async () => { if (store) await dropStore(store); });

  it('keeps every row of every table, and their values', async () => {
    expect(before.counts['documents']).toBe(4);
    expect(before.counts['projects']).toBeGreaterThan(200);
    expect(before.counts['search_rows']).toBeGreaterThan(1000);
    expect(await counts(store)).toEqual(before.counts);
    expect(await sampleRows(store)).toEqual(before.rows);
  });

  it('puts every small column first and source_text, source_bytes last', async () => {
    const names = (await tableInfo(store)).sort((a, b) => a.cid - b.cid).map((c) => c.name);
    expect(names).toEqual(DOCUMENT_COLUMNS.map(([n]) => n));
    expect(names.slice(-2)).toEqual(['source_text', 'source_bytes']);
    expect(before.columns.map((c) => c.name).indexOf('source_text')).toBeLessThan(before.columns.length - 2);
  });

  it('keeps each column\'s definition, the reference to departments, the UNIQUE on sha256 and the indexes', async () => {
    expect(byName(await tableInfo(store))).toEqual(byName(before.columns));
    expect(await pragmaRows(store, `foreign_key_list('documents')`)).toEqual(before.fks);
    const after = await indexes(store);
    expect(after).toEqual(before.indexes);
    expect(after).toEqual(expect.arrayContaining([
      expect.objectContaining({ unique: 1, cols: ['sha256'] }),
      expect.objectContaining({ name: 'documents_department', cols: ['department_id', 'year'] }),
      expect.objectContaining({ name: 'documents_content_hash', cols: ['content_hash'] }),
    ]));
    const sqlText = (await sql<{ sql: string }>`select sql from sqlite_master where name = 'documents'`.execute(store.db)).rows[0]!.sql;
    expect(sqlText).toMatch(/^CREATE TABLE "documents" \("id" integer primary key autoincrement, "sha256" text not null unique,/);
  });

  it('keeps the id sequence, so a deleted document\'s id is never given again', async () => {
    expect(before.seq).toEqual({ seq: before.deleted, type: 'integer' });
    expect(await sequence(store)).toEqual(before.seq);
    const f = sampleFiles().at(-1)!;
    const r = await importBytes(store, readFileSync(join(SAMPLES, f)), { file: f });
    expect(r.status).toBe('imported');
    expect(r.status === 'imported' && r.documentId).toBe(before.deleted + 1);
  });

  it('leaves foreign keys enforced and every reference whole', async () => {
    expect(await pragmaRows(store, 'foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    expect(await pragmaRows(store, 'foreign_key_check')).toEqual([]);
    expect(await pragmaRows(store, 'integrity_check')).toEqual([{ integrity_check: 'ok' }]);
  });

  it('deleting a document afterwards still deletes its units, projects, indicators, findings and search rows', async () => {
    const doc = await store.db.selectFrom('projects').select('document_id').groupBy('document_id').orderBy('document_id').executeTakeFirstOrThrow();
    const id = Number(doc.document_id);
    const of = async (t: 'units' | 'projects' | 'indicators' | 'findings' | 'search_rows') =>
      Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(t)} where document_id = ${id}`.execute(store.db)).rows[0]!.n);
    for (const t of ['units', 'projects', 'indicators', 'findings', 'search_rows'] as const) expect(await of(t)).toBeGreaterThan(0);
    await store.db.deleteFrom('documents').where('id', '=', id).execute();
    for (const t of ['units', 'projects', 'indicators', 'findings', 'search_rows'] as const) expect(await of(t)).toBe(0);
  });
});

describe('0014_documents_small_first guards [sqlite]', () => {
  let store: Store;
  beforeAll(async () => { store = await seeded('sqlite'); }, 60_000);
  afterAll(async () => { if (store) await dropStore(store); });

  it('refuses to drop documents while foreign keys are enforced (the drop would delete every unit by cascade)', async () => {
    const was = await counts(store);
    await expect(store.db.transaction().execute((trx) => rebuildDocuments(trx))).rejects.toThrow(/foreign keys are still enforced/);
    expect(await counts(store)).toEqual(was);
    expect((await tableInfo(store)).map((c) => c.name)).not.toEqual(DOCUMENT_COLUMNS.map(([n]) => n));
  });

  it('refuses a documents table with a column it does not know, changing nothing', async () => {
    await sql`alter table documents add column extra text`.execute(store.db);
    try {
      const was = await counts(store);
      await expect(migrate(store)).rejects.toThrow(/columns extra this migration does not know/);
      expect(await counts(store)).toEqual(was);
      expect(await pragmaRows(store, 'foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    } finally {
      await sql`alter table documents drop column extra`.execute(store.db);
    }
  });

  it('rolls back when a reference is broken after the copy, and enforces foreign keys again', async () => {
    await sql`pragma foreign_keys = off`.execute(store.db);
    await sql`insert into orphans (document_id, ordinal, text) values (999999, 0, 'no such document')`.execute(store.db);
    await sql`pragma foreign_keys = on`.execute(store.db);
    try {
      const was = { counts: await counts(store), columns: await tableInfo(store) };
      await expect(migrate(store)).rejects.toThrow(/1 foreign key\(s\) broken \(first: orphans row \d+ → documents\); rolled back/);
      expect({ counts: await counts(store), columns: await tableInfo(store) }).toEqual(was);
      expect(await pragmaRows(store, 'foreign_keys')).toEqual([{ foreign_keys: 1 }]);
    } finally {
      await sql`delete from orphans where document_id = 999999`.execute(store.db);
    }
  });

  it('makes again the views and triggers that name documents (the rename fails while one names a missing table)', async () => {
    await sql`create view document_years as select id, year from documents`.execute(store.db);
    await sql`create trigger units_touch_document after update of review_score on units
      begin update documents set note = note where id = new.document_id; end`.execute(store.db);
    const schema = async () => (await sql`select type, name, tbl_name, sql from sqlite_master where type in ('view', 'trigger') order by name`.execute(store.db)).rows;
    const was = await schema();
    expect(was.map((o) => (o as { name: string }).name)).toEqual(expect.arrayContaining(['document_years', 'units_touch_document', 'search_units_latest']));
    expect(await migrate(store)).toEqual([THIS]);
    expect(await schema()).toEqual(was);
    const docs = (await counts(store))['documents'];
    expect((await sql<{ n: number }>`select count(*) as n from document_years`.execute(store.db)).rows[0]!.n).toBe(docs);
    await sql`update units set review_score = review_score`.execute(store.db);
  });

  it('runs again without change when its record was lost after the rebuild', async () => {
    const was = { counts: await counts(store), rows: await sampleRows(store) };
    await sql`delete from kysely_migration where name = ${THIS}`.execute(store.db);
    expect(await migrate(store)).toEqual([THIS]);
    expect({ counts: await counts(store), rows: await sampleRows(store) }).toEqual(was);
  });
});

describe('0014_documents_small_first on a new store [sqlite]', () => {
  let store: Store;
  beforeAll(async () => { store = freshStore('sqlite'); await migrate(store); });
  afterAll(async () => { if (store) await dropStore(store); });

  it('a store made by every migration has documents small-first and imports into it', async () => {
    expect((await tableInfo(store)).map((c) => c.name)).toEqual(DOCUMENT_COLUMNS.map(([n]) => n));
    const f = sampleFiles()[0]!;
    expect((await importBytes(store, readFileSync(join(SAMPLES, f)), { file: f })).status).toBe('imported');
    expect(await pragmaRows(store, 'foreign_key_check')).toEqual([]);
  });
});

describe('0014_documents_small_first [postgres]', () => {
  let store: Store;
  beforeAll(async () => { store = await seeded('postgres'); }, 60_000);
  afterAll(async () => { if (store) await dropStore(store); });

  it('changes nothing: every row, value and column stays as it was', async () => {
    const columns = async () => (await sql<{ column_name: string }>`select column_name from information_schema.columns
      where table_schema = ${store.schema} and table_name = 'documents' order by ordinal_position`.execute(store.db)).rows.map((c) => c.column_name);
    const was = { counts: await counts(store), rows: await sampleRows(store), columns: await columns() };
    expect(was.counts['documents']).toBe(5);
    expect(await migrate(store)).toEqual([THIS]);
    expect({ counts: await counts(store), rows: await sampleRows(store), columns: await columns() }).toEqual(was);
    expect(was.columns.indexOf('source_text')).toBeLessThan(was.columns.indexOf('imported_at'));
  });
});
