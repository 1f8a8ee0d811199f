// 审计日志: who did what, from where and when — logins (and failures), account and organization changes,
// imports, plans, monitoring reports and self-evaluations — newest first, filtered by operator, action,
// object and time (the filters live in the URL), exported as CSV or JSON. Actions and object types show
// in Chinese (src/auth/audit-labels.ts), the code in a tooltip. Read-only: nothing here or anywhere edits
// or deletes an entry.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Grid, Input, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { api, type Params } from '../../api/client';
import type { AuditEntry } from '../../api/types';
import { ErrorBox, PageTitle, Stack } from '../../components/common';
import { dateTime } from '../../lib/format';
import { useUrlState } from '../../lib/url';
import { AUDIT_ACTION_GROUPS, AUDIT_TARGET_LABEL, auditActionLabel, auditTargetLabel } from '../../../../src/auth/audit-labels';

// a group's prefix selects all of it (the API matches `plan` as plan.*); `import` is both a prefix and an action
const ACTIONS = AUDIT_ACTION_GROUPS.map((g) => ({
  label: g.label,
  options: [
    { value: g.prefix, label: `${g.label}（全部）` },
    ...Object.entries(g.actions).filter(([code]) => code !== g.prefix).map(([value, label]) => ({ value, label })),
  ],
}));
const TARGETS = Object.entries(AUDIT_TARGET_LABEL).map(([value, label]) => ({ value, label }));
const coded = (label: string, code: string) => <Tooltip title={code}><span data-code={code}>{label}</span></Tooltip>;
const target = (e: AuditEntry) => `${e.targetType}${e.targetId === null ? '' : ` ${e.targetId}`}`;
const PAGE_SIZE = 50;

export default function Audit() {
  const url = useUrlState();
  const page = Number(url.get('page') ?? '1') || 1;
  const filters: Params = {
    actor: url.get('actor') ?? undefined, action: url.get('action') ?? undefined, targetType: url.get('targetType') ?? undefined,
    from: url.get('from') ?? undefined, to: url.get('to') ?? undefined,
  };
  const q = useQuery({
    queryKey: ['admin', 'audit', filters, page],
    queryFn: ({ signal }) => api.audit({ ...filters, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });
  const set = (patch: Record<string, string | null>) => url.set(patch);
  const cols: ColumnsType<AuditEntry> = [
    { title: '时间', key: 'at', width: 215, render: (_, e) => dateTime(e.at) },
    { title: '操作者', key: 'actor', width: 140, render: (_, e) => e.actorName ?? <Typography.Text type="secondary">系统</Typography.Text> },
    { title: '操作', dataIndex: 'action', key: 'action', width: 150, render: (a: string) => coded(auditActionLabel(a), a) },
    { title: '说明', dataIndex: 'summary', key: 'summary' },
    { title: '对象', key: 'target', width: 150, responsive: ['lg'], render: (_, e) => (e.targetType ? coded(`${auditTargetLabel(e.targetType)}${e.targetId === null ? '' : ` ${e.targetId}`}`, target(e)) : '—') },
    { title: '地址', dataIndex: 'ip', key: 'ip', width: 130, responsive: ['md'], render: (ip: string | null) => ip ?? '—' },
  ];
  // a narrow screen: one column per entry, what happened first
  const narrow = !Grid.useBreakpoint().md;
  const narrowCols: ColumnsType<AuditEntry> = [{
    title: '记录', key: 'entry', render: (_, e) => (
      <div>
        <div>{e.summary}</div>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{dateTime(e.at)} · {e.actorName ?? '系统'} · {coded(auditActionLabel(e.action), e.action)}{e.ip ? ` · ${e.ip}` : ''}</Typography.Text>
      </div>
    ),
  }];
  const from = url.get('from');
  const to = url.get('to');
  return (
    <Stack>
      <PageTitle
        title="审计日志" sub="登录、账户与组织变更、导入、绩效目标申报、运行监控与绩效自评，均记录操作者与地址；只能查阅和导出，不能修改或删除"
        extra={(
          <Space>
            <Button href={api.auditExportUrl(filters, 'csv')} data-testid="audit-export-csv">导出 CSV</Button>
            <Button href={api.auditExportUrl(filters, 'json')}>导出 JSON</Button>
          </Space>
        )}
      />
      <Card size="small">
        <div className="audit-filters" data-testid="audit-filters">
          <Input.Search placeholder="操作者（用户名）" allowClear defaultValue={url.get('actor') ?? ''} onSearch={(v) => set({ actor: v.trim() || null })} aria-label="操作者" style={{ width: 200 }} />
          <Select placeholder="操作" allowClear options={ACTIONS} value={url.get('action') ?? undefined} onChange={(v: string | undefined) => set({ action: v ?? null })} style={{ width: 220 }} popupMatchSelectWidth={false} aria-label="操作" />
          <Select placeholder="对象类型" allowClear value={url.get('targetType') ?? undefined} onChange={(v: string | undefined) => set({ targetType: v ?? null })} style={{ width: 160 }}
            options={TARGETS} aria-label="对象类型" />
          <DatePicker.RangePicker
            value={[from ? dayjs(from) : null, to ? dayjs(to).subtract(1, 'day') : null]}
            onChange={(r) => set({ from: r?.[0] ? r[0].format('YYYY-MM-DD') : null, to: r?.[1] ? r[1].add(1, 'day').format('YYYY-MM-DD') : null })}
            aria-label="时间范围"
          />
        </div>
        {q.error ? <ErrorBox error={q.error} retry={() => void q.refetch()} /> : null}
        <Table<AuditEntry>
          rowKey="id" size="small" columns={narrow ? narrowCols : cols} dataSource={q.data?.items ?? []} loading={q.isFetching} scroll={narrow ? undefined : { x: 760 }} data-testid="audit-table"
          expandable={{ rowExpandable: (e) => e.detail !== null, expandedRowRender: (e) => <pre className="audit-detail">{JSON.stringify(e.detail, null, 2)}</pre> }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: q.data?.total ?? 0, showSizeChanger: false, showTotal: (t) => `共 ${t} 条`, onChange: (p) => url.set({ page: p === 1 ? null : String(p) }, { keepPage: true }) }}
        />
      </Card>
    </Stack>
  );
}
