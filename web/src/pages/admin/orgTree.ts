// The organization list as antd tree data (财政局 → 部门 → 单位), for the tree and the TreeSelects.
import type { Org } from '../../api/types';

export interface OrgNode { key: number; value: number; title: string; org: Org; children: OrgNode[] }

export function orgTree(orgs: readonly Org[]): OrgNode[] {
  const nodes = new Map<number, OrgNode>(orgs.map((o) => [o.id, { key: o.id, value: o.id, title: o.name, org: o, children: [] }]));
  const roots: OrgNode[] = [];
  for (const o of orgs) {
    const n = nodes.get(o.id)!;
    const parent = o.parentId === null ? undefined : nodes.get(o.parentId);
    if (parent) parent.children.push(n); else roots.push(n);
  }
  return roots;
}

export const KIND_LABEL: Record<Org['kind'], string> = { finance: '财政局', department: '部门', unit: '单位' };
