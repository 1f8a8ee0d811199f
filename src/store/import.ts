// Import: one transaction per document, so a failure or a kill leaves nothing half-written. The same
// bytes again change nothing (sha256); a new publication of a unit and year already stored becomes
// its next version, the old one kept for history and diffs.
import type { Kysely, Transaction } from 'kysely';
import type { Funding, Target, TableDocument } from '../model/index.js';
import { parseBytes } from '../ingest/index.js';
import { review, type ReviewResult } from '../review/index.js';
import { nameKey, readTargets } from '../targets/index.js';
import type { Store } from './connect.js';
import type { Database } from './schema.js';
import { columnsFromStored } from './columns-from-stored.js';
import { indexDocument } from './search-index.js';

export type ImportOutcome =
  | { readonly status: 'imported'; readonly file: string; readonly documentId: number; readonly units: number; readonly projects: number; readonly indicators: number; readonly versions: readonly { unit: string; version: number }[] }
  | { readonly status: 'unchanged'; readonly file: string; readonly documentId: number }
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
}

/** Parses, reads targets, reviews and stores one file's bytes. Never throws on bad input. */
export async function importBytes(store: Store, bytes: Uint8Array, options: ImportOptions): Promise<ImportOutcome> {
  const clock = stageClock(options.timings);
  const parsed = clock('parse', () => parseBytes(bytes, { file: options.file }));
  const fatal = parsed.diagnostics.find((d) => d.code === 'input-binary' || d.code === 'input-empty' || d.code === 'layout-unknown');
  if (fatal) return { status: 'failed', file: options.file, reason: fatal.message };
  const existing = await store.db.selectFrom('documents').select('id').where('sha256', '=', parsed.source.sha256).executeTakeFirst();
  if (existing) return { status: 'unchanged', file: options.file, documentId: existing.id };
  // flowed text: columns its text does not give, from a stored publication of the unit that has them
  const withColumns = await columnsFromStored(store.db, parsed);
  const doc = clock('targets', () => readTargets(withColumns));
  const result = clock('review', () => review(doc));
  const text = new TextDecoder(doc.source.encoding === 'gb18030' ? 'gb18030' : 'utf-8').decode(bytes);
  try {
    const t = performance.now();
    const outcome = await store.db.transaction().execute((trx) => write(trx, doc, result, text, (options.now ?? (() => new Date()))()));
    if (options.timings) options.timings.write += performance.now() - t;
    return outcome;
  } catch (e) {
    // a concurrent import of the same bytes won the race: that is "unchanged", not a failure
    const again = await store.db.selectFrom('documents').select('id').where('sha256', '=', parsed.source.sha256).executeTakeFirst();
    if (again) return { status: 'unchanged', file: options.file, documentId: again.id };
    return { status: 'failed', file: options.file, reason: `写入数据库失败：${(e as Error).message}` };
  }
}

function stageClock(timings: ImportOptions['timings']) {
  return <T>(stage: 'parse' | 'targets' | 'review', f: () => T): T => {
    if (!timings) return f();
    const t = performance.now();
    try { return f(); } finally { timings[stage] += performance.now() - t; }
  };
}

async function write(trx: Transaction<Database>, doc: TableDocument, result: ReviewResult, text: string, now: Date): Promise<ImportOutcome> {
  let departmentId: number | null = null;
  if (doc.department) {
    const found = await trx.selectFrom('departments').select('id').where('name', '=', doc.department).executeTakeFirst();
    departmentId = found ? found.id : Number((await trx.insertInto('departments').values({ name: doc.department }).returning('id').executeTakeFirstOrThrow()).id);
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
    year: doc.year,
    department_id: departmentId,
    currency_unit: doc.currencyUnit,
    source_text: text,
    imported_at: now.toISOString(),
    total_total: cents(doc.total?.total),
    total_fiscal: cents(doc.total?.fiscal),
    total_special: cents(doc.total?.specialAccount),
    total_other: cents(doc.total?.other),
    total_unplaced: unplaced(doc.total),
    review_score: result.score,
    review_grade: result.grade,
    errors: count('error'),
    warnings: count('warning'),
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
  for (const [ui, u] of doc.units.entries()) {
    const previous = await trx.selectFrom('units').select(({ fn }) => fn.max<number>('version').as('v'))
      .where('name', '=', u.name).where((eb) => (doc.year === null ? eb('year', 'is', null) : eb('year', '=', doc.year))).executeTakeFirst();
    const version = Number(previous?.v ?? 0) + 1;
    if (version > 1) {
      await trx.updateTable('units').set({ latest: 0 }).where('name', '=', u.name).where((eb) => (doc.year === null ? eb('year', 'is', null) : eb('year', '=', doc.year))).execute();
    }
    versions.push({ unit: u.name, version });
    const { id: unitId } = await trx.insertInto('units').values({
      document_id: documentId, ordinal: ui, name: u.name, year: doc.year, version, latest: 1,
      total: cents(u.funding?.total), fiscal: cents(u.funding?.fiscal), special_account: cents(u.funding?.specialAccount), other: cents(u.funding?.other),
      unplaced: unplaced(u.funding), line: u.line ?? null, review_score: result.units[ui]?.score ?? null,
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
        review_score: score?.score ?? null, review_grade: score?.grade ?? null, indicator_count: p.indicators.length,
        finding_count: findingsPer.get(`units[${ui}].projects[${pi}]`) ?? 0,
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
  return { status: 'imported', file: doc.source.file, documentId: Number(documentId), units: doc.units.length, projects, indicators, versions };
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
