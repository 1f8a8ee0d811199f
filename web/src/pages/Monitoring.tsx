// 监控: the 运行监控 dashboard — lights by department and project, the red and yellow ones with each reason
// (the numbers and the rule), budget execution per month against 序时进度 — and the 绩效自评 department
// summary. Generated reports are marked 演示数据 wherever they show. Each project opens its report page (and
// its printable form).
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Select, Space, Table, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { monitoringApi, type EvaluationSummary, type MonitoringDashboard } from '../api/monitoring';

type Dept = EvaluationSummary['departments'][number];
import Chart from '../components/Chart';
import { ErrorBox, PageTitle } from '../components/common';
import { useUrlState } from '../lib/url';

const LIGHT: Record<string, { label: string; color: string }> = {
  red: { label: '红灯', color: 'red' }, yellow: { label: '黄灯', color: 'gold' }, blue: { label: '蓝灯', color: 'blue' }, green: { label: '绿灯', color: 'green' }, none: { label: '无法判断', color: 'default' },
};
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);
const Light = ({ c }: { c: string }) => <Tag color={LIGHT[c]?.color}>{LIGHT[c]?.label ?? c}</Tag>;
const Demo = () => <Tag color="purple">演示数据</Tag>;

function Lights({ l }: { l: MonitoringDashboard['totals'] }) {
  return <Space size={4} wrap>{(['red', 'yellow', 'blue', 'green', 'none'] as const).filter((c) => l[c] > 0).map((c) => <Tag key={c} color={LIGHT[c]!.color}>{LIGHT[c]!.label} {l[c]}</Tag>)}</Space>;
}

