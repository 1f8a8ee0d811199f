// /api/admin: accounts (账户), organizations (组织), API tokens and the audit log (审计日志). Who may call
// each is in permissions.ts (accounts, organizations and tokens: admin; the audit log: admin and
// finance). Every change is audited with a diff; the audit log has no route that edits or deletes it.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { audit, diffOf, listAudit, type AuditQuery } from '../auth/audit.js';
import { generatePassword, passwordProblem } from '../auth/password.js';
import { endUserSessions } from '../auth/sessions.js';
import { createToken, listTokens, revokeToken } from '../auth/tokens.js';
import { AccountError, auditView, createUser, listUsers, setPassword, updateUser, userRow } from '../auth/users.js';
import { ROLE_LABELS } from '../auth/roles.js';
import { csvCell } from '../model/csv.js';
import type { Store } from '../store/index.js';
import { OrgError, addOrg, changeOrg, getOrg, listAliases, listOrgs, mergeOrgs } from '../store/orgs.js';
import { HttpError } from './errors.js';
import * as a from './auth-schemas.js';
import { errorResponse, idParams } from './schemas.js';
import { z, z as zod } from 'zod';

const errors = { '4xx': errorResponse, '5xx': errorResponse };
/** the most rows one export holds */
export const AUDIT_EXPORT_LIMIT = 100_000;

function domainError(e: unknown): never {
  if (e instanceof AccountError || e instanceof OrgError) {
    throw new HttpError(e.code === 'not-found' ? 404 : e.code === 'exists' ? 409 : 400, e.code, e.message);
  }
  throw e;
}

/** a time from the query as stored (ISO UTC): `2026-12-01` is that day's start, UTC */
const isoTime = (s: string | undefined) => (s === undefined ? undefined : new Date(s).toISOString());

