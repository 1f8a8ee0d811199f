// Who may call each route: one table, checked in one place. A route registered under /api without an
// entry here makes the server refuse to start (and so fails every test), so no route is ever added
// without deciding who may call it. Object-level scope (own organization or not) is decided by the
// services, which get the caller's Principal; this table decides by role alone.
import type { FastifyInstance } from 'fastify';
import type { Role } from '../auth/roles.js';
import { PLAN_PERMISSIONS } from './plan-permissions.js';
import { REPORT_PERMISSIONS } from './report-permissions.js';

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
  // .xlsx downloads of published tables and the fill-in templates made from them (src/server/routes/xlsx.ts)
  'GET /api/documents/:id/xlsx': 'public',
  'GET /api/projects.xlsx': 'public',
  'GET /api/templates/monitor.xlsx': 'public',
  'GET /api/templates/evaluate.xlsx': 'public',
  'GET /api/diff': 'public',
  // importing a published table is the bureau's job
  'POST /api/import/preview': ['admin', 'finance'],
  'POST /api/import': ['admin', 'finance'],
  // accounts
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'user',
  'GET /api/auth/me': 'public',
  'POST /api/auth/password': 'user',
  // administration: accounts, organizations, tokens; the audit log is read by admin and finance (no route edits it)
  'GET /api/admin/users': ['admin'],
  'POST /api/admin/users': ['admin'],
  'PATCH /api/admin/users/:id': ['admin'],
  'POST /api/admin/users/:id/password': ['admin'],
  'GET /api/admin/orgs': ['admin', 'finance'],
  'POST /api/admin/orgs': ['admin'],
  'PATCH /api/admin/orgs/:id': ['admin'],
  'POST /api/admin/orgs/:id/merge': ['admin'],
  'GET /api/admin/tokens': ['admin'],
  'POST /api/admin/tokens': ['admin'],
  'POST /api/admin/tokens/:id/revoke': ['admin'],
  'GET /api/admin/audit': ['admin', 'finance'],
  'GET /api/admin/audit/export': ['admin', 'finance'],
  // plans (绩效目标申报): by role, from the workflow's state table
  ...PLAN_PERMISSIONS,
  // 运行监控 and 绩效自评 stored per approved plan: by role, from their state machine
  ...REPORT_PERMISSIONS,
  // scoring: stateless computation over the request body, nothing stored
  'POST /api/score': 'public',
  'POST /api/evaluate': 'public',
  'POST /api/evaluate/html': 'public',
  'POST /api/evaluate/xlsx': 'public',
  'POST /api/monitor': 'public',
  'POST /api/monitor/html': 'public',
  'POST /api/monitor/xlsx': 'public',
  'POST /api/monitor/lights': 'public',
  // a job is its creator's (jobs.created_by) and admin's: anyone else gets the 404 of a missing job (routes.ts)
  'GET /api/jobs/:id': 'user',
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
