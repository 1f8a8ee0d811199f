// 公开 in the app makes a plan public the way a government's published table is public: the unit-year's
// plans in force are written as the published table (the .xlsx of src/report/xlsx/plans.ts), and that file
// is imported like any other publication — read by the same reader, reviewed, stored, indexed. So the
// project lists, search, indicators, overview, downloads and unit history every reader uses show it, with
// no second path to keep in step. The new table is the unit-year's next version, so it holds every plan of
// the unit-year in force: the ones published now, earlier ones (an imported table's rows included), and a
// plan under 调整 in the version last made public — never a version the public has not been given.
// Pending work is found from the database (plan_publications), so a publication that failed is retried
// by the next 公开 or the next start, in any server process.
import { PassThrough } from 'node:stream';
import type { Kysely } from 'kysely';
import { audit } from '../auth/index.js';
import type { Caller } from '../auth/roles.js';
import { writePlansXlsx, type XlsxPlan } from '../report/xlsx/index.js';
import { importBytes, type Database, type Store } from '../store/index.js';
import { planDb, type PlanDatabase } from '../store/plans-schema.js';
import type { PlanContent } from '../workflow/content.js';
import { linkToRow, nameKey } from '../workflow/publication.js';

export interface PlanPublication {
  readonly unit: string;
  readonly year: number | null;
  readonly documentId: number;
  readonly file: string;
  readonly plans: number;
}

type Db = Kysely<PlanDatabase>;

/** unit-years with a plan published (公开) in a version no stored table shows yet */
async function pending(db: Db, only?: number): Promise<{ unitOrgId: number; year: number | null }[]> {
  let q = db.selectFrom('plans as pl').innerJoin('plan_versions as av', 'av.id', 'pl.approved_version_id')
    .select(['pl.unit_org_id', 'pl.year']).distinct()
    .where('pl.state', '=', 'published').where('av.kind', '<>', 'import')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('plan_publications as pp').select('pp.id')
      .whereRef('pp.plan_id', '=', 'pl.id').whereRef('pp.version_id', '=', 'pl.approved_version_id'))));
  if (only !== undefined) q = q.where('pl.id', '=', only);
  return (await q.execute()).map((r) => ({ unitOrgId: Number(r.unit_org_id), year: r.year }));
}

interface InForce { readonly planId: number; readonly versionId: number; readonly state: string; readonly content: PlanContent }

/** the plans of a unit-year the public has been given, each in the version last made public */
async function inForce(db: Db, unitOrgId: number, year: number | null): Promise<InForce[]> {
  const plans = await db.selectFrom('plans').select(['id', 'state', 'source', 'approved_version_id'])
    .where('unit_org_id', '=', unitOrgId).where((eb) => (year === null ? eb('year', 'is', null) : eb('year', '=', year))).orderBy('id').execute();
  const out: InForce[] = [];
  for (const p of plans) {
    let versionId: number | null = null;
    if (p.state === 'published') versionId = p.approved_version_id === null ? null : Number(p.approved_version_id);
    else {
      // 调整 or re-approved but not yet published again: what was last made public stays public
      const last = await db.selectFrom('plan_publications').select('version_id').where('plan_id', '=', Number(p.id)).orderBy('id', 'desc').executeTakeFirst();
      if (last) versionId = Number(last.version_id);
      else if (p.source === 'publication') {
        const imported = await db.selectFrom('plan_versions').select('id').where('plan_id', '=', Number(p.id)).where('kind', '=', 'import').orderBy('number', 'desc').executeTakeFirst();
        if (imported) versionId = Number(imported.id);
      }
    }
    if (versionId === null) continue;
    const v = await db.selectFrom('plan_versions').select('content').where('id', '=', versionId).executeTakeFirstOrThrow();
    out.push({ planId: Number(p.id), versionId, state: p.state, content: JSON.parse(v.content) as PlanContent });
  }
  return out;
}

