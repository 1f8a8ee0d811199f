// Accounts over HTTP: login sets an HttpOnly session cookie with a new id every time, /api/auth/me tells
// who is logged in, state-changing requests with a session need the CSRF token, logout ends the session,
// a forced password change blocks everything else until done, and repeated failures lock the account.
import { describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/auth/sessions.js';
import { loginBody, loginResponse, meResponse, okResponse } from '../../src/server/auth-schemas.js';
import * as s from '../../src/server/schemas.js';
import { createAccount, loginAs, loginWith, TEST_PASSWORD } from './auth-helpers.js';
import { error, form, injectionTable, json, serverSuite } from './helpers.js';

void loginBody;

serverSuite('accounts: login, session, CSRF', (app, store) => {
  const login = (username: string, password: string, headers: Record<string, string> = {}) =>
    app().inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });
  const cookieOf = (r: { headers: Record<string, unknown> }) => [r.headers['set-cookie'] ?? []].flat().map(String).find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;

  it('login sets an HttpOnly, SameSite, Path=/ cookie (not Secure over http) and answers the user and a CSRF token, never the password', async () => {
    const { user, password } = await createAccount(store(), { role: 'finance' });
    const r = await login(user.username, password);
    const body = json(r, loginResponse);
    expect(body.user.username).toBe(user.username);
    expect(body.user.role).toBe('finance');
    expect(body.csrfToken.length).toBeGreaterThan(20);
    const c = cookieOf(r);
    expect(c).toMatch(/; HttpOnly/);
    expect(c).toMatch(/; SameSite=(Lax|Strict)/);
    expect(c).toMatch(/; Path=\//);
    expect(c).not.toMatch(/Secure/);
    expect(r.body).not.toContain(password);
    expect(r.body).not.toMatch(/scrypt|password_hash|passwordHash/);
  });

  it('every login gets a new session id, and the session the browser came with ends (no fixation)', async () => {
    const { user, password } = await createAccount(store(), { role: 'viewer' });
    const first = cookieOf(await login(user.username, password)).split(';')[0]!;
    const second = cookieOf(await login(user.username, password, { cookie: first })).split(';')[0]!;
    expect(second).not.toBe(first);
    const me1 = json(await app().inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: first } }), meResponse);
    expect(me1.user).toBeNull();
    const me2 = json(await app().inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: second } }), meResponse);
    expect(me2.user?.username).toBe(user.username);
    expect(me2.csrfToken).toBeTruthy();
  });

  it('a wrong password and an unknown user get the same 401', async () => {
    const { user } = await createAccount(store(), { role: 'viewer' });
    const a = error(await login(user.username, 'not-the-password'), 401, 'bad-credentials');
    const b = error(await login('nobody-by-this-name', 'not-the-password'), 401, 'bad-credentials');
    expect(a.message).toBe(b.message);
  });

  it('anonymous import is 401, a viewer 403, finance imports; with a session the CSRF token is required', async () => {
    const upload = (headers: Record<string, string>) => app().inject({ method: 'POST', url: '/api/import/preview', payload: form([{ name: 't.txt', content: injectionTable() }]), headers });
    error(await upload({}), 401, 'unauthenticated');
    const viewer = await loginAs(app(), { role: 'viewer' });
    error(await upload({ ...viewer }), 403, 'forbidden');
    const finance = await loginAs(app(), { role: 'finance' });
    error(await upload({ cookie: finance.cookie }), 403, 'csrf');
    error(await upload({ cookie: finance.cookie, 'x-csrf-token': 'wrong' }), 403, 'csrf');
    json(await upload({ ...finance }), s.importPreviewResponse);
  });

  it('logout ends the session', async () => {
    const h = await loginAs(app(), { role: 'unit' });
    error(await app().inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: h.cookie } }), 403, 'csrf');
    const r = json(await app().inject({ method: 'POST', url: '/api/auth/logout', headers: { ...h } }), okResponse);
    expect(r.ok).toBe(true);
    expect(json(await app().inject({ method: 'GET', url: '/api/auth/me', headers: { ...h } }), meResponse).user).toBeNull();
  });

  it('an account that must change its password is refused elsewhere (403 password-change-required) until it has', async () => {
    const { user, password } = await createAccount(store(), { role: 'finance', mustChangePassword: true });
    const h = await loginWith(app(), user.username, password);
    const me = json(await app().inject({ method: 'GET', url: '/api/auth/me', headers: { ...h } }), meResponse);
    expect(me.mustChangePassword).toBe(true);
    error(await app().inject({ method: 'POST', url: '/api/import/preview', payload: form([{ name: 't.txt', content: injectionTable() }]), headers: { ...h } }), 403, 'password-change-required');
    // public reads stay open
    expect((await app().inject({ method: 'GET', url: '/api/health', headers: { ...h } })).statusCode).toBe(200);
    error(await app().inject({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: password, newPassword: 'short' }, headers: { ...h } }), 400, 'weak-password');
    error(await app().inject({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: 'wrong-one', newPassword: 'a-much-better-password' }, headers: { ...h } }), 400, 'bad-password');
    json(await app().inject({ method: 'POST', url: '/api/auth/password', payload: { currentPassword: password, newPassword: 'a-much-better-password' }, headers: { ...h } }), okResponse);
    expect(json(await app().inject({ method: 'GET', url: '/api/auth/me', headers: { ...h } }), meResponse).mustChangePassword).toBe(false);
    error(await login(user.username, password), 401);
    await loginWith(app(), user.username, 'a-much-better-password');
  });

  it('five failures in a row lock the account, even for the right password; an unknown name locks alike', async () => {
    const { user } = await createAccount(store(), { role: 'viewer' });
    for (let i = 0; i < 4; i++) error(await login(user.username, `wrong-${i}`), 401, 'bad-credentials');
    expect(error(await login(user.username, 'wrong-5'), 429, 'account-locked').message).toContain('锁定');
    error(await login(user.username, TEST_PASSWORD), 429, 'account-locked');
    for (let i = 0; i < 4; i++) error(await login('ghost-account', `wrong-${i}`), 401, 'bad-credentials');
    error(await login('ghost-account', 'wrong-5'), 429, 'account-locked');
  });
});
