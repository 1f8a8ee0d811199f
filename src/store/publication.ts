// What a document is, beyond its bytes: its content hash (the same table re-encoded — GBK, CRLF, a BOM —
// is the same document), and, when it prints no year or no department, what a stored publication of
// the same unit says they are. A table without a year must not silently become a unit-year of its own:
// the import asks, proposes the year and department of a stored publication whose unit has the same
// projects (names and amounts), and stores the answer with a note saying where it came from.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { TableDocument } from '../model/index.js';
import type { Store } from './connect.js';

/** how a document's year or department was decided */
export type Provenance = 'printed' | 'given' | 'proposed' | 'none';

/**
 * sha256 of the parsed document without its source (file name, bytes, encoding) and diagnostics: two
 * files that read to the same table hash the same. Hash what parseBytes returns, before readTargets.
 */
export function contentHash(doc: TableDocument): string {
  const content = { title: doc.title, year: doc.year, department: doc.department, currencyUnit: doc.currencyUnit, total: doc.total, units: doc.units, orphans: doc.orphans };
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

export interface StoredDocument {
  readonly documentId: number;
  readonly file: string;
  readonly title: string | null;
  readonly importedAt: string;
}

/** the stored document with these bytes or this content, if any */
export async function findStored(store: Store, sha256: string, hash: string): Promise<StoredDocument | null> {
  const r = await store.db.selectFrom('documents').select(['id', 'file', 'title', 'imported_at'])
    .where((eb) => eb.or([eb('sha256', '=', sha256), eb('content_hash', '=', hash)])).orderBy('id').limit(1).executeTakeFirst();
  return r ? { documentId: Number(r.id), file: r.file, title: r.title, importedAt: r.imported_at } : null;
}

export interface Proposal {
  readonly year: number | null;
  readonly department: string | null;
  /** the stored publication it comes from */
  readonly from: StoredDocument & { readonly year: number | null; readonly department: string | null };
  /** the units of the new table that match a unit of that publication, with their project count */
  readonly units: readonly { readonly name: string; readonly projects: number }[];
  /** one sentence for the clerk: what matched and what is proposed */
  readonly note: string;
}

export interface MissingInfo {
  /** what the table does not print */
  readonly missing: readonly ('year' | 'department')[];
  readonly proposal: Proposal | null;
}

const projectKey = (ps: readonly { name: string; total: number }[]): string => ps.map((p) => `${p.name}\u0000${p.total}`).join('\u0001');

/**
 * What the table does not print (year, department) and, when a stored publication of one of its units
 * has exactly the same projects (names and 总计, in order) and prints what is missing, that
 * publication's year and department. The most recent year wins when several match.
 */
export async function missingInfo(store: Store, doc: TableDocument): Promise<MissingInfo> {
  const missing = [...(doc.year === null ? ['year' as const] : []), ...(doc.department === null ? ['department' as const] : [])];
  if (missing.length === 0 || doc.units.length === 0) return { missing, proposal: null };
  const db = store.db;
  const names = [...new Set(doc.units.map((u) => u.name))];
  let q = db.selectFrom('units as u').innerJoin('documents as d', 'd.id', 'u.document_id').leftJoin('departments as dep', 'dep.id', 'd.department_id')
    .select(['u.id', 'u.name', 'u.year', 'd.id as document_id', 'd.file', 'd.title', 'd.imported_at', 'dep.name as department'])
    .where('u.name', 'in', names);
  if (doc.year === null) q = q.where('u.year', 'is not', null);
  if (doc.department === null) q = q.where('d.department_id', 'is not', null);
  // a publication that prints its year first: it is where a proposed year ultimately comes from
  const candidates = await q.orderBy(sql`case when d.year_source = 'printed' then 0 else 1 end`).orderBy('u.year', 'desc').orderBy('u.id', 'desc').execute();
  if (candidates.length === 0) return { missing, proposal: null };
  const projects = await db.selectFrom('projects').select(['unit_id', 'name', 'total']).where('unit_id', 'in', candidates.map((c) => c.id)).orderBy('unit_id').orderBy('ordinal').execute();
  const byUnit = new Map<number, { name: string; total: number }[]>();
  for (const p of projects) {
    const list = byUnit.get(Number(p.unit_id)) ?? [];
    list.push({ name: p.name, total: Number(p.total) });
    byUnit.set(Number(p.unit_id), list);
  }
  const wanted = new Map(doc.units.map((u) => [u.name, projectKey(u.projects.map((p) => ({ name: p.name, total: Math.round(p.funding.total * 100) })))]));
  const hit = candidates.find((c) => (byUnit.get(Number(c.id))?.length ?? 0) > 0 && projectKey(byUnit.get(Number(c.id))!) === wanted.get(c.name));
  if (!hit) return { missing, proposal: null };
  const from = { documentId: Number(hit.document_id), file: hit.file, title: hit.title, importedAt: hit.imported_at, year: hit.year, department: hit.department };
  const units = doc.units.filter((u) => candidates.some((c) => c.document_id === hit.document_id && c.name === u.name && projectKey(byUnit.get(Number(c.id)) ?? []) === wanted.get(u.name)))
    .map((u) => ({ name: u.name, projects: u.projects.length }));
  const year = doc.year === null ? hit.year : null;
  const department = doc.department === null ? hit.department : null;
  const what = [year !== null ? `年度 ${year}` : null, department !== null ? `部门“${department}”` : null].filter(Boolean).join('、');
  const note = `原表未注明${missing.map((m) => (m === 'year' ? '年度' : '部门')).join('和')}；${what} 取自库中已有的《${hit.title ?? hit.file}》（${hit.file}）：`
    + `其中${units.map((u) => `“${u.name}”的 ${u.projects} 个项目`).join('、')}名称与金额完全一致`;
  return { missing, proposal: { year, department, from, units, note } };
}
