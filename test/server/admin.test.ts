// Administration over HTTP on both databases: accounts (create with a generated password that must be
// changed, role change, disable → its sessions end), organizations (imports add them; merge), API tokens
// (shown once, revoked → refused), and the audit log (logins, failures, imports and changes with the
// caller's address; filters; CSV and JSON export; nothing edits or deletes it). Passwords appear in no
// log line and in no answer (but the one-time generated initial password given to the administrator).
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditActionLabel, auditTargetLabel } from '../../src/auth/audit-labels.js';
import * as a from '../../src/server/auth-schemas.js';
import { buildServer } from '../../src/server/index.js';
import * as s from '../../src/server/schemas.js';
import { migrate, type Store } from '../../src/store/index.js';
import { dropStore, freshStore } from '../store/harness.js';
import { createAccount, loginAs, loginWith, type AuthHeaders } from './auth-helpers.js';
import { error, form, injectionTable, json, NO_WEB, serverSuite } from './helpers.js';

serverSuite('administration', (app, store) => {
  let admin: AuthHeaders;
  beforeAll(async () => { admin = await loginAs(app(), { role: 'admin' }); });
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, headers: Record<string, string> = { ...admin }) =>
    app().inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

  it('creates an account with a generated password that works once and must be changed; role changes and disabling end its sessions', async () => {
    const orgs = json(await call('GET', '/api/admin/orgs'), a.orgsResponse);
    const root = orgs.orgs.find((o) => o.parentId === null)!;
    error(await call('POST', '/api/admin/users', { username: 'no-org', role: 'unit' }), 400, 'invalid');
    const created = json(await call('POST', '/api/admin/users', { username: 'clerk-1', role: 'viewer', orgId: root.id }), a.createdUserResponse);
    expect(created.initialPassword).toMatch(/^\S{16}$/);
    expect(created.user.mustChangePassword).toBe(true);
    error(await call('POST', '/api/admin/users', { username: 'clerk-1', role: 'viewer', orgId: root.id }), 409, 'exists');
    const h = await loginWith(app(), 'clerk-1', created.initialPassword!);
    expect(json(await app().inject({ url: '/api/auth/me', headers: { ...h } }), a.meResponse).mustChangePassword).toBe(true);

    const changed = json(await call('PATCH', `/api/admin/users/${created.user.id}`, { role: 'finance' }), a.userSchema);
    expect(changed.role).toBe('finance');
    expect(json(await app().inject({ url: '/api/auth/me', headers: { ...h } }), a.meResponse).user).toBeNull();

    const h2 = await loginWith(app(), 'clerk-1', created.initialPassword!);
    json(await call('PATCH', `/api/admin/users/${created.user.id}`, { disabled: true }), a.userSchema);
    expect(json(await app().inject({ url: '/api/auth/me', headers: { ...h2 } }), a.meResponse).user).toBeNull();
    error(await app().inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'clerk-1', password: created.initialPassword } }), 403, 'account-disabled');

    const me = json(await call('GET', '/api/auth/me'), a.meResponse).user!;
    error(await call('PATCH', `/api/admin/users/${me.id}`, { disabled: true }), 400, 'invalid');
  });

  it('an import through the API creates its organizations and is audited with the caller and address', async () => {
    const finance = await loginAs(app(), { role: 'finance', username: 'bureau-importer' });
    const [r] = json(await app().inject({ method: 'POST', url: '/api/import', payload: form([{ name: 'audited.txt', content: injectionTable('审计测试局') }]), headers: { ...finance } }), s.importResponse);
    expect(r!.status).toBe('imported');
    const orgs = json(await call('GET', '/api/admin/orgs'), a.orgsResponse).orgs;
    const dept = orgs.find((o) => o.name === '审计测试局')!;
    expect(dept.kind).toBe('department');
    expect(orgs.some((o) => o.parentId === dept.id && o.kind === 'unit')).toBe(true);
    const log = json(await call('GET', '/api/admin/audit?action=import&actor=bureau-importer'), a.auditResponse);
    expect(log.items[0]).toMatchObject({ action: 'import', actorName: 'bureau-importer', ip: '127.0.0.1', targetType: 'document', targetId: String((r as { documentId: number }).documentId) });
    expect(log.items[0]!.summary).toContain('audited.txt');
  });

  it('organizations: add, rename (a clash is refused), merge into an alias', async () => {
    const root = json(await call('GET', '/api/admin/orgs'), a.orgsResponse).orgs.find((o) => o.parentId === null)!;
    const x = json(await call('POST', '/api/admin/orgs', { name: '丁局', kind: 'department', parentId: root.id }), a.orgSchema);
    const y = json(await call('POST', '/api/admin/orgs', { name: '丁局（旧名）', kind: 'department', parentId: root.id }), a.orgSchema);
    error(await call('POST', '/api/admin/orgs', { name: '丁局', kind: 'department', parentId: root.id }), 409, 'exists');
    error(await call('PATCH', `/api/admin/orgs/${y.id}`, { name: ' 丁局' }), 409, 'exists');
    expect(json(await call('PATCH', `/api/admin/orgs/${y.id}`, { name: '广州市丁局' }), a.orgSchema).name).toBe('广州市丁局');
    const m = json(await call('POST', `/api/admin/orgs/${y.id}/merge`, { into: x.id }), a.mergeOrgResponse);
    expect(m.into.id).toBe(x.id);
    const after = json(await call('GET', '/api/admin/orgs'), a.orgsResponse);
    expect(after.orgs.some((o) => o.id === y.id)).toBe(false);
    expect(after.aliases).toContainEqual({ name: '广州市丁局', orgId: x.id });
    error(await call('POST', `/api/admin/orgs/${root.id}/merge`, { into: x.id }), 400, 'invalid');
    error(await call('POST', '/api/admin/orgs/999999/merge', { into: x.id }), 404, 'not-found');
  });

  it('an API token is shown once, works as Bearer without CSRF, is listed without its secret, and once revoked is refused', async () => {
    const { user } = await createAccount(store(), { role: 'finance' });
    const t = json(await call('POST', '/api/admin/tokens', { userId: user.id, name: '夜间导入' }), a.createdTokenResponse);
    expect(t.token).toMatch(/^jx_/);
    expect(t.info.role).toBe('finance');
    const bearer = { authorization: `Bearer ${t.token}` };
    json(await app().inject({ method: 'POST', url: '/api/import/preview', payload: form([{ name: 't.txt', content: injectionTable() }]), headers: bearer }), s.importPreviewResponse);
    const list = await call('GET', '/api/admin/tokens');
    expect(list.body).not.toContain(t.token);
    expect(list.body).not.toContain(t.token.slice(3));
    json(await call('POST', `/api/admin/tokens/${t.info.id}/revoke`), a.tokenSchema);
    error(await call('POST', `/api/admin/tokens/${t.info.id}/revoke`), 409, 'already-revoked');
    error(await app().inject({ method: 'POST', url: '/api/import/preview', payload: form([{ name: 't.txt', content: injectionTable() }]), headers: bearer }), 401, 'invalid-token');
    const stored = await store().db.selectFrom('api_tokens').select('token_hash').where('id', '=', t.info.id).executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(t.token);
  });

  it('the audit log records logins and failures with the address, filters by actor, action and time, and exports CSV and JSON', async () => {
    const { user, password } = await createAccount(store(), { role: 'viewer', username: 'audited-viewer' });
    error(await app().inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: 'wrong-password' }, remoteAddress: '10.1.2.3' }), 401);
    await loginWith(app(), user.username, password);
    const mine = json(await call('GET', '/api/admin/audit?actor=audited-viewer'), a.auditResponse);
    expect(mine.items.map((e) => e.action)).toEqual(['auth.login', 'auth.login-failed']);
    expect(mine.items[1]!.ip).toBe('10.1.2.3');
    expect(json(await call('GET', '/api/admin/audit?actor=audited-viewer&action=auth.login-failed'), a.auditResponse).total).toBe(1);
    expect(json(await call('GET', '/api/admin/audit?actor=audited-viewer&action=auth'), a.auditResponse).total).toBe(2);
    expect(json(await call('GET', '/api/admin/audit?actor=audited-viewer&from=2000-01-01&to=2000-01-02'), a.auditResponse).total).toBe(0);
    error(await call('GET', '/api/admin/audit?from=yesterday'), 400, 'invalid');

    const csv = await call('GET', '/api/admin/audit/export?actor=audited-viewer&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="audit-.*\.csv"/);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('编号,时间,操作者,地址,操作,对象类型,对象编号,摘要,详情');
    expect(lines.length).toBe(3);
    const j = await call('GET', '/api/admin/audit/export?actor=audited-viewer&format=json');
    expect((j.json() as { action: string }[]).map((e) => e.action)).toEqual(['auth.login', 'auth.login-failed']);
    // the export itself is audited
    expect(json(await call('GET', '/api/admin/audit?action=audit.export'), a.auditResponse).total).toBeGreaterThanOrEqual(2);
  });

  it('the audit log is append-only: no route changes or deletes it, and finance may read it but a viewer may not', async () => {
    const n = json(await call('GET', '/api/admin/audit?limit=1'), a.auditResponse).total;
    for (const method of ['DELETE', 'PUT', 'PATCH', 'POST'] as const) {
      for (const url of ['/api/admin/audit', '/api/admin/audit/1']) {
        expect((await app().inject({ method, url, headers: { ...admin } })).statusCode, `${method} ${url}`).toBe(404);
      }
    }
    expect(json(await call('GET', '/api/admin/audit?limit=1'), a.auditResponse).total).toBeGreaterThanOrEqual(n);
    const finance = await loginAs(app(), { role: 'finance' });
    json(await app().inject({ url: '/api/admin/audit', headers: { ...finance } }), a.auditResponse);
    const viewer = await loginAs(app(), { role: 'viewer' });
    error(await app().inject({ url: '/api/admin/audit', headers: { ...viewer } }), 403, 'forbidden');
  });

  it('every action and object type the log holds after these tests has the Chinese label the audit page shows', async () => {
    const all = json(await call('GET', '/api/admin/audit?limit=500'), a.auditResponse).items;
    for (const e of all) {
      expect(auditActionLabel(e.action), e.action).not.toBe(e.action);
      if (e.targetType) expect(auditTargetLabel(e.targetType), e.targetType).not.toBe(e.targetType);
    }
  });
});

