// The audit log (审计日志): who did what, from where, when. Append-only — this module inserts and
// reads; nothing in the code base updates or deletes a row, and no route does.
import type { Kysely } from 'kysely';
import type { Database } from '../store/index.js';
import { nowIso } from './secrets.js';

export interface AuditActor {
  readonly id: number | null;
  readonly name: string | null;
}

export interface AuditEntry {
  /** who: a principal-like { userId, username }, an actor, or null (the system, an anonymous caller) */
  readonly actor: { readonly userId: number; readonly username: string } | AuditActor | null;
  readonly ip?: string | null | undefined;
  /** dotted verb: auth.login, auth.login-failed, user.create, org.merge, import … */
  readonly action: string;
  readonly target?: { readonly type: string; readonly id: string | number | null } | null | undefined;
  /** one Chinese sentence */
  readonly summary: string;
  /** anything else, JSON; a change carries `diff: { field: [before, after] }` */
  readonly detail?: Record<string, unknown> | null | undefined;
}

/** the fields that changed, as { field: [before, after] } */
export function diffOf(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = [before[k] ?? null, after[k] ?? null];
  }
  return out;
}

// keys whose values never enter the log, whatever a caller passes
const SECRET = /password|secret|token|hash|cookie/i;
function scrub(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(scrub);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, SECRET.test(k) ? '[已隐去]' : scrub(x)]));
  return v;
}

export async function audit(db: Kysely<Database>, e: AuditEntry, now: Date = new Date()): Promise<void> {
  const actor = e.actor === null ? { id: null, name: null } : 'userId' in e.actor ? { id: e.actor.userId, name: e.actor.username } : e.actor;
  await db.insertInto('audit_log').values({
    at: nowIso(now),
    actor_id: actor.id,
    actor_name: actor.name,
    ip: e.ip ?? null,
    action: e.action,
    target_type: e.target?.type ?? null,
    target_id: e.target?.id === null || e.target?.id === undefined ? null : String(e.target.id),
    summary: e.summary.slice(0, 1000),
    detail: e.detail ? JSON.stringify(scrub(e.detail)) : null,
  }).execute();
}

export interface AuditQuery {
  readonly actor?: string | undefined;
  readonly action?: string | undefined;
  readonly targetType?: string | undefined;
  readonly targetId?: string | undefined;
  /** ISO times, inclusive from, exclusive to */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

export interface AuditRow {
  readonly id: number;
  readonly at: string;
  readonly actorId: number | null;
  readonly actorName: string | null;
  readonly ip: string | null;
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  readonly summary: string;
  readonly detail: unknown;
}

export async function listAudit(db: Kysely<Database>, q: AuditQuery): Promise<{ total: number; items: AuditRow[] }> {
  let base = db.selectFrom('audit_log');
  if (q.actor) base = base.where('actor_name', '=', q.actor);
  // `auth` matches auth.login, auth.logout …: an action is a prefix up to a dot
  if (q.action) base = base.where((eb) => eb.or([eb('action', '=', q.action!), eb('action', 'like', `${q.action!.replace(/[%_\\]/g, '')}.%`)]));
  if (q.targetType) base = base.where('target_type', '=', q.targetType);
  if (q.targetId) base = base.where('target_id', '=', q.targetId);
  if (q.from) base = base.where('at', '>=', q.from);
  if (q.to) base = base.where('at', '<', q.to);
  const total = Number((await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const rows = await base.selectAll().orderBy('id', 'desc').limit(q.limit ?? 100).offset(q.offset ?? 0).execute();
  return {
    total,
    items: rows.map((r) => ({
      id: Number(r.id), at: r.at, actorId: r.actor_id === null ? null : Number(r.actor_id), actorName: r.actor_name, ip: r.ip, action: r.action,
      targetType: r.target_type, targetId: r.target_id, summary: r.summary, detail: r.detail === null ? null : JSON.parse(r.detail) as unknown,
    })),
  };
}
