// The builder carries location ids where text carries line numbers; a reader whose source has no
// lines turns each into what it stands for (a PDF page box, a workbook cell). Every object of the
// document with a `line` (units, projects, funding, indicators, orphans, diagnostics) gets it instead.
import type { TableDocument } from '../model/index.js';

export function relocate(doc: TableDocument, at: (id: number) => Readonly<Record<string, unknown>> | undefined): TableDocument {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'line' && typeof x === 'number') {
        Object.assign(out, at(x));
        continue;
      }
      out[k] = walk(x);
    }
    return out;
  };
  return { ...doc, units: walk(doc.units) as TableDocument['units'], total: walk(doc.total) as TableDocument['total'], orphans: walk(doc.orphans) as TableDocument['orphans'], diagnostics: walk(doc.diagnostics) as TableDocument['diagnostics'] };
}

/** Location ids: the builder carries them where a text layout carries line numbers (a page box, a cell). */
export class Locations<T> {
  readonly items: T[] = [];
  add(item: T): number {
    this.items.push(item);
    return this.items.length;
  }
  get(id: number): T | undefined {
    return this.items[id - 1];
  }
}
