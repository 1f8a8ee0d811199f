// Import: one transaction per document, so a failure or a kill leaves nothing half-written. The same
// table again changes nothing — the same bytes (sha256) or the same content re-encoded (contentHash) —;
// a new publication of a unit and year already stored becomes its next version, the old one kept for
// history and diffs, and the last imported that prints its year is the latest (what lists show). A table that prints no
// year (or department) is not stored as a unit-year of its own when a stored publication of its unit
// matches: the caller gives the year, or accepts the proposal (publication.ts), or says there is none.
import type { Kysely, Transaction } from 'kysely';
import type { Funding, Target, TableDocument } from '../model/index.js';
import { parseDocument, storedOptions, unreadable, type ColumnOverrides } from '../ingest/index.js';
import { review, type ReviewResult } from '../review/index.js';
import { nameKey, readTargets } from '../targets/index.js';
import type { Store } from './connect.js';
import type { Database } from './schema.js';
import { columnsFromStored } from './columns-from-stored.js';
import { indexDocument } from './search-index.js';
import { dims } from './rescore.js';
import { contentHash, findStored, missingInfo, type Proposal, type Provenance } from './publication.js';

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

const cents = (x: number | null | undefined): number | null => (x === null || x === undefined ? null : Math.round(x * 100));
const unplaced = (f: Funding | null): string | null => (f ? JSON.stringify(f.unplaced.map((x) => Math.round(x * 100))) : null);

export interface ImportOptions {
  /** the file's name as it should be recorded */
  readonly file: string;
  /** override the clock, for tests */
  readonly now?: () => Date;
  /** when given, milliseconds spent per stage are added to it (parse, targets, review, write) */
  readonly timings?: Record<'parse' | 'targets' | 'review' | 'write', number>;
  /** PDF: called after each page */
  readonly onProgress?: (done: number, total: number) => void;
  /** the year when the table prints none; null: there is none (do not ask) */
  readonly year?: number | null;
  /** the department when the table prints none; null: there is none */
  readonly department?: string | null;
  /** take the proposed year and department for what is missing and not given */
  readonly acceptProposed?: boolean;
  /** workbook and CSV: the column mapping chosen in the import preview (kept with the document) */
  readonly columns?: ColumnOverrides;
}

/** the year and department a document is stored with, how each was decided, and the note saying so */
interface Decided {
  readonly year: number | null;
  readonly department: string | null;
  readonly yearSource: Provenance;
  readonly departmentSource: Provenance;
  readonly note: string | null;
}

function decide(doc: TableDocument, options: ImportOptions, proposal: Proposal | null): Decided | { missing: ('year' | 'department')[] } {
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

/** Parses, reads targets, reviews and stores one file's bytes. Never throws on bad input. */
export async function importBytes(store: Store, bytes: Uint8Array, options: ImportOptions): Promise<ImportOutcome> {
  const clock = stageClock(options.timings);
  const t0 = performance.now();
  const parsed = await parseDocument(bytes, { file: options.file, ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.columns ? { columns: options.columns } : {}) });
  if (options.timings) options.timings.parse += performance.now() - t0;
  // a file read only in part (a garbled or unreadable PDF page) is refused whole: never stored incomplete
  const fatal = unreadable(parsed) ?? parsed.diagnostics.find((d) => d.code === 'layout-unknown');
  if (fatal) return { status: 'failed', file: options.file, reason: fatal.message };
  const hash = contentHash(parsed);
  const existing = await findStored(store, parsed.source.sha256, hash);
  if (existing) return { status: 'unchanged', file: options.file, documentId: existing.documentId, storedFile: existing.file };
  const { proposal } = await missingInfo(store, parsed);
  const decided = decide(parsed, options, proposal);
  if ('missing' in decided) return { status: 'needs-input', file: options.file, missing: decided.missing, proposal: proposal! };
  // flowed text: columns its text does not give, from a stored publication of the unit that has them
  const withColumns = await columnsFromStored(store.db, parsed);
  const doc = clock('targets', () => readTargets(withColumns));
  const result = clock('review', () => review(doc));
  // PDFs and workbooks keep their bytes; a workbook's text is how it was read (the chosen column mapping)
  const binary = doc.source.layout === 'pdf' || doc.source.layout === 'xlsx';
  const text = binary ? storedOptions({ columns: options.columns }) : new TextDecoder(doc.source.encoding === 'gb18030' ? 'gb18030' : 'utf-8').decode(bytes);
  try {
    const t = performance.now();
    const outcome = await store.db.transaction().execute((trx) => write(trx, doc, result, text, binary ? bytes : null, (options.now ?? (() => new Date()))(), hash, decided));
    if (options.timings) options.timings.write += performance.now() - t;
    return outcome;
  } catch (e) {
    // a concurrent import of the same bytes won the race: that is "unchanged", not a failure
    const again = await findStored(store, parsed.source.sha256, hash);
    if (again) return { status: 'unchanged', file: options.file, documentId: again.documentId, storedFile: again.file };
    return { status: 'failed', file: options.file, reason: `写入数据库失败：${(e as Error).message}` };
  }
}

