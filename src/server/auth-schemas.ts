// Request and response schemas of the account routes (/api/auth/*, /api/admin/*). No response schema
// has a field for a password or its hash: a serializer cannot send what the schema does not hold.
import { z } from 'zod';
import { ROLES } from '../auth/roles.js';

// the kinds of src/store/orgs.ts (ORG_KINDS), spelled out so the web app can import these schemas' types alone
const ORG_KINDS = ['finance', 'department', 'unit'] as const;

export const roleSchema = z.enum(ROLES).describe('角色：admin 系统管理员、finance 财政审核、department 部门审核、unit 单位填报、viewer 查阅');
export const orgSchema = z.object({
  id: z.number().int(), name: z.string(), kind: z.enum(ORG_KINDS), parentId: z.number().int().nullable(),
}).meta({ id: 'Org' });

export const userSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  role: roleSchema,
  roleLabel: z.string(),
  org: orgSchema.nullable(),
  mustChangePassword: z.boolean(),
  disabled: z.boolean(),
  demo: z.boolean().describe('演示账户'),
  lockedUntil: z.string().nullable().describe('多次登录失败后锁定到此时（UTC）'),
  createdAt: z.string(),
}).meta({ id: 'User' });

const username = z.string().trim().min(1).max(64);
const password = z.string().min(1).max(200);

export const loginBody = z.strictObject({ username, password });
export const loginResponse = z.object({
  user: userSchema,
  csrfToken: z.string().describe('之后每个修改数据的请求都要在请求头 x-csrf-token 中带上'),
  mustChangePassword: z.boolean(),
});

export const meResponse = z.object({
  user: userSchema.nullable().describe('未登录时为 null'),
  csrfToken: z.string().nullable(),
  mustChangePassword: z.boolean(),
  via: z.enum(['session', 'token']).nullable(),
});

export const passwordBody = z.strictObject({ currentPassword: password, newPassword: password });
export const okResponse = z.object({ ok: z.literal(true) });

// ---------------------------------------------------------------------------------------------------
// /api/admin: accounts, organizations, tokens, the audit log

const orgId = z.number().int().positive();
export const newPassword = z.string().min(1).max(200).optional().describe('初始密码；不填则由系统生成并只返回这一次');

export const usersResponse = z.array(userSchema);
export const createUserBody = z.strictObject({
  username: z.string().trim().min(2).max(64),
  role: roleSchema,
  orgId: orgId.nullable().optional().describe('所属组织；系统管理员可不填'),
  password: newPassword,
});
export const createdUserResponse = z.object({
  user: userSchema,
  initialPassword: z.string().nullable().describe('系统生成的初始密码（只显示这一次，首次登录须修改）；自己设定时为 null'),
});
export const patchUserBody = z.strictObject({
  role: roleSchema.optional(),
  orgId: orgId.nullable().optional(),
  disabled: z.boolean().optional(),
}).refine((b) => Object.keys(b).length > 0, { error: '至少要修改一项：role、orgId 或 disabled' });
export const resetPasswordBody = z.strictObject({ password: newPassword });
export const resetPasswordResponse = z.object({ initialPassword: z.string().nullable() });

export const orgsResponse = z.object({
  orgs: z.array(orgSchema),
  aliases: z.array(z.object({ name: z.string(), orgId: z.number().int() })).describe('合并后保留的旧名称：导入的表写旧名称时归入此组织'),
});
export const createOrgBody = z.strictObject({ name: z.string().trim().min(1).max(200), kind: z.enum(['department', 'unit']), parentId: orgId });
export const patchOrgBody = z.strictObject({ name: z.string().trim().min(1).max(200).optional(), parentId: orgId.optional() })
  .refine((b) => b.name !== undefined || b.parentId !== undefined, { error: '至少要修改一项：name 或 parentId' });
export const mergeOrgBody = z.strictObject({ into: orgId.describe('保留的组织') });
export const mergeOrgResponse = z.object({ into: orgSchema, moved: z.record(z.string(), z.number().int()) });

export const tokenSchema = z.object({
  id: z.number().int(), userId: z.number().int(), username: z.string(), name: z.string(), role: roleSchema, orgId: z.number().int().nullable(),
  createdAt: z.string(), revokedAt: z.string().nullable(), lastUsedAt: z.string().nullable(),
}).meta({ id: 'ApiToken' });
export const tokensResponse = z.array(tokenSchema);
export const createTokenBody = z.strictObject({
  userId: z.number().int().positive().describe('令牌代表的账户'),
  name: z.string().trim().min(1).max(100).describe('用途，如“夜间导入脚本”'),
  role: roleSchema.optional().describe('令牌的角色（默认账户的角色）'),
  orgId: orgId.nullable().optional().describe('令牌的组织（默认账户的组织）'),
});
export const createdTokenResponse = z.object({ token: z.string().describe('令牌本身：只显示这一次'), info: tokenSchema });

const iso = z.string().trim().max(40).refine((s) => !Number.isNaN(Date.parse(s)), { error: '应为日期或时间，如 2026-12-01 或 2026-12-01T08:00:00Z' });
export const auditQuery = z.strictObject({
  actor: z.string().trim().min(1).max(64).optional().describe('操作者用户名'),
  action: z.string().trim().min(1).max(64).optional().describe('操作，如 auth.login；auth 匹配 auth.*'),
  targetType: z.string().trim().min(1).max(40).optional(),
  targetId: z.string().trim().min(1).max(80).optional(),
  from: iso.optional().describe('起始时间（含）'),
  to: iso.optional().describe('截止时间（不含）'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export const auditExportQuery = auditQuery.omit({ limit: true, offset: true }).extend({ format: z.enum(['csv', 'json']).default('csv') });
export const auditEntrySchema = z.object({
  id: z.number().int(), at: z.string(), actorId: z.number().int().nullable(), actorName: z.string().nullable(), ip: z.string().nullable(),
  action: z.string(), targetType: z.string().nullable(), targetId: z.string().nullable(), summary: z.string(), detail: z.unknown(),
}).meta({ id: 'AuditEntry' });
export const auditResponse = z.object({ total: z.number().int(), items: z.array(auditEntrySchema) });
