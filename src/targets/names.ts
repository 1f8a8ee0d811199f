// One key for the same indicator written two ways: full-/half-width, （%）/(%), spaces, a trailing
// unit annotation and trailing punctuation do not make a different indicator.
import { halfWidth, UNITS } from './parse.js';

const UNIT_NOTE = new RegExp(`[（(]\\s*(?:${[...UNITS, '元/人.天', '人/班', '学年', '件', '场'].map((u) => u.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|')})\\s*[）)]$`);

const cache = new Map<string, string>();

/** The grouping key of an indicator name (memoised: the same names recur across a table). */
export function nameKey(name: string): string {
  let key = cache.get(name);
  if (key === undefined) {
    if (cache.size > 50_000) cache.clear();
    key = computeKey(name);
    cache.set(name, key);
  }
  return key;
}

function computeKey(name: string): string {
  let s = halfWidth(name).replace(/[（]/g, '(').replace(/[）]/g, ')').replace(/\s+/g, '');
  s = s.replace(/[。．.，,；;：:、]+$/, '');
  const bare = s.replace(UNIT_NOTE, '');
  return bare === '' ? s : bare;
}
