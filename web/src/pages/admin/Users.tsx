// 账户: every account with its role, organization and state; create one (the initial password, when the
// system makes it, is shown once), change role or organization, disable, reset the password; and the
// API tokens (the token itself shown once at creation), revocable.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { api } from '../../api/client';
import type { ApiToken, Role, User } from '../../api/types';
import { ErrorBox, errorMessage, PageTitle, Stack } from '../../components/common';
import { dateTime } from '../../lib/format';
import { ROLES, ROLE_LABELS } from '../../../../src/auth/roles';
import { orgTree } from './orgTree';
import { useNarrow } from '../../components/NarrowList';

const roleOptions = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

function Secret({ title, text, note }: { title: string; text: string; note: string }) {
  return (
    <div data-testid="secret-once">
      <Typography.Paragraph>{note}</Typography.Paragraph>
      <Typography.Paragraph copyable={{ text }} code style={{ fontSize: 16 }} aria-label={title}>{text}</Typography.Paragraph>
    </div>
  );
}

export default function Users() {
  const qc = useQueryClient();
  const { modal, message } = App.useApp();
  const narrow = useNarrow();
  const users = useQuery({ queryKey: ['admin', 'users'], queryFn: api.users });
  const orgs = useQuery({ queryKey: ['admin', 'orgs'], queryFn: api.orgs });
  const tokens = useQuery({ queryKey: ['admin', 'tokens'], queryFn: api.tokens });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [tokenFor, setTokenFor] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: ['admin'] });
  const tree = orgTree(orgs.data?.orgs ?? []);
  const fail = (e: unknown) => void message.error(errorMessage(e));

  const create = useMutation({
    mutationFn: (v: { username: string; role: Role; orgId?: number; password?: string }) =>
      api.createUser({ username: v.username, role: v.role, orgId: v.orgId ?? null, ...(v.password ? { password: v.password } : {}) }),
    onSuccess: (r) => {
      setCreating(false);
      void refresh();
      modal.success({ title: `已创建账户 ${r.user.username}`, content: r.initialPassword ? <Secret title="初始密码" text={r.initialPassword} note="初始密码只显示这一次，请转交本人；首次登录须修改。" /> : '首次登录须修改密码。' });
    },
    onError: fail,
  });
  const update = useMutation({
    mutationFn: ({ id, ...b }: { id: number; role?: Role; orgId?: number | null; disabled?: boolean }) => api.updateUser(id, b),
    onSuccess: () => { setEditing(null); void refresh(); },
    onError: fail,
  });
  const reset = useMutation({
    mutationFn: (u: User) => api.resetPassword(u.id).then((r) => ({ u, r })),
    onSuccess: ({ u, r }) => modal.success({ title: `已重置 ${u.username} 的密码`, content: r.initialPassword ? <Secret title="新密码" text={r.initialPassword} note="新密码只显示这一次；下次登录须修改。其会话已结束，锁定已解除。" /> : null }),
    onError: fail,
  });
  const createToken = useMutation({
    mutationFn: (v: { userId: number; name: string }) => api.createToken(v),
    onSuccess: (r) => { setTokenFor(false); void refresh(); modal.success({ title: `已创建 API 令牌“${r.info.name}”`, width: 560, content: <Secret title="令牌" text={r.token} note="令牌只显示这一次，库中只保存其摘要。脚本以请求头 Authorization: Bearer 令牌 使用。" /> }); },
    onError: fail,
  });
  const revoke = useMutation({ mutationFn: (t: ApiToken) => api.revokeToken(t.id), onSuccess: () => void refresh(), onError: fail });

  const now = new Date().toISOString();
  const cols: ColumnsType<User> = [
    { title: '用户名', dataIndex: 'username', key: 'username', render: (n: string, u) => <Space>{n}{u.demo ? <Tag color="orange">演示账户</Tag> : null}</Space> },
    { title: '角色', dataIndex: 'roleLabel', key: 'role' },
    { title: '组织', key: 'org', render: (_, u) => u.org?.name ?? '—' },
    {
      title: '状态', key: 'state', render: (_, u) => (
        <Space size={4} wrap>
          {u.disabled ? <Tag color="red">已停用</Tag> : <Tag color="green">正常</Tag>}
          {u.lockedUntil && u.lockedUntil > now ? <Tag color="volcano">锁定至 {dateTime(u.lockedUntil)}</Tag> : null}
          {u.mustChangePassword ? <Tag>须改密码</Tag> : null}
        </Space>
      ),
    },
    { title: '创建时间', key: 'created', render: (_, u) => dateTime(u.createdAt), responsive: ['lg'] },
    {
      title: '操作', key: 'actions', render: (_, u) => (
        <Space size={4} wrap>
          <Button size="small" onClick={() => setEditing(u)}>角色与组织</Button>
          <Button size="small" onClick={() => update.mutate({ id: u.id, disabled: !u.disabled })}>{u.disabled ? '启用' : '停用'}</Button>
          <Button size="small" onClick={() => modal.confirm({ title: `重置 ${u.username} 的密码？`, content: '系统生成新密码（只显示一次），其会话随即结束。', onOk: () => reset.mutateAsync(u) })}>重置密码</Button>
        </Space>
      ),
    },
  ];
  // on a phone one column: each account as a short card, its buttons below (no sideways scrolling)
  const cell = (key: string, u: User, i: number) => cols.find((c) => c.key === key)?.render?.(key === 'username' ? u.username : undefined, u, i) as ReactNode;
  const narrowCols: ColumnsType<User> = [{
    title: '账户', key: 'card', render: (_, u, i) => (
      <Stack gap={4}>
        <div>{cell('username', u, i)}</div>
        <div className="muted note">{u.roleLabel} · {u.org?.name ?? '—'}</div>
        <div>{cell('state', u, i)}</div>
        <div>{cell('actions', u, i)}</div>
      </Stack>
    ),
  }];
  const tokenCols: ColumnsType<ApiToken> = [
    { title: '编号', dataIndex: 'id', key: 'id', width: 64 },
    { title: '账户', dataIndex: 'username', key: 'username' },
    { title: '用途', dataIndex: 'name', key: 'name' },
    { title: '角色', key: 'role', render: (_, t) => ROLE_LABELS[t.role] },
    { title: '最近使用', key: 'used', render: (_, t) => dateTime(t.lastUsedAt), responsive: ['md'] },
    { title: '状态', key: 'state', render: (_, t) => (t.revokedAt ? <Tag>已撤销</Tag> : <Tag color="green">有效</Tag>) },
    { title: '操作', key: 'actions', render: (_, t) => (t.revokedAt ? null : <Button size="small" danger onClick={() => modal.confirm({ title: `撤销令牌“${t.name}”？`, content: '撤销后立即失效，不能恢复。', onOk: () => revoke.mutateAsync(t) })}>撤销</Button>) },
  ];

  return (
    <Stack>
      <PageTitle title="账户" sub="角色决定能做什么，组织决定能看哪些单位；新账户首次登录须修改密码" extra={<Button type="primary" onClick={() => setCreating(true)}>新建账户</Button>} />
      {users.error ? <ErrorBox error={users.error} retry={() => void users.refetch()} /> : null}
      <Card size="small">
        <Table<User> rowKey="id" size="small" loading={users.isPending} columns={narrow ? narrowCols : cols} dataSource={users.data ?? []} pagination={false} scroll={narrow ? undefined : { x: 760 }} data-testid="users-table" />
      </Card>
      <Card size="small" title="API 令牌" extra={<Button size="small" onClick={() => setTokenFor(true)}>创建令牌</Button>}>
        <Table<ApiToken> rowKey="id" size="small" loading={tokens.isPending} columns={tokenCols} dataSource={tokens.data ?? []} pagination={false} scroll={{ x: 640 }} locale={{ emptyText: tokens.isPending ? ' ' : '还没有 API 令牌' }} />
      </Card>

      <Modal open={creating} title="新建账户" onCancel={() => setCreating(false)} footer={null} destroyOnHidden>
        <Form layout="vertical" onFinish={(v) => create.mutate(v)} initialValues={{ role: 'unit' }}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: '请输入用户名' }, { pattern: /^[\p{L}\p{N}._@-]{2,64}$/u, message: '2–64 个字母、数字、汉字或 . _ - @' }]}><Input autoComplete="off" /></Form.Item>
          <Form.Item label="角色" name="role" rules={[{ required: true }]}><Select options={roleOptions} /></Form.Item>
          <Form.Item noStyle dependencies={['role']}>
            {({ getFieldValue }) => (
              <Form.Item label="组织" name="orgId" rules={[{ required: getFieldValue('role') !== 'admin', message: '请选择所属组织' }]}>
                <TreeSelect treeData={tree} treeDefaultExpandAll showSearch treeNodeFilterProp="title" placeholder="财政局、部门或单位" allowClear />
              </Form.Item>
            )}
          </Form.Item>
          <Form.Item label="初始密码" name="password" extra="不填则由系统生成（只显示一次）；首次登录须修改"><Input.Password autoComplete="new-password" /></Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} block>创建</Button>
        </Form>
      </Modal>

      <Modal open={editing !== null} title={`修改 ${editing?.username ?? ''} 的角色与组织`} onCancel={() => setEditing(null)} footer={null} destroyOnHidden>
        {editing ? (
          <Form layout="vertical" initialValues={{ role: editing.role, orgId: editing.org?.id }} onFinish={(v: { role: Role; orgId?: number }) => update.mutate({ id: editing.id, role: v.role, orgId: v.orgId ?? null })}>
            <Form.Item label="角色" name="role"><Select options={roleOptions} /></Form.Item>
            <Form.Item label="组织" name="orgId"><TreeSelect treeData={tree} treeDefaultExpandAll showSearch treeNodeFilterProp="title" allowClear /></Form.Item>
            <Typography.Paragraph type="secondary">修改后，该账户的会话随即结束，须重新登录。</Typography.Paragraph>
            <Button type="primary" htmlType="submit" loading={update.isPending} block>保存</Button>
          </Form>
        ) : null}
      </Modal>

      <Modal open={tokenFor} title="创建 API 令牌" onCancel={() => setTokenFor(false)} footer={null} destroyOnHidden>
        <Form layout="vertical" onFinish={(v: { userId: number; name: string }) => createToken.mutate(v)}>
          <Form.Item label="代表的账户" name="userId" rules={[{ required: true, message: '请选择账户' }]}>
            <Select showSearch optionFilterProp="label" options={(users.data ?? []).filter((u) => !u.disabled).map((u) => ({ value: u.id, label: `${u.username}（${u.roleLabel}）` }))} />
          </Form.Item>
          <Form.Item label="用途" name="name" rules={[{ required: true, message: '请写明用途' }]}><Input placeholder="如：夜间导入脚本" /></Form.Item>
          <Button type="primary" htmlType="submit" loading={createToken.isPending} block>创建</Button>
        </Form>
      </Modal>
    </Stack>
  );
}
