// Import: one transaction per document, so a failure or a kill leaves nothing half-written. The same
// table again changes nothing — the same bytes (sha256) or the same content re-encoded (contentHash) —;
// a new publication of a unit and year already stored becomes its next version, the old one kept for
// history and diffs, and the last imported that prints its year is the latest (what lists show). A table that prints no
// year (or department) is not stored as a unit-year of its own when a stored publication of its unit
// matches: the caller gives the year, or accepts the proposal (publication.ts), or says there is none.
//
// Two steps: `readDocument` parses, reads targets, reviews and plans the rows (plan.ts) without the
// store, so a worker thread can do it (pipeline.ts); `storeRead` asks the store what it knows of the
// document and writes it in one transaction (write.ts).
import type { TableDocument } from '../model/index.js';
import { review } from '../review/index.js';
import { readTargets } from '../targets/index.js';
import type { ColumnOverrides } from '../ingest/index.js';
import type { Store } from './connect.js';
import { columnsFromStored } from './columns-from-stored.js';
import { readMany } from './pipeline.js';
import { planDocument, type DocumentPlan } from './plan.js';
import { findStored, missingInfo, type Proposal, type Provenance } from './publication.js';
import { clockFor, readDocument, readParsed, type ReadDocument, type ReadResult, type Stage } from './read.js';
import { writePlan, type Decided, type OnWritten } from './write.js';

export type { ReadDocument, ReadResult, Stage };

export type ImportOutcome =
  | {
    readonly status: 'imported'; readonly file: string; readonly documentId: number; readonly units: number; readonly projects: number; readonly indicators: number;
    readonly versions: readonly { unit: string; version: number }[];
    /** the year and department stored (printed, given or proposed), and the note when not printed */
    readonly year: number | null; readonly department: string | null; readonly note: string | null;
  }
  | { readonly status: 'unchanged'; readonly file: string; readonly documentId: number; readonly storedFile: string }
  /** the table prints no year or department and a stored publication suggests one: nothing stored until the caller decides */
  | { readonly status: 'needs-input'; readonly file: string; readonly missing: readonly ('year' | 'department')[]; readonly proposal: Proposal }
  | { readonly status: 'failed'; readonly file: string; readonly reason: string };

export interface ImportOptions {
  /** the file's name as it should be recorded */
  readonly file: string;
  /** override the clock, for tests */
  readonly now?: () => Date;
  /** when given, milliseconds spent per stage are added to it */
  readonly timings?: Record<Stage, number>;
  /** PDF: called after each page */
  readonly onProgress?: (done: number, total: number) => void;
  /** called as the import advances: each stage in order (IMPORT_STAGES), and how far it is (pages, rows) */
  readonly onStage?: (stage: ImportStage, done: number, total: number) => void;
  /** the year when the table prints none; null: there is none (do not ask) */
  readonly year?: number | null;
  /** the department when the table prints none; null: there is none */
  readonly department?: string | null;
  /** take the proposed year and department for what is missing and not given */
  readonly acceptProposed?: boolean;
  /** called inside the transaction after each table is written */
  readonly onWritten?: OnWritten;
  /** workbook and CSV: the column mapping chosen in the import preview (kept with the document) */
  readonly columns?: ColumnOverrides;
}

/** the stages of an import as a person reads them: 读取 (pages of a PDF), 审核, 核对 (the store: same table? year?), 写入 (rows), 索引 (search) */
export const IMPORT_STAGES = ['读取', '审核', '核对', '写入', '索引'] as const;
export type ImportStage = (typeof IMPORT_STAGES)[number];

/** Parses, reads targets, reviews and stores one file's bytes. Never throws on bad input. */
export async function importBytes(store: Store, bytes: Uint8Array, options: ImportOptions): Promise<ImportOutcome> {
  const stage = options.onStage;
  stage?.('读取', 0, 1);
  const onProgress = options.onProgress || stage
    ? (done: number, total: number) => { options.onProgress?.(done, total); stage?.('读取', done, total); }
    : undefined;
  const r = await readDocument(bytes, { ...options, ...(onProgress ? { onProgress } : {}) });
  stage?.('审核', 1, 1);
  return r.status === 'failed' ? r : storeRead(store, r.read, options);
}

/** Stores a document parsed already (the upload check parsed it), without parsing it again. */
export async function importDocument(store: Store, parsed: TableDocument, bytes: Uint8Array, options: ImportOptions): Promise<ImportOutcome> {
  const r = readParsed(parsed, bytes, options);
  return 'failed' in r ? { status: 'failed', file: options.file, reason: r.failed } : storeRead(store, r.read, options);
}

/**
 * Stores a document read (readDocument, readParsed): `unchanged` when stored already, `needs-input`
 * when a stored publication suggests a year or department nobody gave, else one transaction. Never
 * throws on bad input.
 */
