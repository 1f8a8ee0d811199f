// Accounts: creation, lookup, password changes, and the login decision with its per-account lockout and
// per-address limit. What leaves this module never holds a password or its hash (PublicUser).
import type { Kysely } from 'kysely';
import type { Database } from '../store/index.js';
import type { AuthConfig } from './config.js';
import { getOrg, type Org } from './orgs.js';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './password.js';
import { ROLES, ROLE_LABELS, type Role } from './roles.js';
import { nowIso } from './secrets.js';

type Db = Kysely<Database>;

export interface PublicUser {
  readonly id: number;
  readonly username: string;
  readonly role: Role;
  readonly roleLabel: string;
  readonly org: Org | null;
  readonly mustChangePassword: boolean;
  readonly disabled: boolean;
  readonly demo: boolean;
  readonly lockedUntil: string | null;
  readonly createdAt: string;
}

export const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s);

/** user names: letters, digits, Chinese, . _ - @; 2–64 characters */
export const USERNAME = /^[\p{L}\p{N}._@-]{2,64}$/u;

export type UserRow = { id: number; username: string; password_hash: string; role: string; org_id: number | null; must_change_password: number; disabled: number; failed_logins: number; locked_until: string | null; demo: number; created_at: string };

export async function userRow(db: Db, by: { id: number } | { username: string }): Promise<UserRow | null> {
  const q = db.selectFrom('users').selectAll();
  const r = await ('id' in by ? q.where('id', '=', by.id) : q.where('username', '=', by.username)).executeTakeFirst();
  return r ? { ...r, id: Number(r.id), org_id: r.org_id === null ? null : Number(r.org_id) } as UserRow : null;
}

export async function publicUser(db: Db, r: UserRow): Promise<PublicUser> {
  return {
    id: r.id, username: r.username, role: (isRole(r.role) ? r.role : 'viewer'), roleLabel: ROLE_LABELS[isRole(r.role) ? r.role : 'viewer'],
    org: r.org_id === null ? null : await getOrg(db, r.org_id),
    mustChangePassword: r.must_change_password === 1, disabled: r.disabled === 1, demo: r.demo === 1, lockedUntil: r.locked_until, createdAt: r.created_at,
  };
}

export async function listUsers(db: Db): Promise<PublicUser[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('id').execute();
  return Promise.all(rows.map((r) => publicUser(db, { ...r, id: Number(r.id), org_id: r.org_id === null ? null : Number(r.org_id) } as UserRow)));
}

export class AccountError extends Error {
  override readonly name = 'AccountError';
  constructor(readonly code: 'exists' | 'invalid' | 'not-found', message: string) { super(message); }
}

export interface NewUser {
  readonly username: string;
  readonly password: string;
  readonly role: Role;
  readonly orgId: number | null;
  readonly mustChangePassword?: boolean;
  readonly demo?: boolean;
}

export async function createUser(db: Db, u: NewUser): Promise<PublicUser> {
  if (!USERNAME.test(u.username)) throw new AccountError('invalid', `用户名“${u.username.slice(0, 80)}”不合格：2–64 个字母、数字、汉字或 . _ - @`);
  if (await userRow(db, { username: u.username })) throw new AccountError('exists', `用户名“${u.username}”已被使用`);
  if (u.orgId !== null && !(await getOrg(db, u.orgId))) throw new AccountError('not-found', `没有编号为 ${u.orgId} 的组织`);
  const r = await db.insertInto('users').values({
    username: u.username, password_hash: await hashPassword(u.password), role: u.role, org_id: u.orgId,
    must_change_password: u.mustChangePassword ? 1 : 0, demo: u.demo ? 1 : 0, created_at: nowIso(),
  }).returning('id').executeTakeFirstOrThrow();
  return publicUser(db, (await userRow(db, { id: Number(r.id) }))!);
}

