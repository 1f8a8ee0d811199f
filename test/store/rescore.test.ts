// Migration 0005_review_dimensions on a store written before scores had dimensions: it adds the columns
// and re-reviews every stored document, so the old scores (the all-prose project at 95 优) and the old
// findings are replaced by what an import today stores.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importBytes, migrate, type Store } from '../../src/store/index.js';
import { dropStore, freshStore, SAMPLES, type Dialect } from './harness.js';

const F002 = '002_02da4d888feccc7a.txt';
const PROSE = '广州市劳动人事争议仲裁院2024-2025年信息化运维项目';

type Row = { name: string; review_score: number | null; review_grade: string | null; review_dimensions: string | null; review_gate: string | null; finding_count: number };
const projects = async (store: Store): Promise<Row[]> =>
  store.db.selectFrom('projects').select(['name', 'review_score', 'review_grade', 'review_dimensions', 'review_gate', 'finding_count']).orderBy('id').execute();
const findings = async (store: Store) =>
  (await store.db.selectFrom('findings').select(['rule', 'severity', 'path', 'project_id', 'indicator_id']).orderBy('path').orderBy('rule').execute()).map((f) => ({ ...f, project_id: Number(f.project_id), indicator_id: f.indicator_id === null ? null : Number(f.indicator_id) }));

for (const dialect of ['sqlite', 'postgres'] as Dialect[]) {
  describe(`migration 0005 on an older store [${dialect}]`, () => {
    let store: Store;
    let today: { projects: Row[]; findings: Awaited<ReturnType<typeof findings>> };
    beforeAll(async () => {
      store = freshStore(dialect);
      await migrate(store);
      await importBytes(store, readFileSync(join(SAMPLES, F002)), { file: F002 });
      today = { projects: await projects(store), findings: await findings(store) };
      // back to the store as 0004 left it (0006, which came after, rolled back too), with the old score on the prose project and an old finding gone
      for (const [table, col] of [['projects', 'box'], ['projects', 'review_gate'], ['projects', 'review_dimensions'], ['units', 'review_dimensions'], ['documents', 'review_dimensions'], ['documents', 'review_gated']] as const) {
        await store.db.schema.alterTable(table).dropColumn(col).execute();
      }
      await sql`update projects set review_score = 95, review_grade = '优' where name = ${PROSE}`.execute(store.db);
      await sql`delete from findings where rule = 'indicators-prose'`.execute(store.db);
      const migrations = store.schema ? sql`${sql.id(store.schema)}.${sql.id('kysely_migration')}` : sql.id('kysely_migration');
      // 0008 (indexes only, created if missing) is rolled back with them: it came after
      await sql`delete from ${migrations} where name in ('0005_review_dimensions', '0006_project_box', '0008_list_indexes')`.execute(store.db);
    }, 120_000);
    afterAll(async () => { if (store) await dropStore(store); });

    it('runs, and leaves scores, dimensions, gates and findings as an import today stores them', async () => {
      expect(await migrate(store)).toEqual(['0005_review_dimensions', '0006_project_box', '0008_list_indexes']);
      const after = await projects(store);
      expect(after).toEqual(today.projects);
      const prose = after.find((p) => p.name === PROSE)!;
      expect(prose.review_score).toBeLessThanOrEqual(79.9);
      expect(prose.review_grade).toBe('中');
      expect(JSON.parse(prose.review_gate!)).toEqual([{ code: 'no-structured-indicators', message: expect.stringContaining('自由文字') }]);
      expect(await findings(store)).toEqual(today.findings);
    });
  });
}
