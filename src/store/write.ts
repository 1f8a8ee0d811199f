// Storing a document's plan (plan.ts) in one transaction. The rows go in table by table, in bulk:
// SQLite through better-sqlite3 statements prepared once per connection and run row by row (no query
// building, no round trip: a row costs microseconds), PostgreSQL as one `insert … select * from
// unnest($1::type[], …)` per table and chunk (one parameter per column, whatever the row count, so
// neither the 65,535-parameter limit nor per-statement planning grows with the rows), with the ids
// taken from the sequence first so that references are resolved in memory. The few statements that
// decide (department, versions, latest) stay Kysely queries.
import type SQLite from 'better-sqlite3';
import { sql, type Transaction } from 'kysely';
import type { Store } from './connect.js';
import { matchImportedOrgs } from './orgs.js';
import { COLUMNS, REFERENCES, type DocumentPlan, type PlanTable, type Row, type SearchText, type Value } from './plan.js';
import type { Provenance } from './publication.js';
import type { Database } from './schema.js';
import { insertLines, linesOf, NO_LINES } from './document-lines.js';
import { FIELDS, ftsRowid, ftsTable } from './search-index.js';
import { fts5Document } from './search-text.js';

/** the year and department a document is stored with, how each was decided, and the note saying so */
export interface Decided {
  readonly year: number | null;
  readonly department: string | null;
  readonly yearSource: Provenance;
  readonly departmentSource: Provenance;
  readonly note: string | null;
}

export interface Written {
  readonly documentId: number;
  readonly versions: readonly { unit: string; version: number }[];
}

/** called inside the transaction after each table's rows are written (the crash test holds it open there) */
export type OnWritten = (table: PlanTable | 'documents' | 'search_texts', rows: number) => void | Promise<void>;

/** Bulk insert of rows (already resolved to ids) into a table; returns the new rows' ids in row order. */
interface Bulk {
  insert(table: PlanTable, rows: readonly Row[]): Promise<number[]>;
  /** the ids of these search texts, adding those not yet there (and, on SQLite, their FTS5 rows) */
  texts(texts: readonly SearchText[]): Promise<number[]>;
  /** the document's text lines, numbered from 1 */
  lines(documentId: number, lines: readonly string[]): Promise<void>;
}

type Trx = Transaction<Database>;

export async function writePlan(store: Store, plan: DocumentPlan, decided: Decided, now: Date, contentHash: string, onWritten?: OnWritten): Promise<Written> {
  // SQLite: foreign keys off for this transaction only (connect.ts, importDb)
  return (store.importDb ?? store.db).transaction().execute(async (trx) => {
    const bulk = store.sqlite ? sqliteBulk(store.sqlite) : postgresBulk(trx);
    return write(trx, bulk, plan, decided, now, contentHash, onWritten);
  });
}

