// Logging in, for tests: `loginAs(app | { url, store }, { role, org })` creates an account of that role
// (in that organization) directly in the store and logs in through the API, returning the headers a
// request then carries: { cookie, 'x-csrf-token' }. Organizations are given by id or by a path under the
// 财政局 root: '部门甲' (a department), '部门甲/单位一' (a unit of it).
import type { FastifyInstance } from 'fastify';
import { createUser, rootOrg, upsertOrg, type PublicUser } from '../../src/auth/index.js';
import type { Role } from '../../src/auth/roles.js';
import type { Store } from '../../src/store/index.js';

export interface AuthHeaders {
  readonly cookie: string;
  readonly 'x-csrf-token': string;
}

export type Target = FastifyInstance | { readonly url: string; readonly store: Store };

export interface AccountOptions {
  readonly role: Role;
  /** an org id, or a path under the root ('部门甲/单位一'); default by role: unit → 测试部门/测试单位, department → 测试部门, admin → none, others → the root */
  readonly org?: number | string | null;
  readonly username?: string;
  readonly password?: string;
  readonly mustChangePassword?: boolean;
}

export const TEST_PASSWORD = 'test-password-2026';
let counter = 0;

const storeOf = (t: Target): Store => ('url' in t && typeof t.url === 'string' && 'store' in t ? t.store : (t as FastifyInstance).store);

/** the id of an organization path under the root, created as needed */
export async function orgPath(store: Store, path: string): Promise<number> {
  let parent = await rootOrg(store.db);
  const parts = path.split('/').map((s) => s.trim()).filter(Boolean);
  for (const [i, name] of parts.entries()) parent = (await upsertOrg(store.db, name, i === 0 ? 'department' : 'unit', parent.id)).org;
  return parent.id;
}

const DEFAULT_ORG: Record<Role, string | null> = { admin: null, finance: '', viewer: '', department: '测试部门', unit: '测试部门/测试单位' };

/** an account in the store (not logged in) */
export async function createAccount(store: Store, o: AccountOptions): Promise<{ user: PublicUser; password: string }> {
  const org = o.org === undefined ? DEFAULT_ORG[o.role] : o.org;
  const orgId = org === null ? null : typeof org === 'number' ? org : await orgPath(store, org);
  const password = o.password ?? TEST_PASSWORD;
  const username = o.username ?? `${o.role}-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 6)}`;
  const user = await createUser(store.db, { username, password, role: o.role, orgId, mustChangePassword: o.mustChangePassword ?? false });
  return { user, password };
}

/** logs in with a user name and password; the headers of the new session */
export async function loginWith(target: Target, username: string, password: string): Promise<AuthHeaders> {
  const payload = { username, password };
  let status: number;
  let setCookie: string | string[] | undefined;
  let body: { csrfToken?: string; message?: string };
  if ('inject' in target && typeof target.inject === 'function') {
    const r = await target.inject({ method: 'POST', url: '/api/auth/login', payload });
    status = r.statusCode;
    setCookie = r.headers['set-cookie'];
    body = r.json();
  } else {
    const r = await fetch(`${(target as { url: string }).url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload) });
    status = r.status;
    setCookie = r.headers.getSetCookie();
    body = await r.json() as typeof body;
  }
  if (status !== 200 || !body.csrfToken) throw new Error(`login as ${username} failed: ${status} ${body.message ?? ''}`);
  const cookie = [setCookie ?? []].flat().map((c) => c.split(';')[0]!).find((c) => c.startsWith('jixiao_session='));
  if (!cookie) throw new Error('login set no session cookie');
  return { cookie, 'x-csrf-token': body.csrfToken };
}

/** creates an account of the role (and organization) and logs in: the headers to send */
export async function loginAs(target: Target, o: AccountOptions): Promise<AuthHeaders> {
  const { user, password } = await createAccount(storeOf(target), o);
  return loginWith(target, user.username, password);
}