/**
 * Several files in the order that lets a table without a year find its publication: those that print
 * a year first, then the others, each with `acceptProposed` as given. For the bundled samples (npm
 * start), where 000 prints no year and publishes the unit 002 (2024) also publishes.
 */
export async function importAll(store: Store, files: readonly { file: string; bytes: Uint8Array }[], options: { acceptProposed?: boolean } = {}): Promise<ImportOutcome[]> {
  const dated = await Promise.all(files.map(async (f) => ({ ...f, dated: (await parseDocument(f.bytes, { file: f.file })).year !== null })));
  const out = new Map<string, ImportOutcome>();
  for (const f of [...dated.filter((f) => f.dated), ...dated.filter((f) => !f.dated)]) {
    out.set(f.file, await importBytes(store, f.bytes, { file: f.file, ...(options.acceptProposed ? { acceptProposed: true } : {}) }));
  }
  return files.map((f) => out.get(f.file)!);
}

function stageClock(timings: ImportOptions['timings']) {
  return <T>(stage: 'parse' | 'targets' | 'review', f: () => T): T => {
    if (!timings) return f();
    const t = performance.now();
    try { return f(); } finally { timings[stage] += performance.now() - t; }
  };
}

async function write(trx: Transaction<Database>, doc: TableDocument, result: ReviewResult, text: string, sourceBytes: Uint8Array | null, now: Date, hash: string, decided: Decided): Promise<ImportOutcome> {
  let departmentId: number | null = null;
  const department = decided.department;
  const year = decided.year;
  if (department) {
    const found = await trx.selectFrom('departments').select('id').where('name', '=', department).executeTakeFirst();
    departmentId = found ? found.id : Number((await trx.insertInto('departments').values({ name: department }).returning('id').executeTakeFirstOrThrow()).id);
  }
  const count = (s: string) => result.findings.filter((f) => f.severity === s).length;
  const { id: documentId } = await trx.insertInto('documents').values({
    sha256: doc.source.sha256,
    file: doc.source.file,
    layout: doc.source.layout,
    encoding: doc.source.encoding,
    bytes: doc.source.bytes,
    lines: doc.source.lines,
    title: doc.title,
    year,
    department_id: departmentId,
    currency_unit: doc.currencyUnit,
    source_text: text,
    source_bytes: sourceBytes,
    imported_at: now.toISOString(),
    total_total: cents(doc.total?.total),
    total_fiscal: cents(doc.total?.fiscal),
    total_special: cents(doc.total?.specialAccount),
    total_other: cents(doc.total?.other),
    total_unplaced: unplaced(doc.total),
    review_score: result.score,
    review_grade: result.grade,
    review_dimensions: dims(result),
    review_gated: result.gated,
    errors: count('error'),
    warnings: count('warning'),
    content_hash: hash,
    year_source: decided.yearSource,
    department_source: decided.departmentSource,
    note: decided.note,
  }).returning('id').executeTakeFirstOrThrow();

  // Rows go in as multi-row inserts (a statement per unit for projects, a few per document for
  // indicators and findings): preparing a statement costs far more than a row. Returned ids are
  // matched by (parent, ordinal), never by the order RETURNING happens to use.
  const unitIds: number[] = [];
  const projectIds = new Map<string, number>();
  const indicatorIds = new Map<string, number>();
  const versions: { unit: string; version: number }[] = [];
  let projects = 0;
  let indicators = 0;
  const indicatorRows: ReturnType<typeof indicatorRow>[] = [];
  const indicatorPaths = new Map<string, string>();
  // a document adds at most one version of a unit-year: a unit printed several times in one table (34
  // times, in one upload) is one publication, each printing a row of that same version
  const versionOf = new Map<string, { version: number; latest: number }>();
  for (const [ui, u] of doc.units.entries()) {
    let same = versionOf.get(u.name);
    if (same === undefined) {
      const previous = await trx.selectFrom('units').select(({ fn }) => fn.max<number>('version').as('v'))
        .where('name', '=', u.name).where((eb) => (year === null ? eb('year', 'is', null) : eb('year', '=', year))).executeTakeFirst();
      const version = Number(previous?.v ?? 0) + 1;
      // The latest of a unit-year is the last imported publication that prints its year; one whose year
      // was supplied (given or proposed) is latest only while no publication of that unit-year prints it.
      const displaced = version > 1 && (decided.yearSource === 'printed' || year === null || !(await trx.selectFrom('units as pu')
        .innerJoin('documents as pd', 'pd.id', 'pu.document_id').select('pu.id')
        .where('pu.name', '=', u.name).where('pu.year', '=', year).where('pd.year_source', '=', 'printed').limit(1).executeTakeFirst()));
      if (displaced) {
        await trx.updateTable('units').set({ latest: 0 }).where('name', '=', u.name).where((eb) => (year === null ? eb('year', 'is', null) : eb('year', '=', year))).execute();
      }
      same = { version, latest: version === 1 || displaced ? 1 : 0 };
      versionOf.set(u.name, same);
      versions.push({ unit: u.name, version });
    }
    const { id: unitId } = await trx.insertInto('units').values({
      document_id: documentId, ordinal: ui, name: u.name, year, version: same.version, latest: same.latest,
      total: cents(u.funding?.total), fiscal: cents(u.funding?.fiscal), special_account: cents(u.funding?.specialAccount), other: cents(u.funding?.other),
      unplaced: unplaced(u.funding), line: u.line ?? null, review_score: result.units[ui]?.score ?? null,
      review_dimensions: result.units[ui] ? dims(result.units[ui]) : null,
    }).returning('id').executeTakeFirstOrThrow();
    unitIds.push(Number(unitId));
    const findingsPer = new Map<string, number>();
    for (const f of result.findings) {
      const m = /^units\[(\d+)\]\.projects\[(\d+)\]/.exec(f.path);
      if (m && Number(m[1]) === ui) findingsPer.set(m[0], (findingsPer.get(m[0]) ?? 0) + 1);
    }
    const rows = u.projects.map((p, pi) => {
      const score = result.units[ui]?.projects[pi];
      return {
        document_id: documentId, unit_id: Number(unitId), ordinal: pi, name: p.name, goal: p.goal,
        total: cents(p.funding.total) ?? 0, fiscal: cents(p.funding.fiscal), special_account: cents(p.funding.specialAccount), other: cents(p.funding.other),
        unplaced: unplaced(p.funding) ?? '[]', indicators_text: p.indicatorsText ?? null, line: p.line ?? null,
        review_score: score?.score ?? null, review_grade: score?.grade ?? null,
        review_dimensions: score ? dims(score) : null, review_gate: score ? JSON.stringify(score.gate) : null, indicator_count: p.indicators.length,
        finding_count: findingsPer.get(`units[${ui}].projects[${pi}]`) ?? 0,
        box: p.box ? JSON.stringify(p.box) : null,
      };
    });
    for (const chunk of chunks(rows, 1000)) {
      for (const r of await trx.insertInto('projects').values(chunk).returning(['id', 'ordinal']).execute()) {
        projectIds.set(`units[${ui}].projects[${r.ordinal}]`, Number(r.id));
      }
    }
    projects += rows.length;
    for (const [pi, p] of u.projects.entries()) {
      const projectId = projectIds.get(`units[${ui}].projects[${pi}]`)!;
      for (const [ii, i] of p.indicators.entries()) {
        indicatorRows.push(indicatorRow(Number(documentId), projectId, null, ii, i));
        indicatorPaths.set(`${projectId}:${ii}`, `units[${ui}].projects[${pi}].indicators[${ii}]`);
      }
    }
  }
  for (const [oi, o] of doc.orphans.entries()) {
    const { id: orphanId } = await trx.insertInto('orphans').values({ document_id: documentId, ordinal: oi, text: o.text, line: o.line ?? null }).returning('id').executeTakeFirstOrThrow();
    for (const [ii, i] of o.indicators.entries()) indicatorRows.push(indicatorRow(Number(documentId), null, Number(orphanId), ii, i));
  }
  for (const chunk of chunks(indicatorRows, 800)) {
    for (const r of await trx.insertInto('indicators').values(chunk).returning(['id', 'project_id', 'ordinal']).execute()) {
      const path = r.project_id === null ? undefined : indicatorPaths.get(`${r.project_id}:${r.ordinal}`);
      if (path) indicatorIds.set(path, Number(r.id));
    }
  }
  indicators = indicatorRows.filter((r) => r.project_id !== null).length;
  for (const chunk of chunks(doc.diagnostics, 2000)) {
    await trx.insertInto('diagnostics').values(chunk.map((d) => ({ document_id: documentId, severity: d.severity, code: d.code, message: d.message, line: d.line ?? null, path: d.path ?? null }))).execute();
  }
  const findingRows = result.findings.map((f) => {
    const m = /^units\[(\d+)\](?:\.projects\[(\d+)\](?:\.indicators\[(\d+)\])?)?/.exec(f.path);
    const projectPath = m?.[2] !== undefined ? `units[${m[1]}].projects[${m[2]}]` : null;
    return {
      document_id: documentId,
      unit_id: m ? unitIds[Number(m[1])] ?? null : null,
      project_id: projectPath ? projectIds.get(projectPath) ?? null : null,
      indicator_id: m?.[3] !== undefined ? indicatorIds.get(`${projectPath}.indicators[${m[3]}]`) ?? null : null,
      rule: f.rule, severity: f.severity, category: f.category, message: f.message, suggestion: f.suggestion, path: f.path, line: f.line ?? null,
    };
  });
  for (const chunk of chunks(findingRows, 2000)) await trx.insertInto('findings').values(chunk).execute();
  await indexDocument(trx, Number(documentId)); // the search index, in the same transaction
  return { status: 'imported', file: doc.source.file, documentId: Number(documentId), units: doc.units.length, projects, indicators, versions, year, department, note: decided.note };
}

/** Slices of at most `size` rows: SQLite binds at most 32,766 parameters in one statement. */
function* chunks<T>(rows: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

function indicatorRow(documentId: number, projectId: number | null, orphanId: number | null, ordinal: number, i: TableDocument['units'][number]['projects'][number]['indicators'][number]) {
  const t = (x: Target) => ({ kind: x.kind ?? null, op: x.op ?? null, value: x.value ?? null, unit: x.unit ?? null, json: JSON.stringify(x) });
  const p = t(i.period);
  const a = t(i.annual);
  return {
    document_id: documentId, project_id: projectId, orphan_id: orphanId, ordinal, seq: i.seq,
    level1_code: i.level1.code, level1_name: i.level1.name, level2_code: i.level2.code, level2_name: i.level2.name,
    name: i.name, name_key: nameKey(i.name),
    period_raw: i.period.raw, period_kind: p.kind, period_op: p.op, period_value: p.value, period_unit: p.unit, period_json: p.json,
    annual_raw: i.annual.raw, annual_kind: a.kind, annual_op: a.op, annual_value: a.value, annual_unit: a.unit, annual_json: a.json,
    text: i.text, line: i.line ?? null,
  };
}

export type { Kysely };
