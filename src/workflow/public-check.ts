// Does the public table say what was approved? A plan written in the app and linked to a published row —
// the table 公开 made of it, or the government's own table imported later — is compared with its approved
// version in the columns a published table prints: name, amounts, goal and indicators. What the table does
// not print (属性, 实施期限, 备注) is not compared, so it never shows as a difference. An auditor reads the
// answer as 批复与公开是否一致; a reviewer sees a table that still shows an earlier version after an 调整.
import { comparePlans, type PlanDiff } from './compare.js';
import { storedProject } from './publication.js';
import { versionContent, type Trx } from './plans.js';

export interface PublicCheck {
  readonly documentId: number;
  readonly projectId: number;
  readonly file: string;
  readonly title: string | null;
  /** the table was made by 公开 in this app (plan_publications), not imported */
  readonly madeHere: boolean;
  /** the approved version the row is compared with */
  readonly approvedVersion: number;
  /** the version 公开 last made public, when it did */
  readonly publishedVersion: number | null;
  readonly diff: PlanDiff;
}

/** the published row against the approved version, in the printed columns; null when either is gone */
async function compareRow(trx: Trx, approvedVersionId: number, projectId: number) {
  const row = await storedProject(trx, projectId);
  if (!row) return null;
  const approved = await versionContent(trx, approvedVersionId);
  const a = approved.content;
  // only the printed columns: the rest taken from the approved version on both sides
  const printed = { ...row.content, attribute: a.attribute, startYear: a.startYear, endYear: a.endYear, notes: a.notes };
  return { row, approved, diff: comparePlans(a, printed) };
}

export async function publicCheck(trx: Trx, planId: number, approvedVersionId: number | null, projectId: number | null): Promise<PublicCheck | null> {
  if (approvedVersionId === null || projectId === null) return null;
  const c = await compareRow(trx, approvedVersionId, projectId);
  if (!c) return null;
  const { row } = c;
  const doc = await trx.selectFrom('documents').select(['title']).where('id', '=', row.documentId).executeTakeFirst();
  const made = await trx.selectFrom('plan_publications').select('id').where('document_id', '=', row.documentId).limit(1).executeTakeFirst();
  const last = await trx.selectFrom('plan_publications as pp').innerJoin('plan_versions as v', 'v.id', 'pp.version_id')
    .select('v.number').where('pp.plan_id', '=', planId).orderBy('pp.id', 'desc').limit(1).executeTakeFirst();
  return {
    documentId: row.documentId, projectId, file: row.file, title: doc?.title ?? null, madeHere: made !== undefined,
    approvedVersion: c.approved.number, publishedVersion: last ? last.number : null, diff: c.diff,
  };
}

/** for a list: whether the public row of each such plan differs from its approved version (true/false), else null */
export async function publicDiffers(trx: Trx, approvedVersionId: number | null, projectId: number | null): Promise<boolean | null> {
  if (approvedVersionId === null || projectId === null) return null;
  const c = await compareRow(trx, approvedVersionId, projectId);
  return c ? c.diff.changed : null;
}
