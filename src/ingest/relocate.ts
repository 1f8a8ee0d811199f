// The builder carries location ids where text carries line numbers; a reader whose source has no
// lines turns each into what it stands for (a PDF page box, a workbook cell). Every object of the
// document with a `line` (units, projects, funding, indicators, orphans, diagnostics) gets it instead.
import type { TableDocument } from '../model/index.js';

export function relocate(doc: TableDocument, at: (id: number) => Readonly<Record<string, unknown>> | undefined): TableDocument {
  // only what holds a `line` is copied: the rest (targets, categories, strings) is the same object, so
  // that a document of a million indicators is not held twice while it is relocated
  const walk = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) {
      let out: unknown[] | null = null;
      for (let i = 0; i < v.length; i++) {
        const x = v[i] as unknown;
        const y = walk(x);
        if (y !== x) (out ??= v.slice())[i] = y;
      }
      return out ?? v;
    }
    const entries = Object.entries(v);
    let changed = false;
    const walked = entries.map(([k, x]) => {
      if (k === 'line' && typeof x === 'number') { changed = true; return x; }
      const y = walk(x);
      if (y !== x) changed = true;
      return y;
    });
    if (!changed) return v;
    const out: Record<string, unknown> = {};
    entries.forEach(([k, x], i) => {
      if (k === 'line' && typeof x === 'number') Object.assign(out, at(x));
      else out[k] = walked[i];
    });
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