/** sets a password; `mustChange` makes the next login ask for a new one (a reset by an administrator) */
export async function setPassword(db: Db, userId: number, password: string, mustChange: boolean): Promise<void> {
  await db.updateTable('users').set({ password_hash: await hashPassword(password), must_change_password: mustChange ? 1 : 0, failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
}

export type LoginResult =
  | { readonly ok: true; readonly user: UserRow }
  | { readonly ok: false; readonly reason: 'bad-credentials' | 'disabled' | 'locked' | 'ip-limited'; readonly user: UserRow | null; readonly until?: string };

/**
 * Checks a login. The password is verified (against a dummy hash when the account does not exist, so
 * both take as long) before anything about the account is told; an account locked or disabled says so
 * only to whoever knows its password. Failures count per account (lockout after cfg.lockoutAttempts in
 * a row, for cfg.lockoutMinutes) and per address (audit log entries auth.login-failed within the window).
 */
export async function checkLogin(db: Db, cfg: AuthConfig, username: string, password: string, ip: string | null, now: Date = new Date()): Promise<LoginResult> {
  if (ip !== null) {
    const since = nowIso(new Date(now.getTime() - cfg.ipWindowMinutes * 60_000));
    const n = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ip', '=', ip).where('at', '>=', since).where('action', '=', 'auth.login-failed').executeTakeFirstOrThrow();
    if (Number(n.n) >= cfg.ipFailureLimit) return { ok: false, reason: 'ip-limited', user: null };
  }
  const user = await userRow(db, { username });
  const locked = user?.locked_until && user.locked_until > nowIso(now) ? user.locked_until : null;
  if (!user) {
    await verifyPassword(password, await dummyHash());
    // an unknown name locks like a real one, so the answers do not tell which names exist
    const since = nowIso(new Date(now.getTime() - cfg.lockoutMinutes * 60_000));
    const n = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('action', '=', 'auth.login-failed').where('at', '>=', since).where('actor_id', 'is', null).where('actor_name', '=', username).executeTakeFirstOrThrow();
    const failed = Number(n.n) + 1;
    if (failed >= cfg.lockoutAttempts) return { ok: false, reason: 'locked', user: null, until: nowIso(new Date(now.getTime() + cfg.lockoutMinutes * 60_000)) };
    return { ok: false, reason: 'bad-credentials', user: null };
  }
  if (locked) return { ok: false, reason: 'locked', user, until: locked };
  const good = await verifyPassword(password, user.password_hash);
  if (!good) {
    const failed = user.failed_logins + 1;
    const lock = failed >= cfg.lockoutAttempts ? nowIso(new Date(now.getTime() + cfg.lockoutMinutes * 60_000)) : null;
    // a lock resets the count: the next lock takes as many failures again
    await db.updateTable('users').set({ failed_logins: lock ? 0 : failed, locked_until: lock }).where('id', '=', user.id).execute();
    return lock ? { ok: false, reason: 'locked', user, until: lock } : { ok: false, reason: 'bad-credentials', user };
  }
  if (user.disabled === 1) return { ok: false, reason: 'disabled', user };
  const rehash = needsRehash(user.password_hash) ? { password_hash: await hashPassword(password) } : {};
  await db.updateTable('users').set({ failed_logins: 0, locked_until: null, ...rehash }).where('id', '=', user.id).execute();
  return { ok: true, user: { ...user, failed_logins: 0, locked_until: null } };
}

export interface UserPatch {
  readonly role?: Role | undefined;
  readonly orgId?: number | null | undefined;
  readonly disabled?: boolean | undefined;
}

/** changes role, organization or disabled; returns the account before and after (null: no such account) */
export async function updateUser(db: Db, id: number, patch: UserPatch): Promise<{ before: PublicUser; after: PublicUser } | null> {
  const row = await userRow(db, { id });
  if (!row) return null;
  if (patch.orgId !== undefined && patch.orgId !== null && !(await getOrg(db, patch.orgId))) throw new AccountError('not-found', `没有编号为 ${patch.orgId} 的组织`);
  const before = await publicUser(db, row);
  const set: { role?: string; org_id?: number | null; disabled?: number } = {};
  if (patch.role !== undefined) set.role = patch.role;
  if (patch.orgId !== undefined) set.org_id = patch.orgId;
  if (patch.disabled !== undefined) set.disabled = patch.disabled ? 1 : 0;
  if (Object.keys(set).length) await db.updateTable('users').set(set).where('id', '=', id).execute();
  return { before, after: await publicUser(db, (await userRow(db, { id }))!) };
}

/** what an audit entry records of an account: no secrets, names rather than ids */
export const auditView = (u: PublicUser): Record<string, unknown> => ({ username: u.username, role: u.role, org: u.org?.name ?? null, disabled: u.disabled });
