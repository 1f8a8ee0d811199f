// Answers of the read routes, kept until the store changes. Stored documents never change and nothing
// is deleted; every import that changes anything adds a document (and moves `latest` only then), so
// (the largest document id, the number of documents) names a state of the store. The cache asks the
// store for that pair — one indexed query — at most every CHECK_MS, and drops everything when it moved,
// whichever process imported; an import through this server clears it at once. Concurrent requests
// for the same key share one computation.
import type { Store } from '../store/index.js';

export const CHECK_MS = 250;

export class ResultCache {
  private readonly entries = new Map<string, Promise<unknown>>();
  private state = '';
  private checked = 0;
  private checking: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    readonly enabled = true,
    private readonly size = 2000,
  ) {}

  /** the store's state: changes with every stored document */
  async storeState(): Promise<string> {
    const r = await this.store.db.selectFrom('documents')
      .select((eb) => [eb.fn.max('id').as('last'), eb.fn.countAll<number>().as('n')]).executeTakeFirstOrThrow();
    return `${String(r.last ?? 0)}:${String(r.n)}`;
  }

  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
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
    p.catch(() => { if (this.entries.get(key) === p) this.entries.delete(key); });
    while (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
    return p;
  }

  /** compares the store's state with the cached one (one query however many requests wait for it) */
  private check(): Promise<void> {
    this.checking ??= this.storeState().then((state) => {
      if (state !== this.state) {
        this.entries.clear();
        this.state = state;
      }
      this.checked = performance.now();
    }).finally(() => { this.checking = null; });
    return this.checking;
  }

  /** after a write through this server */
  clear(): void {
    this.entries.clear();
    this.state = '';
    this.checked = 0;
  }
}