async function write(trx: Trx, bulk: Bulk, plan: DocumentPlan, decided: Decided, now: Date, contentHash: string, onWritten?: OnWritten): Promise<Written> {
  const { year, department } = decided;
  let departmentId: number | null = null;
  if (department) {
    const found = await trx.selectFrom('departments').select('id').where('name', '=', department).executeTakeFirst();
    departmentId = found ? Number(found.id) : Number((await trx.insertInto('departments').values({ name: department }).returning('id').executeTakeFirstOrThrow()).id);
  }
  const documentId = Number((await trx.insertInto('documents').values({
    ...plan.document, year, department_id: departmentId, imported_at: now.toISOString(), content_hash: contentHash,
    year_source: decided.yearSource, department_source: decided.departmentSource, note: decided.note,
  }).returning('id').executeTakeFirstOrThrow()).id);
  // a text's lines, for the project pages' excerpts (document-lines.ts)
  if (!NO_LINES.has(plan.document.layout) && plan.document.source_text !== '') await bulk.lines(documentId, linesOf(plan.document.source_text));
  await onWritten?.('documents', 1);

  // a document adds at most one version of a unit-year: a unit printed several times in one table (34
  // times, in one upload) is one publication, each printing a row of that same version
  const versionOf = new Map<string, { version: number; latest: number }>();
  const versions: { unit: string; version: number }[] = [];
  for (const u of plan.rows.units) {
    const name = u[2] as string;
    let same = versionOf.get(name);
    if (same === undefined) {
      const previous = await trx.selectFrom('units').select(({ fn }) => fn.max<number>('version').as('v'))
        .where('name', '=', name).where((eb) => (year === null ? eb('year', 'is', null) : eb('year', '=', year))).executeTakeFirst();
      const version = Number(previous?.v ?? 0) + 1;
      // The latest of a unit-year is the last imported publication that prints its year; one whose year
      // was supplied (given or proposed) is latest only while no publication of that unit-year prints it.
      const displaced = version > 1 && (decided.yearSource === 'printed' || year === null || !(await trx.selectFrom('units as pu')
        .innerJoin('documents as pd', 'pd.id', 'pu.document_id').select('pu.id')
        .where('pu.name', '=', name).where('pu.year', '=', year).where('pd.year_source', '=', 'printed').limit(1).executeTakeFirst()));
      if (displaced) {
        await trx.updateTable('units').set({ latest: 0 }).where('name', '=', name).where((eb) => (year === null ? eb('year', 'is', null) : eb('year', '=', year))).execute();
      }
      same = { version, latest: version === 1 || displaced ? 1 : 0 };
      versionOf.set(name, same);
      versions.push({ unit: name, version });
    }
    u[3] = year;
    u[4] = same.version;
    u[5] = same.latest;
  }
  // each search row carries its unit's latest flag
  for (const r of plan.rows.search_rows) r[6] = plan.rows.units[r[3] as number]![5]!;

  const ids: Record<PlanTable | 'search_texts', number[]> = { units: [], projects: [], orphans: [], indicators: [], diagnostics: [], findings: [], search_rows: [], search_texts: [] };
  const resolve = (table: PlanTable): Row[] => {
    const refs = Object.entries(REFERENCES[table]).map(([k, to]) => [Number(k), ids[to]] as const);
    const rows = plan.rows[table];
    for (const r of rows) {
      if (table !== 'search_rows') r[0] = documentId;
      else r[2] = documentId;
      for (const [k, to] of refs) if (r[k] !== null) r[k] = to[r[k] as number] ?? null;
    }
    return rows;
  };
  for (const table of ['units', 'projects', 'orphans', 'indicators', 'diagnostics', 'findings'] as const) {
    ids[table] = await bulk.insert(table, resolve(table));
    await onWritten?.(table, ids[table].length);
  }
  ids.search_texts = await bulk.texts(plan.texts);
  await onWritten?.('search_texts', plan.texts.length);
  await bulk.insert('search_rows', resolve('search_rows'));
  await onWritten?.('search_rows', plan.rows.search_rows.length);
  // its 部门 and 单位 as organizations (orgs.ts), in the same transaction
  await matchImportedOrgs(trx, department, [...versionOf.keys()]);
  return { documentId, versions };
}

/** prepared statements of a connection, made once */
const prepared = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();
function statement(db: SQLite.Database, text: string): SQLite.Statement {
  let m = prepared.get(db);
  if (!m) prepared.set(db, (m = new Map()));
  let s = m.get(text);
  if (!s) m.set(text, (s = db.prepare(text)));
  return s;
}

const insertSql = (table: string, columns: readonly string[]): string =>
  `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`;

function sqliteBulk(db: SQLite.Database): Bulk {
  return {
    async insert(table, rows) {
      const s = statement(db, insertSql(table, COLUMNS[table]));
      const out = new Array<number>(rows.length);
      for (let i = 0; i < rows.length; i++) out[i] = Number(s.run(rows[i]!).lastInsertRowid);
      return out;
    },
    async texts(texts) {
      // the import's transaction holds SQLite's write lock: no other writer can add a text meanwhile
      const find = statement(db, 'select id from search_texts where hash = ? and field = ?').pluck();
      const add = statement(db, insertSql('search_texts', ['field', 'hash', 'norm', 'len']));
      const fts = FIELDS.map((f) => statement(db, `insert into ${ftsTable(f)} (rowid, tok) values (?, ?)`));
      return texts.map((t) => {
        const found = find.get(t.hash, t.field) as number | undefined;
        if (found !== undefined) return Number(found);
        const id = Number(add.run(t.field, t.hash, t.norm, t.norm.length).lastInsertRowid);
        fts[t.field]!.run(ftsRowid(t.norm.length, id), fts5Document(t.norm));
        return id;
      });
    },
    async lines(documentId, lines) {
      const s = statement(db, 'insert into document_lines (document_id, line, text) values (?, ?, ?)');
      for (let i = 0; i < lines.length; i++) s.run(documentId, i + 1, lines[i]!);
    },
  };
}

