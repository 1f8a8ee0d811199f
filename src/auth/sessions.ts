// Sessions live in the database (table sessions), so several server processes on one PostgreSQL share
// them and a restart logs no one out. The cookie holds a random token; the row's id is its sha256. Each
// session has its own CSRF token, sent back by the page in the x-csrf-token header. A session ends at
// logout, after cfg.sessionIdleMinutes without a request, or cfg.sessionMaxHours after login.
import type { Kysely } from 'kysely';
import type { Database } from '../store/index.js';
import type { AuthConfig } from './config.js';
import { nowIso, randomToken, sha256 } from './secrets.js';

type Db = Kysely<Database>;

export const SESSION_COOKIE = 'jixiao_session';

export interface SessionInfo {
  readonly id: string;
  readonly userId: number;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

/** a new session (a new id at every login: an id planted before login is never taken over) */
export async function createSession(db: Db, cfg: AuthConfig, userId: number, ip: string | null, now: Date = new Date()): Promise<{ token: string; session: SessionInfo }> {
  const token = randomToken();
  const session = { id: sha256(token), userId, csrfToken: randomToken(), expiresAt: nowIso(new Date(now.getTime() + cfg.sessionMaxHours * 3_600_000)) };
  await db.insertInto('sessions').values({
    id: session.id, user_id: userId, csrf_token: session.csrfToken, created_at: nowIso(now), expires_at: session.expiresAt, last_seen_at: nowIso(now), ip,
  }).execute();
  return { token, session };
}

/** the account a session belongs to, as the request hook needs it */
export interface SessionUser {
  readonly id: number;
  readonly username: string;
  readonly role: string;
  readonly orgId: number | null;
  readonly disabled: boolean;
  readonly mustChangePassword: boolean;
}

/**
 * The live session of a cookie token with its account (one query), or null (unknown, expired, idle too
 * long); touches last_seen_at at most once a minute.
 */
export async function findSession(db: Db, cfg: AuthConfig, token: string, now: Date = new Date()): Promise<(SessionInfo & { user: SessionUser }) | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const id = sha256(token);
  const r = await db.selectFrom('sessions').innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.user_id', 'sessions.csrf_token', 'sessions.expires_at', 'sessions.last_seen_at', 'users.username', 'users.role', 'users.org_id', 'users.disabled', 'users.must_change_password'])
    .where('sessions.id', '=', id).executeTakeFirst();
  if (!r) return null;
  const t = nowIso(now);
  const idleSince = nowIso(new Date(now.getTime() - cfg.sessionIdleMinutes * 60_000));
  if (r.expires_at <= t || r.last_seen_at < idleSince) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  // not awaited: bookkeeping must not hold a request up while an import holds SQLite's write lock
  if (r.last_seen_at < nowIso(new Date(now.getTime() - 60_000))) void db.updateTable('sessions').set({ last_seen_at: t }).where('id', '=', id).execute().catch(() => undefined);
  const user = {
    id: Number(r.user_id), username: r.username, role: r.role, orgId: r.org_id === null ? null : Number(r.org_id),
    disabled: r.disabled === 1, mustChangePassword: r.must_change_password === 1,
  };
  return { id, userId: user.id, csrfToken: r.csrf_token, expiresAt: r.expires_at, user };
}

export async function endSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** ends every session of an account (password changed elsewhere, disabled, role changed), but `keep` */
export async function endUserSessions(db: Db, userId: number, keep?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keep) q = q.where('id', '!=', keep);
  await q.execute();
}

/** removes expired sessions (called now and then at login) */
export async function pruneSessions(db: Db, now: Date = new Date()): Promise<void> {
  await db.deleteFrom('sessions').where('expires_at', '<=', nowIso(now)).execute();
}
