// A parsed document (or several) as plain XLSX inputs: one sheet per document, its units and projects in
// print order. Amounts whose column the text does not state (funding.unplaced) are left out of the source
// columns: the export never places an amount by guess.
import type { Writable } from 'node:stream';
import type { Funding, Indicator, Project, TableDocument } from '../../model/index.js';
import { XlsxTableWriter, type TableWriteResult } from './table-writer.js';
import type { TableLayoutId, XlsxFunding, XlsxIndicator, XlsxProject } from './types.js';

export const fundingOf = (f: Funding): XlsxFunding => ({ total: f.total, fiscal: f.fiscal, specialAccount: f.specialAccount, other: f.other });

export const indicatorOf = (i: Indicator): XlsxIndicator => ({
  seq: i.seq, level1: i.level1, level2: i.level2, name: i.name, period: i.period.raw, annual: i.annual.raw,
});

export const projectOf = (p: Project): XlsxProject => ({
  name: p.name, funding: fundingOf(p.funding), goal: p.goal, indicators: p.indicators.map(indicatorOf), indicatorsText: p.indicatorsText ?? null,
});

/** Writes documents as a workbook to `out` (which ExcelJS ends). */
export async function writeDocumentsXlsx(docs: readonly TableDocument[], layout: TableLayoutId, out: Writable): Promise<TableWriteResult> {
  const w = new XlsxTableWriter(out, layout);
  for (const d of docs) {
    await w.sheet({
      title: d.title, department: d.department, year: d.year, total: d.total ? fundingOf(d.total) : null,
      sheetName: d.units.length === 1 ? d.units[0]!.name : d.department ?? d.source.file,
    });
    for (const u of d.units) {
      await w.unit({ name: u.name, funding: u.funding ? fundingOf(u.funding) : null });
      for (const p of u.projects) await w.project(projectOf(p));
    }
  }
  return w.close();
}