export async function storeRead(store: Store, read: ReadDocument, options: ImportOptions): Promise<ImportOutcome> {
  options.onStage?.('核对', 0, 1);
  const existing = await findStored(store, read.sha256, read.contentHash);
  if (existing) return { status: 'unchanged', file: options.file, documentId: existing.documentId, storedFile: existing.file };
  let plan = read.plan;
  const proposal = read.doc ? (await missingInfo(store, read.doc)).proposal : null;
  const decided = decide(read, options, proposal);
  if ('missing' in decided) return { status: 'needs-input', file: options.file, missing: decided.missing, proposal: proposal! };
  if (read.doc) {
    // flowed text: columns its text does not give, from a stored publication of the unit that has them
    const withColumns = await columnsFromStored(store.db, read.doc);
    if (withColumns !== read.doc) {
      const clock = clockFor(options.timings);
      const doc = clock('targets', () => readTargets(withColumns));
      const result = clock('review', () => review(doc));
      plan = clock('plan', () => planDocument(doc, result, read.plan.document.source_text, read.plan.document.source_bytes));
    }
  }
  try {
    const t = performance.now();
    const written = await writePlan(store, plan, decided, (options.now ?? (() => new Date()))(), read.contentHash, progressOf(plan, options));
    if (options.timings) options.timings.write += performance.now() - t;
    return {
      status: 'imported', file: plan.document.file, documentId: written.documentId, units: plan.rows.units.length, projects: plan.projects, indicators: plan.indicators,
      versions: written.versions, year: decided.year, department: decided.department, note: decided.note,
    };
  } catch (e) {
    // a concurrent import of the same bytes won the race: that is "unchanged", not a failure
    const again = await findStored(store, read.sha256, read.contentHash);
    if (again) return { status: 'unchanged', file: options.file, documentId: again.documentId, storedFile: again.file };
    return { status: 'failed', file: options.file, reason: `写入数据库失败：${(e as Error).message}` };
  }
}

/**
 * Several files in the order that lets a table without a year find its publication: those that print
 * a year first, then the others, each with `acceptProposed` as given. For the bundled samples (npm
 * start), where 000 prints no year and publishes the unit 002 (2024) also publishes. Each file is
 * parsed once, in worker threads (pipeline.ts).
 */
export async function importAll(store: Store, files: readonly { file: string; bytes: Uint8Array }[], options: { acceptProposed?: boolean } = {}): Promise<ImportOutcome[]> {
  const reads: ReadResult[] = [];
  for await (const r of readMany(files.map((f) => ({ file: f.file, bytes: () => Promise.resolve(f.bytes) })))) reads.push(r);
  const dated = (r: ReadResult): boolean => r.status === 'read' && r.read.year !== null;
  const out = new Map<string, ImportOutcome>();
  for (const [i, r] of [...reads.entries()].sort(([a, x], [b, y]) => Number(dated(y)) - Number(dated(x)) || a - b)) {
    const file = files[i]!.file;
    out.set(file, r.status === 'failed' ? r : await storeRead(store, r.read, { file, ...(options.acceptProposed ? { acceptProposed: true } : {}) }));
  }
  return files.map((f) => out.get(f.file)!);
}

/** onWritten, telling onStage the rows written (写入) and indexed (索引) as each table's rows go in */
function progressOf(plan: DocumentPlan, options: ImportOptions): OnWritten | undefined {
  const stage = options.onStage;
  if (!stage) return options.onWritten;
  const index = plan.texts.length + plan.rows.search_rows.length;
  const rows = Object.values(plan.rows).reduce((n, r) => n + r.length, 1) - plan.rows.search_rows.length;
  let written = 0;
  let indexed = 0;
  stage('写入', 0, rows);
  return async (table, n) => {
    await options.onWritten?.(table, n);
    if (table === 'search_texts' || table === 'search_rows') stage('索引', (indexed += n), index);
    else stage('写入', Math.min(rows, (written += n)), rows);
  };
}

function decide(doc: { readonly year: number | null; readonly department: string | null }, options: ImportOptions, proposal: Proposal | null): Decided | { missing: ('year' | 'department')[] } {
  const pick = <T>(printed: T | null, given: T | null | undefined, proposed: T | null | undefined): [T | null, Provenance] | null => {
    if (printed !== null) return [printed, 'printed'];
    if (given !== undefined) return [given, given === null ? 'none' : 'given'];
    if (proposed === null || proposed === undefined) return [null, 'none'];
    return options.acceptProposed ? [proposed, 'proposed'] : null; // a proposal nobody answered
  };
  const y = pick(doc.year, options.year, proposal?.year);
  const d = pick(doc.department, options.department, proposal?.department);
  if (!y || !d) return { missing: [...(y ? [] : ['year' as const]), ...(d ? [] : ['department' as const])] };
  const notes: string[] = [];
  if (y[1] === 'proposed' || d[1] === 'proposed') notes.push(proposal!.note);
  const given = [y[1] === 'given' ? `年度 ${y[0]}` : null, d[1] === 'given' ? `部门“${d[0]}”` : null].filter(Boolean);
  if (given.length) notes.push(`原表未注明${given.join('、')}：导入时填写`);
  return { year: y[0], department: d[0], yearSource: y[1], departmentSource: d[1], note: notes.length ? notes.join('；') : null };
}
