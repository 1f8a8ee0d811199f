// Migration 0002_search: substring search over project names, goals and indicator names.
//
// Chinese has no spaces, so search is substring search, and the queries that matter most are short:
// 运维, 满意, 培训 are two characters. Both dialects index **bigrams** (every pair of consecutive
// characters), which serve a query of any length with one index (search-text.ts). Texts are indexed
// once per distinct normalised text (search_texts), and each project name / goal / indicator name points
// at its text (search_rows; search-index.ts, called by import). Ranking is shortest text first (search.ts),
// so both layouts are built to give matches in length order without sorting all of them.
//
// SQLite: contentless FTS5 tables of bigram tokens, one per field; a query is the phrase of its
// consecutive bigrams (运维服务 → 运维 维服 服务), one character a token prefix. FTS5's own trigram
// tokenizer matches nothing under three characters (measured: 0 hits for every 2-character query), so
// it cannot serve 运维. FTS5 returns matches in rowid order, and the rowid is length·2^36 + id: shortest
// first, and a query stops after a page.
//
// PostgreSQL: a GIN index per field on search_bigrams(norm, len), a tsvector of the text's bigrams and
// of its length band, computed by SQL and never stored. pg_trgm was measured and not kept: it extracts
// no trigram from a two-character pattern, so `ILIKE '%运维%'` reads the whole trigram index (bench:
// p95 84 ms at 1,000,000 indicators, beside 9 ms for three characters), and a second index for 3+
// characters would buy nothing the bigram index does not do: a query asks for all its bigrams (no
// positions, so GIN never rechecks) and strpos confirms. The length band lets the index alone find the
// matches of the shortest texts; common words are read by walking the (field, len, id) btree instead.
// No extension is needed.
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from './connect.js';
import { FIELD_CODE, FIELDS, ftsTable, indexDocument } from './search-index.js';
import { LENGTH_BANDS } from './search-text.js';

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations outlive the current schema type

/**
 * PostgreSQL: the bigram tsvector of a normalised text, computed in SQL so that it is an index
 * expression and never stored: every pair of consecutive characters as one lexeme, each code point six
 * hex digits, the last character paired with ffffff, and the lexeme lenNN of its length band (the
 * bands are LENGTH_BANDS). Its JavaScript twin, pgBigramTsvector, writes the queries; a test holds the
 * two to the same output.
 */
const SEARCH_BIGRAMS = `create function search_bigrams(norm text, len integer) returns tsvector
  language sql immutable strict parallel safe as $$
    select array_to_tsvector(array_append(
      coalesce(array_agg(distinct lpad(to_hex(ascii(substr(norm, i, 1))), 6, '0')
        || case when i < n then lpad(to_hex(ascii(substr(norm, i + 1, 1))), 6, '0') else 'ffffff' end), '{}'),
      'len' || lpad((select count(*) from unnest('{${LENGTH_BANDS.join(',')}}'::int[]) b where b <= len)::text, 2, '0')))
    from (select char_length(norm) as n) c, generate_series(1, c.n) as i
  $$`;

/** PostgreSQL: the GIN indexes of search_texts, one per field (partial). */
export async function createTextIndexes(db: Db): Promise<void> {
  for (const f of FIELDS) {
    await sql`create index ${sql.id(`search_texts_bigrams_${f}`)} on search_texts using gin (search_bigrams(norm, len)) where field = ${sql.lit(FIELD_CODE[f])}`.execute(db);
  }
}

/** PostgreSQL: drops them, for a bulk load (bench/search.ts), after which createTextIndexes builds them at once. */
export async function dropTextIndexes(db: Db): Promise<void> {
  for (const f of FIELDS) await sql`drop index if exists ${sql.id(`search_texts_bigrams_${f}`)}`.execute(db);
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
        await sql.raw(SEARCH_BIGRAMS).execute(db);
        // ranked walks go through (field, len, id): shortest text first
        await db.schema.createIndex('search_texts_order').on('search_texts').columns(['field', 'len', 'id']).execute();
        await createTextIndexes(db);
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
