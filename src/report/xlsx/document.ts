// A parsed document (or several) as plain XLSX inputs: one sheet per document, its units and projects in
// print order. Amounts whose column the text does not state (funding.unplaced) are left out of the source
// columns — the export never places an amount by guess — and written in a last column 未能归位的金额 with
// the reader's diagnostic, so nothing the source printed is lost (the xlsx reader reads them back unplaced).
import type { Writable } from 'node:stream';
import type { Funding, Indicator, Project, TableDocument } from '../../model/index.js';
import { XlsxTableWriter, type TableWriteResult } from './table-writer.js';
import type { TableLayoutId, XlsxFunding, XlsxIndicator, XlsxProject } from './types.js';

export const fundingOf = (f: Funding, unplacedNote: string | null = null): XlsxFunding => ({
  total: f.total, fiscal: f.fiscal, specialAccount: f.specialAccount, other: f.other,
  ...(f.unplaced.length ? { unplaced: f.unplaced, unplacedNote } : {}),
});

/** why a row's amounts are unplaced: its own column-undecided diagnostic, else its unit's columns-not-printed */
function unplacedNotes(d: TableDocument): (path: string, unit: string | null) => string | null {
  const by = new Map<string, string>();
  for (const x of d.diagnostics) {
    if ((x.code === 'column-undecided' || x.code === 'columns-not-printed') && x.path !== undefined && !by.has(`${x.code} ${x.path}`)) by.set(`${x.code} ${x.path}`, x.message);
  }
  // a unit row gets the unit's whole columns-not-printed message; its projects a short one
  return (path, unit) => by.get(`column-undecided ${path}`)
    ?? (unit === null ? by.get(`columns-not-printed ${path}`) ?? null : by.has(`columns-not-printed ${unit}`) ? `同单位各行只印出一个来源金额，${UNIT_WHY}` : null);
}
const UNIT_WHY = '原表未标明属于财政拨款、财政专户拨款还是其他资金（空栏被略去），按表内各级合计也不能唯一确定，未归入任何一栏';

const hasUnplaced = (d: TableDocument): boolean =>
  [d.total, ...d.units.flatMap((u) => [u.funding, ...u.projects.map((p) => p.funding)])].some((f) => f !== null && f.unplaced.length > 0);

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
    const note = unplacedNotes(d);
    await w.sheet({
      title: d.title, department: d.department, year: d.year, total: d.total ? fundingOf(d.total, note('total', null)) : null,
      sheetName: d.units.length === 1 ? d.units[0]!.name : d.department ?? d.source.file, unplaced: hasUnplaced(d),
    });
    for (const [ui, u] of d.units.entries()) {
      const upath = `units[${ui}]`;
      await w.unit({ name: u.name, funding: u.funding ? fundingOf(u.funding, note(upath, null)) : null });
      for (const [pi, p] of u.projects.entries()) await w.project({ ...projectOf(p), funding: fundingOf(p.funding, note(`${upath}.projects[${pi}]`, upath)) });
    }
  }
  return w.close();
}
