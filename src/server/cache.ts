// Answers of the read routes, kept until the store changes. Stored documents never change and nothing
// is deleted; every import that changes anything adds a document (and moves `latest` only then), so
// (the largest document id, the number of documents) names a state of the store. The cache asks the
// store for that pair — one indexed query — at most every CHECK_MS, and drops everything when it moved,
// whichever process imported; an import through this server clears it at once. Concurrent requests
// for the same key share one computation. What it holds is bounded in bytes, not in entries.
import type { Store } from '../store/index.js';

export const CHECK_MS = 250;
/** bytes of encoded answers kept (JIXIAO_CACHE_BYTES); an answer larger than a quarter of it is not kept */
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

/** what the cache keeps of an answer: its encoded text (its size in memory is what the budget counts) */
export interface Sized {
  readonly body: string;
}

export class ResultCache {
  private readonly entries = new Map<string, Promise<Sized>>();
  private readonly sizes = new Map<string, number>();
  private bytes = 0;
  private state = '';
  private checked = 0;
  private checking: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    readonly enabled = true,
    readonly maxBytes = DEFAULT_CACHE_BYTES,
  ) {}

  /** the bytes held now */
  get size(): number {
    return this.bytes;
  }

  /** the store's state: changes with every stored document */
  async storeState(): Promise<string> {
    const r = await this.store.db.selectFrom('documents')
      .select((eb) => [eb.fn.max('id').as('last'), eb.fn.countAll<number>().as('n')]).executeTakeFirstOrThrow();
    return `${String(r.last ?? 0)}:${String(r.n)}`;
  }

  async get<T extends Sized>(key: string, compute: () => Promise<T>): Promise<T> {
    if (!this.enabled) return compute();
    if (performance.now() - this.checked >= CHECK_MS) await this.check();
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit as Promise<T>;
    }
    const p = compute();
    this.entries.set(key, p);
    p.then((v) => {
      if (this.entries.get(key) !== p) return;
      // two bytes a character: what V8 holds at most for a string
      const n = (v.body.length + key.length) * 2;
      if (n > this.maxBytes / 4) { this.drop(key); return; }
      this.sizes.set(key, n);
      this.bytes += n;
      // least recently used first
      for (const k of this.entries.keys()) {
        if (this.bytes <= this.maxBytes) break;
        if (this.sizes.has(k)) this.drop(k);
      }
    }, () => { if (this.entries.get(key) === p) this.drop(key); });
    return p;
  }

  private drop(key: string): void {
    this.entries.delete(key);
    this.bytes -= this.sizes.get(key) ?? 0;
    this.sizes.delete(key);
  }

  /** compares the store's state with the cached one (one query however many requests wait for it) */
  private check(): Promise<void> {
    this.checking ??= this.storeState().then((state) => {
      if (state !== this.state) {
        this.reset();
        this.state = state;
      }
      this.checked = performance.now();
    }).finally(() => { this.checking = null; });
    return this.checking;
  }

  private reset(): void {
    this.entries.clear();
    this.sizes.clear();
    this.bytes = 0;
  }

  /** after a write through this server */
  clear(): void {
    this.reset();
    this.state = '';
    this.checked = 0;
  }
}
