// The organization dimension of the permission matrix, on SQLite and PostgreSQL: for every route in
// PERMISSIONS that names an object (`:id`) or lists a scoped resource, every role (and anonymous) asks
// for an object of its own organization, one of another organization (a second department with its own
// unit) and one that does not exist. Generated from the table: a new route under a scoped resource is
// covered at once, and a new `:id` route of no known resource fails until its owner is declared here.
// The resources: plans, jobs, 运行监控 reports and 绩效自评 (of an approved plan in each organization), and
// a department's 自评 summary (:id the department: a unit sees its own department's, holding itself).
//   - a caller who may not see the other organization's object gets exactly the answer of "no such
//     object" (status, code, message with the id blanked): its existence is never revealed;
//   - anonymous is 401 and a role outside the table 403 whatever the id; an allowed caller asking for a
//     missing object gets the resource's 404;
//   - the scoped lists (我的项目, 待我审核) never hold another organization's plan;
//   - drafts, reviews, comments and the audit log are never public; published tables are.
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/auth/sessions.js';
import { DEFAULT_AUTH } from '../../src/auth/config.js';
import { ROLES, type Role } from '../../src/auth/roles.js';
import { allowed } from '../../src/server/auth.js';
import { PERMISSIONS, type Access } from '../../src/server/permissions.js';
import { monitoringDb } from '../../src/store/monitoring-schema.js';
import { planDb } from '../../src/store/plans-schema.js';
import { QUEUED, writeJob, type Store } from '../../src/store/index.js';
import { GOOD } from '../workflow/fixtures.js';
import { createAccount, orgPath } from './auth-helpers.js';
import { form, serverSuite } from './helpers.js';

type Caller = Role | null;
type Target = 'own' | 'other' | 'missing';
const TARGETS: readonly Target[] = ['own', 'other', 'missing'];

/** where each role sits: the unit and the department of 甲, finance at the root, admin nowhere; the viewer reads 部门甲 */
const OWN_ORG: Record<Role, string | null> = { unit: '矩阵部门甲/矩阵单位一', department: '矩阵部门甲', viewer: '矩阵部门甲', finance: '', admin: null };
const OTHER_UNIT = '矩阵部门乙/矩阵单位二';

/** An object kind that routes name by id: who owns an object and who sees what is not theirs. */
interface Resource {
  readonly name: string;
  /** the `:id` routes (and the lists, for `lists`) of this resource */
  readonly routes: RegExp;
  /** the lists (no `:id`) that must hold only what the caller sees */
  readonly lists?: RegExp;
  /** whether the role sees an object of another organization (or another account) */
  readonly seesOthers: Readonly<Record<Role, boolean>>;
  /** the answer for an object the caller may not see or that does not exist */
  readonly notFound: { readonly status: 404; readonly code: string };
}

const PLAN: Resource = {
  name: 'plan',
  routes: /^\/api\/plans\/:id(\/|$)/,
  lists: /^\/api\/plans(\/queue)?$/,
  // the scope rule the issue states: a unit its own plans, a department its units', finance and admin all
  seesOthers: { unit: false, department: false, viewer: false, finance: true, admin: true },
  notFound: { status: 404, code: 'plan-not-found' },
};
const JOB: Resource = {
  name: 'job',
  routes: /^\/api\/jobs\/:id$/,
  // a job is its creator's; admin sees all
  seesOthers: { unit: false, department: false, viewer: false, finance: false, admin: true },
  notFound: { status: 404, code: 'not-found' },
};
/** 运行监控 reports and 绩效自评: scoped by the organization of their plan, as plans are */
const MONITORING: Resource = {
  name: 'monitoring',
  routes: /^\/api\/monitoring\/:id(\/|$)/,
  lists: /^\/api\/monitoring$/,
  seesOthers: PLAN.seesOthers,
  notFound: { status: 404, code: 'report-not-found' },
};
const EVALUATION: Resource = { ...MONITORING, name: 'evaluation', routes: /^\/api\/evaluations\/:id(\/|$)/, lists: /^\/api\/evaluations$/ };
/** a department's 自评 summary, its XLSX and its forms: :id is the department's organization */
const DEPARTMENT: Resource = {
  name: 'department',
  routes: /^\/api\/evaluations\/summary\/:id\//,
  seesOthers: PLAN.seesOthers,
  notFound: { status: 404, code: 'department-not-found' },
};
// the more specific first: a summary route also looks like an evaluation's
const RESOURCES = [PLAN, JOB, DEPARTMENT, MONITORING, EVALUATION];
const REPORTS = [MONITORING, EVALUATION];
/** objects with no owning organization (accounts, organizations, tokens): admin alone may name them */
const ADMIN_ONLY = /^\/api\/admin\//;

