// Everything an import stores, as plain data that does not depend on which ids the database handed
// out: each table's rows in id order, every id replaced by its rank in its table (a reference by the
// rank of the row it points at), a PDF's bytes by their sha256. SQLite's FTS5 tables are read through
// fts5vocab (term, row, column, offset), each row named by its text's length and rank. Two stores that
// hold the same rows, written by any code path, give the same dump.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Store } from '../../src/store/index.js';
import { FIELDS, ftsTable, ID_BITS } from '../../src/store/search-index.js';

const TABLES = ['departments', 'documents', 'units', 'projects', 'orphans', 'indicators', 'diagnostics', 'findings', 'search_texts', 'search_rows'] as const;
const REFERS: Readonly<Record<string, (typeof TABLES)[number]>> = {
  department_id: 'departments', document_id: 'documents', unit_id: 'units', project_id: 'projects',
  orphan_id: 'orphans', indicator_id: 'indicators', text_id: 'search_texts',
};

export interface StoredRows {
  readonly tables: Record<string, { readonly columns: readonly string[]; readonly rows: readonly unknown[][] }>;
  readonly fts: Record<string, readonly string[]>;
}

const sha = (v: Uint8Array | string): string => createHash('sha256').update(v).digest('hex').slice(0, 16);
/** bytes and long texts by their hash, so a fixture stays small and a difference still shows its row */
const plain = (v: unknown): unknown => {
  if (v instanceof Uint8Array) return `bytes ${v.length} ${sha(v)}`;
  if (typeof v === 'string' && v.length > 60) return `text ${v.length} ${sha(v)}`;
  if (typeof v === 'bigint') return Number(v);
  return v;
};

export async function storedRows(store: Store): Promise<StoredRows> {
  const ranks = new Map<string, Map<number, number>>();
  const raw = new Map<string, Record<string, unknown>[]>();
  for (const t of TABLES) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(t)} order by id`.execute(store.db)).rows;
    raw.set(t, rows);
    ranks.set(t, new Map(rows.map((r, i) => [Number(r['id']), i + 1])));
  }
  const tables: StoredRows['tables'] = {};
  for (const t of TABLES) {
    const rows = raw.get(t)!;
    // projects.categories (0013) came after the row-by-row writer whose rows the snapshots pin; it is
    // derived from the indicators and checked against them in list-pages.test.ts
    const columns = Object.keys(rows[0] ?? {}).filter((c) => !(t === 'projects' && c === 'categories')).sort();
    tables[t] = {
      columns,
      rows: rows.map((r) => columns.map((c) => {
        const v = r[c];
        if (c === 'id') return ranks.get(t)!.get(Number(v));
        if (c === 'imported_at') return typeof v; // the clock's
        const to = REFERS[c];
        return to && v !== null ? `${to}#${ranks.get(to)!.get(Number(v))}` : plain(v);
      })),
    };
  }
  const fts: Record<string, string[]> = {};
  if (store.dialect === 'sqlite') {
    const texts = ranks.get('search_texts')!;
    for (const f of FIELDS) {
      const vocab = `temp.vocab_${f}`;
      await sql.raw(`create virtual table if not exists ${vocab} using fts5vocab(main, ${ftsTable(f)}, instance)`).execute(store.db);
      const rows = (await sql<{ term: string; doc: number; col: string; offset: number }>`select term, doc, col, "offset" from ${sql.raw(vocab)}`.execute(store.db)).rows;
      // one line per FTS row: its length and text rank, and its tokens in order
      const docs = new Map<number, { offset: number; term: string }[]>();
      for (const r of rows) docs.set(r.doc, [...(docs.get(r.doc) ?? []), { offset: r.offset, term: `${r.col}:${r.term}` }]);
      fts[f] = [...docs].map(([doc, toks]) => `${Math.floor(doc / ID_BITS)}:${texts.get(doc % ID_BITS)} ${sha(toks.sort((a, b) => a.offset - b.offset).map((x) => x.term).join(' '))}`).sort();
      await sql.raw(`drop table ${vocab}`).execute(store.db);
    }
  }
  return { tables, fts };
}

/** sha256 of each table's dump: for a large store, whose rows would not fit a fixture */
export function digest(s: StoredRows): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [t, v] of Object.entries(s.tables)) out[t] = `${v.rows.length} ${createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 16)}`;
  for (const [f, v] of Object.entries(s.fts)) out[`fts_${f}`] = `${v.length} ${createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 16)}`;
  return out;
}

/** one line per row, so a difference shows as the rows that differ */
export function lines(s: StoredRows): string {
  const out: string[] = [];
  for (const [t, v] of Object.entries(s.tables)) {
    out.push(`# ${t} ${JSON.stringify(v.columns)}`);
    for (const r of v.rows) out.push(JSON.stringify(r));
  }
  return `${out.join('\n')}\n`;
}

/** SQLite: the FTS5 rows, one line each */
export const ftsLines = (s: StoredRows): string => `${Object.entries(s.fts).flatMap(([f, v]) => [`# fts ${f}`, ...v]).join('\n')}\n`;