/** a CSV cell a spreadsheet will not run: text beginning with = + - @ is prefixed with ' */
const safeCell = (v: string | number | null) => csvCell(typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

export function adminRoutes(app: FastifyInstance, store: Store): void {
  const api = app.withTypeProvider<ZodTypeProvider>();
  const db = store.db;
  const who = (req: FastifyRequest) => ({ actor: req.principal, ip: req.ip ?? null });

  // ------------------------------------------------------------------------------------------ accounts
  api.get('/api/admin/users', {
    schema: { summary: '账户列表', tags: ['账户'], response: { 200: a.usersResponse, ...errors } },
  }, async () => listUsers(db));

  api.post('/api/admin/users', {
    schema: { summary: '新建账户（首次登录须修改密码）', tags: ['账户'], body: a.createUserBody, response: { 200: a.createdUserResponse, ...errors } },
  }, async (req) => {
    const b = req.body;
    const generated = b.password === undefined ? generatePassword() : null;
    const password = b.password ?? generated!;
    const problem = generated ? null : passwordProblem(password, b.username);
    if (problem) throw new HttpError(400, 'weak-password', problem, [{ field: 'password', message: problem }]);
    if (b.role !== 'admin' && (b.orgId ?? null) === null) throw new HttpError(400, 'invalid', `“${ROLE_LABELS[b.role]}”账户须指定所属组织`);
    const user = await createUser(db, { username: b.username, password, role: b.role, orgId: b.orgId ?? null, mustChangePassword: true }).catch(domainError);
    await audit(db, { ...who(req), action: 'user.create', target: { type: 'user', id: user.id }, summary: `新建账户 ${user.username}（${user.roleLabel}${user.org ? `，${user.org.name}` : ''}）`, detail: { diff: diffOf({}, auditView(user)) } });
    return { user, initialPassword: generated };
  });

  api.patch('/api/admin/users/:id', {
    schema: { summary: '修改账户的角色、组织或停用/启用；其会话随之结束', tags: ['账户'], params: idParams, body: a.patchUserBody, response: { 200: a.userSchema, ...errors } },
  }, async (req) => {
    const id = req.params.id;
    if (id === req.principal!.userId && (req.body.disabled === true || (req.body.role !== undefined && req.body.role !== 'admin'))) {
      throw new HttpError(400, 'invalid', '不能停用自己或取消自己的系统管理员角色（请由另一位管理员操作）');
    }
    const r = await updateUser(db, id, req.body).catch(domainError);
    if (!r) throw new HttpError(404, 'not-found', `没有编号为 ${id} 的账户`);
    const diff = diffOf(auditView(r.before), auditView(r.after));
    // a changed role, organization or a disabled account takes effect at once: its sessions end
    if (Object.keys(diff).length) await endUserSessions(db, id);
    const what = req.body.disabled === true ? '停用' : req.body.disabled === false ? '启用' : '修改';
    await audit(db, { ...who(req), action: req.body.disabled === true ? 'user.disable' : req.body.disabled === false ? 'user.enable' : 'user.update', target: { type: 'user', id }, summary: `${what}账户 ${r.after.username}`, detail: { diff } });
    return r.after;
  });

  api.post('/api/admin/users/:id/password', {
    schema: { summary: '重置账户密码（解除锁定；下次登录须修改）', tags: ['账户'], params: idParams, body: a.resetPasswordBody, response: { 200: a.resetPasswordResponse, ...errors } },
  }, async (req) => {
    const row = await userRow(db, { id: req.params.id });
    if (!row) throw new HttpError(404, 'not-found', `没有编号为 ${req.params.id} 的账户`);
    const generated = req.body.password === undefined ? generatePassword() : null;
    const password = req.body.password ?? generated!;
    const problem = generated ? null : passwordProblem(password, row.username);
    if (problem) throw new HttpError(400, 'weak-password', problem, [{ field: 'password', message: problem }]);
    await setPassword(db, row.id, password, true);
    await endUserSessions(db, row.id);
    await audit(db, { ...who(req), action: 'user.reset-password', target: { type: 'user', id: row.id }, summary: `重置账户 ${row.username} 的密码` });
    return { initialPassword: generated };
  });

  // ------------------------------------------------------------------------------------- organizations
  api.get('/api/admin/orgs', {
    schema: { summary: '组织树（财政局 → 部门 → 单位）与合并留下的别名', tags: ['账户'], response: { 200: a.orgsResponse, ...errors } },
  }, async () => ({ orgs: await listOrgs(db), aliases: await listAliases(db) }));

  api.post('/api/admin/orgs', {
    schema: { summary: '添加组织', tags: ['账户'], body: a.createOrgBody, response: { 200: a.orgSchema, ...errors } },
  }, async (req) => {
    const org = await addOrg(db, req.body.name, req.body.kind, req.body.parentId).catch(domainError);
    await audit(db, { ...who(req), action: 'org.create', target: { type: 'org', id: org.id }, summary: `添加组织 ${org.name}`, detail: { diff: diffOf({}, { name: org.name, kind: org.kind, parentId: org.parentId }) } });
    return org;
  });

  api.patch('/api/admin/orgs/:id', {
    schema: { summary: '重命名或移动组织', tags: ['账户'], params: idParams, body: a.patchOrgBody, response: { 200: a.orgSchema, ...errors } },
  }, async (req) => {
    const r = await changeOrg(db, req.params.id, req.body).catch(domainError);
    const diff = diffOf({ name: r.before.name, parentId: r.before.parentId }, { name: r.after.name, parentId: r.after.parentId });
    await audit(db, { ...who(req), action: 'org.update', target: { type: 'org', id: r.after.id }, summary: r.before.name === r.after.name ? `移动组织 ${r.after.name}` : `组织 ${r.before.name} 改名为 ${r.after.name}`, detail: { diff } });
    return r.after;
  });

  api.post('/api/admin/orgs/:id/merge', {
    schema: { summary: '把重复的组织合并到另一个：账户、下级组织等随之转移，旧名称留作别名', tags: ['账户'], params: idParams, body: a.mergeOrgBody, response: { 200: a.mergeOrgResponse, ...errors } },
  }, async (req) => {
    const r = await mergeOrgs(db, req.params.id, req.body.into).catch(domainError);
    await audit(db, { ...who(req), action: 'org.merge', target: { type: 'org', id: r.into.id }, summary: `组织 ${r.from.name} 合并到 ${r.into.name}（旧名称留作别名）`, detail: { from: r.from, into: r.into, moved: r.moved } });
    return { into: r.into, moved: r.moved };
  });

  // ------------------------------------------------------------------------------------------ tokens
  api.get('/api/admin/tokens', {
    schema: { summary: 'API 令牌列表（不含令牌本身）', tags: ['账户'], response: { 200: a.tokensResponse, ...errors } },
  }, async () => listTokens(db));

  api.post('/api/admin/tokens', {
    schema: { summary: '为账户创建 API 令牌（令牌只显示这一次）', tags: ['账户'], body: a.createTokenBody, response: { 200: a.createdTokenResponse, ...errors } },
  }, async (req) => {
    const owner = await userRow(db, { id: req.body.userId });
    if (!owner) throw new HttpError(404, 'not-found', `没有编号为 ${req.body.userId} 的账户`);
    if (owner.disabled === 1) throw new HttpError(400, 'invalid', `账户 ${owner.username} 已停用，不能为其创建令牌`);
    const orgIdValue = req.body.orgId === undefined ? owner.org_id : req.body.orgId;
    if (orgIdValue !== null && !(await getOrg(db, orgIdValue))) throw new HttpError(404, 'not-found', `没有编号为 ${orgIdValue} 的组织`);
    const r = await createToken(db, { userId: owner.id, name: req.body.name, role: req.body.role ?? (owner.role as z.output<typeof a.roleSchema>), orgId: orgIdValue });
    await audit(db, { ...who(req), action: 'token.create', target: { type: 'token', id: r.info.id }, summary: `为 ${owner.username} 创建 API 令牌“${r.info.name}”（${ROLE_LABELS[r.info.role]}）` });
    return r;
  });

  api.post('/api/admin/tokens/:id/revoke', {
    schema: { summary: '撤销 API 令牌（立即失效）', tags: ['账户'], params: idParams, response: { 200: a.tokenSchema, ...errors } },
  }, async (req) => {
    const [t] = await listTokens(db, { id: req.params.id });
    if (!t) throw new HttpError(404, 'not-found', `没有编号为 ${req.params.id} 的令牌`);
    if (!(await revokeToken(db, t.id))) throw new HttpError(409, 'already-revoked', `令牌“${t.name}”已于 ${t.revokedAt} 撤销`);
    await audit(db, { ...who(req), action: 'token.revoke', target: { type: 'token', id: t.id }, summary: `撤销 ${t.username} 的 API 令牌“${t.name}”` });
    return (await listTokens(db, { id: t.id }))[0]!;
  });

  // ---------------------------------------------------------------------------------------- audit log
  const auditFilter = (q: z.output<typeof a.auditExportQuery> | z.output<typeof a.auditQuery>): AuditQuery => ({
    actor: q.actor, action: q.action, targetType: q.targetType, targetId: q.targetId, from: isoTime(q.from), to: isoTime(q.to),
  });

  api.get('/api/admin/audit', {
    schema: { summary: '审计日志：按操作者、操作、对象、时间筛选（新的在前）', tags: ['账户'], querystring: a.auditQuery, response: { 200: a.auditResponse, ...errors } },
  }, async (req, reply) => {
    void reply.header('cache-control', 'no-store');
    return listAudit(db, { ...auditFilter(req.query), limit: req.query.limit, offset: req.query.offset });
  });

  api.get('/api/admin/audit/export', {
    schema: {
      summary: `导出审计日志（CSV 或 JSON，筛选同上，至多 ${AUDIT_EXPORT_LIMIT} 条）`, tags: ['账户'], querystring: a.auditExportQuery,
      produces: ['text/csv', 'application/json'],
      response: { 200: { description: '审计日志', content: { 'text/csv': { schema: zod.string() }, 'application/json': { schema: zod.array(a.auditEntrySchema) } } }, ...errors },
    },
  }, async (req, reply) => {
    const { items } = await listAudit(db, { ...auditFilter(req.query), limit: AUDIT_EXPORT_LIMIT, offset: 0 });
    await audit(db, { ...who(req), action: 'audit.export', target: null, summary: `导出审计日志 ${items.length} 条（${req.query.format.toUpperCase()}）`, detail: { filters: auditFilter(req.query) } });
    const stamp = new Date().toISOString().slice(0, 10);
    void reply.header('cache-control', 'no-store');
    if (req.query.format === 'json') {
      return reply.type('application/json; charset=utf-8').header('content-disposition', `attachment; filename="audit-${stamp}.json"`).send(JSON.stringify(items, null, 1) as never);
    }
    const head = ['编号', '时间', '操作者', '地址', '操作', '对象类型', '对象编号', '摘要', '详情'];
    const lines = [head.join(','), ...items.map((e) => [e.id, e.at, e.actorName, e.ip, e.action, e.targetType, e.targetId, e.summary, e.detail === null ? null : JSON.stringify(e.detail)].map(safeCell).join(','))];
    // a BOM, so that Excel opens the Chinese as UTF-8
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="audit-${stamp}.csv"`).send(`\uFEFF${lines.join('\r\n')}\r\n` as never);
  });
}
