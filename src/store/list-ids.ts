// The project list's order, kept per state of the store: for a filter, sort and order, every matching
// project's id in list order, read once (one walk of the sort's index, what counting them cost anyway)
// and then every page of it — the first or the 40,000th — is a slice of the array and one read of its
// rows by id. Reading a deep page by OFFSET walked every row it skipped: at 100,000 projects a page in
// the middle of the list cost as much as a count, on every request. Stored documents never change and
// nothing is deleted, so (counts.ts) the state names the order exactly until the next import.
//
// Bounded in bytes (4 per id; LIST_IDS.bytes in all, least recently used dropped first); a list longer
// than LIST_IDS.maxIds is not kept and its pages are read by offset. Each thread keeps its own index of
// orders, and a thread that reads lists tells the others that do (a server's reader threads) every order
// it reads, so an order costs one walk per state, not one per thread: under load the second reader thread
// otherwise read again, at 100-500 ms each, every order the first one had kept. The ids themselves are in
// shared memory, so the threads' indexes point at one copy.
import { BroadcastChannel, isMainThread } from 'node:worker_threads';
import type { Store } from './connect.js';
import { storeState } from './counts.js';

export const LIST_IDS = {
  /** ids of one list at most (2 MB); tests lower it to read every list by offset */
  maxIds: 500_000,
  /** all lists together */
  bytes: 24 * 1024 * 1024,
};

/** 4 bytes an id while ids fit (they do, below 2^32), else 8 */
type Ids = Uint32Array | Float64Array;

const lists = new Map<string, { readonly state: string; readonly ids: Ids }>();
let bytes = 0;

function keep(full: string, state: string, ids: Ids): void {
  const old = lists.get(full);
  if (old) { lists.delete(full); bytes -= old.ids.byteLength; }
  lists.set(full, { state, ids });
  bytes += ids.byteLength;
  for (const [k, v] of lists) {
    if (bytes <= LIST_IDS.bytes || k === full) break;
    lists.delete(k);
    bytes -= v.ids.byteLength;
  }
}

interface Shared { readonly full: string; readonly state: string; readonly ids: Ids }

/** worker threads that read lists share what they read; opened on a thread's first list, so threads that never read one hold none */
let channel: BroadcastChannel | null | undefined;
function shared(): BroadcastChannel | null {
  if (channel === undefined) {
    channel = isMainThread ? null : new BroadcastChannel('jixiao:list-ids');
    if (channel) {
      channel.onmessage = (e) => { const m = (e as { data: Shared }).data; keep(m.full, m.state, m.ids); };
      // never what keeps a thread alive
      channel.unref();
    }
  }
  return channel;
}

/**
 * The ids `read(limit)` returns for `key` in this state of the store, read once per state; null when
 * there are more than LIST_IDS.maxIds (`read` is asked for one more, so that this is known).
 */
export async function idsOnce(store: Store, key: string, read: (limit: number) => Promise<readonly number[]>): Promise<Ids | null> {
  const peers = shared();
  const state = await storeState(store);
  const full = `${store.location}|${store.schema ?? ''}|${key}`;
  const hit = lists.get(full);
  if (hit && hit.state === state) {
    lists.delete(full);
    lists.set(full, hit);
    return hit.ids;
  }
  // requests for the same order that arrive while it is read wait for that read instead of each making its own
  const flight = `${full}\n${state}`;
  let pending = reading.get(flight);
  if (!pending) {
    pending = (async () => {
      const max = LIST_IDS.maxIds;
      const got = await read(max + 1);
      if (got.length > max) return null;
      const ids = sharedIds(got);
      keep(full, state, ids);
      peers?.postMessage({ full, state, ids } satisfies Shared);
      return ids;
    })().finally(() => reading.delete(flight));
    reading.set(flight, pending);
  }
  return pending;
}

/**
 * The ids in shared memory: what a thread tells its peers is then the same bytes, not a copy each, so the
 * server's reader threads hold one order once between them (each had its own copy, LIST_IDS.bytes per thread).
 */
function sharedIds(got: readonly number[]): Ids {
  const small = got.every((id) => id < 2 ** 32);
  const ids = small ? new Uint32Array(new SharedArrayBuffer(got.length * 4)) : new Float64Array(new SharedArrayBuffer(got.length * 8));
  ids.set(got);
  return ids;
}

/** the orders being read now, by key and state */
const reading = new Map<string, Promise<Ids | null>>();