export default function Monitoring() {
  const url = useUrlState();
  const year = Number(url.get('year') ?? 2024);
  const month = url.get('month') ? Number(url.get('month')) : undefined;
  const department = url.get('department') ?? undefined;
  const light = url.get('light') ?? undefined;
  const q = useQuery({ queryKey: ['monitoring-dashboard', year, month, department, light], queryFn: ({ signal }) => monitoringApi.dashboard({ year, month, department, light }, signal) });
  const s = useQuery({ queryKey: ['evaluation-summary', year], queryFn: ({ signal }) => monitoringApi.summary(year, signal) });
  const d = q.data;
  return (
    <div>
      <PageTitle title="监控" sub={d?.month ? `${year}年1—${d.month}月运行监控${d.demo ? '（含演示数据）' : ''}` : `${year}年`} />
      {d?.demo ? <Alert type="info" showIcon style={{ marginBottom: 12 }} message={<span><Demo />本页含按固定种子生成的演示数据，并非真实填报。</span>} /> : null}
      <Space wrap style={{ marginBottom: 12 }}>
        <Select aria-label="年度" value={year} style={{ width: 110 }} options={[2023, 2024, 2025, 2026].map((y) => ({ value: y, label: `${y}年` }))} onChange={(v) => url.set({ year: v, month: null })} />
        <Select aria-label="期间" value={d?.month ?? undefined} placeholder="期间" style={{ width: 130 }} options={(d?.months ?? []).map((m) => ({ value: m, label: `1—${m}月` }))} onChange={(v) => url.set({ month: v })} />
        <Select aria-label="部门" allowClear value={department} placeholder="全部部门" style={{ width: 220 }} options={(d?.byDepartment ?? []).map((x) => ({ value: x.name, label: x.name }))} onChange={(v) => url.set({ department: v ?? null })} />
        <Select aria-label="灯" allowClear value={light} placeholder="全部灯色" style={{ width: 120 }} options={Object.entries(LIGHT).map(([k, v]) => ({ value: k, label: v.label }))} onChange={(v) => url.set({ light: v ?? null })} />
      </Space>
      {q.error ? <ErrorBox error={q.error} retry={() => void q.refetch()} /> : null}
      {d ? (
        <>
          <Card size="small" title="亮灯" style={{ marginBottom: 12 }}><Lights l={d.totals} /></Card>
          <Card size="small" title="预算执行与序时进度" style={{ marginBottom: 12 }}>
            <Chart label="各月预算执行率与序时进度" height={240} option={{
              tooltip: { trigger: 'axis' }, legend: { top: 0, bottom: 'auto' }, grid: { left: 48, right: 16, top: 36, bottom: 28 },
              xAxis: { type: 'category', data: d.execution.map((e) => `1—${e.month}月`) }, yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
              series: [
                { type: 'bar', name: '执行率', data: d.execution.map((e) => Math.round((e.rate ?? 0) * 1000) / 10) },
                { type: 'bar', name: '序时进度', data: d.execution.map((e) => Math.round(e.schedule * 1000) / 10) },
              ],
            } as never} />
          </Card>
          <Card size="small" title="按部门" style={{ marginBottom: 12 }}>
            <Table size="small" rowKey="name" pagination={false} dataSource={d.byDepartment as never[]} scroll={{ x: 480 }}
              columns={[{ title: '部门', dataIndex: 'name', key: 'name' }, { title: '亮灯', key: 'l', render: (_: unknown, r: MonitoringDashboard['byDepartment'][number]) => <Lights l={r.lights} /> }]} />
          </Card>
          <Card size="small" title={`红灯、黄灯（${d.alerts.length}）`} style={{ marginBottom: 12 }}>
            <Table size="small" rowKey="reportId" pagination={{ pageSize: 10 }} dataSource={d.alerts as never[]} scroll={{ x: 640 }}
              columns={[
                { title: '灯', key: 'light', width: 80, render: (_: unknown, a: MonitoringDashboard['alerts'][number]) => <Light c={a.light} /> },
                { title: '项目', key: 'p', width: 240, render: (_: unknown, a: MonitoringDashboard['alerts'][number]) => <span><Link to={`/reports/monitoring/${a.reportId}`}>{a.project}</Link> <a className="note" href={`/api/monitoring/${a.reportId}/html`} target="_blank" rel="noreferrer">打印</a><div className="muted note">{a.unit}</div></span> },
                { title: '原因（数字与规则）', key: 'r', render: (_: unknown, a: MonitoringDashboard['alerts'][number]) => <div>{a.reasons.map((x, i) => <div key={i} className="note"><Light c={x.light} /><b>{x.what}</b>：{x.explanation}</div>)}</div> },
              ]} />
          </Card>
          <Card size="small" title={`项目（${d.projects.length}）`} style={{ marginBottom: 12 }}>
            <Table size="small" rowKey="reportId" pagination={{ pageSize: 20 }} dataSource={d.projects as never[]} scroll={{ x: 720 }}
              columns={[
                { title: '灯', key: 'light', width: 90, render: (_: unknown, p: MonitoringDashboard['projects'][number]) => <Light c={p.light} /> },
                { title: '项目', key: 'p', width: 260, render: (_: unknown, p: MonitoringDashboard['projects'][number]) => <span><Link to={`/reports/monitoring/${p.reportId}`}>{p.project}</Link> {p.demo ? <Demo /> : null} <a className="note" href={`/api/monitoring/${p.reportId}/html`} target="_blank" rel="noreferrer">打印</a><div className="muted note">{p.unit}</div></span> },
                { title: '执行率', key: 'rate', width: 90, align: 'right' as const, render: (_: unknown, p: MonitoringDashboard['projects'][number]) => pct(p.rate) },
                { title: '状态', dataIndex: 'state', key: 'state', width: 90 },
                { title: '说明', dataIndex: 'explanation', key: 'e', render: (t: string) => <span className="note">{t}</span> },
              ]} />
          </Card>
        </>
      ) : null}
      {s.data ? (
        <Card size="small" title={<span>绩效自评部门汇总{s.data.demo ? <Demo /> : null}</span>}>
          <Table size="small" rowKey="name" pagination={false} dataSource={s.data.departments as never[]} scroll={{ x: 870 }}
            columns={[
              { title: '部门', dataIndex: 'name', key: 'name' },
              { title: '项目', dataIndex: 'projects', key: 'n', width: 70, align: 'right' as const },
              { title: '优/良/中/差', key: 'g', render: (_: unknown, r: Dept) => `${r.byGrade['优']}/${r.byGrade['良']}/${r.byGrade['中']}/${r.byGrade['差']}` },
              { title: '平均分', dataIndex: 'averageScore', key: 'avg', width: 80, align: 'right' as const, render: (x: number | null) => x ?? '—' },
              { title: '执行率', key: 'rate', width: 90, align: 'right' as const, render: (_: unknown, r: Dept) => pct(r.money.rate) },
              {
                // the department's printable summary, its Excel and all its forms (GET /api/evaluations/summary/:id/…)
                title: '打印与下载', key: 'docs', width: 230,
                render: (_: unknown, r: Dept) => (r.id === null ? '—' : (
                  <Space size={10} wrap>
                    <a href={`/api/evaluations/summary/${r.id}/html?year=${year}`} target="_blank" rel="noreferrer">汇总表</a>
                    <a href={`/api/evaluations/summary/${r.id}/xlsx?year=${year}`} download>Excel</a>
                    <a href={`/api/evaluations/summary/${r.id}/forms?year=${year}`} target="_blank" rel="noreferrer">全部自评表</a>
                  </Space>
                )),
              },
            ]} />
        </Card>
      ) : null}
    </div>
  );
}