const entries = Object.entries(PERMISSIONS).map(([key, access]) => {
  const [method, path] = key.split(' ') as [string, string];
  return { key, method, path, access };
});
const objectRoutes = entries.filter((r) => r.path.includes('/:') && r.access !== 'public');

describe('the scope matrix covers the table', () => {
  it('every protected route that names an object belongs to a scoped resource or is admin-only', () => {
    const unowned = objectRoutes.filter((r) => !RESOURCES.some((x) => x.routes.test(r.path)) && !ADMIN_ONLY.test(r.path));
    expect(unowned.map((r) => `${r.key}: declare its owner in test/server/scope-matrix.test.ts`)).toEqual([]);
    // the admin-only objects have no organization: no other role may name them at all
    for (const r of objectRoutes.filter((x) => ADMIN_ONLY.test(x.path))) expect(r.access, r.key).toEqual(['admin']);
  });

  it('drafts, reviews, comments and the audit log are never public; published tables are', () => {
    const never = entries.filter((r) => /^\/api\/(plans|admin|jobs|monitoring|evaluations)(\/|$)/.test(r.path));
    expect(never.length).toBeGreaterThan(10);
    expect(never.filter((r) => r.access === 'public').map((r) => r.key)).toEqual([]);
    for (const k of ['GET /api/projects', 'GET /api/projects/:id', 'GET /api/documents/:id/report', 'GET /api/documents/:id/source', 'GET /api/documents/:id/xlsx']) {
      expect(PERMISSIONS[k], k).toBe('public');
    }
  });
});

/** the answer, comparable across ids: status, code and the message with the id blanked */
function answer(r: LightMyRequestResponse, id: string): string {
  let code = '';
  let message = '';
  try {
    const b = r.json() as { code?: string; message?: string };
    code = b.code ?? '';
    message = (b.message ?? '').split(id).join('<id>');
  } catch { /* not JSON */ }
  return `${r.statusCode} ${code} ${message}`.trim();
}

