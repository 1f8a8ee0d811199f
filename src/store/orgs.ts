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

/**
 * Every column that points at an organization: merging two organizations repoints them all. A feature
 * with a table of its own that refers to orgs adds its column here (e.g. plans.org_id).
 */
export const ORG_REFERENCES: { table: string; column: string }[] = [
  { table: 'users', column: 'org_id' },
  { table: 'api_tokens', column: 'org_id' },
  { table: 'orgs', column: 'parent_id' },
];

export class OrgError extends Error {
  override readonly name = 'OrgError';
  constructor(readonly code: 'not-found' | 'invalid' | 'exists', message: string) { super(message); }
}

/** the ids of `id` and its ancestors up to the root */
async function ancestry(db: Db, id: number): Promise<number[]> {
  const orgs = await listOrgs(db);
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const out: number[] = [];
  for (let o = byId.get(id); o && !out.includes(o.id); o = o.parentId === null ? undefined : byId.get(o.parentId)) out.push(o.id);
  return out;
}

export async function addOrg(db: Db, name: string, kind: OrgKind, parentId: number): Promise<Org> {
  const parent = await getOrg(db, parentId);
  if (!parent) throw new OrgError('not-found', `没有编号为 ${parentId} 的上级组织`);
  if (kind === 'finance') throw new OrgError('invalid', '财政局只有一个（根组织），不能再添加');
  const clean = name.trim();
  if (!clean) throw new OrgError('invalid', '组织名称不能为空');
  if (await findOrg(db, clean, parentId)) throw new OrgError('exists', `“${parent.name}”下已有名为“${clean}”的组织`);
  return (await upsertOrg(db, clean, kind, parentId)).org;
}

/** renames and/or moves an organization; a move under its own subtree is refused */
export async function changeOrg(db: Db, id: number, patch: { name?: string | undefined; parentId?: number | undefined }): Promise<{ before: Org; after: Org }> {
  const before = await getOrg(db, id);
  if (!before) throw new OrgError('not-found', `没有编号为 ${id} 的组织`);
  const set: { name?: string; name_key?: string; parent_id?: number } = {};
  if (patch.name !== undefined) {
    const clean = patch.name.trim();
    if (!clean) throw new OrgError('invalid', '组织名称不能为空');
    set.name = clean;
    set.name_key = orgKey(clean);
  }
  if (patch.parentId !== undefined && patch.parentId !== before.parentId) {
    if (before.parentId === null) throw new OrgError('invalid', '根组织（财政局）不能移动');
    if ((await ancestry(db, patch.parentId)).includes(id)) throw new OrgError('invalid', '不能把组织移到它自己或它的下级之下');
    if (!(await getOrg(db, patch.parentId))) throw new OrgError('not-found', `没有编号为 ${patch.parentId} 的上级组织`);
    set.parent_id = patch.parentId;
  }
  const parent = set.parent_id ?? before.parentId;
  const clash = await findOrg(db, set.name ?? before.name, parent);
  if (clash && clash.id !== id) throw new OrgError('exists', `同一上级下已有名为“${clash.name}”的组织：重复的组织请用“合并”`);
  if (Object.keys(set).length) await db.updateTable('orgs').set(set).where('id', '=', id).execute();
  return { before, after: (await getOrg(db, id))! };
}

/**
 * Merges a duplicate into another organization: everything that pointed at the duplicate (accounts,
 * tokens, sub-organizations, ORG_REFERENCES) points at the other, the duplicate's name becomes an alias
 * (an imported table that prints it finds the other), and the duplicate is removed. One transaction.
 */
export async function mergeOrgs(db: Db, fromId: number, intoId: number): Promise<{ from: Org; into: Org; moved: Record<string, number> }> {
  return db.transaction().execute(async (trx) => {
    const from = await getOrg(trx, fromId);
    const into = await getOrg(trx, intoId);
    if (!from || !into) throw new OrgError('not-found', `没有编号为 ${!from ? fromId : intoId} 的组织`);
    if (from.id === into.id) throw new OrgError('invalid', '不能把组织合并到它自己');
    if (from.parentId === null) throw new OrgError('invalid', '根组织（财政局）不能被合并');
    if ((await ancestry(trx, into.id)).includes(from.id)) throw new OrgError('invalid', `“${into.name}”在“${from.name}”之下：不能合并到自己的下级`);
    const moved: Record<string, number> = {};
    for (const { table, column } of ORG_REFERENCES) {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the referencing tables are listed at run time
      const r = await (trx as Kysely<any>).updateTable(table).set({ [column]: into.id }).where(column, '=', from.id).executeTakeFirst();
      moved[`${table}.${column}`] = Number(r.numUpdatedRows);
    }
    const now = nowIso();
    await trx.updateTable('org_aliases').set({ org_id: into.id }).where('org_id', '=', from.id).execute();
    if (orgKey(from.name) !== orgKey(into.name)) {
      await trx.deleteFrom('org_aliases').where('name_key', '=', orgKey(from.name)).execute();
      await trx.insertInto('org_aliases').values({ name: from.name, name_key: orgKey(from.name), org_id: into.id, created_at: now }).execute();
    }
    await trx.deleteFrom('orgs').where('id', '=', from.id).execute();
    return { from, into, moved };
  });
}

export async function listAliases(db: Db): Promise<{ name: string; orgId: number }[]> {
  return (await db.selectFrom('org_aliases').select(['name', 'org_id']).orderBy('name').execute()).map((r) => ({ name: r.name, orgId: Number(r.org_id) }));
}
