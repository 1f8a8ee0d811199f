// Migration 0002_search: substring search over project names, goals and indicator names.
//
// Chinese has no spaces, so search is substring search, and the queries that matter most are short:
// 运维, 满意, 培训 are two characters. Both dialects index **bigrams** (every pair of consecutive
// characters), which serve any query of two or more characters with one index: the query becomes a
// phrase of its consecutive bigrams (运维服务 → 运维 <-> 维服 <-> 服务), and a one-character query a prefix
// of a token (search-text.ts). Texts are indexed once per distinct normalised text (search_texts), and
// each project name / goal / indicator name points at its text (search_rows; search-index.ts).
//
// SQLite: contentless FTS5 tables of bigram tokens, one per field. FTS5's own trigram tokenizer matches
// nothing under three characters, so it cannot serve 运维; a bigram table serves 2+ with one index, and
// FTS5 returns matches in rowid order, which is made to be shortest text first, so the best-ranked
// matches come first and a query stops after a page (search.ts).
//
// PostgreSQL: pg_trgm with a GIN trigram index on the normalised text, and a GIN index on a tsvector
// of bigram tokens. pg_trgm extracts no trigram from a two-character pattern, so `LIKE '%运维%'`
// cannot use the trigram index (it reads the whole index); the bigram tsvector, queried with the
// phrase operator <->, serves two characters (and one, as a prefix). Which index serves a query of
// three or more characters was measured (bench/search.ts) and is chosen in search.ts.
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from './connect.js';
import { FIELD_CODE, FIELDS, ftsTable, indexDocument } from './search-index.js';

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations outlive the current schema type

/** the advisory lock taken while creating the extension (two schemas migrating at once) */
const EXTENSION_LOCK = 0x6a697869; // "jixi"

/** The schema pg_trgm is installed in, installing it (in public) when it is not there yet. */
export async function trigramSchema(db: Db): Promise<string> {
  const where = async () => (await sql<{ nspname: string }>`select n.nspname from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db)).rows[0]?.nspname;
  let schema = await where();
  if (schema === undefined) {
    await sql`select pg_advisory_xact_lock(${EXTENSION_LOCK})`.execute(db);
    schema = await where();
    if (schema === undefined) {
      // in public, never in a store's own schema: dropping that schema would drop the extension with it
      await sql`create extension if not exists pg_trgm with schema public`.execute(db);
      schema = (await where()) ?? 'public';
    }
  }
  return schema;
}

/**
 * PostgreSQL: the bigram tsvector of a normalised text, computed in SQL so that it is an index
 * expression and never stored: every pair of consecutive characters as one lexeme, each code point six
 * hex digits, the last character paired with ffffff, at its position (1-based). Its JavaScript twin,
 * pgBigramTsvector, writes the queries; a test holds the two to the same output.
 */
const SEARCH_BIGRAMS = `create function search_bigrams(norm text) returns tsvector
  language sql immutable strict parallel safe as $$
    select coalesce(string_agg(
        lpad(to_hex(ascii(substr(norm, i, 1))), 6, '0')
          || case when i < n then lpad(to_hex(ascii(substr(norm, i + 1, 1))), 6, '0') else 'ffffff' end
          || ':' || i, ' '), '')::tsvector
    from (select char_length(norm) as n) c, generate_series(1, least(c.n, 16383)) as i
  $$`;

/** PostgreSQL: the GIN indexes of search_texts, per field (partial): bigrams and trigrams. */
export async function createTextIndexes(db: Db, trgm: string): Promise<void> {
  for (const f of FIELDS) {
    const code = sql.lit(FIELD_CODE[f]);
    await sql`create index ${sql.id(`search_texts_bigrams_${f}`)} on search_texts using gin (search_bigrams(norm)) where field = ${code}`.execute(db);
    await sql`create index ${sql.id(`search_texts_trgm_${f}`)} on search_texts using gin (norm ${sql.id(trgm, 'gin_trgm_ops')}) where field = ${code}`.execute(db);
  }
}

/** PostgreSQL: drops them, for a bulk load (bench/search.ts), after which createTextIndexes builds them at once. */
export async function dropTextIndexes(db: Db): Promise<void> {
  for (const f of FIELDS) {
    await sql`drop index if exists ${sql.id(`search_texts_bigrams_${f}`)}`.execute(db);
    await sql`drop index if exists ${sql.id(`search_texts_trgm_${f}`)}`.execute(db);
  }
}

export function searchMigration(dialect: DialectName): Migration {
  return {
    async up(db: Db) {
      const pg = dialect === 'postgres';
      const ref = pg ? 'bigint' : 'integer';
      const texts = db.schema.createTable('search_texts')
        .addColumn('id', pg ? 'bigserial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('field', 'smallint', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('norm', 'text', (c) => c.notNull())
        .addColumn('len', 'integer', (c) => c.notNull());
      await texts.execute();
      await db.schema.createIndex('search_texts_hash').on('search_texts').columns(['hash', 'field']).unique().execute();

      await db.schema.createTable('search_rows')
        .addColumn('id', pg ? 'bigserial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn('text_id', ref, (c) => c.notNull().references('search_texts.id'))
        .addColumn('field', 'smallint', (c) => c.notNull())
        .addColumn('document_id', ref, (c) => c.notNull().references('documents.id').onDelete('cascade'))
        .addColumn('unit_id', ref, (c) => c.notNull())
        .addColumn('project_id', ref, (c) => c.notNull())
        .addColumn('indicator_id', ref)
        .addColumn('latest', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('search_rows_text').on('search_rows').columns(['text_id', 'latest', 'id']).execute();
      await db.schema.createIndex('search_rows_unit').on('search_rows').columns(['unit_id']).execute();
      await db.schema.createIndex('search_rows_document').on('search_rows').columns(['document_id']).execute();

      if (pg) {
        const trgm = await trigramSchema(db);
        await sql.raw(SEARCH_BIGRAMS).execute(db);
        // ranked walks go through (field, len, id): shortest text first
        await db.schema.createIndex('search_texts_order').on('search_texts').columns(['field', 'len', 'id']).execute();
        await createTextIndexes(db, trgm);
        await sql.raw(`create function search_units_latest() returns trigger language plpgsql as $$
          begin
            update search_rows set latest = new.latest where unit_id = new.id;
            return null;
          end $$`).execute(db);
        await sql.raw(`create trigger search_units_latest after update of latest on units for each row
          when (old.latest is distinct from new.latest) execute function search_units_latest()`).execute(db);
      } else {
        for (const f of FIELDS) {
          // contentless (the text is in search_texts), positions kept (phrases), no column sizes (no bm25)
          await sql`create virtual table ${sql.table(ftsTable(f))} using fts5(tok, tokenize = 'ascii', content = '', columnsize = 0, detail = full)`.execute(db);
        }
        await sql.raw(`create trigger search_units_latest after update of latest on units
          when old.latest is not new.latest
          begin update search_rows set latest = new.latest where unit_id = new.id; end`).execute(db);
      }

      // documents stored before this migration
      const docs = await db.selectFrom('documents').select('id').orderBy('id').execute();
      for (const d of docs) await indexDocument(db, Number(d.id));
    },
  };
}
