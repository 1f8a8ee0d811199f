// Pairing items of two lists: first by an exact key, then by name similarity among what is left.

/** Character-bigram Dice coefficient (multiset), 0…1; a one-character string counts as its own bigram. */
export function dice(a: string, b: string): number {
  if (a === b) return 1;
  const grams = (s: string): string[] => {
    const cs = [...s];
    if (cs.length < 2) return cs;
    const out: string[] = [];
    for (let i = 0; i + 1 < cs.length; i++) out.push(cs[i]! + cs[i + 1]!);
    return out;
  };
  const ga = grams(a);
  const gb = grams(b);
  if (ga.length + gb.length === 0) return 1;
  const count = new Map<string, number>();
  for (const g of ga) count.set(g, (count.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of gb) {
    const c = count.get(g) ?? 0;
    if (c > 0) {
      common++;
      count.set(g, c - 1);
    }
  }
  return (2 * common) / (ga.length + gb.length);
}

export const SIMILARITY_THRESHOLD = 0.6;

export interface Pairing {
  /** for each index of a, the matched index of b, or -1 */
  readonly aToB: number[];
  /** for each index of b, the matched index of a, or -1 */
  readonly bToA: number[];
  /** for each index of a: how it was matched */
  readonly how: ('key' | 'similarity' | null)[];
}

/**
 * Pairs a with b: equal keys first (in order, so repeated keys pair first-with-first), then among the
 * rest the most similar pairs whose score is at least the threshold, best first; ties go to the pair
 * closer in position, then to the earlier one.
 */
export function pair(na: number, nb: number, keyA: (i: number) => string, keyB: (j: number) => string, score: (i: number, j: number) => number, threshold = SIMILARITY_THRESHOLD): Pairing {
  const aToB = Array<number>(na).fill(-1);
  const bToA = Array<number>(nb).fill(-1);
  const how = Array<'key' | 'similarity' | null>(na).fill(null);
  const byKey = new Map<string, number[]>();
  for (let j = 0; j < nb; j++) {
    const k = keyB(j);
    const list = byKey.get(k);
    if (list) list.push(j);
    else byKey.set(k, [j]);
  }
  for (let i = 0; i < na; i++) {
    const j = byKey.get(keyA(i))?.shift();
    if (j === undefined) continue;
    aToB[i] = j;
    bToA[j] = i;
    how[i] = 'key';
  }
  const candidates: { i: number; j: number; s: number }[] = [];
  for (let i = 0; i < na; i++) {
    if (aToB[i] !== -1) continue;
    for (let j = 0; j < nb; j++) {
      if (bToA[j] !== -1) continue;
      const s = score(i, j);
      if (s >= threshold) candidates.push({ i, j, s });
    }
  }
  candidates.sort((x, y) => y.s - x.s || Math.abs(x.i - x.j) - Math.abs(y.i - y.j) || x.i - y.i || x.j - y.j);
  for (const c of candidates) {
    if (aToB[c.i] !== -1 || bToA[c.j] !== -1) continue;
    aToB[c.i] = c.j;
    bToA[c.j] = c.i;
    how[c.i] = 'similarity';
  }
  return { aToB, bToA, how };
}

/**
 * The pairs in b's order, with each unmatched item of a placed where it stood: within a run of unmatched
 * items between two matched pairs, a's (removed) come before b's (added), as in a line diff.
 */
export function mergeOrder(p: Pairing): { a: number | null; b: number | null }[] {
  const out: { a: number | null; b: number | null }[] = [];
  let nextA = 0;
  const flushRemovedBefore = (limit: number): void => {
    for (; nextA < limit; nextA++) if (p.aToB[nextA] === -1) out.push({ a: nextA, b: null });
  };
  // for each b position, the a index of the next matched b item at or after it
  const nextMatchedA = Array<number>(p.bToA.length + 1).fill(p.aToB.length);
  for (let j = p.bToA.length - 1; j >= 0; j--) nextMatchedA[j] = p.bToA[j] !== -1 ? p.bToA[j]! : nextMatchedA[j + 1]!;
  for (let j = 0; j < p.bToA.length; j++) {
    const i = p.bToA[j]!;
    flushRemovedBefore(Math.max(nextA, nextMatchedA[j]!));
    out.push({ a: i === -1 ? null : i, b: j });
  }
  flushRemovedBefore(p.aToB.length);
  return out;
}
