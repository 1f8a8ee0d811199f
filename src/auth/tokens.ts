// API tokens for scripts: `Authorization: Bearer jx_…`. Random (256 bits), shown once, stored as sha256,
// revocable, and scoped: a token acts with its own role and organization (never more than its owner's
// when it was made), not its owner's current ones.
import type { Kysely } from 'kysely';
import type { Database } from '../store/index.js';
import type { Role } from './roles.js';
import { nowIso, randomToken, sha256 } from './secrets.js';
import { isRole } from './users.js';

type Db = Kysely<Database>;

export const TOKEN_PREFIX = 'jx_';

export interface TokenInfo {
  readonly id: number;
  readonly userId: number;
  readonly username: string;
  readonly name: string;
  readonly role: Role;
  readonly orgId: number | null;
  readonly createdAt: string;
  readonly revokedAt: string | null;
  readonly lastUsedAt: string | null;
}

export async function createToken(db: Db, o: { userId: number; name: string; role: Role; orgId: number | null }): Promise<{ token: string; info: TokenInfo }> {
  const token = TOKEN_PREFIX + randomToken();
  const r = await db.insertInto('api_tokens').values({
    user_id: o.userId, name: o.name, token_hash: sha256(token), role: o.role, org_id: o.orgId, created_at: nowIso(),
  }).returning('id').executeTakeFirstOrThrow();
  const info = (await listTokens(db, { id: Number(r.id) }))[0]!;
  return { token, info };
}

export async function listTokens(db: Db, by: { userId?: number; id?: number } = {}): Promise<TokenInfo[]> {
  let q = db.selectFrom('api_tokens').innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id', 'api_tokens.user_id', 'users.username', 'api_tokens.name', 'api_tokens.role', 'api_tokens.org_id', 'api_tokens.created_at', 'api_tokens.revoked_at', 'api_tokens.last_used_at']);
  if (by.userId !== undefined) q = q.where('api_tokens.user_id', '=', by.userId);
  if (by.id !== undefined) q = q.where('api_tokens.id', '=', by.id);
  return (await q.orderBy('api_tokens.id').execute()).map((r) => ({
    id: Number(r.id), userId: Number(r.user_id), username: r.username, name: r.name, role: isRole(r.role) ? r.role : 'viewer',
    orgId: r.org_id === null ? null : Number(r.org_id), createdAt: r.created_at, revokedAt: r.revoked_at, lastUsedAt: r.last_used_at,
  }));
}

/** revokes a token; false when there is none of that id or it was already revoked */
export async function revokeToken(db: Db, id: number): Promise<boolean> {
  const r = await db.updateTable('api_tokens').set({ revoked_at: nowIso() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** the live token a bearer secret names (not revoked, its owner not disabled), or null; notes when it was used */
export async function findToken(db: Db, secret: string): Promise<TokenInfo | null> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
  const r = await db.selectFrom('api_tokens').innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id', 'api_tokens.last_used_at']).where('token_hash', '=', sha256(secret))
    .where('revoked_at', 'is', null).where('users.disabled', '=', 0).executeTakeFirst();
  if (!r) return null;
  const now = new Date();
  if (!r.last_used_at || r.last_used_at < nowIso(new Date(now.getTime() - 60_000))) {
    await db.updateTable('api_tokens').set({ last_used_at: nowIso(now) }).where('id', '=', Number(r.id)).execute();
  }
  return (await listTokens(db, { id: Number(r.id) }))[0] ?? null;
}
