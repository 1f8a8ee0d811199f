// The server's heavy work, as plain functions of plain data so that a worker thread (worker.ts, through
// pool.ts) can run them: reading an upload (preview and the pre-import check), importing a file, the HTML
// report (streamed) and the diff of two stored documents. Each opens the store it is given by its location; the
// request thread only waits for the answer, so /api/health and every read keep answering meanwhile.
import { diffDocuments, type DocumentDiff } from '../diff/index.js';
import { CSP as REPORT_CSP, reportParts } from '../report/review-html.js';
import { parseStored } from '../ingest/index.js';
import { diagnosticLabel } from '../ingest/diagnostics.js';
import { review } from '../review/index.js';
import type { OpenOptions } from '../store/connect.js';
import { contentHash, findStored, getProject, importBytes, listDocuments, listProjects, missingInfo, openStore, readParsed, storeRead, type ImportOptions, type ImportOutcome, type ProjectQuery, type ReadDocument, type Store } from '../store/index.js';
import type { FindingOrder } from '../review/index.js';
import { listFindings } from '../store/findings.js';
import { listIndicators } from '../store/indicators.js';
import { overview } from '../store/overview.js';
import { search } from '../store/search.js';
import { listUnits } from '../store/units.js';
import { documentSource } from '../store/units.js';
import { readTargets } from '../targets/index.js';
import type { z } from 'zod';
import { encodeJson, type Encoded } from './encode.js';
import * as s from './schemas.js';
import type { ImportChoice, ImportPreviewResponse, SearchQuery } from './schemas.js';
import { parseUpload, type Rejection, type Upload } from './upload.js';

export { REPORT_CSP };

/** where a task finds the store: what Store.reopen says */
export interface StoreRef {
  readonly location: string;
  readonly options: OpenOptions;
}

export interface Inspection {
  readonly preview: ImportPreviewResponse[number];
  readonly rejected: Rejection | null;
  /** with `forImport`: the file read for the store, so the import does not parse and review it again */
  readonly read?: ReadDocument;
  /** the same, as a worker thread sends it (tasks.ts): v8-serialized, unpacked by the importing worker */
  readonly packedRead?: Uint8Array;
}

/**
 * What an upload would be read as (the preview: whether the same table is stored, what it leaves out and
 * the proposal, its review score), and whether it is a table at all (the pre-import check).
 */
export async function inspect(store: Store, u: Upload, options: { forImport?: boolean; choice?: ImportChoice } = {}): Promise<Inspection> {
  const columns = options.choice?.columns;
  const { doc, rejected } = await parseUpload(u, columns);
  const [stored, info] = rejected ? [null, { missing: [], proposal: null }] : await Promise.all([findStored(store, doc.source.sha256, contentHash(doc)), missingInfo(store, doc)]);
  const read = rejected ? null : readParsed(doc, u.bytes, columns ? { columns } : {});
  const reviewed = read && 'read' in read ? read.result : null;
  const n = (sev: string) => reviewed?.findings.filter((f) => f.severity === sev).length ?? 0;
  return {
    rejected,
    ...(options.forImport && read && 'read' in read ? { read: read.read } : {}),
    preview: {
      file: u.file,
      ok: rejected === null,
      ...(rejected ? { error: rejected.message } : {}),
      layout: rejected ? null : doc.source.layout,
      title: doc.title,
      year: doc.year,
      stored,
      missing: [...info.missing],
      proposal: info.proposal as ImportPreviewResponse[number]['proposal'],
      review: reviewed ? { score: reviewed.score, grade: reviewed.grade, findings: reviewed.findings.length, error: n('error'), warning: n('warning'), info: n('info') } : null,
      department: doc.department,
      units: doc.units.map((x) => ({ name: x.name, projects: x.projects.length })),
      projects: doc.units.reduce((a, x) => a + x.projects.length, 0),
      indicators: doc.units.reduce((a, x) => a + x.projects.reduce((b, p) => b + p.indicators.length, 0), 0),
      diagnostics: doc.diagnostics.map((d) => ({ severity: d.severity, code: d.code, label: diagnosticLabel(d.code), message: d.message, line: d.line ?? null, ...(d.cell !== undefined ? { cell: d.cell } : {}) })),
      // a workbook: each sheet, and the column mapping it was read with (changeable: choices[file].columns)
      ...(doc.source.sheets ? { sheets: doc.source.sheets.map((x) => {
        const { columns, headerRows, ...rest } = x;
        return { ...rest, ...(columns ? { columns: columns.map((c) => ({ ...c })) } : {}), ...(headerRows ? { headerRows: [...headerRows] } : {}) };
      }) } : {}),
    },
  };
}

