// The project list's order, kept per state of the store: for a filter, sort and order, every matching
// project's id in list order, read once (one walk of the sort's index, what counting them cost anyway)
// and then every page of it — the first or the 40,000th — is a slice of the array and one read of its
// rows by id. Reading a deep page by OFFSET walked every row it skipped: at 100,000 projects a page in
// the middle of the list cost as much as a count, on every request. Stored documents never change and
// nothing is deleted, so (counts.ts) the state names the order exactly until the next import.
//
// Bounded in bytes (8 per id; LIST_IDS.bytes in all, least recently used dropped first); a list longer
// than LIST_IDS.maxIds is not kept and its pages are read by offset. Each thread (a server's reader threads)
// keeps its own.
import type { Store } from './connect.js';
import { storeState } from './counts.js';

export const LIST_IDS = {
  /** ids of one list at most (4 MB); tests lower it to read every list by offset */
  maxIds: 500_000,
  /** all lists together */
  bytes: 24 * 1024 * 1024,
};

const lists = new Map<string, { readonly state: string; readonly ids: Float64Array }>();
let bytes = 0;

/**
 * The ids `read(limit)` returns for `key` in this state of the store, read once per state; null when
 * there are more than LIST_IDS.maxIds (`read` is asked for one more, so that this is known).
 */
export async function idsOnce(store: Store, key: string, read: (limit: number) => Promise<readonly number[]>): Promise<Float64Array | null> {
  const state = await storeState(store);
  const full = `${store.location}|${store.schema ?? ''}|${key}`;
  const hit = lists.get(full);
  if (hit && hit.state === state) {
    lists.delete(full);
    lists.set(full, hit);
    return hit.ids;
  }
  if (hit) { lists.delete(full); bytes -= hit.ids.byteLength; }
  const max = LIST_IDS.maxIds;
  const got = await read(max + 1);
  if (got.length > max) return null;
  const ids = Float64Array.from(got);
  lists.set(full, { state, ids });
  bytes += ids.byteLength;
  for (const [k, v] of lists) {
    if (bytes <= LIST_IDS.bytes || k === full) break;
    lists.delete(k);
    bytes -= v.ids.byteLength;
  }
  return ids;
}