describe('cookie flags', () => {
  let store: Store;
  beforeAll(async () => { store = freshStore('sqlite'); await migrate(store); });
  afterAll(async () => { await dropStore(store); });
  const cookieFrom = async (app: FastifyInstance, headers: Record<string, string> = {}) => {
    const { user, password } = await createAccount(store, { role: 'viewer' });
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password }, headers });
    return String([r.headers['set-cookie']].flat()[0]);
  };

  it('Secure when configured, or (auto) when a trusted proxy says https; never over plain http by default', async () => {
    const secure = await buildServer({ store, logger: false, webDir: NO_WEB, auth: { secureCookie: true } });
    const proxied = await buildServer({ store, logger: false, webDir: NO_WEB, trustProxy: true });
    const plain = await buildServer({ store, logger: false, webDir: NO_WEB });
    try {
      expect(await cookieFrom(secure)).toMatch(/^jixiao_session=[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
      expect(await cookieFrom(proxied, { 'x-forwarded-proto': 'https' })).toMatch(/; Secure$/);
      expect(await cookieFrom(plain, { 'x-forwarded-proto': 'https' })).not.toMatch(/Secure/);
    } finally {
      await Promise.all([secure.close(), proxied.close(), plain.close()]);
    }
  });
});

describe('passwords are never logged nor answered', () => {
  it('the log of logins, failures, password changes, account creation and resets holds no password, hash or token', async () => {
    const store = freshStore('sqlite');
    await migrate(store);
    let log = '';
    const stream = new Writable({ write(chunk, _e, done) { log += String(chunk); done(); } });
    const app = await buildServer({ store, webDir: NO_WEB, logger: { level: 'trace', stream } });
    const bodies: string[] = [];
    const inject = async (o: Parameters<FastifyInstance['inject']>[0]) => { const r = await app.inject(o); bodies.push(r.body); return r; };
    try {
      const secretA = 'Correct-Horse-Battery-1';
      const secretB = 'Another-Secret-Phrase-2';
      const { user } = await createAccount(store, { role: 'admin', username: 'logged-admin', password: secretA });
      await inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: 'Wrong-Password-Typed-3' } });
      const ok = await inject({ method: 'POST', url: '/api/auth/login', payload: { username: user.username, password: secretA } });
      const csrf = (ok.json() as { csrfToken: string }).csrfToken;
      const cookie = String([ok.headers['set-cookie']].flat()[0]).split(';')[0]!;
      const h = { cookie, 'x-csrf-token': csrf };
      await inject({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: secretA, newPassword: secretB }, headers: h });
      await inject({ method: 'POST', url: '/api/admin/users', payload: { username: 'new-one', role: 'admin', password: 'Chosen-Initial-Pass-4' }, headers: h });
      await inject({ method: 'POST', url: '/api/admin/users', payload: { username: 'short-one', role: 'admin', password: 'short' }, headers: h });
      const t = await inject({ method: 'POST', url: '/api/admin/tokens', payload: { userId: user.id, name: 'x' }, headers: h });
      const token = (t.json() as { token: string }).token;
      await inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
      await inject({ url: '/api/admin/audit/export?format=json', headers: h });
      expect(log.length).toBeGreaterThan(1000);
      for (const secret of [secretA, secretB, 'Wrong-Password-Typed-3', 'Chosen-Initial-Pass-4', token, csrf, cookie.split('=')[1]!, 'scrypt$']) {
        expect(log, secret).not.toContain(secret);
      }
      for (const secret of [secretA, secretB, 'Wrong-Password-Typed-3', 'Chosen-Initial-Pass-4', 'scrypt$', 'password_hash']) {
        for (const b of bodies) expect(b).not.toContain(secret);
      }
    } finally {
      await app.close();
      await dropStore(store);
    }
  });
});
