// Who is calling, and may they: one onRequest hook for every route.
//   1. the principal: `Authorization: Bearer jx_…` (an API token), else the `jixiao_session` cookie
//      (a session in the database), else anonymous (null). A bearer token that is not valid is a 401
//      (a script should hear its token is wrong); a stale cookie is just anonymous.
//   2. the route's entry in PERMISSIONS (permissions.ts): anonymous on a protected route → 401, a role
//      not listed → 403. Neither looks at the object asked for, so neither tells whether it exists.
//   3. an account that must change its password may only reach public routes and the few it needs.
//   4. CSRF: a state-changing request made with a session cookie must carry the session's token in
//      x-csrf-token (token-authenticated requests carry no cookie and are exempt). The Origin /
//      Sec-Fetch-Site guard (guard.ts) runs before this and stays.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuthConfig } from '../auth/config.js';
import type { Principal } from '../auth/roles.js';
import { SESSION_COOKIE, findSession, type SessionInfo } from '../auth/sessions.js';
import { sameSecret } from '../auth/secrets.js';
import { findToken } from '../auth/tokens.js';
import { isRole } from '../auth/users.js';
import type { Store } from '../store/index.js';
import { HttpError } from './errors.js';
import { accessOf, routeKey, type Access } from './permissions.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** the caller; null: anonymous */
    principal: Principal | null;
    /** the session the request came with (cookie), null for tokens and anonymous callers */
    authSession: SessionInfo | null;
    /** the account must change its password before anything else */
    mustChangePassword: boolean;
  }
  interface FastifyInstance {
    /** the store the server was built over (the test helpers create accounts in it) */
    store: Store;
    authConfig: AuthConfig;
  }
}

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** what an account that must change its password can still do */
const WHILE_CHANGING = new Set(['GET /api/auth/me', 'POST /api/auth/password', 'POST /api/auth/logout']);
/** routes a session may call without a CSRF token: logging in makes a new session (the Origin guard still applies) */
const NO_CSRF = new Set(['POST /api/auth/login']);

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) {
      try { return decodeURIComponent(part.slice(i + 1).trim()); } catch { return null; }
    }
  }
  return null;
}

/** whether this request came over https (directly, or through a trusted proxy: Fastify's trustProxy) */
const isSecure = (req: FastifyRequest, cfg: AuthConfig): boolean => (cfg.secureCookie === 'auto' ? req.protocol === 'https' : cfg.secureCookie);

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, cfg: AuthConfig, token: string): void {
  // no Max-Age: the cookie ends with the browser; the server ends the session by idle time and age anyway
  void reply.header('set-cookie', `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax${isSecure(req, cfg) ? '; Secure' : ''}`);
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply, cfg: AuthConfig): void {
  void reply.header('set-cookie', `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${isSecure(req, cfg) ? '; Secure' : ''}`);
}

async function resolve(req: FastifyRequest, store: Store, cfg: AuthConfig): Promise<void> {
  const authz = req.headers.authorization;
  if (typeof authz === 'string' && authz.trim() !== '') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(authz);
    const token = m ? await findToken(store.db, m[1]!) : null;
    if (!token) throw new HttpError(401, 'invalid-token', 'API 令牌无效、已撤销或其账户已停用');
    req.principal = { userId: token.userId, username: token.username, role: token.role, orgId: token.orgId, via: 'token' };
    return;
  }
  const cookie = readCookie(req.headers.cookie, SESSION_COOKIE);
  if (!cookie) return;
  const session = await findSession(store.db, cfg, cookie);
  if (!session) return;
  const user = session.user;
  if (user.disabled || !isRole(user.role)) return;
  req.principal = { userId: user.id, username: user.username, role: user.role, orgId: user.orgId, via: 'session' };
  req.authSession = session;
  req.mustChangePassword = user.mustChangePassword;
}

/** whether the role may call a route of this access (anonymous: role null) */
export function allowed(access: Access, role: Principal['role'] | null): boolean {
  if (access === 'public') return true;
  if (role === null) return false;
  return access === 'user' || access.includes(role);
}

export function authentication(app: FastifyInstance, store: Store, cfg: AuthConfig): void {
  app.decorate('store', store);
  app.decorate('authConfig', cfg);
  app.decorateRequest('principal', null);
  app.decorateRequest('authSession', null);
  app.decorateRequest('mustChangePassword', false);
  app.addHook('onRequest', async (req) => {
    const url = req.routeOptions.url ?? '';
    // routes outside /api (the app's pages, static files, the docs) and the /api 404 are public
    const access: Access = (url.startsWith('/api/') ? accessOf(req.method, url) : undefined) ?? 'public';
    await resolve(req, store, app.authConfig);
    const p = req.principal;
    if (!allowed(access, p?.role ?? null)) {
      if (p === null) throw new HttpError(401, 'unauthenticated', '请先登录');
      throw new HttpError(403, 'forbidden', '当前账户的角色无权进行此操作');
    }
    const key = routeKey(req.method === 'HEAD' ? 'GET' : req.method, url);
    if (req.mustChangePassword && access !== 'public' && !WHILE_CHANGING.has(key)) {
      throw new HttpError(403, 'password-change-required', '首次登录或密码被重置后须先修改密码');
    }
    if (req.authSession && !SAFE_METHODS.has(req.method) && !NO_CSRF.has(key)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameSecret(sent, req.authSession.csrfToken)) {
        throw new HttpError(403, 'csrf', '请求缺少有效的防伪令牌（x-csrf-token）：请刷新页面后重试');
      }
    }
  });
}
