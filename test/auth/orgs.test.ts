// Organizations on both databases: an import creates its 部门 and 单位 under the 财政局 root (matched by
// name without spaces, so the same unit printed twice is one organization); a principal's scope is its
// organization's subtree (admin and finance everything); merging a duplicate keeps its name as an alias
// that the next import matches.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { findOrg, inScope, listOrgs, mergeOrgs, rootOrg, scopeOrgIds, upsertOrg } from '../../src/auth/index.js';
import type { Principal, Role } from '../../src/auth/roles.js';
import { importBytes } from '../../src/store/index.js';
import { forEachDialect, SAMPLES } from '../store/harness.js';
import { injectionTable } from '../server/helpers.js';

const F002 = '002_02da4d888feccc7a.txt';
const as = (role: Role, orgId: number | null): Principal => ({ userId: 1, username: 'x', role, orgId, via: 'session' });

forEachDialect('organizations', (store) => {
  it('an import creates its department and units once, under the root; the same table again adds nothing', async () => {
    const r = await importBytes(store(), readFileSync(join(SAMPLES, F002)), { file: F002 });
    expect(r.status).toBe('imported');
    const orgs = await listOrgs(store().db);
    const root = await rootOrg(store().db);
    expect(root.name).toBe('财政局');
    const dept = orgs.find((o) => o.kind === 'department')!;
    expect(dept.parentId).toBe(root.id);
    const units = orgs.filter((o) => o.parentId === dept.id);
    expect(units.length).toBeGreaterThan(0);
    expect(units.every((u) => u.kind === 'unit')).toBe(true);
    const before = orgs.length;
    // another table of the same department, its unit written with a space inside: matched, not new
    const again = injectionTable(dept.name).replace('测试单位<b>甲</b>', `${units[0]!.name.slice(0, 2)} ${units[0]!.name.slice(2)}`);
    expect((await importBytes(store(), Buffer.from(again), { file: 'again.txt' })).status).toBe('imported');
    expect((await listOrgs(store().db)).length).toBe(before);
  });

  it('scope: a department sees its units, not another department; a unit itself; admin and finance everything; a viewer its subtree', async () => {
    const root = await rootOrg(store().db);
    const a = (await upsertOrg(store().db, '甲局', 'department', root.id)).org;
    const a1 = (await upsertOrg(store().db, '甲局一所', 'unit', a.id)).org;
    const b = (await upsertOrg(store().db, '乙局', 'department', root.id)).org;
    const b1 = (await upsertOrg(store().db, '乙局一所', 'unit', b.id)).org;
    const db = { db: store().db };
    // own org and other org, for each role
    expect(await inScope(db, as('department', a.id), a1.id)).toBe(true);
    expect(await inScope(db, as('department', a.id), b1.id)).toBe(false);
    expect(await inScope(db, as('unit', a1.id), a1.id)).toBe(true);
    expect(await inScope(db, as('unit', a1.id), a.id)).toBe(false);
    expect(await inScope(db, as('unit', a1.id), b1.id)).toBe(false);
    expect(await inScope(db, as('viewer', b.id), b1.id)).toBe(true);
    expect(await inScope(db, as('viewer', b.id), a1.id)).toBe(false);
    expect(await inScope(db, as('viewer', root.id), a1.id)).toBe(true);
    for (const role of ['admin', 'finance'] as const) {
      expect(await scopeOrgIds(db, as(role, null))).toBe('all');
      expect(await inScope(db, as(role, a1.id), b1.id)).toBe(true);
    }
    expect(await inScope(db, as('department', null), a.id)).toBe(false);
    expect([...(await scopeOrgIds(db, as('department', a.id)) as Set<number>)].sort()).toEqual([a.id, a1.id].sort());
  });

  it('merging a duplicate moves what pointed at it and keeps its name as an alias the next import matches', async () => {
    const root = await rootOrg(store().db);
    const keep = (await upsertOrg(store().db, '丙局', 'department', root.id)).org;
    const dup = (await upsertOrg(store().db, '广州市丙局', 'department', root.id)).org;
    const child = (await upsertOrg(store().db, '丙局二所', 'unit', dup.id)).org;
    const r = await mergeOrgs(store().db, dup.id, keep.id);
    expect(r.moved['orgs.parent_id']).toBe(1);
    expect((await listOrgs(store().db)).find((o) => o.id === child.id)!.parentId).toBe(keep.id);
    expect((await findOrg(store().db, '广州市 丙局'))!.id).toBe(keep.id);
    const imported = await importBytes(store(), Buffer.from(injectionTable('广州市丙局')), { file: 'alias.txt' });
    expect(imported.status).toBe('imported');
    const orgs = await listOrgs(store().db);
    expect(orgs.filter((o) => o.name.includes('丙局') && o.kind === 'department').map((o) => o.id)).toEqual([keep.id]);
    expect(orgs.some((o) => o.parentId === keep.id && o.name === '测试单位<b>甲</b>')).toBe(true);
    await expect(mergeOrgs(store().db, keep.id, child.id)).rejects.toThrow(/下级/);
  });
});
