// The builder carries location ids where text carries line numbers; here each becomes the page box it
// stands for. Every object of the document with a `line` (units, projects, funding, indicators,
// orphans, diagnostics) gets `box` instead.
import type { TableDocument } from '../../model/index.js';
import type { Locations } from './table.js';

export function relocate(doc: TableDocument, locations: Locations): TableDocument {
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(walk);
    if (v === null || typeof v !== 'object') return v;
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (k === 'line' && typeof x === 'number') {
        const box = locations.get(x);
        if (box) out.box = round(box);
        continue;
      }
      out[k] = walk(x);
    }
    return out;
  };
  return { ...doc, units: walk(doc.units) as TableDocument['units'], total: walk(doc.total) as TableDocument['total'], orphans: walk(doc.orphans) as TableDocument['orphans'], diagnostics: walk(doc.diagnostics) as TableDocument['diagnostics'] };
}

const r1 = (x: number): number => Math.round(x * 10) / 10;
const round = (b: { page: number; x: number; y: number; w: number; h: number }) => ({ page: b.page, x: r1(b.x), y: r1(b.y), w: r1(b.w), h: r1(b.h) });
