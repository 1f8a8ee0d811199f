// The organization tree in the store: 财政局 (the root, kind finance) → 部门 (department) → 单位 (unit).
// Imported tables are matched to organizations by normalized name (spaces removed) or by an alias left
// by a merge; an import creates the department and units it names when they are new (matchImportedOrgs,
// called in the import's own transaction). Who may see what is decided in src/auth/orgs.ts.
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { ROOT_ORG_NAME } from './accounts-schema.js';

export const ORG_KINDS = ['finance', 'department', 'unit'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const ORG_KIND_LABELS: Readonly<Record<OrgKind, string>> = { finance: '财政局', department: '部门', unit: '单位' };

export interface Org {
  readonly id: number;
  readonly name: string;
  readonly kind: OrgKind;
  readonly parentId: number | null;
}

type Db = Kysely<Database>;
const nowIso = () => new Date().toISOString();

/** the name an organization is matched by: no whitespace of any kind, full-width brackets as half-width */
export const orgKey = (name: string): string =>
  name.normalize('NFKC').replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');

const toOrg = (r: { id: number; name: string; kind: string; parent_id: number | null }): Org =>
  ({ id: Number(r.id), name: r.name, kind: r.kind as OrgKind, parentId: r.parent_id === null ? null : Number(r.parent_id) });

export async function listOrgs(db: Db): Promise<Org[]> {
  return (await db.selectFrom('orgs').select(['id', 'name', 'kind', 'parent_id']).orderBy('id').execute()).map(toOrg);
}

export async function getOrg(db: Db, id: number): Promise<Org | null> {
  const r = await db.selectFrom('orgs').select(['id', 'name', 'kind', 'parent_id']).where('id', '=', id).executeTakeFirst();
  return r ? toOrg(r) : null;
}

export async function rootOrg(db: Db): Promise<Org> {
  const r = await db.selectFrom('orgs').select(['id', 'name', 'kind', 'parent_id']).where('parent_id', 'is', null).orderBy('id').executeTakeFirst();
  if (r) return toOrg(r);
  const id = await db.insertInto('orgs').values({ name: ROOT_ORG_NAME, kind: 'finance', parent_id: null, name_key: orgKey(ROOT_ORG_NAME), created_at: nowIso() }).returning('id').executeTakeFirstOrThrow();
  return { id: Number(id.id), name: ROOT_ORG_NAME, kind: 'finance', parentId: null };
}

/** an organization found by its name (or an alias) under a parent, any parent when parentId is undefined */
export async function findOrg(db: Db, name: string, parentId?: number | null): Promise<Org | null> {
  const key = orgKey(name);
  let q = db.selectFrom('orgs').select(['id', 'name', 'kind', 'parent_id']).where('name_key', '=', key);
  if (parentId !== undefined) q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
  const direct = await q.orderBy('id').executeTakeFirst();
  if (direct) return toOrg(direct);
  const alias = await db.selectFrom('org_aliases').innerJoin('orgs', 'orgs.id', 'org_aliases.org_id')
    .select(['orgs.id', 'orgs.name', 'orgs.kind', 'orgs.parent_id']).where('org_aliases.name_key', '=', key).executeTakeFirst();
  if (alias && (parentId === undefined || (alias.parent_id === null ? parentId === null : Number(alias.parent_id) === parentId))) return toOrg(alias);
  return null;
}

/** the organization of this name under the parent, created when there is none; `created` says which */
export async function upsertOrg(db: Db, name: string, kind: OrgKind, parentId: number): Promise<{ org: Org; created: boolean }> {
  const found = await findOrg(db, name, parentId);
  if (found) return { org: found, created: false };
  const r = await db.insertInto('orgs').values({ name: name.trim(), kind, parent_id: parentId, name_key: orgKey(name), created_at: nowIso() }).returning('id').executeTakeFirstOrThrow();
  return { org: { id: Number(r.id), name: name.trim(), kind, parentId }, created: true };
}

/**
 * An imported table's department and units as organizations (财政局 → 部门 → 单位), matched by
 * normalized name and aliases, created when new. A unit is looked for under its department first, then
 * anywhere (a unit already placed elsewhere, e.g. by hand, stays there). Returns the organizations created.
 */
export async function matchImportedOrgs(db: Db, department: string | null, units: readonly string[]): Promise<Org[]> {
  const created: Org[] = [];
  const root = await rootOrg(db);
  let parent = root;
  if (department && department.trim()) {
    const d = (await findOrg(db, department, root.id)) ?? (await findOrg(db, department));
    if (d) parent = d;
    else {
      const r = await upsertOrg(db, department, 'department', root.id);
      parent = r.org;
      if (r.created) created.push(r.org);
    }
  }
  for (const name of new Set(units.map((u) => u.trim()).filter(Boolean))) {
    if (orgKey(name) === orgKey(parent.name)) continue; // a department's own line (本级) is the department
    if (await findOrg(db, name, parent.id) ?? await findOrg(db, name)) continue;
    const r = await upsertOrg(db, name, 'unit', parent.id);
    if (r.created) created.push(r.org);
  }
  return created;
}
