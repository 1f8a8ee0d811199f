// Migration 0005_review_dimensions: the review score by 88号 dimension with the monitoring gate. Adds where
// to keep them (documents, units, projects: the dimensions as JSON; projects: the gate's reasons; documents:
// how many projects the gate capped), then re-reviews every stored document from its own source text, so
// no stored score was made the old way and the stored findings are those the scores were made from.
import type { Kysely, Migration } from 'kysely';
import { parseStored } from '../ingest/index.js';
import { review, type ReviewResult } from '../review/index.js';
import { readTargets } from '../targets/index.js';
import type { DialectName } from './connect.js';

type Db = Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- migrations outlive the current schema type

export const dims = (s: { dimensions: ReviewResult['dimensions'] }): string => JSON.stringify(s.dimensions);

export function dimensionsMigration(_dialect: DialectName): Migration {
  return {
    async up(db: Db) {
      await db.schema.alterTable('documents').addColumn('review_dimensions', 'text').execute();
      await db.schema.alterTable('documents').addColumn('review_gated', 'integer').execute();
      await db.schema.alterTable('units').addColumn('review_dimensions', 'text').execute();
      await db.schema.alterTable('projects').addColumn('review_dimensions', 'text').execute();
      await db.schema.alterTable('projects').addColumn('review_gate', 'text').execute();
      for (const { id } of await db.selectFrom('documents').select('id').orderBy('id').execute()) await rescore(db, Number(id));
    },
  };
}

/** Reviews one stored document again from its source text and writes its scores and findings. */
async function rescore(db: Db, documentId: number): Promise<void> {
  const d = await db.selectFrom('documents').select(['file', 'source_text', 'source_bytes']).where('id', '=', documentId).executeTakeFirstOrThrow();
  const bytes = d.source_bytes as Uint8Array | null;
  const doc = readTargets(await parseStored({ file: d.file as string, text: d.source_text as string | null, bytes }));
  const result = review(doc);
  const units = await db.selectFrom('units').select(['id', 'ordinal']).where('document_id', '=', documentId).execute();
  const unitIds = new Map(units.map((u) => [Number(u.ordinal), Number(u.id)]));
  const projects = await db.selectFrom('projects').select(['id', 'unit_id', 'ordinal']).where('document_id', '=', documentId).execute();
  const projectIds = new Map(projects.map((p) => [`${p.unit_id}:${p.ordinal}`, Number(p.id)]));
  const indicators = await db.selectFrom('indicators').select(['id', 'project_id', 'ordinal']).where('document_id', '=', documentId).where('project_id', 'is not', null).execute();
  const indicatorIds = new Map(indicators.map((i) => [`${i.project_id}:${i.ordinal}`, Number(i.id)]));
  const count = (s: string) => result.findings.filter((f) => f.severity === s).length;
  await db.updateTable('documents').set({
    review_score: result.score, review_grade: result.grade, review_dimensions: dims(result), review_gated: result.gated, errors: count('error'), warnings: count('warning'),
  }).where('id', '=', documentId).execute();
  const perProject = new Map<number, number>();
  const rows = result.findings.map((f) => {
    const m = /^units\[(\d+)\](?:\.projects\[(\d+)\](?:\.indicators\[(\d+)\])?)?/.exec(f.path);
    const unitId = m ? unitIds.get(Number(m[1])) ?? null : null;
    const projectId = unitId !== null && m?.[2] !== undefined ? projectIds.get(`${unitId}:${m[2]}`) ?? null : null;
    if (projectId !== null) perProject.set(projectId, (perProject.get(projectId) ?? 0) + 1);
    return {
      document_id: documentId, unit_id: unitId, project_id: projectId,
      indicator_id: projectId !== null && m?.[3] !== undefined ? indicatorIds.get(`${projectId}:${m[3]}`) ?? null : null,
      rule: f.rule, severity: f.severity, category: f.category, message: f.message, suggestion: f.suggestion, path: f.path, line: f.line ?? null,
    };
  });
  await db.deleteFrom('findings').where('document_id', '=', documentId).execute();
  for (let i = 0; i < rows.length; i += 2000) await db.insertInto('findings').values(rows.slice(i, i + 2000)).execute();
  for (const [ui, u] of result.units.entries()) {
    const unitId = unitIds.get(ui);
    if (unitId === undefined) continue;
    await db.updateTable('units').set({ review_score: u.score, review_dimensions: dims(u) }).where('id', '=', unitId).execute();
    for (const [pi, p] of u.projects.entries()) {
      const projectId = projectIds.get(`${unitId}:${pi}`);
      if (projectId === undefined) continue;
      await db.updateTable('projects').set({
        review_score: p.score, review_grade: p.grade, review_dimensions: dims(p), review_gate: JSON.stringify(p.gate), finding_count: perProject.get(projectId) ?? 0,
      }).where('id', '=', projectId).execute();
    }
  }
}
