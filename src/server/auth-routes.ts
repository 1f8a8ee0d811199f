// /api/auth: log in, log out, who am I, change my password. Every login, failed or not, and every
// password change goes to the audit log with the caller's address.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { audit } from '../auth/audit.js';
import { passwordProblem, verifyPassword } from '../auth/password.js';
import { SESSION_COOKIE, createSession, endSession, endUserSessions, pruneSessions } from '../auth/sessions.js';
import { checkLogin, publicUser, setPassword, userRow } from '../auth/users.js';
import type { Store } from '../store/index.js';
import { clearSessionCookie, readCookie, setSessionCookie } from './auth.js';
import { sha256 } from '../auth/secrets.js';
import { HttpError } from './errors.js';
import * as a from './auth-schemas.js';
import { errorResponse } from './schemas.js';

const errors = { '4xx': errorResponse, '5xx': errorResponse };
const clock = (iso: string) => new Date(iso).toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Shanghai' });

export function authRoutes(app: FastifyInstance, store: Store): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = store.db;
  const cfg = () => app.authConfig;
  const ipOf = (req: FastifyRequest) => req.ip ?? null;

  api.post('/api/auth/login', {
    schema: { summary: '登录：成功时设置会话 Cookie，并返回账户与防伪令牌', tags: ['账户'], body: a.loginBody, response: { 200: a.loginResponse, ...errors } },
  }, async (req, reply) => {
    const { username, password } = req.body;
    const ip = ipOf(req);
    const r = await checkLogin(db, cfg(), username, password, ip);
    if (!r.ok) {
      const why = { 'bad-credentials': '用户名或密码错误', disabled: '账户已停用', locked: '账户已锁定', 'ip-limited': '该地址失败次数过多' }[r.reason];
      await audit(db, { actor: r.user ? { id: r.user.id, name: r.user.username } : { id: null, name: username.slice(0, 64) }, ip, action: 'auth.login-failed', target: r.user ? { type: 'user', id: r.user.id } : null, summary: `登录失败：${why}`, detail: { reason: r.reason } });
      switch (r.reason) {
        case 'bad-credentials': throw new HttpError(401, 'bad-credentials', '用户名或密码错误');
        case 'disabled': throw new HttpError(403, 'account-disabled', '该账户已停用，请联系系统管理员');
        case 'locked': throw new HttpError(429, 'account-locked', `登录失败次数过多，该账户已暂时锁定${r.until ? `，请于 ${clock(r.until)}（北京时间）后再试` : ''}，或请系统管理员重置密码`);
        case 'ip-limited': throw new HttpError(429, 'too-many-attempts', `此地址登录失败次数过多，请 ${cfg().ipWindowMinutes} 分钟后再试`);
      }
    }
    // the session the browser came with (if any) ends: the new login gets a new id (no fixation)
    const old = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (old) await endSession(db, sha256(old));
    if (Math.random() < 0.05) await pruneSessions(db);
    const { token, session } = await createSession(db, cfg(), r.user.id, ip);
    setSessionCookie(req, reply, cfg(), token);
    await audit(db, { actor: { id: r.user.id, name: r.user.username }, ip, action: 'auth.login', target: { type: 'user', id: r.user.id }, summary: `${r.user.username} 登录` });
    return { user: await publicUser(db, r.user), csrfToken: session.csrfToken, mustChangePassword: r.user.must_change_password === 1 };
  });

  api.post('/api/auth/logout', {
    schema: { summary: '退出登录', tags: ['账户'], response: { 200: a.okResponse, ...errors } },
  }, async (req, reply) => {
    if (req.authSession) await endSession(db, req.authSession.id);
    clearSessionCookie(req, reply, cfg());
    await audit(db, { actor: req.principal, ip: ipOf(req), action: 'auth.logout', target: req.principal ? { type: 'user', id: req.principal.userId } : null, summary: `${req.principal?.username ?? ''} 退出登录` });
    return { ok: true as const };
  });

  api.get('/api/auth/me', {
    schema: { summary: '当前账户（未登录时 user 为 null）与防伪令牌', tags: ['账户'], response: { 200: a.meResponse, ...errors } },
  }, async (req, reply) => {
    void reply.header('cache-control', 'no-store');
    const p = req.principal;
    if (!p) return { user: null, csrfToken: null, mustChangePassword: false, via: null };
    const row = await userRow(db, { id: p.userId });
    if (!row) return { user: null, csrfToken: null, mustChangePassword: false, via: null };
    // a token acts with its own role and organization: show those
    const user = await publicUser(db, { ...row, role: p.role, org_id: p.orgId });
    return { user, csrfToken: req.authSession?.csrfToken ?? null, mustChangePassword: req.mustChangePassword, via: p.via };
  });

  api.post('/api/auth/password', {
    schema: { summary: '修改自己的密码（须提供当前密码）；其他会话随之结束', tags: ['账户'], body: a.passwordBody, response: { 200: a.okResponse, ...errors } },
  }, async (req) => {
    const p = req.principal!;
    if (p.via !== 'session') throw new HttpError(403, 'session-only', '只能在登录后的网页中修改密码，不能使用 API 令牌');
    const row = await userRow(db, { id: p.userId });
    if (!row) throw new HttpError(401, 'unauthenticated', '请先登录');
    const { currentPassword, newPassword } = req.body;
    if (!(await verifyPassword(currentPassword, row.password_hash))) {
      await audit(db, { actor: p, ip: ipOf(req), action: 'user.password-failed', target: { type: 'user', id: p.userId }, summary: `${p.username} 修改密码失败：当前密码不正确` });
      throw new HttpError(400, 'bad-password', '当前密码不正确');
    }
    const problem = passwordProblem(newPassword, row.username) ?? (newPassword === currentPassword ? '新密码不能与当前密码相同' : null);
    if (problem) throw new HttpError(400, 'weak-password', problem, [{ field: 'newPassword', message: problem }]);
    await setPassword(db, p.userId, newPassword, false);
    await endUserSessions(db, p.userId, req.authSession?.id);
    await audit(db, { actor: p, ip: ipOf(req), action: 'user.password', target: { type: 'user', id: p.userId }, summary: `${p.username} 修改了自己的密码` });
    return { ok: true as const };
  });
}