serverSuite('scope matrix (own / other organization / missing)', (app, store) => {
  const users = new Map<Role, number>();
  let otherUser = 0;
  /** plan ids and the other unit's org id */
  const plans = { own: 0, other: 0, otherUnit: 0 };
  /** an approved plan of each organization's unit, with a 1—6月 运行监控 report and a 绩效自评 each; the departments */
  const reports: Record<string, { own: number; other: number }> = { monitoring: { own: 0, other: 0 }, evaluation: { own: 0, other: 0 } };
  const departments = { own: 0, other: 0 };
  /** a job of each role's own account, and one of another account */
  const jobs = new Map<Role, string>();
  let otherJob = '';

  const sessionOf = async (userId: number): Promise<Record<string, string>> => {
    const { token, session } = await createSession(store().db, DEFAULT_AUTH, userId, '127.0.0.1');
    return { cookie: `jixiao_session=${token}`, 'x-csrf-token': session.csrfToken };
  };
  const headers = async (caller: Caller) => (caller === null ? {} : sessionOf(users.get(caller)!));
  const call = async (h: Record<string, string>, method: string, url: string, payload?: unknown) =>
    app().inject({ method: method as 'GET', url, headers: h, ...(payload === undefined ? {} : { payload: payload as object }) });

  /** a plan of the unit, with a complete version submitted for review (so the department's queue holds it) */
  const submittedPlan = async (h: Record<string, string>) => {
    const c = await call(h, 'POST', '/api/plans', { year: 2025, from: { kind: 'blank', name: GOOD.name } });
    expect(c.statusCode, c.body).toBe(201);
    const { id, versionId } = c.json() as { id: number; versionId: number };
    const s = await call(h, 'POST', `/api/plans/${id}/save`, { baseVersionId: versionId, content: GOOD });
    expect(s.statusCode, s.body).toBe(200);
    const sub = await call(h, 'POST', `/api/plans/${id}/submit`, { versionId: (s.json() as { versionId: number }).versionId });
    expect(sub.statusCode, sub.body).toBe(200);
    return id;
  };

  beforeAll(async () => {
    const s = store();
    for (const role of ROLES) users.set(role, (await createAccount(s, { role, org: OWN_ORG[role] })).user.id);
    plans.otherUnit = await orgPath(s, OTHER_UNIT);
    otherUser = (await createAccount(s, { role: 'unit', org: plans.otherUnit })).user.id;
    plans.own = await submittedPlan(await headers('unit'));
    plans.other = await submittedPlan(await sessionOf(otherUser));
    const at = new Date().toISOString();
    const job = async (createdBy: number) => {
      const id = randomUUID();
      await writeJob(s, { op: 'create', id, kind: 'import', runner: `scope-matrix ${process.pid} x`, createdBy, progress: QUEUED, at });
      await writeJob(s, { op: 'update', id, at, state: 'done', finished: true, result: [] });
      return id;
    };
    for (const role of ROLES) jobs.set(role, await job(users.get(role)!));
    otherJob = await job(otherUser);
    // reports need an approved plan: the unit submits, its department and finance approve
    departments.own = await orgPath(s, '矩阵部门甲');
    departments.other = await orgPath(s, '矩阵部门乙');
    const otherDepartment = await sessionOf((await createAccount(s, { role: 'department', org: departments.other })).user.id);
    for (const [t, unit, department] of [['own', await headers('unit'), await headers('department')], ['other', await sessionOf(otherUser), otherDepartment]] as const) {
      const planId = await submittedPlan(unit);
      const versionId = await currentVersion(s, planId);
      for (const h of [department, await headers('finance')]) {
        const a = await call(h, 'POST', `/api/plans/${planId}/approve`, { versionId });
        expect(a.statusCode, a.body).toBe(200);
      }
      for (const [kind, base, period] of [['monitoring', '/api/monitoring', { month: 6 }], ['evaluation', '/api/evaluations', {}]] as const) {
        const c = await call(unit, 'POST', base, { planId, year: 2025, ...period });
        expect(c.statusCode, c.body).toBe(201);
        reports[kind]![t] = (c.json() as { id: number }).id;
      }
    }
  }, 120_000);

  const currentVersion = async (s: Store, planId: number) =>
    Number((await planDb(s.db).selectFrom('plans').select('current_version_id').where('id', '=', planId).executeTakeFirstOrThrow()).current_version_id);

  /** a report's revision and input as stored (a missing one: those of `fallback`) */
  const storedReport = async (resource: Resource, id: number, fallback: number) => {
    const table = resource === MONITORING ? 'monitoring_reports' : 'evaluations';
    const db = monitoringDb(store().db);
    const row = await db.selectFrom(table).select(['revision', 'input']).where('id', '=', id).executeTakeFirst()
      ?? await db.selectFrom(table).select(['revision', 'input']).where('id', '=', fallback).executeTakeFirstOrThrow();
    return { revision: Number(row.revision), input: JSON.parse(row.input) as unknown };
  };

  /** the request a route is called with: the id, and a body / query the route accepts (ids from `bodyOf`) */
  const request = async (resource: Resource, path: string, method: string, id: string, bodyOf: number): Promise<{ url: string; payload?: unknown }> => {
    const url = path.replace(':id', id);
    if (resource === JOB) return { url };
    if (resource === DEPARTMENT) return { url: `${url}?year=2025` };
    if (REPORTS.includes(resource)) {
      if (method === 'GET') return { url };
      const action = /\/:id\/(\w+)$/.exec(path)?.[1];
      const { revision, input } = await storedReport(resource, Number(id), bodyOf);
      // a file that is no workbook: the report's own unit gets 422 template-invalid, never a 404 or a 400
      if (action === 'upload') return { url: `${url}?revision=${revision}`, payload: form([{ name: '运行监控表.xlsx', content: 'not a workbook' }]) };
      const bodies: Record<string, unknown> = { save: { revision, input }, submit: { revision }, approve: { revision, comment: '同意' }, return: { revision, comment: '请补充' } };
      return { url, payload: bodies[action ?? ''] ?? {} };
    }
    const action = /\/:id\/(\w+)$/.exec(path)?.[1];
    if (action === 'diff') return { url: `${url}?a=1&b=1` };
    if (method === 'GET') return { url };
    const v = await currentVersion(store(), bodyOf);
    const bodies: Record<string, unknown> = {
      save: { baseVersionId: v, content: GOOD },
      submit: { versionId: v }, approve: { versionId: v, comment: '同意' }, return: { versionId: v, comment: '请补充' }, publish: { versionId: v },
      adjust: { comment: '调整' },
      comments: { body: '请核对' },
    };
    // a route with no body here sends {}: an allowed caller then does not get the 404 below, and this fails
    return { url, payload: bodies[action ?? ''] ?? {} };
  };

  // the lists and the copy first: the object routes below move the plans through their states
  it('the scoped lists (我的项目, 待我审核) never hold another organization\'s plan', async () => {
    const lists = entries.filter((r) => r.method === 'GET' && PLAN.lists!.test(r.path));
    expect(lists.map((r) => r.key).sort()).toEqual(['GET /api/plans', 'GET /api/plans/queue']);
    const wrong: string[] = [];
    for (const r of lists) {
      for (const caller of [null, ...ROLES] as const) {
        const res = await call(await headers(caller), 'GET', r.path);
        if (!allowed(r.access, caller)) {
          if (res.statusCode !== (caller === null ? 401 : 403)) wrong.push(`${r.key} as ${caller ?? 'anonymous'}: ${res.statusCode}`);
          continue;
        }
        expect(res.statusCode, res.body).toBe(200);
        const ids = (res.json() as { items: { id: number }[] }).items.map((i) => i.id);
        if (!PLAN.seesOthers[caller!] && ids.includes(plans.other)) wrong.push(`${r.key} as ${caller}: holds the other organization's plan`);
        if (r.path === '/api/plans' && !ids.includes(plans.own)) wrong.push(`${r.key} as ${caller}: misses its own organization's plan`);
        if (r.path === '/api/plans' && PLAN.seesOthers[caller!] && !ids.includes(plans.other)) wrong.push(`${r.key} as ${caller}: misses a plan it may see`);
      }
    }
    // the department's queue holds its unit's submitted plan and not the other department's
    const queue = (await call(await headers('department'), 'GET', '/api/plans/queue')).json() as { items: { id: number }[] };
    expect(queue.items.map((i) => i.id)).toContain(plans.own);
    expect(queue.items.map((i) => i.id)).not.toContain(plans.other);
    // filtering by the other unit does not reach into it
    const filtered = (await call(await headers('department'), 'GET', `/api/plans?unit=${plans.otherUnit}`)).json() as { total: number };
    expect(filtered.total).toBe(0);
    expect(wrong).toEqual([]);
  }, 120_000);

  it('the report lists and the department summaries never hold another organization\'s report', async () => {
    const lists = entries.filter((r) => r.method === 'GET' && REPORTS.some((x) => x.lists!.test(r.path)));
    expect(lists.map((r) => r.key).sort()).toEqual(['GET /api/evaluations', 'GET /api/monitoring']);
    const wrong: string[] = [];
    for (const caller of [null, ...ROLES] as const) {
      for (const r of lists) {
        const resource = REPORTS.find((x) => x.lists!.test(r.path))!;
        const res = await call(await headers(caller), 'GET', r.path);
        if (!allowed(r.access, caller)) {
          if (res.statusCode !== (caller === null ? 401 : 403)) wrong.push(`${r.key} as ${caller ?? 'anonymous'}: ${res.statusCode}`);
          continue;
        }
        expect(res.statusCode, res.body).toBe(200);
        const ids = (res.json() as { id: number }[]).map((i) => i.id);
        const { own, other } = reports[resource.name]!;
        if (!ids.includes(own)) wrong.push(`${r.key} as ${caller}: misses its own organization's report`);
        if (ids.includes(other) !== resource.seesOthers[caller!]) wrong.push(`${r.key} as ${caller}: ${ids.includes(other) ? 'holds' : 'misses'} the other organization's report`);
      }
      // the summary by department: the other department only for those who see every organization
      const sum = await call(await headers(caller), 'GET', '/api/evaluations/summary?year=2025');
      if (caller === null) { expect(sum.statusCode).toBe(401); continue; }
      const names = (sum.json() as { departments: { id: number | null; name: string }[] }).departments;
      if (!names.some((d) => d.id === departments.own)) wrong.push(`summary as ${caller}: misses its own department`);
      if (names.some((d) => d.id === departments.other) !== PLAN.seesOthers[caller]) wrong.push(`summary as ${caller}: other department ${PLAN.seesOthers[caller] ? 'missing' : 'shown'}`);
    }
    expect(wrong).toEqual([]);
  }, 120_000);

  it('copying another organization\'s plan answers as copying a missing one', async () => {
    const h = await headers('unit');
    const other = await call(h, 'POST', '/api/plans', { year: 2026, from: { kind: 'plan', planId: plans.other } });
    const missing = await call(h, 'POST', '/api/plans', { year: 2026, from: { kind: 'plan', planId: 999999 } });
    expect(answer(other, String(plans.other))).toBe(answer(missing, '999999'));
    expect(other.statusCode).toBe(404);
  });

  for (const via of ['every role', 'anonymous'] as const) {
    it(`${via} × every object route × own / other / missing: other's object answers exactly as a missing one when not visible`, async () => {
      const wrong: string[] = [];
      const callers: readonly Caller[] = via === 'anonymous' ? [null] : ROLES;
      for (const r of objectRoutes) {
        const resource = RESOURCES.find((x) => x.routes.test(r.path));
        if (!resource) continue; // admin-only: the role matrix (permissions.test.ts) covers it
        for (const caller of callers) {
          const got = {} as Record<Target, string>;
          const report = reports[resource.name];
          const ids: Record<Target, string> = resource === JOB
            ? { own: caller === null ? jobs.get('unit')! : jobs.get(caller)!, other: otherJob, missing: randomUUID() }
            : resource === DEPARTMENT ? { own: String(departments.own), other: String(departments.other), missing: '999999' }
              : report ? { own: String(report.own), other: String(report.other), missing: '999999' }
                : { own: String(plans.own), other: String(plans.other), missing: '999999' };
          for (const t of TARGETS) {
            const req = await request(resource, r.path, r.method, ids[t], report ? report.own : t === 'own' ? plans.own : plans.other);
            got[t] = answer(await call(await headers(caller), r.method, req.url, req.payload), ids[t]);
          }
          const where = `${r.key} as ${caller ?? 'anonymous'}`;
          const notFound = (a: string) => a.startsWith(`${resource.notFound.status} ${resource.notFound.code} `);
          if (!allowed(r.access as Access, caller)) {
            const want = caller === null ? '401 unauthenticated' : '403 forbidden';
            for (const t of TARGETS) if (!got[t].startsWith(want)) wrong.push(`${where} (${t}): expected ${want}, got ${got[t]}`);
          } else {
            if (!notFound(got.missing)) wrong.push(`${where} (missing): expected ${resource.notFound.status} ${resource.notFound.code}, got ${got.missing}`);
            if (notFound(got.own)) wrong.push(`${where} (own): its own object is not found: ${got.own}`);
            // the request itself is well formed, so the answers come from the object, not from validation
            if (got.own.startsWith('400 ')) wrong.push(`${where} (own): the request is refused as malformed, give the route a body here: ${got.own}`);
            if (process.env.SCOPE_MATRIX_PRINT) console.log(where, got);
            if (caller !== null && resource.seesOthers[caller]) {
              if (notFound(got.other)) wrong.push(`${where} (other): sees every organization, yet not found: ${got.other}`);
              continue;
            }
          }
          // the point: another organization's object and no object at all are indistinguishable
          if (got.other !== got.missing && !(caller !== null && resource.seesOthers[caller])) wrong.push(`${where}: other ≠ missing: "${got.other}" vs "${got.missing}"`);
        }
      }
      expect(wrong).toEqual([]);
    }, 300_000);
  }
});
