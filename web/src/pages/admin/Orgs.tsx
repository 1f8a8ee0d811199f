// 组织: the tree 财政局 → 部门 → 单位 (imports add what they name); add, rename or move an organization,
// and merge a duplicate into the one to keep (its name stays as an alias, so the next import of a table
// that prints it lands in the right place).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Radio, Space, Tag, Tree, TreeSelect, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Org } from '../../api/types';
import { ErrorBox, errorMessage, Loading, PageTitle, Stack } from '../../components/common';
import { KIND_LABEL, orgTree, type OrgNode } from './orgTree';

type Dialog = { kind: 'add'; parent: Org } | { kind: 'rename'; org: Org } | { kind: 'merge'; org: Org } | null;

export default function Orgs() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const orgs = useQuery({ queryKey: ['admin', 'orgs'], queryFn: api.orgs });
  const [dialog, setDialog] = useState<Dialog>(null);
  const done = () => { setDialog(null); void qc.invalidateQueries({ queryKey: ['admin'] }); };
  const fail = (e: unknown) => void message.error(errorMessage(e));
  const add = useMutation({ mutationFn: (v: { name: string; kind: 'department' | 'unit'; parentId: number }) => api.createOrg(v), onSuccess: done, onError: fail });
  const rename = useMutation({ mutationFn: (v: { id: number; name: string; parentId?: number }) => api.updateOrg(v.id, { name: v.name, ...(v.parentId ? { parentId: v.parentId } : {}) }), onSuccess: done, onError: fail });
  const merge = useMutation({
    mutationFn: (v: { id: number; into: number }) => api.mergeOrg(v.id, v.into),
    onSuccess: (r) => { done(); void message.success(`已合并到“${r.into.name}”，旧名称留作别名`); },
    onError: fail,
  });

  if (orgs.isPending) return <Loading />;
  if (orgs.error) return <ErrorBox error={orgs.error} retry={() => void orgs.refetch()} />;
  const list = orgs.data.orgs;
  const tree = orgTree(list);
  const aliases = new Map<number, string[]>();
  for (const a of orgs.data.aliases) aliases.set(a.orgId, [...(aliases.get(a.orgId) ?? []), a.name]);
  const render = (n: OrgNode) => (
    <span className="org-node">
      <Tag>{KIND_LABEL[n.org.kind]}</Tag>{n.org.name}
      {aliases.get(n.org.id)?.length ? <Typography.Text type="secondary">（又名：{aliases.get(n.org.id)!.join('、')}）</Typography.Text> : null}
      <Space size={4} style={{ marginInlineStart: 8 }}>
        {n.org.kind !== 'unit' ? <Button size="small" type="link" onClick={() => setDialog({ kind: 'add', parent: n.org })}>添加下级</Button> : null}
        <Button size="small" type="link" onClick={() => setDialog({ kind: 'rename', org: n.org })}>改名或移动</Button>
        {n.org.parentId !== null ? <Button size="small" type="link" onClick={() => setDialog({ kind: 'merge', org: n.org })}>合并到…</Button> : null}
      </Space>
    </span>
  );

  return (
    <Stack>
      <PageTitle title="组织" sub={`财政局 → 部门 → 单位，共 ${list.length} 个；导入的表按名称自动建立其部门与单位`} />
      <Card size="small">
        <Tree<OrgNode> treeData={tree} defaultExpandAll selectable={false} titleRender={render} blockNode data-testid="org-tree" />
      </Card>
      <Modal open={dialog?.kind === 'add'} title={dialog?.kind === 'add' ? `在“${dialog.parent.name}”下添加` : ''} onCancel={() => setDialog(null)} footer={null} destroyOnHidden>
        {dialog?.kind === 'add' ? (
          <Form layout="vertical" initialValues={{ kind: dialog.parent.kind === 'finance' ? 'department' : 'unit' }} onFinish={(v: { name: string; kind: 'department' | 'unit' }) => add.mutate({ ...v, parentId: dialog.parent.id })}>
            <Form.Item label="名称" name="name" rules={[{ required: true, message: '请输入名称' }]}><Input /></Form.Item>
            <Form.Item label="类别" name="kind"><Radio.Group options={[{ value: 'department', label: '部门' }, { value: 'unit', label: '单位' }]} /></Form.Item>
            <Button type="primary" htmlType="submit" block loading={add.isPending}>添加</Button>
          </Form>
        ) : null}
      </Modal>
      <Modal open={dialog?.kind === 'rename'} title="改名或移动" onCancel={() => setDialog(null)} footer={null} destroyOnHidden>
        {dialog?.kind === 'rename' ? (
          <Form layout="vertical" initialValues={{ name: dialog.org.name, parentId: dialog.org.parentId ?? undefined }} onFinish={(v: { name: string; parentId?: number }) => rename.mutate({ id: dialog.org.id, ...v })}>
            <Form.Item label="名称" name="name" rules={[{ required: true, message: '请输入名称' }]}><Input /></Form.Item>
            {dialog.org.parentId !== null ? (
              <Form.Item label="上级" name="parentId"><TreeSelect treeData={tree} treeDefaultExpandAll showSearch treeNodeFilterProp="title" /></Form.Item>
            ) : null}
            <Button type="primary" htmlType="submit" block loading={rename.isPending}>保存</Button>
          </Form>
        ) : null}
      </Modal>
      <Modal open={dialog?.kind === 'merge'} title={dialog?.kind === 'merge' ? `把“${dialog.org.name}”合并到…` : ''} onCancel={() => setDialog(null)} footer={null} destroyOnHidden>
        {dialog?.kind === 'merge' ? (
          <Form layout="vertical" onFinish={(v: { into: number }) => merge.mutate({ id: dialog.org.id, into: v.into })}>
            <Typography.Paragraph>同一组织被录成了两个（如名称写法不同）时使用：其账户与下级组织转到保留的组织，“{dialog.org.name}”留作别名，之后导入的表写这个名称也归入保留的组织。</Typography.Paragraph>
            <Form.Item label="保留的组织" name="into" rules={[{ required: true, message: '请选择保留的组织' }]}>
              <TreeSelect treeData={tree} treeDefaultExpandAll showSearch treeNodeFilterProp="title" />
            </Form.Item>
            <Button type="primary" danger htmlType="submit" block loading={merge.isPending}>合并</Button>
          </Form>
        ) : null}
      </Modal>
    </Stack>
  );
}
