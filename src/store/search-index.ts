// Keeping the search index in step with the store. `indexDocument` is called once per imported
// document, inside its import transaction (and by migration 0002 for documents stored before it), so
// a document is searchable exactly when it is stored.
//
// Layout (both dialects; the structures are created in search-schema.ts):
//   search_texts  one row per distinct normalised text per field (project name, goal, indicator name):
//                 the same indicator name in 10,000 projects is indexed once and ranked once
//   search_rows   one row per project name / goal / indicator name → its text, with the ids a hit
//                 needs and a copy of units.latest (kept by a trigger on units)
//   SQLite        search_fts_name, search_fts_goal, search_fts_indicator: contentless FTS5 tables of
//                 bigram tokens, rowid = len·2^36 + text id, so FTS5's rowid order is shortest first
//   PostgreSQL    per field, a GIN index on search_bigrams(norm, len): the bigrams and the length band as
//                 a tsvector computed by SQL, not stored; and a btree on (field, len, id)
import { hash as digest } from 'node:crypto';
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { fts5Document, normalizedText } from './search-text.js';

export const FIELDS = ['name', 'goal', 'indicator'] as const;
export type SearchField = (typeof FIELDS)[number];
export const FIELD_CODE: Readonly<Record<SearchField, number>> = { name: 0, goal: 1, indicator: 2 };

/** SQLite: the FTS5 table of a field */
export const ftsTable = (f: SearchField): string => `search_fts_${f}`;

/** SQLite FTS5 rowid of a text: shorter texts first, then by id. Both parts fit a double exactly. */
export const ID_BITS = 2 ** 36;
export const MAX_LEN = 65535;
export const ftsRowid = (len: number, id: number): number => Math.min(len, MAX_LEN) * ID_BITS + id;

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- used by the migration, whose schema type is older

export const isPostgres = (db: Db): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

const hash = (norm: string): string => digest('sha1', norm, 'base64url');

interface Entry {
  readonly field: SearchField;
  readonly norm: string;
  readonly hash: string;
  readonly documentId: number;
  readonly unitId: number;
  readonly projectId: number;
  readonly indicatorId: number | null;
  readonly latest: number;
}

const CHUNK = 500;
function chunks<T>(xs: readonly T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/** Indexes one stored document's project names, goals and indicator names. */
export async function indexDocument(db: Db, documentId: number): Promise<void> {
  const projects: { id: number; unit_id: number; name: string; goal: string; latest: number }[] = await db.selectFrom('projects as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select(['p.id', 'p.unit_id', 'p.name', 'p.goal', 'u.latest'])
    .where('p.document_id', '=', documentId).orderBy('p.id').execute();
  const indicators: { id: number; project_id: number; name: string; unit_id: number; latest: number }[] = await db.selectFrom('indicators as i')
    .innerJoin('projects as p', 'p.id', 'i.project_id')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select(['i.id', 'i.project_id', 'i.name', 'p.unit_id', 'u.latest'])
    .where('i.document_id', '=', documentId).orderBy('i.id').execute();
  const entries: Entry[] = [];
  const add = (field: SearchField, text: string, unitId: number, projectId: number, indicatorId: number | null, latest: number): void => {
    const norm = normalizedText(text);
    if (norm) entries.push({ field, norm, hash: hash(norm), documentId, unitId: Number(unitId), projectId: Number(projectId), indicatorId: indicatorId === null ? null : Number(indicatorId), latest: Number(latest) });
  };
  for (const p of projects) {
    add('name', p.name, p.unit_id, p.id, null, p.latest);
    add('goal', p.goal, p.unit_id, p.id, null, p.latest);
  }
  for (const i of indicators) add('indicator', i.name, i.unit_id, i.project_id, i.id, i.latest);
  const ids = await textIds(db, entries);
  for (const part of chunks(entries)) {
    await db.insertInto('search_rows').values(part.map((e) => ({
      text_id: ids.get(`${e.field}:${e.hash}`)!, field: FIELD_CODE[e.field], document_id: e.documentId, unit_id: e.unitId,
      project_id: e.projectId, indicator_id: e.indicatorId, latest: e.latest,
    }))).execute();
  }
}

/** The dictionary ids of the entries' texts, adding the texts not yet there (and indexing them). */
async function textIds(db: Db, entries: readonly Entry[]): Promise<Map<string, number>> {
  const key = (field: number | SearchField, h: string) => `${typeof field === 'number' ? FIELDS[field] : field}:${h}`;
  const ids = new Map<string, number>();
  const distinct = new Map<string, Entry>();
  for (const e of entries) distinct.set(key(e.field, e.hash), e);
  const lookup = async (wanted: readonly Entry[]): Promise<void> => {
    for (const part of chunks(wanted)) {
      const found: { id: number; field: number; hash: string }[] = await db.selectFrom('search_texts').select(['id', 'field', 'hash'])
        .where('hash', 'in', part.map((e) => e.hash)).execute();
      for (const r of found) ids.set(key(Number(r.field), r.hash), Number(r.id));
    }
  };
  await lookup([...distinct.values()]);
  const missing = [...distinct.entries()].filter(([k]) => !ids.has(k)).map(([, e]) => e);
  if (!missing.length) return ids;
  const pg = isPostgres(db);
  for (const part of chunks(missing)) {
    const inserted: { id: number; field: number; hash: string; norm: string; len: number }[] = await db.insertInto('search_texts')
      .values(part.map((e) => ({ field: FIELD_CODE[e.field], hash: e.hash, norm: e.norm, len: e.norm.length })))
      // a concurrent import may add the same text first: then it is simply looked up below
      .onConflict((oc) => oc.columns(['field', 'hash']).doNothing())
      .returning(['id', 'field', 'hash', 'norm', 'len']).execute();
    for (const r of inserted) ids.set(key(Number(r.field), r.hash), Number(r.id));
    if (!pg) {
      for (const f of FIELDS) {
        const rows = inserted.filter((r) => Number(r.field) === FIELD_CODE[f]);
        if (!rows.length) continue;
        const values = rows.map((r) => sql`(${ftsRowid(Number(r.len), Number(r.id))}, ${fts5Document(r.norm)})`);
        await sql`insert into ${sql.table(ftsTable(f))} (rowid, tok) values ${sql.join(values)}`.execute(db);
      }
    }
  }
  await lookup(missing.filter((e) => !ids.has(key(e.field, e.hash))));
  return ids;
}
