// One editing session, one version. The editor saves itself every few seconds; each save used to become
// a numbered version, so an afternoon's typing left a draft at 第 57 版 and a history nobody could read.
// A save now continues the working version when the same editor — one page, the same person, saying so
// with the session id it sends — saved it a short while ago and nothing points at it yet (no submission,
// return, comment or report): the new content takes its number, and the
// replaced row is kept out of sight (kind 'superseded', a negative number) rather than deleted, so that a
// colleague whose edit was based on it still gets a conflict with the changes shown, never a silent
// overwrite. Anything that refers to a version — a decision, a comment, another person's or another
// tab's save (a conflict kept as mine included), a pause longer than the window — closes the session, and
// the next save starts a new version. A client that sends no session (the CLI, a script) gets a version
// per save, as before.
import { sql } from 'kysely';
import type { Caller } from '../auth/roles.js';
import type { Trx } from './plans.js';

/** how long after a person's last save their next save still continues the same version */
export const EDIT_SESSION_MINUTES = 10;

export const SUPERSEDED = 'superseded';

export interface SessionVersion {
  readonly id: number;
  readonly number: number;
  readonly basedOn: number | null;
}

/** The working version `baseId` when a save by `actor` from editor `session` at `now` continues it, else null. */
export async function continuedVersion(trx: Trx, planId: number, baseId: number, actor: Caller, session: string | null, now: string): Promise<SessionVersion | null> {
  if (session === null) return null;
  const v = await trx.selectFrom('plan_versions').select(['id', 'number', 'based_on_id', 'kind', 'author_id', 'created_at', 'edit_session'])
    .where('id', '=', baseId).where('plan_id', '=', planId).executeTakeFirst();
  if (!v || v.kind !== 'save' || v.edit_session !== session || v.author_id === null || Number(v.author_id) !== actor.userId) return null;
  const age = Date.parse(now) - Date.parse(v.created_at);
  if (!(age >= 0 && age < EDIT_SESSION_MINUTES * 60_000)) return null;
  // each count within the plan, through an index that starts with plan_id: this runs on every autosave
  const r = await sql<{ n: number | string }>`select
      (select count(*) from plan_events where plan_id = ${planId} and version_id = ${baseId})
    + (select count(*) from plan_comments where plan_id = ${planId} and version_id = ${baseId})
    + (select count(*) from plan_versions where plan_id = ${planId} and based_on_id = ${baseId} and kind <> ${SUPERSEDED})
    + (select count(*) from plans where id = ${planId} and approved_version_id = ${baseId})
    + (select count(*) from monitoring_reports where plan_id = ${planId} and version_id = ${baseId})
    + (select count(*) from evaluations where plan_id = ${planId} and version_id = ${baseId}) as n`.execute(trx);
  if (Number(r.rows[0]?.n ?? 1) !== 0) return null;
  return { id: Number(v.id), number: v.number, basedOn: v.based_on_id === null ? null : Number(v.based_on_id) };
}

/** Frees the number of a continued version for its successor; the row stays for conflicts based on it. */
export async function supersede(trx: Trx, v: SessionVersion): Promise<void> {
  await trx.updateTable('plan_versions').set({ kind: SUPERSEDED, number: -v.id }).where('id', '=', v.id).execute();
}
