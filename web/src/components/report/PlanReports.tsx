// On a plan's page: its 运行监控 reports and 绩效自评 (state, light or grade, the printable form), and —
// for the unit, once the plan is approved — opening one for a period.
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { reportLabel, reportPath, reportsApi, type ReportItem, type ReportKindName } from '../../api/reports';
import { may, useMe } from '../../lib/auth';
import { ErrorBox } from '../common';
import { DemoTag, GradeTag, LightTag, ReportStateTag } from './labels';
import { NewReport } from './NewReport';

function Line({ kind, r }: { kind: ReportKindName; r: ReportItem }) {
  return (
    <li className="plan-report-line">
      <Link to={reportPath(kind, r.id)}>{r.periodLabel}{reportLabel(kind)}</Link>
      <ReportStateTag state={r.state} returned={r.returned} />
      {kind === 'monitoring' ? <LightTag colour={r.light} /> : <GradeTag grade={r.grade} />}
      {r.demo ? <DemoTag /> : null}
      <a className="note" href={reportsApi.htmlUrl(kind, r.id)} target="_blank" rel="noreferrer">打印</a>
    </li>
  );
}

export default function PlanReports({ planId, year, approved }: { planId: number; year: number | null; approved: boolean }) {
  const role = useMe().data?.user?.role ?? null;
  const [open, setOpen] = useState<ReportKindName | null>(null);
  const m = useQuery({ queryKey: ['reports', 'monitoring', 'plan', planId], queryFn: ({ signal }) => reportsApi.list('monitoring', { plan: planId }, signal), enabled: approved });
  const e = useQuery({ queryKey: ['reports', 'evaluation', 'plan', planId], queryFn: ({ signal }) => reportsApi.list('evaluation', { plan: planId }, signal), enabled: approved });
  if (!approved) return null;
  const canCreate = may('POST /api/monitoring', role);
  const none = (m.data?.length ?? 0) + (e.data?.length ?? 0) === 0;
  // a list that failed to load is said so, with a retry — never shown as 尚无报告
  const failed = m.error ?? e.error;
  return (
    <Card size="small" title="运行监控与绩效自评" data-testid="plan-reports">
      {failed ? <ErrorBox error={failed} title="报告列表加载失败" retry={() => { void m.refetch(); void e.refetch(); }} /> : null}
      {none && !failed && !m.isLoading && !e.isLoading ? <div className="muted note">尚无报告</div> : null}
      <ul className="plan-reports">
        {(m.data ?? []).map((r) => <Line key={`m${r.id}`} kind="monitoring" r={r} />)}
        {(e.data ?? []).map((r) => <Line key={`e${r.id}`} kind="evaluation" r={r} />)}
      </ul>
      {canCreate ? (
        <Space wrap style={{ marginTop: 8 }}>
          <Button size="small" onClick={() => setOpen('monitoring')} data-testid="new-monitoring">填报运行监控</Button>
          <Button size="small" onClick={() => setOpen('evaluation')} data-testid="new-evaluation">填报绩效自评</Button>
        </Space>
      ) : null}
      {open ? <NewReport open onClose={() => setOpen(null)} plan={{ id: planId, year }} kind={open} /> : null}
    </Card>
  );
}
