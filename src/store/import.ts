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
}

/** Parses, reads targets, reviews and stores one file's bytes. Never throws on bad input. */
export async function importBytes(store: Store, bytes: Uint8Array, options: ImportOptions): Promise<ImportOutcome> {
  const parsed = parseBytes(bytes, { file: options.file });
  const fatal = parsed.diagnostics.find((d) => d.code === 'input-binary' || d.code === 'input-empty' || d.code === 'layout-unknown');
  if (fatal) return { status: 'failed', file: options.file, reason: fatal.message };
  const existing = await store.db.selectFrom('documents').select('id').where('sha256', '=', parsed.source.sha256).executeTakeFirst();
  if (existing) return { status: 'unchanged', file: options.file, documentId: existing.id };
  const doc = readTargets(parsed);
  const result = review(doc);
  const text = new TextDecoder(doc.source.encoding === 'gb18030' ? 'gb18030' : 'utf-8').decode(bytes);
  try {
    return await store.db.transaction().execute((trx) => write(trx, doc, result, text, (options.now ?? (() => new Date()))()));
  } catch (e) {
    // a concurrent import of the same bytes won the race: that is "unchanged", not a failure
    const again = await store.db.selectFrom('documents').select('id').where('sha256', '=', parsed.source.sha256).executeTakeFirst();
    if (again) return { status: 'unchanged', file: options.file, documentId: again.id };
    return { status: 'failed', file: options.file, reason: `写入数据库失败：${(e as Error).message}` };
  }
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

  const unitIds: number[] = [];
  const projectIds = new Map<string, number>();
  const indicatorIds = new Map<string, number>();
  const versions: { unit: string; version: number }[] = [];
  let projects = 0;
  let indicators = 0;
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
    for (const [pi, p] of u.projects.entries()) {
      const path = `units[${ui}].projects[${pi}]`;
      const score = result.units[ui]?.projects[pi];
      const { id: projectId } = await trx.insertInto('projects').values({
        document_id: documentId, unit_id: Number(unitId), ordinal: pi, name: p.name, goal: p.goal,
        total: cents(p.funding.total) ?? 0, fiscal: cents(p.funding.fiscal), special_account: cents(p.funding.specialAccount), other: cents(p.funding.other),
        unplaced: unplaced(p.funding) ?? '[]', indicators_text: p.indicatorsText ?? null, line: p.line ?? null,
        review_score: score?.score ?? null, review_grade: score?.grade ?? null, indicator_count: p.indicators.length,
        finding_count: result.findings.filter((f) => f.path === path || f.path.startsWith(`${path}.`)).length,
      }).returning('id').executeTakeFirstOrThrow();
      projectIds.set(path, Number(projectId));
      projects++;
      if (p.indicators.length) {
        const rows = p.indicators.map((i, ii) => indicatorRow(Number(documentId), Number(projectId), null, ii, i));
        const ids = await trx.insertInto('indicators').values(rows).returning('id').execute();
        ids.forEach((r, ii) => indicatorIds.set(`${path}.indicators[${ii}]`, Number(r.id)));
        indicators += rows.length;
      }
    }
  }
  for (const [oi, o] of doc.orphans.entries()) {
    const { id: orphanId } = await trx.insertInto('orphans').values({ document_id: documentId, ordinal: oi, text: o.text, line: o.line ?? null }).returning('id').executeTakeFirstOrThrow();
    if (o.indicators.length) await trx.insertInto('indicators').values(o.indicators.map((i, ii) => indicatorRow(Number(documentId), null, Number(orphanId), ii, i))).execute();
  }
  if (doc.diagnostics.length) {
    await trx.insertInto('diagnostics').values(doc.diagnostics.map((d) => ({ document_id: documentId, severity: d.severity, code: d.code, message: d.message, line: d.line ?? null, path: d.path ?? null }))).execute();
  }
  if (result.findings.length) {
    await trx.insertInto('findings').values(result.findings.map((f) => {
      const m = /^units\[(\d+)\](?:\.projects\[(\d+)\](?:\.indicators\[(\d+)\])?)?/.exec(f.path);
      const projectPath = m?.[2] !== undefined ? `units[${m[1]}].projects[${m[2]}]` : null;
      return {
        document_id: documentId,
        unit_id: m ? unitIds[Number(m[1])] ?? null : null,
        project_id: projectPath ? projectIds.get(projectPath) ?? null : null,
        indicator_id: m?.[3] !== undefined ? indicatorIds.get(`${projectPath}.indicators[${m[3]}]`) ?? null : null,
        rule: f.rule, severity: f.severity, category: f.category, message: f.message, suggestion: f.suggestion, path: f.path, line: f.line ?? null,
      };
    })).execute();
  }
  return { status: 'imported', file: doc.source.file, documentId: Number(documentId), units: doc.units.length, projects, indicators, versions };
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
