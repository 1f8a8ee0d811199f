// Scope by organization: an account sees its organization and everything under it; admin and finance
// see everything. The tree itself (and matching imported tables to it) is src/store/orgs.ts.
import type { Kysely } from 'kysely';
import type { Database, Store } from '../store/index.js';
import { listOrgs, type Org } from '../store/orgs.js';
import type { Principal } from './roles.js';

export {
  ORG_KINDS, ORG_KIND_LABELS, ORG_REFERENCES, OrgError, orgKey, listOrgs, getOrg, rootOrg, findOrg, upsertOrg, matchImportedOrgs, addOrg, changeOrg, mergeOrgs, listAliases,
  type Org, type OrgKind,
} from '../store/orgs.js';

type Db = Kysely<Database>;

/** `id` and every organization below it */
export function subtree(orgs: readonly Org[], id: number): Set<number> {
  const children = new Map<number, number[]>();
  for (const o of orgs) if (o.parentId !== null) children.set(o.parentId, [...(children.get(o.parentId) ?? []), o.id]);
  const out = new Set<number>([id]);
  const stack = [id];
  while (stack.length) for (const c of children.get(stack.pop()!) ?? []) if (!out.has(c)) { out.add(c); stack.push(c); }
  return out;
}

/** what a caller may see: 'all', or the ids of its organization's subtree */
export type OrgScope = 'all' | ReadonlySet<number>;

/**
 * The organizations a principal's scope covers: admin and finance everything; a department, unit or
 * viewer its own organization and its subtree (a viewer of the 财政局 root sees everything); an account
 * without an organization nothing.
 */
export async function scopeOrgIds(store: Store | { db: Db }, principal: Principal): Promise<OrgScope> {
  if (principal.role === 'admin' || principal.role === 'finance') return 'all';
  if (principal.orgId === null) return new Set();
  return subtree(await listOrgs(store.db), principal.orgId);
}

/** whether an organization lies within a principal's scope */
export async function inScope(store: Store | { db: Db }, principal: Principal, orgId: number | null): Promise<boolean> {
  const scope = await scopeOrgIds(store, principal);
  return scope === 'all' || (orgId !== null && scope.has(orgId));
}

/** the same, against a scope already computed (lists: compute once, test every row) */
export const withinScope = (scope: OrgScope, orgId: number | null): boolean => scope === 'all' || (orgId !== null && scope.has(orgId));

