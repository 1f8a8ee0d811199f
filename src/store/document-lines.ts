// 0015_document_lines: a text document's lines, one row each, keyed (document_id, line), so a project
// page reads the few lines of its excerpt by key. They were cut out of `documents.source_text` with
// substr, which reads the whole value: on PostgreSQL a compressed 200 KB text is decompressed up to the
// excerpt on every view (0.88 ms of the server's CPU per project page, measured with the statement
// prepared, against 0.1–0.15 ms for each other query of the page); on SQLite the value's overflow chain
// is walked, and its line starts had to be found first (a cache of them per thread). The source text
// stays as it is (documents.source_text: what reparse, export and the source view read); lines are
// written by import (write.ts) and filled here for the documents already stored. PDFs and workbooks
// have no text lines (their projects are located by page and box, or cell).
import { sql, type Kysely, type Migration } from 'kysely';
import type { DialectName } from './connect.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

/** layouts whose stored text is not the document's own lines */
export const NO_LINES: ReadonlySet<string> = new Set(['pdf', 'xlsx']);

/** a stored text's lines as project line numbers count them (1-based, split at \n or \r\n) */
export const linesOf = (text: string): string[] => text.split(/\r?\n/);

/** documents filled per batch by the migration */
const FILL_DOCUMENTS = 50;

export function documentLinesMigration(dialect: DialectName): Migration {
  return {
    async up(db: Db) {
      const ref = dialect === 'postgres' ? 'bigint' : 'integer';
      await sql.raw(`create table document_lines (
        document_id ${ref} not null references documents (id) on delete cascade,
        line integer not null,
        text text not null,
        primary key (document_id, line)
      )${dialect === 'sqlite' ? ' without rowid' : ''}`).execute(db);
      let after = 0;
      for (;;) {
        const docs = await db.selectFrom('documents').select(['id', 'layout', 'source_text']).where('id', '>', after).orderBy('id').limit(FILL_DOCUMENTS).execute() as { id: number; layout: string; source_text: string }[];
        if (docs.length === 0) break;
        after = Number(docs[docs.length - 1]!.id);
        for (const d of docs) {
          if (NO_LINES.has(d.layout) || d.source_text === '') continue;
          await insertLines(db, dialect, Number(d.id), linesOf(d.source_text));
        }
      }
    },
  };
}

/** rows per SQLite statement (its default limit is 32,766 parameters, three a row) */
const SQLITE_ROWS = 5000;

/** a document's lines, in as few statements as the dialect allows */
export async function insertLines(db: Db, dialect: DialectName, documentId: number, lines: readonly string[]): Promise<void> {
  if (dialect === 'postgres') {
    await sql`insert into document_lines (document_id, line, text)
      select ${documentId}, n, t from unnest(${sql.val(lines.map((_, k) => k + 1))}::int4[], ${sql.val(lines)}::text[]) as x(n, t)`.execute(db);
    return;
  }
  for (let i = 0; i < lines.length; i += SQLITE_ROWS) {
    const part = lines.slice(i, i + SQLITE_ROWS);
    await sql`insert into document_lines (document_id, line, text) values ${sql.join(part.map((t, k) => sql`(${documentId}, ${i + k + 1}, ${t})`))}`.execute(db);
  }
}