/** PostgreSQL types of the plan's columns, for the unnest() arrays */
const PG_TYPE: Readonly<Record<string, string>> = {
  document_id: 'int8', unit_id: 'int8', project_id: 'int8', orphan_id: 'int8', indicator_id: 'int8', text_id: 'int8', id: 'int8',
  total: 'int8', fiscal: 'int8', special_account: 'int8', other: 'int8',
  ordinal: 'int4', year: 'int4', version: 'int4', latest: 'int4', line: 'int4', seq: 'int4', indicator_count: 'int4', finding_count: 'int4', categories: 'int4', len: 'int4',
  field: 'int2', review_score: 'float4', period_value: 'float8', annual_value: 'float8',
};
const pgType = (column: string): string => PG_TYPE[column] ?? 'text';
/** rows per statement: bounds one message's size, not a parameter count */
const PG_CHUNK = 5000;

/** `insert into t (id, …) select * from unnest($1::int8[], …)`: ids given, one array parameter per column */
async function unnestInsert(trx: Trx, table: string, columns: readonly string[], ids: readonly number[], rows: readonly Value[][], tail = sql``): Promise<void> {
  const arrays = columns.map((_, k) => rows.map((r) => r[k] ?? null));
  const cols = ['id', ...columns];
  const params = [ids, ...arrays].map((a, k) => sql`${sql.val(a)}::${sql.raw(pgType(cols[k]!))}[]`);
  await sql`insert into ${sql.table(table)} (${sql.join(cols.map((c) => sql.ref(c)))}) select * from unnest(${sql.join(params)}) ${tail}`.execute(trx);
}

/** n new ids from a table's sequence, in order */
async function nextIds(trx: Trx, table: string, n: number): Promise<number[]> {
  if (n === 0) return [];
  const r = await sql<{ id: number }>`select nextval(${`${table}_id_seq`}::regclass) as id from generate_series(1, ${n})`.execute(trx);
  return r.rows.map((x) => Number(x.id));
}

function postgresBulk(trx: Trx): Bulk {
  return {
    lines: (documentId, lines) => insertLines(trx, 'postgres', documentId, lines),
    async insert(table, rows) {
      const out: number[] = [];
      for (let i = 0; i < rows.length; i += PG_CHUNK) {
        const part = rows.slice(i, i + PG_CHUNK);
        const ids = await nextIds(trx, table, part.length);
        await unnestInsert(trx, table, COLUMNS[table], ids, part);
        out.push(...ids);
      }
      return out;
    },
    async texts(texts) {
      const key = (field: number, hash: string) => `${field}:${hash}`;
      const found = new Map<string, number>();
      const lookup = async (wanted: readonly SearchText[]) => {
        for (let i = 0; i < wanted.length; i += PG_CHUNK) {
          const hashes = wanted.slice(i, i + PG_CHUNK).map((t) => t.hash);
          const r = await sql<{ id: number; field: number; hash: string }>`select id, field, hash from search_texts where hash = any(${sql.val(hashes)}::text[])`.execute(trx);
          for (const x of r.rows) found.set(key(Number(x.field), x.hash), Number(x.id));
        }
      };
      await lookup(texts);
      const missing = texts.filter((t) => !found.has(key(t.field, t.hash)));
      for (let i = 0; i < missing.length; i += PG_CHUNK) {
        const part = missing.slice(i, i + PG_CHUNK);
        const ids = await nextIds(trx, 'search_texts', part.length);
        // a concurrent import may add the same text first: then it is simply looked up below
        await unnestInsert(trx, 'search_texts', ['field', 'hash', 'norm', 'len'], ids, part.map((t) => [t.field, t.hash, t.norm, t.norm.length]), sql`on conflict (hash, field) do nothing`);
        part.forEach((t, k) => found.set(key(t.field, t.hash), ids[k]!));
      }
      if (missing.length) {
        // ids the conflict discarded: look those texts up again
        const r = await sql<{ id: number; field: number; hash: string }>`select id, field, hash from search_texts where id = any(${sql.val(missing.map((t) => found.get(key(t.field, t.hash))!))}::int8[])`.execute(trx);
        const kept = new Set(r.rows.map((x) => Number(x.id)));
        const lost = missing.filter((t) => !kept.has(found.get(key(t.field, t.hash))!));
        for (const t of lost) found.delete(key(t.field, t.hash));
        await lookup(lost);
      }
      return texts.map((t) => found.get(key(t.field, t.hash))!);
    },
  };
}
