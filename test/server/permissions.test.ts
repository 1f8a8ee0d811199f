// The permission table is what the server enforces: for every route in PERMISSIONS and every caller
// (anonymous and each role, by session cookie and by API token) the answer is a 401 for anonymous on a
// protected route, a 403 for a role not listed, and anything but those for a caller allowed — generated
// from the table itself, so a route added to it is covered at once. A route missing from the table
// stops the server from starting.
import { describe, expect, it } from 'vitest';
import { createSession } from '../../src/auth/sessions.js';
import { createToken } from '../../src/auth/tokens.js';
import { DEFAULT_AUTH } from '../../src/auth/config.js';
import { ROLES, type Role } from '../../src/auth/roles.js';
import { buildServer } from '../../src/server/index.js';
import { PERMISSIONS, type Access } from '../../src/server/permissions.js';
import { freshStore, dropStore } from '../store/harness.js';
import { migrate } from '../../src/store/index.js';
import { createAccount } from './auth-helpers.js';
import { NO_WEB, serverSuite } from './helpers.js';

type Caller = Role | null;
const CALLERS: readonly Caller[] = [null, ...ROLES];

/** what the table says a caller gets: denied with this status, or allowed */
export function expected(access: Access, caller: Caller): 401 | 403 | 'allowed' {
  if (access === 'public') return 'allowed';
  if (caller === null) return 401;
  if (access === 'user') return 'allowed';
  return access.includes(caller) ? 'allowed' : 403;
}

const ROUTES = Object.entries(PERMISSIONS).map(([key, access]) => {
  const [method, path] = key.split(' ') as [string, string];
  return { key, method, url: path.replace(/:\w+/g, '999999'), access };
});

serverSuite('permission matrix', (app, store) => {
  const users = new Map<Role, number>();
  const ensureUsers = async () => {
    if (users.size) return;
    for (const role of ROLES) users.set(role, (await createAccount(store(), { role })).user.id);
  };
  /** a fresh session for the role (logging out in one case must not end the next) */
  const sessionHeaders = async (role: Role) => {
    const { token, session } = await createSession(store().db, DEFAULT_AUTH, users.get(role)!, '127.0.0.1');
    return { cookie: `jixiao_session=${token}`, 'x-csrf-token': session.csrfToken };
  };

  for (const via of ['session', 'token'] as const) {
    it(`every route × every caller by ${via}: 401 / 403 / allowed exactly as PERMISSIONS says`, async () => {
      await ensureUsers();
      const tokens = new Map<Role, string>();
      if (via === 'token') for (const role of ROLES) tokens.set(role, (await createToken(store().db, { userId: users.get(role)!, name: 'matrix', role, orgId: null })).token);
      const wrong: string[] = [];
      for (const r of ROUTES) {
        for (const caller of CALLERS) {
          const auth = caller === null ? {} : via === 'session' ? await sessionHeaders(caller) : { authorization: `Bearer ${tokens.get(caller)!}` };
          const hasBody = r.method !== 'GET' && r.method !== 'DELETE';
          const res = await app().inject({ method: r.method as 'GET', url: r.url, headers: { ...auth, ...(hasBody ? { 'content-type': 'application/json' } : {}) }, ...(hasBody ? { payload: '{}' } : {}) });
          const code = (() => { try { return (res.json() as { code?: string }).code; } catch { return undefined; } })();
          const want = expected(r.access, caller);
          const got = res.statusCode === 401 && code === 'unauthenticated' ? 401 : res.statusCode === 403 && code === 'forbidden' ? 403 : 'allowed';
          if (got !== want) wrong.push(`${r.key} as ${caller ?? 'anonymous'}: expected ${want}, got ${res.statusCode} ${code ?? ''}`);
          // a denial never says whether the object exists: the same answer as for any other id
          if (want !== 'allowed') expect(res.body).not.toMatch(/999999/);
        }
      }
      expect(wrong).toEqual([]);
    }, 240_000);
  }

  it('a revoked or unknown token is 401 invalid-token, even on a public route', async () => {
    await ensureUsers();
    const { token, info } = await createToken(store().db, { userId: users.get('finance')!, name: 'once', role: 'finance', orgId: null });
    expect((await app().inject({ url: '/api/admin/audit', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
    const { revokeToken } = await import('../../src/auth/tokens.js');
    await revokeToken(store().db, info.id);
    for (const url of ['/api/admin/audit', '/api/health']) {
      const r = await app().inject({ url, headers: { authorization: `Bearer ${token}` } });
      expect(r.statusCode).toBe(401);
      expect(r.json()).toMatchObject({ code: 'invalid-token' });
    }
    expect((await app().inject({ url: '/api/health', headers: { authorization: 'Bearer jx_made-up' } })).statusCode).toBe(401);
  });
});

describe('the permission table', () => {
  it('the matrix is computed from it: every role is denied somewhere or allowed everywhere it should be', () => {
    expect(expected('public', null)).toBe('allowed');
    expect(expected('user', null)).toBe(401);
    expect(expected(['admin'], 'viewer')).toBe(403);
    expect(expected(['admin', 'finance'], 'finance')).toBe('allowed');
    // importing is the bureau's job; the audit log has no route that changes it
    expect(PERMISSIONS['POST /api/import']).toEqual(['admin', 'finance']);
    expect(Object.keys(PERMISSIONS).filter((k) => k.includes('/audit') && !k.startsWith('GET '))).toEqual([]);
  });

  it('a route registered under /api without an entry stops the server from starting', async () => {
    const store = freshStore('sqlite');
    await migrate(store);
    const app = await buildServer({ store, logger: false, webDir: NO_WEB });
    try {
      expect(() => app.get('/api/undeclared-route', async () => ({ ok: true }))).toThrow(/no entry in src\/server\/permissions\.ts/);
      expect(() => app.post('/api/admin/undeclared', async () => ({ ok: true }))).toThrow(/permissions\.ts/);
    } finally {
      await app.close();
      await dropStore(store);
    }
  });
});
