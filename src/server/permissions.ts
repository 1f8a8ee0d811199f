// Who may call each route: one table, checked in one place. A route registered under /api without an
// entry here makes the server refuse to start (and so fails every test), so no route is ever added
// without deciding who may call it. Object-level scope (own organization or not) is decided by the
// services, which get the caller's Principal; this table decides by role alone.
import type { FastifyInstance } from 'fastify';
import type { Role } from '../auth/roles.js';

/** 'public': anyone, logged in or not (published tables are public by nature); 'user': any logged-in account; or these roles */
export type Access = 'public' | 'user' | readonly Role[];

/** `METHOD /path` as Fastify registers it (`:id` parameters) → who may call it */
export const PERMISSIONS: Readonly<Record<string, Access>> = {
  'GET /api/health': 'public',
  'GET /api/overview': 'public',
  'GET /api/projects': 'public',
  'GET /api/projects/:id': 'public',
  'GET /api/search': 'public',
  'GET /api/indicators': 'public',
  'GET /api/findings': 'public',
  'GET /api/documents': 'public',
  'GET /api/documents/:id/report': 'public',
  'GET /api/documents/:id/source': 'public',
  'GET /api/units': 'public',
  'GET /api/diff': 'public',
  'POST /api/import/preview': 'public',
  'POST /api/import': 'public',
  // a job is its creator's (jobs.created_by) once accounts exist; its id is a UUID, not guessable
  'GET /api/jobs/:id': 'public',
};

export const routeKey = (method: string, url: string): string => `${method} ${url}`;

/** Refuses to register an /api route that has no entry in PERMISSIONS (HEAD mirrors GET). */
export function requireDeclaredAccess(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url === '/api/*' || route.url === '/api/openapi.json' || route.url.startsWith('/api/docs')) return;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      if (!(routeKey(method, route.url) in PERMISSIONS)) {
        throw new Error(`route ${method} ${route.url} has no entry in src/server/permissions.ts: decide who may call it`);
      }
    }
  });
}

export function accessOf(method: string, url: string): Access | undefined {
  return PERMISSIONS[routeKey(method === 'HEAD' ? 'GET' : method, url)];
}
