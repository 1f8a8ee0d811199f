// Published tables become published plans, on both databases: every row of the latest publication of
// each unit-year once, under its unit's organization; a later publication of the same unit-year updates
// those plans (a new version when the row changed) instead of adding a second plan per project.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { findOrg } from '../../src/auth/index.js';
import { importBytes } from '../../src/store/index.js';
import { planDb } from '../../src/store/plans-schema.js';
import { syncPublishedPlans } from '../../src/workflow/publication.js';
import { forEachDialect, SAMPLES } from '../store/harness.js';

const UNIT_OWN = '000_df1d7dc7c09f411b.txt'; // 广州市技师学院's own table, no year printed
const DEPARTMENT = '002_02da4d888feccc7a.txt'; // its department's table, 2024, which lists it too
const UNIT = '广州市技师学院';

forEachDialect('published plans', (store) => {
  it('a unit\'s own table, then its department\'s: one published plan per project, updated, never doubled', async () => {
    const own = await importBytes(store(), readFileSync(join(SAMPLES, UNIT_OWN)), { file: UNIT_OWN, year: 2024 });
    expect(own.status).toBe('imported');
    const first = await syncPublishedPlans(store());
    expect(first).toBe(16);
    const db = planDb(store().db);
    const org = (await findOrg(store().db, UNIT))!;
    expect(org).not.toBeNull();
    const count = async () => Number((await db.selectFrom('plans').select((eb) => eb.fn.countAll<number>().as('n')).where('unit_org_id', '=', org.id).executeTakeFirstOrThrow()).n);
    expect(await count()).toBe(16);

    const dept = await importBytes(store(), readFileSync(join(SAMPLES, DEPARTMENT)), { file: DEPARTMENT });
    expect(dept.status).toBe('imported');
    const second = await syncPublishedPlans(store());
    expect(second).toBeGreaterThan(16); // the department's other units, and the 16 again
    expect(await count()).toBe(16);
    const plans = await db.selectFrom('plans').select(['id', 'state', 'source', 'document_id', 'approved_version_id', 'current_version_id']).where('unit_org_id', '=', org.id).execute();
    for (const p of plans) {
      expect(p).toMatchObject({ state: 'published', source: 'publication' });
      expect(Number(p.document_id)).toBe(dept.status === 'imported' ? dept.documentId : -1);
      expect(Number(p.approved_version_id)).toBe(Number(p.current_version_id));
    }
    // the department's table states the columns the unit's flowed text left unplaced: those rows changed
    const versions = await db.selectFrom('plan_versions').select(['plan_id', 'number', 'kind']).where('plan_id', 'in', plans.map((p) => Number(p.id))).execute();
    expect(versions.every((v) => v.kind === 'import')).toBe(true);
    expect(versions.filter((v) => v.number === 2).length).toBeGreaterThan(0);
    const events = await db.selectFrom('plan_events').select(['action', 'to_state']).where('plan_id', 'in', plans.map((p) => Number(p.id))).execute();
    expect(events.every((e) => e.action === 'import' && e.to_state === 'published')).toBe(true);
    // nothing left to do, and nothing done twice
    expect(await syncPublishedPlans(store())).toBe(0);
  }, 180_000);
});
