// Request and response schemas of the account routes (/api/auth/*, /api/admin/*). No response schema
// has a field for a password or its hash: a serializer cannot send what the schema does not hold.
import { z } from 'zod';
import { ROLES } from '../auth/roles.js';
import { ORG_KINDS } from '../auth/orgs.js';

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
