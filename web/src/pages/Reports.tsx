// 我的报告: the 运行监控 reports and 绩效自评 in the caller's scope (a unit its own, a department its
// units', finance all) with state and light or grade, by year and kind; and 待我审核: the reports whose
// next decision is this reviewer's (已提交 for the department, 部门已审 for finance), oldest first.
import { useQuery } from '@tanstack/react-query';
import { Button, Card, InputNumber, Segmented, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { reportLabel, reportPath, reportsApi, type ReportItem, type ReportKindName, type ReportState } from '../api/reports';
import { EmptyState, ErrorBox, PageTitle } from '../components/common';
import NarrowList, { useNarrow } from '../components/NarrowList';
import { DemoTag, GradeTag, LightTag, pct, ReportStateTag } from '../components/report/labels';
import { NewReport } from '../components/report/NewReport';
import { may, useMe } from '../lib/auth';
import { dateTime } from '../lib/format';
import { useTodo } from '../lib/queries';
import { useUrlState } from '../lib/url';
import { REPORT_STATE_LABEL, REPORT_STATES } from '../../../src/workflow/report-states';

type Row = ReportItem & { kind: ReportKindName };

function Outcome({ r }: { r: Row }) {
  return r.kind === 'monitoring'
    ? <span className="outcome"><LightTag colour={r.light} /> <span className="num note">执行率 {pct(r.rate)}</span></span>
    : <span className="outcome"><span className="num">{r.score === null ? '—' : r.score.toFixed(1)}</span> <GradeTag grade={r.grade} /></span>;
}

const Name = ({ r }: { r: Row }) => <span><Link to={reportPath(r.kind, r.id)}>{r.planName}</Link>{r.demo ? <> <DemoTag /></> : null}</span>;
const Files = ({ r }: { r: Row }) => (
  <span className="note report-files"><a href={reportsApi.htmlUrl(r.kind, r.id)} target="_blank" rel="noreferrer">打印</a> <a href={reportsApi.xlsxUrl(r.kind, r.id)} download>XLSX</a></span>
);

const columns: ColumnsType<Row> = [
  { title: '报告', key: 'kind', width: 150, render: (_, r) => <span>{reportLabel(r.kind)}<div className="muted note">{r.periodLabel}</div></span> },
  { title: '项目', key: 'name', width: 280, render: (_, r) => <Name r={r} /> },
  { title: '单位', key: 'unit', width: 200, render: (_, r) => <span>{r.unit}{r.department && r.department !== r.unit ? <div className="muted note">{r.department}</div> : null}</span> },
  { title: '状态', key: 'state', width: 96, render: (_, r) => <ReportStateTag state={r.state} returned={r.returned} /> },
  { title: '亮灯 / 得分', key: 'outcome', width: 170, render: (_, r) => <Outcome r={r} /> },
  { title: '更新时间', key: 'updated', width: 190, render: (_, r) => <span className="note">{dateTime(r.updatedAt)}</span> },
  { title: '打印 / 下载', key: 'files', width: 100, render: (_, r) => <Files r={r} /> },
];

function ReportCard({ r }: { r: Row }) {
  return (
    <div className="plan-card">
      <div className="plan-card-head"><Name r={r} /><ReportStateTag state={r.state} returned={r.returned} /></div>
      <div className="muted note">{r.periodLabel}{reportLabel(r.kind)} · {r.unit}</div>
      <div className="plan-card-foot"><Outcome r={r} /><Files r={r} /></div>
    </div>
  );
}

export default function Reports({ queue = false }: { queue?: boolean }) {
  const url = useUrlState();
  const narrow = useNarrow();
  const role = useMe().data?.user?.role ?? null;
  const todo = useTodo(Boolean(role)).data;
  const [creating, setCreating] = useState(false);
  const year = url.num('year');
  const kindParam = url.get('kind');
  const kinds: ReportKindName[] = kindParam === 'monitoring' || kindParam === 'evaluation' ? [kindParam] : ['monitoring', 'evaluation'];
  const chosenState = url.get('state') as ReportState | undefined;
  // the state whose decision is this reviewer's
  const state: ReportState | undefined = queue ? (role === 'finance' ? 'department-approved' : 'submitted') : chosenState;
  const list = useQuery({
    queryKey: ['reports', queue ? 'queue' : 'list', kinds, year, state],
    enabled: !queue || role !== null,
    queryFn: async ({ signal }) => {
      const parts = await Promise.all(kinds.map(async (k) => (await reportsApi.list(k, { year, state }, signal)).map((r): Row => ({ ...r, kind: k }))));
      const rows = parts.flat();
      return queue ? rows.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt)) : rows.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    },
  });
  const items = list.data ?? [];
  const title = queue ? '待我审核的报告' : '我的报告';
  const empty = <EmptyState description={queue ? '没有待您审核的报告' : '还没有运行监控报告或绩效自评'} />;
  return (
    <div data-testid={queue ? 'report-queue' : 'report-list'}>
      <PageTitle title={title} sub={queue ? `运行监控报告与绩效自评：${REPORT_STATE_LABEL[state ?? 'submitted']}、等待您审核的，先提交的在前` : '运行监控报告与绩效自评：按年度、类型和状态查看'}
        extra={queue ? <Link to="/reports">我的报告</Link> : (
          <>
            {may('POST /api/monitoring/:id/approve', role) ? <Link to="/reports/queue"><Button data-testid="open-report-queue">待我审核{todo?.reports.review ? `（${todo.reports.review}）` : ''}</Button></Link> : null}
            {may('POST /api/monitoring', role) ? <Button type="primary" onClick={() => setCreating(true)} data-testid="new-report">填报</Button> : null}
          </>
        )} />
      <div className="filters" style={{ marginBottom: 12 }}>
        <Segmented value={kindParam ?? 'all'} onChange={(v) => url.set({ kind: v === 'all' ? null : String(v) })}
          options={[{ value: 'all', label: '全部' }, { value: 'monitoring', label: '运行监控' }, { value: 'evaluation', label: '绩效自评' }]} />
        <InputNumber aria-label="年度" placeholder="年度" min={1990} max={2100} value={year ?? null} onChange={(v) => url.set({ year: v ?? undefined })} style={{ width: 110 }} />
        {queue ? null : <Select aria-label="状态" allowClear placeholder="全部状态" value={chosenState} onChange={(v) => url.set({ state: v })} style={{ width: 130 }}
          options={REPORT_STATES.map((s) => ({ value: s, label: REPORT_STATE_LABEL[s] }))} />}
      </div>
      {list.error ? <ErrorBox error={list.error} retry={() => void list.refetch()} /> : (
        <Card size="small">
          {narrow ? (
            <NarrowList items={items} rowKey={(r) => `${r.kind}${r.id}`} render={(r) => <ReportCard r={r} />} loading={list.isLoading} empty={empty} testId="report-cards" />
          ) : (
            <Table rowKey={(r) => `${r.kind}${r.id}`} size="middle" columns={columns} dataSource={items} loading={list.isLoading} scroll={{ x: 1150 }}
              locale={{ emptyText: list.isPending ? ' ' : empty }} pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 份` }} />
          )}
        </Card>
      )}
      {creating ? <NewReport open onClose={() => setCreating(false)} /> : null}
    </div>
  );
}
