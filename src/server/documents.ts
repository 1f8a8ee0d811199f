// Stored documents re-read from their source text, or a PDF's bytes (parse → readTargets → review), for the HTML
// report and diffs. A stored document never changes (its id is never reused), so the results are kept
// in a small LRU cache.
import type { TableDocument } from '../model/index.js';
import { parseDocument, parseText } from '../ingest/index.js';
import { review, type ReviewResult } from '../review/index.js';
import { readTargets } from '../targets/index.js';
import type { Store } from '../store/index.js';
import { documentSource } from '../store/units.js';

export interface ReadDocument {
  readonly doc: TableDocument;
  readonly result: ReviewResult;
}

export class DocumentCache {
  private readonly entries = new Map<number, Promise<ReadDocument>>();
  constructor(private readonly store: Store, private readonly size = 8) {}

  get(documentId: number): Promise<ReadDocument> {
    const hit = this.entries.get(documentId);
    if (hit) {
      this.entries.delete(documentId);
      this.entries.set(documentId, hit);
      return hit;
    }
    const p = this.read(documentId);
    this.entries.set(documentId, p);
    p.catch(() => this.entries.delete(documentId));
    while (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value!);
    return p;
  }

  private async read(documentId: number): Promise<ReadDocument> {
    const src = await documentSource(this.store, documentId);
    const doc = readTargets(src.bytes ? await parseDocument(src.bytes, { file: src.file }) : parseText(src.text, { file: src.file }));
    return { doc, result: review(doc) };
  }
}
