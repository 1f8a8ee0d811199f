// 0014_documents_small_first: SQLite keeps a row's columns in declaration order and a large value spills
// into a chain of overflow pages, so reading any column declared after `source_text` (a 200 KB table is
// ~50 pages) walks that chain: `max(imported_at)` over 1,070 documents took 229 ms against 23 ms for the
// columns before it, and every project page's summary join (imported_at, year_source, note) paid for it.
// The table is rebuilt with the small columns first and the two large ones (source_text, source_bytes)
// last, by SQLite's procedure for changes ALTER TABLE cannot make
// (https://www.sqlite.org/lang_altertable.html#otheralter). PostgreSQL keeps large values out of line
// (TOAST): nothing to do there.
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from './connect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/**
 * The columns in their new order, each with its definition as 0001..0005 wrote it (the UNIQUE on sha256
 * with it, so its automatic index comes back with the table); the large ones last.
 */
export const DOCUMENT_COLUMNS: readonly (readonly [name: string, definition: string])[] = [
  ['id', 'integer primary key autoincrement'],
  ['sha256', 'text not null unique'],
  ['file', 'text not null'],
  ['layout', 'text not null'],
  ['encoding', 'text not null'],
  ['bytes', 'integer not null'],
  ['lines', 'integer not null'],
  ['title', 'text'],
  ['year', 'integer'],
  ['department_id', 'integer references "departments" ("id")'],
  ['currency_unit', 'text'],
  ['imported_at', 'text not null'],
  ['total_total', 'integer'],
  ['total_fiscal', 'integer'],
  ['total_special', 'integer'],
  ['total_other', 'integer'],
  ['total_unplaced', 'text'],
  ['review_score', 'real'],
  ['review_grade', 'text'],
  ['errors', 'integer default 0 not null'],
  ['warnings', 'integer default 0 not null'],
  ['content_hash', 'text'],
  ['year_source', 'text default \'printed\' not null'],
  ['department_source', 'text default \'printed\' not null'],
  ['note', 'text'],
  ['review_dimensions', 'text'],
  ['review_gated', 'integer'],
  ['source_text', 'text not null'],
  ['source_bytes', 'blob'],
];

const names = DOCUMENT_COLUMNS.map(([n]) => n);
const columnList = names.map((n) => `"${n}"`).join(', ');

async function columnsOf(db: Db): Promise<string[]> {
  const r = await sql<{ name: string }>`select name from pragma_table_xinfo('documents')`.execute(db);
  return r.rows.map((c) => c.name);
}

async function foreignKeysOn(db: Db): Promise<boolean> {
  const r = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(db);
  return Number(r.rows[0]?.foreign_keys) === 1;
}

/** the rebuild, inside one transaction on a connection whose foreign keys are off */
export async function rebuildDocuments(trx: Db): Promise<void> {
  // dropping the table with foreign keys enforced would delete every unit, project and indicator by cascade
  if (await foreignKeysOn(trx)) throw new Error('0014_documents_small_first: foreign keys are still enforced; documents not rebuilt');
  // made again as they are after the rename: the table's own indexes, and every view and trigger (the
  // rename fails while one names a table that is missing, and one may name another): none now, but a rebuild
  // must not be what breaks the first
  const indexes = await sql<{ sql: string }>`select sql from sqlite_master
    where type = 'index' and tbl_name = 'documents' and sql is not null order by rowid`.execute(trx);
  const others = await sql<{ type: string; name: string; sql: string }>`select type, name, sql from sqlite_master
    where type in ('view', 'trigger') order by rowid`.execute(trx);
  const seq = await sql<{ seq: number }>`select seq from sqlite_sequence where name = 'documents'`.execute(trx);
  for (const o of others.rows) await sql.raw(`drop ${o.type} "${o.name.replace(/"/g, '""')}"`).execute(trx);

  await sql.raw(`create table "documents_new" (${DOCUMENT_COLUMNS.map(([n, d]) => `"${n}" ${d}`).join(', ')})`).execute(trx);
  await sql.raw(`insert into "documents_new" (${columnList}) select ${columnList} from "documents" order by "id"`).execute(trx);
  await sql`drop table "documents"`.execute(trx);
  await sql`alter table "documents_new" rename to "documents"`.execute(trx);
  for (const o of [...indexes.rows, ...others.rows]) await sql.raw(o.sql).execute(trx);
  // the copy's sequence is its highest id: a deleted document's id would be given again (cast: a JS
  // number binds as a real)
  const last = seq.rows[0]?.seq;
  if (last !== undefined) {
    const set = await sql`update sqlite_sequence set seq = max(seq, cast(${last} as integer)) where name = 'documents'`.execute(trx);
    if (!set.numAffectedRows) await sql`insert into sqlite_sequence (name, seq) values ('documents', cast(${last} as integer))`.execute(trx);
  }
  const broken = await sql<{ table: string; rowid: number; parent: string }>`pragma foreign_key_check`.execute(trx);
  if (broken.rows.length > 0) {
    const first = broken.rows[0]!;
    throw new Error(`0014_documents_small_first: ${broken.rows.length} foreign key(s) broken (first: ${first.table} row ${first.rowid} → ${first.parent}); rolled back`);
  }
}

export function documentsOrderMigration(dialect: DialectName): Migration {
  return {
    async up(db: Db) {
      if (dialect !== 'sqlite') return;
      const current = await columnsOf(db);
      if (current.join() === names.join()) return; // already rebuilt (the migration's record was lost)
      // a column this list does not know (a later migration on another branch) would be lost by the copy
      const unknown = current.filter((c) => !names.includes(c));
      const missing = names.filter((c) => !current.includes(c));
      if (unknown.length || missing.length) {
        throw new Error(`0014_documents_small_first: documents has columns ${unknown.join(', ') || '-'} this migration does not know and lacks ${missing.join(', ') || '-'}`);
      }
      // Kysely's migrator runs SQLite migrations outside a transaction: foreign_keys can change only there
      const enforced = await foreignKeysOn(db);
      await sql`pragma foreign_keys = off`.execute(db);
      try {
        await db.transaction().execute((trx) => rebuildDocuments(trx));
      } finally {
        if (enforced) await sql`pragma foreign_keys = on`.execute(db);
      }
    },
  };
}