/** stores opened by this thread, one per location (a worker keeps its connection between tasks) */
const stores = new Map<string, Store>();

export function storeFor(ref: StoreRef): Store {
  const key = `${ref.location}\n${ref.options.schema ?? ''}`;
  let s = stores.get(key);
  if (!s) {
    // an import's statements are bounded by the upload size, not by the read timeout
    s = openStore(ref.location, { ...ref.options, statementTimeout: 0 });
    stores.set(key, s);
  }
  return s;
}

export async function closeStores(): Promise<void> {
  await Promise.all([...stores.values()].map((s) => s.close().catch(() => undefined)));
  stores.clear();
}

/** imports an upload, or what `inspect` read of it already (parsed and reviewed once); `onStage` hears its progress */
export function importFile(store: Store, u: Upload, choice: ImportChoice = {}, read?: ReadDocument, onStage?: ImportOptions['onStage']): Promise<ImportOutcome> {
  const options = { ...defined(choice), file: u.file, ...(onStage ? { onStage } : {}) };
  return read ? storeRead(store, read, options) : importBytes(store, u.bytes, options);
}

/** a stored document read again from its source text, or a PDF's bytes: parsed, targets read, reviewed */
async function reread(store: Store, documentId: number) {
  const src = await documentSource(store, documentId);
  const doc = readTargets(await parseStored(src));
  return { doc, result: review(doc) };
}


/** pieces of a streamed report are gathered to about this many bytes before they are sent */
const REPORT_PIECE = 256 * 1024;

/**
 * The review report of a stored document, sent piece by piece as it is rendered: `send` resolves when
 * the client can take more, so memory holds a piece or two, not the report. Returns the bytes sent.
 */
export async function streamReport(store: Store, documentId: number, send: (piece: Uint8Array) => Promise<void>): Promise<number> {
  const { doc, result } = await reread(store, documentId);
  let pending: string[] = [];
  let size = 0;
  let sent = 0;
  const flush = async () => {
    const piece = Buffer.from(pending.join(''), 'utf8');
    pending = [];
    size = 0;
    sent += piece.byteLength;
    await send(piece);
  };
  for (const part of reportParts([doc], [result])) {
    pending.push(part);
    size += part.length * 3;
    if (size >= REPORT_PIECE) await flush();
  }
  if (pending.length) await flush();
  return sent;
}

export async function diff(store: Store, a: number, b: number, unit: string): Promise<DocumentDiff> {
  const [x, y] = await Promise.all([reread(store, a), reread(store, b)]);
  return diffDocuments(x.doc, y.doc, { unit });
}

/** undefined-valued keys dropped (exactOptionalPropertyTypes) */
export function defined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

/**
 * The read routes whose cost grows with the store (lists, search, facets, sums), by the route name the
 * cache uses, from the route's validated input. On SQLite (synchronous) they run in a reader thread, so
 * one slow list does not hold every other request.
 */
/** a read route's work and the schema its answer is encoded with (the route's own response schema) */
export interface Reader {
  readonly schema: z.ZodType;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  read(store: Store, input: any): Promise<unknown>;
}

export const READERS: Readonly<Record<string, Reader>> = {
  overview: { schema: s.overviewResponse, read: (store, q) => overview(store, q) },
  projects: { schema: s.projectsResponse, read: (store, q) => listProjects(store, defined(q) as ProjectQuery) },
  // a project's page reads its indicators, findings, versions and its document's source lines
  project: { schema: s.projectDetailResponse, read: (store, [id, order]: [number, FindingOrder | undefined]) => getProject(store, id, order) },
  search: {
    schema: s.searchResponse,
    read: (store, q: SearchQuery & { q: string }) =>
      search(store, { query: q.q, ...defined({ in: q.in, limit: q.limit as number | undefined, offset: q.offset as number | undefined, latestOnly: q.latestOnly as boolean | undefined }) }),
  },
  indicators: { schema: s.indicatorsResponse, read: (store, q) => listIndicators(store, q) },
  findings: { schema: s.findingsResponse, read: (store, q) => listFindings(store, q) },
  documents: { schema: s.documentsResponse, read: (store) => listDocuments(store) },
  units: { schema: s.unitsResponse, read: (store, q: { name?: string } | null) => listUnits(store, q?.name) },
};

/** a read route's answer, read and encoded in this thread (a reader thread's task) */
export async function readEncoded(store: Store, route: string, input: unknown): Promise<Encoded> {
  const reader = READERS[route];
  if (!reader) throw new Error(`no reader for ${route}`);
  return encodeJson(reader.schema, await reader.read(store, input));
}
