// A published table's rows as published plans of their units (source 'publication'), so everything
// published can be followed and scored like what was written in the app. Done per stored document,
// once (plan_imports), by `syncPublishedPlans` — called after imports and before the plan lists are read,
// so a table imported by any path (CLI, server, a worker, a migration) has its plans when they are looked
// at. Only the latest publication of each unit-year counts: a row published again in a later table
// updates its plan (a new version) rather than making a second one.
import type { Kysely } from 'kysely';
import { audit, findOrg, matchImportedOrgs, orgKey, rootOrg } from '../auth/index.js';
import type { Database, Store } from '../store/index.js';
import { planDb } from '../store/plans-schema.js';
import { canonical, periodInName, type PlanContent } from './content.js';
import type { Trx } from './plans.js';

const wan = (c: number | null): number | null => (c === null ? null : Number(c) / 100);

export interface StoredProject {
  readonly content: PlanContent;
  readonly unit: string;
  readonly year: number | null;
  readonly department: string | null;
  readonly documentId: number;
  readonly file: string;
  /** the row's review as stored with its publication (in the context of its whole table) */
  readonly review: { readonly score: number | null; readonly grade: string | null; readonly findings: number };
}

/** A stored (published) project as plan content: its amounts, goal and indicators as printed. */
export async function storedProject(trx: Trx, projectId: number): Promise<StoredProject | null> {
  const p = await trx.selectFrom('projects as p').innerJoin('units as u', 'u.id', 'p.unit_id').innerJoin('documents as d', 'd.id', 'p.document_id')
    .leftJoin('departments as dep', 'dep.id', 'd.department_id')
    .select(['p.id', 'p.name', 'p.goal', 'p.total', 'p.fiscal', 'p.special_account', 'p.other', 'p.unplaced', 'p.indicators_text', 'p.review_score', 'p.review_grade', 'p.finding_count', 'u.name as unit', 'u.year', 'd.id as documentId', 'd.file', 'dep.name as department'])
    .where('p.id', '=', projectId).executeTakeFirst();
  if (!p) return null;
  const inds = await trx.selectFrom('indicators').select(['level1_code', 'level1_name', 'level2_code', 'level2_name', 'name', 'period_raw', 'annual_raw'])
    .where('project_id', '=', projectId).orderBy('ordinal').execute();
  const unplaced = (JSON.parse(p.unplaced) as number[]).reduce((s, x) => s + x, 0);
  return {
    content: {
      name: p.name,
      funding: { total: wan(p.total) ?? 0, fiscal: wan(p.fiscal), specialAccount: wan(p.special_account), other: wan(p.other) },
      goal: p.goal,
      indicators: inds.map((i) => ({ level1: { code: i.level1_code, name: i.level1_name }, level2: { code: i.level2_code, name: i.level2_name }, name: i.name, period: i.period_raw, annual: i.annual_raw })),
      attribute: 'continuing',
      // the table prints no 实施期; a span in the name (2024-2025年…) is the best it says, else its year
      ...(periodInName(p.name) ?? { startYear: p.year, endYear: p.year }),
      notes: unplaced ? `原表有 ${(unplaced / 100).toFixed(2)} 万元资金来源未标明所属列（未归列），未计入任何来源。` : '',
      ...(p.indicators_text ? { indicatorsText: p.indicators_text } : {}),
    },
    unit: p.unit, year: p.year, department: p.department, documentId: Number(p.documentId), file: p.file,
    review: { score: p.review_score, grade: p.review_grade, findings: p.finding_count },
  };
}

/** the organization of a published unit: under its department (the department's own line is the department) */
async function orgOf(db: Kysely<Database>, department: string | null, unit: string): Promise<number> {
  await matchImportedOrgs(db, department, [unit]);
  const root = await rootOrg(db);
  const dept = department ? (await findOrg(db, department, root.id)) ?? (await findOrg(db, department)) : null;
  const parent = dept ?? root;
  if (orgKey(unit) === orgKey(parent.name)) return parent.id;
  const org = (await findOrg(db, unit, parent.id)) ?? (await findOrg(db, unit));
  if (!org) throw new Error(`organization for unit ${unit} was not created`);
  return org.id;
}

/** a project's name as rows and plans are matched by: without the spaces a layout may add */
export const nameKey = (s: string): string => s.replace(/\s+/g, '');

/** Links a plan to the published row that shows it (the row's previous plan, if any, lets go of it). */
export async function linkToRow(trx: Trx, planId: number, documentId: number, projectId: number): Promise<void> {
  await trx.updateTable('plans').set({ project_id: null }).where('project_id', '=', projectId).where('id', '<>', planId).execute();
  await trx.updateTable('plans').set({ document_id: documentId, project_id: projectId }).where('id', '=', planId).execute();
}