async function xlsxBytes(plans: readonly XlsxPlan[], title: string): Promise<Uint8Array> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => { out.on('end', resolve); out.on('error', reject); });
  await writePlansXlsx(plans, 'table', out, { title });
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}

const day = (d: Date): string => d.toISOString().slice(0, 10);

/** Publishes one unit-year's plans in force as a stored table and links each plan to its row. */
async function publishUnitYear(store: Store, actor: Caller | null, unitOrgId: number, year: number | null, now: Date): Promise<PlanPublication> {
  const db = planDb(store.db);
  const names = await db.selectFrom('orgs as o').leftJoin('orgs as parent', 'parent.id', 'o.parent_id')
    .select(['o.name as unit', 'o.parent_id', 'parent.name as parentName']).where('o.id', '=', unitOrgId).executeTakeFirstOrThrow();
  // a unit under the 财政局 itself (no department between) is its own department, as in a published table
  const department = names.parent_id === null || names.parentName === null ? names.unit : names.parentName;
  const plans = await inForce(db, unitOrgId, year);
  const title = `${department}${year ?? ''}${year === null ? '' : '年'}项目支出绩效目标表（${names.unit}，${day(now)} 公开）`;
  const file = `${names.unit}${year ?? ''}${year === null ? '' : '年'}项目支出绩效目标表（${day(now)}公开）.xlsx`;
  const bytes = await xlsxBytes(plans.map((p) => ({ unit: names.unit, department, year, content: p.content })), title);
  const r = await importBytes(store, bytes, { file, year, department, now: () => now });
  if (r.status !== 'imported' && r.status !== 'unchanged') {
    throw new Error(`公开《${title}》未能存入：${r.status === 'failed' ? r.reason : '需要注明年度或部门'}`);
  }
  const documentId = r.documentId;
  await db.transaction().execute(async (trx) => {
    // the rows are the plans: no publication plans are to be made of them (src/workflow/publication.ts)
    await trx.insertInto('plan_imports').values({ document_id: documentId, plans: plans.length, at: now.toISOString() })
      .onConflict((oc) => oc.column('document_id').doNothing()).execute();
    const rows = await trx.selectFrom('projects as p').innerJoin('units as u', 'u.id', 'p.unit_id').select(['p.id', 'p.name', 'u.name as unit'])
      .where('p.document_id', '=', documentId).orderBy('p.ordinal').execute();
    const taken = new Set<number>();
    for (const p of plans) {
      const row = rows.find((x) => !taken.has(Number(x.id)) && nameKey(x.name) === nameKey(p.content.name));
      if (row) {
        taken.add(Number(row.id));
        await linkToRow(trx, p.planId, documentId, Number(row.id));
      }
      if (p.state === 'published') {
        await trx.insertInto('plan_publications').values({ plan_id: p.planId, version_id: p.versionId, document_id: documentId, at: now.toISOString() })
          .onConflict((oc) => oc.columns(['plan_id', 'version_id']).doNothing()).execute();
      }
    }
    await audit(trx as unknown as Kysely<Database>, {
      actor, ip: actor?.ip ?? null, action: 'plan.publication', target: { type: 'document', id: documentId },
      summary: `公开《${title}》：${plans.length} 个项目${r.status === 'unchanged' ? '（与已存的公开表相同）' : ''}`,
      detail: { file, unit: names.unit, year, plans: plans.map((p) => p.planId) },
    });
  });
  return { unit: names.unit, year, documentId, file: r.status === 'imported' ? r.file : r.storedFile, plans: plans.length };
}

/**
 * Makes public every unit-year with a plan published in a version no stored table shows yet (or only
 * the unit-year of plan `only`). Returns what it stored; a unit-year that fails is left for the next call.
 */
export async function publishPending(store: Store, actor: Caller | null, options: { only?: number; now?: Date } = {}): Promise<PlanPublication[]> {
  const out: PlanPublication[] = [];
  for (const u of await pending(planDb(store.db), options.only)) out.push(await publishUnitYear(store, actor, u.unitOrgId, u.year, options.now ?? new Date()));
  return out;
}
