// PDF location ids → page boxes (PDF points, rounded to 0.1): PDF output has `box`, never `line`.
import type { TableDocument } from '../../model/index.js';
import { relocate as relocateBy } from '../relocate.js';
import type { Locations } from './table.js';

export function relocate(doc: TableDocument, locations: Locations): TableDocument {
  return relocateBy(doc, (id) => {
    const box = locations.get(id);
    return box ? { box: round(box) } : undefined;
  });
}

const r1 = (x: number): number => Math.round(x * 10) / 10;
const round = (b: { page: number; x: number; y: number; w: number; h: number }) => ({ page: b.page, x: r1(b.x), y: r1(b.y), w: r1(b.w), h: r1(b.h) });