/** Makes the rows of one stored document published plans; false when another caller already did. */
async function syncDocument(trx: Trx, documentId: number): Promise<number> {
  const now = new Date().toISOString();
  const claimed = await trx.insertInto('plan_imports').values({ document_id: documentId, plans: 0, at: now })
    .onConflict((oc) => oc.column('document_id').doNothing()).returning('document_id').executeTakeFirst();
  if (!claimed) return 0;
  const db = trx as unknown as Kysely<Database>;
  const doc = await trx.selectFrom('documents as d').leftJoin('departments as dep', 'dep.id', 'd.department_id')
    .select(['d.file', 'd.title', 'dep.name as department']).where('d.id', '=', documentId).executeTakeFirstOrThrow();
  const rows = await trx.selectFrom('projects as p').innerJoin('units as u', 'u.id', 'p.unit_id')
    .select(['p.id', 'u.name as unit', 'u.year']).where('p.document_id', '=', documentId).where('u.latest', '=', 1).orderBy('u.ordinal').orderBy('p.ordinal').execute();
  const orgs = new Map<string, number>();
  let n = 0;
  for (const r of rows) {
    if (!orgs.has(r.unit)) orgs.set(r.unit, await orgOf(db, doc.department, r.unit));
    const orgId = orgs.get(r.unit)!;
    const sp = (await storedProject(trx, Number(r.id)))!;
    const content = sp.content;
    // the score the row got when its table was imported (reviewed as part of the whole table): reviewing
    // each row again here cost more than the rest of this sync together
    const check = { score: sp.review.score, grade: sp.review.grade };
    const versionValues = (planId: number, number: number, basedOn: number | null) => ({
      plan_id: planId, number, based_on_id: basedOn, kind: 'import', content: canonical(content), author_id: null, author_name: `导入：${doc.file}`,
      created_at: now, review_score: check.score, review_grade: check.grade, finding_count: sp.review.findings,
    });
    // the same row in an earlier publication of this unit-year: a new version of its plan
    const existing = await trx.selectFrom('plans').select(['id', 'state', 'current_version_id', 'approved_version_id', 'source', 'name'])
      .where('unit_org_id', '=', orgId).where((eb) => (r.year === null ? eb('year', 'is', null) : eb('year', '=', r.year))).execute();
    // a plan written in the app and approved is the project this row publishes (the table 公开 made of it,
    // src/server/publish.ts, or the government's own): linked to the row, its versions left as the unit wrote them
    const authored = existing.find((p) => p.source !== 'publication' && p.approved_version_id !== null && nameKey(p.name) === nameKey(content.name));
    if (authored) {
      await linkToRow(trx, Number(authored.id), documentId, Number(r.id));
      n++;
      continue;
    }
    const same = existing.find((p) => p.source === 'publication' && nameKey(p.name) === nameKey(content.name));
    if (same) {
      const planId = Number(same.id);
      const cur = await trx.selectFrom('plan_versions').select(['content', 'number']).where('id', '=', Number(same.current_version_id)).executeTakeFirstOrThrow();
      const inForce = same.state === 'published' || same.state === 'approved';
      if (cur.content !== canonical(content) && inForce) {
        const last = await trx.selectFrom('plan_versions').select((eb) => eb.fn.max('number').as('n')).where('plan_id', '=', planId).executeTakeFirstOrThrow();
        const v = await trx.insertInto('plan_versions').values(versionValues(planId, Number(last.n) + 1, Number(same.current_version_id))).returning('id').executeTakeFirstOrThrow();
        await trx.updateTable('plans').set({ current_version_id: Number(v.id), approved_version_id: Number(v.id), state: 'published', name: content.name, total: Math.round(content.funding.total * 100), review_score: check.score, review_grade: check.grade, updated_at: now }).where('id', '=', planId).execute();
        await trx.insertInto('plan_events').values({ plan_id: planId, version_id: Number(v.id), action: 'import', from_state: same.state, to_state: 'published', actor_id: null, actor_name: '系统', actor_role: null, comment: `再次公开于《${doc.title ?? doc.file}》（${doc.file}）`, review_score: check.score, review_grade: check.grade, created_at: now }).execute();
      }
      await trx.updateTable('plans').set({ document_id: documentId, project_id: Number(r.id) }).where('id', '=', planId).execute();
      n++;
      continue;
    }
    const p = await trx.insertInto('plans').values({
      unit_org_id: orgId, year: r.year, name: content.name, state: 'published', source: 'publication', current_version_id: null, approved_version_id: null,
      document_id: documentId, project_id: Number(r.id), origin: JSON.stringify({ kind: 'publication', documentId, projectId: Number(r.id), file: doc.file }),
      total: Math.round(content.funding.total * 100), review_score: check.score, review_grade: check.grade, created_at: now, updated_at: now,
    }).returning('id').executeTakeFirstOrThrow();
    const planId = Number(p.id);
    const v = await trx.insertInto('plan_versions').values(versionValues(planId, 1, null)).returning('id').executeTakeFirstOrThrow();
    await trx.updateTable('plans').set({ current_version_id: Number(v.id), approved_version_id: Number(v.id) }).where('id', '=', planId).execute();
    await trx.insertInto('plan_events').values({ plan_id: planId, version_id: Number(v.id), action: 'import', from_state: null, to_state: 'published', actor_id: null, actor_name: '系统', actor_role: null, comment: `公开于《${doc.title ?? doc.file}》（${doc.file}）`, review_score: check.score, review_grade: check.grade, created_at: now }).execute();
    n++;
  }
  await trx.updateTable('plan_imports').set({ plans: n }).where('document_id', '=', documentId).execute();
  if (n) await audit(db, { actor: null, action: 'plan.import', target: { type: 'document', id: documentId }, summary: `导入公开的《${doc.title ?? doc.file}》：${n} 个项目成为已公开的绩效目标`, detail: { file: doc.file, plans: n } });
  return n;
}

/**
 * Every stored document not yet made into plans, one transaction each (a failure leaves the document for
 * the next call). Returns how many plans were created or updated.
 */
export async function syncPublishedPlans(store: Store): Promise<number> {
  const db = planDb(store.db);
  const pending = await db.selectFrom('documents as d').select('d.id')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('plan_imports as pi').select('pi.document_id').whereRef('pi.document_id', '=', 'd.id'))))
    .orderBy('d.id').execute();
  let n = 0;
  for (const d of pending) n += await db.transaction().execute((trx) => syncDocument(trx, Number(d.id)));
  return n;
}
