// Flowed text drops the empty amount cells, so its source amounts often cannot be placed in a column.
// When the same unit and year is already stored from a publication that has its columns (tabular text
// or PDF) and lists the same projects with the same totals, its columns are taken, saying from where;
// `printed` stays as this document printed it. Nothing is taken when anything differs.
import type { Kysely } from 'kysely';
import type { Diagnostic, Funding, TableDocument, Unit } from '../model/index.js';
import type { Database } from './schema.js';

const bare = (s: string): string => s.replace(/\s+/g, '');
const c = (x: number | null): number | null => (x === null ? null : Math.round(x * 100));
const w = (x: number | null): number | null => (x === null ? null : x / 100);

interface Stored { readonly total: number | null; readonly fiscal: number | null; readonly special: number | null; readonly other: number | null }

/** `f` with its columns from `s`, when `s` has them all placed and they add up to the same total. */
function placed(f: Funding, s: Stored): Funding | null {
  if (c(f.total) !== s.total) return null;
  if ((s.fiscal ?? 0) + (s.special ?? 0) + (s.other ?? 0) !== s.total) return null;
  return { ...f, fiscal: w(s.fiscal), specialAccount: w(s.special), other: w(s.other), unplaced: [] };
}

/** whether a unit's amounts are not all placed in a column (what a stored publication may give) */
const unitNeeds = (u: Unit): boolean => [u.funding, ...u.projects.map((p) => p.funding)].some((f) => f && f.unplaced.length > 0);

/** whether columnsFromStored may change this document: flowed text with amounts it could not place */
export const needsColumns = (doc: TableDocument): boolean => doc.source.layout === 'flowed-text' && doc.units.some(unitNeeds);

export async function columnsFromStored(db: Kysely<Database>, doc: TableDocument): Promise<TableDocument> {
  if (doc.source.layout !== 'flowed-text') return doc;
  const diagnostics: Diagnostic[] = [];
  const units: Unit[] = [];
  for (const [ui, u] of doc.units.entries()) {
    let filled: Unit | null = null;
    if (unitNeeds(u)) {
      let q = db.selectFrom('units').innerJoin('documents', 'documents.id', 'units.document_id')
        .select(['units.id', 'units.total', 'units.fiscal', 'units.special_account', 'units.other', 'units.unplaced', 'documents.file', 'documents.title', 'documents.year'])
        .where('units.name', '=', u.name).where('units.latest', '=', 1).where('documents.layout', '!=', 'flowed-text');
      // a yearless document matches any year; the same projects and totals are the evidence
      if (doc.year !== null) q = q.where('units.year', '=', doc.year);
      for (const cand of await q.orderBy('units.id', 'desc').limit(5).execute()) {
        if (cand.unplaced !== null && cand.unplaced !== '[]') continue;
        const rows = await db.selectFrom('projects').select(['name', 'total', 'fiscal', 'special_account', 'other', 'unplaced'])
          .where('unit_id', '=', cand.id).orderBy('ordinal').execute();
        if (rows.length !== u.projects.length || rows.some((r, i) => r.unplaced !== '[]' || bare(r.name) !== bare(u.projects[i]!.name))) continue;
        const projects = u.projects.map((p, i) => placed(p.funding, { total: rows[i]!.total, fiscal: rows[i]!.fiscal, special: rows[i]!.special_account, other: rows[i]!.other }));
        const unitFunding = u.funding ? placed(u.funding, { total: cand.total, fiscal: cand.fiscal, special: cand.special_account, other: cand.other }) : null;
        if (projects.some((p) => p === null) || (u.funding && !unitFunding)) continue;
        filled = { ...u, funding: unitFunding, projects: u.projects.map((p, i) => ({ ...p, funding: projects[i]! })) };
        diagnostics.push({
          severity: 'info', code: 'columns-from-other-publication', path: `units[${ui}]`, ...(u.line !== undefined ? { line: u.line } : {}),
          message: `本文件未印出金额所属的列；单位“${u.name}”的 ${u.projects.length} 个项目与已导入的“${cand.title ?? cand.file}”（${cand.file}${cand.year ? `，${cand.year}年` : ''}）中的同名项目、金额一致，财政拨款、财政专户拨款、其他资金三列取自该文件。`,
        });
        break;
      }
    }
    units.push(filled ?? u);
  }
  if (diagnostics.length === 0) return doc;
  // the unit's own "columns not printed" warning no longer holds once its columns are known
  const filledPaths = new Set(diagnostics.map((d) => d.path));
  const kept = doc.diagnostics.filter((d) => !(d.code === 'columns-not-printed' && filledPaths.has(d.path)));
  return { ...doc, units, diagnostics: [...kept, ...diagnostics] };
}
