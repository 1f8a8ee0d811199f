// Counts of the project list, kept per state of the store. Counting every project a filter selects is the
// one part of a list page whose cost grows with the store (a page itself reads only its rows, through
// the sort's index); stored documents never change and nothing is deleted, so (the largest document id,
// the number of documents) names a state and a count stays exact until the next import. Bounded in
// entries; each thread (a server's reader threads) keeps its own.
import type { Store } from './connect.js';

const KEPT = 1024;
const counts = new Map<string, { readonly state: string; readonly n: number }>();

/** the store's state: changes with every stored document (one query over the documents' primary key) */
export async function storeState(store: Store): Promise<string> {
  const r = await store.db.selectFrom('documents').select((eb) => [eb.fn.max('id').as('last'), eb.fn.countAll<number>().as('n')]).executeTakeFirstOrThrow();
  return `${String(r.last ?? 0)}:${String(r.n)}`;
}

/** `count()`'s answer for `key` in this state of the store, computed once per state */
export async function countOnce(store: Store, key: string, count: () => Promise<number>): Promise<number> {
  const state = await storeState(store);
  const full = `${store.location}|${store.schema ?? ''}|${key}`;
  const hit = counts.get(full);
  if (hit && hit.state === state) {
    counts.delete(full);
    counts.set(full, hit);
    return hit.n;
  }
  const n = await count();
  counts.set(full, { state, n });
  if (counts.size > KEPT) counts.delete(counts.keys().next().value!);
  return n;
}
