// Every stored version of every unit (or of one unit name), for choosing two versions to compare, and
// the stored source text of a unit's document, to re-read it.
import type { Store } from './connect.js';
import { QueryError } from './queries.js';

export interface UnitVersion {
  readonly id: number;
  readonly name: string;
  readonly year: number | null;
  readonly version: number;
  readonly latest: boolean;
  readonly documentId: number;
  readonly file: string;
  readonly importedAt: string;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Unit versions by name (code point order), year (none last) and version. */
export async function listUnits(store: Store, name?: string): Promise<UnitVersion[]> {
  let q = store.db.selectFrom('units as u').innerJoin('documents as d', 'd.id', 'u.document_id')
    .select(['u.id', 'u.name', 'u.year', 'u.version', 'u.latest', 'u.document_id', 'd.file', 'd.imported_at']);
  if (name !== undefined) q = q.where('u.name', '=', name);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: Number(r.id), name: r.name, year: r.year, version: r.version, latest: r.latest === 1, documentId: Number(r.document_id), file: r.file, importedAt: r.imported_at,
  })).sort((a, b) => cmp(a.name, b.name) || (a.year ?? Infinity) - (b.year ?? Infinity) || a.version - b.version || a.id - b.id);
}

export interface StoredSource {
  readonly documentId: number;
  readonly file: string;
  readonly text: string;
  /** a PDF's bytes; text is empty then */
  readonly bytes: Uint8Array | null;
}

/** A document's decoded source text as stored at import. */
export async function documentSource(store: Store, documentId: number): Promise<StoredSource> {
  const d = await store.db.selectFrom('documents').select(['id', 'file', 'source_text', 'source_bytes']).where('id', '=', documentId).executeTakeFirst();
  if (!d) throw new QueryError('not-found', `没有编号为 ${documentId} 的文档`);
  return { documentId: Number(d.id), file: d.file, text: d.source_text, bytes: d.source_bytes ? new Uint8Array(d.source_bytes) : null };
}

/** One unit version with its document, or not-found. */
export async function getUnit(store: Store, unitId: number): Promise<UnitVersion> {
  const r = await store.db.selectFrom('units as u').innerJoin('documents as d', 'd.id', 'u.document_id')
    .select(['u.id', 'u.name', 'u.year', 'u.version', 'u.latest', 'u.document_id', 'd.file', 'd.imported_at'])
    .where('u.id', '=', unitId).executeTakeFirst();
  if (!r) throw new QueryError('not-found', `没有编号为 ${unitId} 的单位`);
  return { id: Number(r.id), name: r.name, year: r.year, version: r.version, latest: r.latest === 1, documentId: Number(r.document_id), file: r.file, importedAt: r.imported_at };
}
