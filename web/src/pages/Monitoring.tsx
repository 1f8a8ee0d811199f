// 监控: the 运行监控 dashboard — lights by department and project, the red and yellow ones with each reason
// (the numbers and the rule), budget execution per month against 序时进度 — and the 绩效自评 department
// summary. Generated reports are marked 演示数据 wherever they show. Each project opens its report page (and
// its printable form).
//
// Without a year or period in the address the server chooses the one a reviewer wants (the newest period
// with a submitted or approved report; only drafts: the one with the most) and the page says which and
// why; the years offered are those of the caller's plans and reports (GET /api/monitoring/dashboard
// answers them), newest first. On a phone (below md) every table becomes a list of cards, as 我的报告 does.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Card, Collapse, Progress, Select, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { monitoringApi, type EvaluationSummary, type MonitoringDashboard } from '../api/monitoring';
import Chart from '../components/Chart';
import { EmptyState, ErrorBox, PageTitle } from '../components/common';
import NarrowList, { useNarrow } from '../components/NarrowList';
import { DemoTag, LIGHT, LightTag, pct } from '../components/report/labels';
import { useUrlState } from '../lib/url';

type Dashboard = MonitoringDashboard;
type AlertRow = Dashboard['alerts'][number];
type ProjectRow = Dashboard['projects'][number];
type DepartmentRow = Dashboard['byDepartment'][number];
type Dept = EvaluationSummary['departments'][number];
type Coverage = NonNullable<Dashboard['coverage']>;
type CoverageUnit = Coverage['byUnit'][number];
type MissingPlan = Coverage['missing'][number];

const COLOURS = ['red', 'yellow', 'blue', 'green', 'none'] as const;

function Lights({ l }: { l: Dashboard['totals'] }) {
  const lit = COLOURS.filter((c) => l[c] > 0);
  return lit.length ? <Space size={4} wrap>{lit.map((c) => <span key={c}><LightTag colour={c} /> {l[c]}</span>)}</Space> : <span className="muted">—</span>;
}

const Print = ({ id }: { id: number }) => <a className="note" href={`/api/monitoring/${id}/html`} target="_blank" rel="noreferrer">打印</a>;
const ProjectLink = ({ id, name }: { id: number; name: string }) => <Link className="nl-title" to={`/reports/monitoring/${id}`}>{name}</Link>;

/** which period is shown and why: asked for, or the default the server chose (and the newer ones it passed over) */
function PeriodNote({ d, filtered }: { d: Dashboard; filtered: boolean }) {
  if (d.year === null || d.month === null) return null;
  const shown = d.periods.find((p) => p.month === d.month);
  const counts = `共 ${shown?.reports ?? 0} 份报告，已提交或已审核 ${shown?.submitted ?? 0} 份`;
  const why = d.basis === 'submitted' ? '默认显示最近一个有已提交或已审核报告的期间'
    : d.basis === 'most' ? '还没有已提交的报告，默认显示报告最多的期间' : '';
  // what a default passed over: newer periods of the year, and (unfiltered: the years count the whole scope) newer years, holding drafts only
  const newer = why ? [
    ...d.periods.filter((p) => p.month > d.month!).map((p) => `${d.year}年${p.label}（${p.reports} 份）`),
    ...(filtered ? [] : d.years.filter((y) => y.year > d.year! && y.reports > 0).map((y) => `${y.year}年（${y.reports} 份）`)),
  ] : [];
  return (
    <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="period-note" title={(
      <span>
        显示 <b data-testid="period-shown">{d.year}年{d.periodLabel}</b> 的运行监控（{counts}）{why ? `：${why}` : ''}。
        {newer.length ? <span className="muted">更近的期间只有草稿：{newer.join('、')}，可在上方选择。</span> : null}
      </span>
    )} />
  );
}

/** the first page of `items` a NarrowList shows, its page kept within range when the list shrinks */
function usePage<T>(items: readonly T[], size: number) {
  const [page, setPage] = useState(1);
  const current = Math.min(page, Math.max(1, Math.ceil(items.length / size)));
  return {
    items: items.slice((current - 1) * size, current * size),
    pagination: items.length > size ? { current, pageSize: size, total: items.length, onChange: (p: number) => setPage(p) } : undefined,
  };
}

const alertColumns: ColumnsType<AlertRow> = [
  { title: '灯', key: 'light', width: 80, render: (_, a) => <LightTag colour={a.light} /> },
  { title: '项目', key: 'p', width: 240, render: (_, a) => <span><ProjectLink id={a.reportId} name={a.project} /> <Print id={a.reportId} /><div className="muted note">{a.unit}</div></span> },
  { title: '原因（数字与规则）', key: 'r', render: (_, a) => <Reasons a={a} /> },
];
const Reasons = ({ a }: { a: AlertRow }) => <div>{a.reasons.map((x, i) => <div key={i} className="note"><LightTag colour={x.light} /> <b>{x.what}</b>：{x.explanation}</div>)}</div>;

function AlertCard({ a }: { a: AlertRow }) {
  return (
    <div className="plan-card" data-testid="alert-card">
      <div className="plan-card-head"><ProjectLink id={a.reportId} name={a.project} /><LightTag colour={a.light} /></div>
      <div className="nl-meta"><span>{a.unit}</span><Print id={a.reportId} /></div>
      <Reasons a={a} />
    </div>
  );
}

const projectColumns: ColumnsType<ProjectRow> = [
  { title: '灯', key: 'light', width: 90, render: (_, p) => <LightTag colour={p.light} /> },
  { title: '项目', key: 'p', width: 260, render: (_, p) => <span><ProjectLink id={p.reportId} name={p.project} /> {p.demo ? <DemoTag /> : null} <Print id={p.reportId} /><div className="muted note">{p.unit}</div></span> },
  { title: '执行率', key: 'rate', width: 90, align: 'right', render: (_, p) => <span className="num">{pct(p.rate)}</span> },
  { title: '状态', dataIndex: 'state', key: 'state', width: 90 },
  { title: '说明', dataIndex: 'explanation', key: 'e', render: (t: string) => <span className="note">{t}</span> },
];

function ProjectCard({ p }: { p: ProjectRow }) {
  return (
    <div className="plan-card" data-testid="project-card">
      <div className="plan-card-head"><ProjectLink id={p.reportId} name={p.project} /><LightTag colour={p.light} /></div>
      <div className="nl-meta"><span>{p.unit}</span><span>执行率 <b className="num">{pct(p.rate)}</b></span><span>{p.state}</span>{p.demo ? <DemoTag /> : null}<Print id={p.reportId} /></div>
      <div className="muted note">{p.explanation}</div>
    </div>
  );
}

/** 自评 covers every approved plan: the evaluated against those due, red while some are not */
const Evaluated = ({ r }: { r: Dept }) => (
  <span className="num" data-testid="evaluation-coverage" title={r.projects < r.due ? `还有 ${r.due - r.projects} 个已批复的项目没有自评` : undefined}>
    {r.projects < r.due ? <b style={{ color: '#b42318' }}>{r.projects}</b> : <b>{r.projects}</b>} / {r.due}
  </span>
);
const grades = (r: Dept) => `${r.byGrade['优']}/${r.byGrade['良']}/${r.byGrade['中']}/${r.byGrade['差']}`;
/** the average covers the projects with a total only: marked when some have none */
const average = (r: Dept) => (r.averageScore === null ? '—' : r.scored < r.projects ? <span title={`只含已得出总分的 ${r.scored} 个项目`}>{r.averageScore}*</span> : r.averageScore);
/** a grade and the average cover the projects whose every indicator is scored: what is left out, and why */
const Unscored = ({ r }: { r: Dept }) => {
  const n = r.indicators.total - r.indicators.scored;
  return n === 0 ? <span className="muted">无（共 {r.indicators.total} 项）</span> : (
    <span data-testid="unscored"><b style={{ color: '#b42318' }}>{n} 项</b><span className="muted">（共 {r.indicators.total} 项）</span>
      {r.indicators.unscored.map((u) => <div key={u.reason} className="note">{u.label} {u.count} 项</div>)}</span>
  );
};
/** the department's printable summary, its Excel and all its forms (GET /api/evaluations/summary/:id/…) */
const SummaryFiles = ({ r, year }: { r: Dept; year: number }) => (r.id === null ? <span className="muted">—</span> : (
  <Space size={10} wrap>
    <a href={`/api/evaluations/summary/${r.id}/html?year=${year}`} target="_blank" rel="noreferrer">汇总表</a>
    <a href={`/api/evaluations/summary/${r.id}/xlsx?year=${year}`} download>Excel</a>
    <a href={`/api/evaluations/summary/${r.id}/forms?year=${year}`} target="_blank" rel="noreferrer">全部自评表</a>
  </Space>
));

function summaryColumns(year: number): ColumnsType<Dept> {
  return [
    { title: '部门', dataIndex: 'name', key: 'name' },
    { title: '已自评/应评', key: 'n', width: 100, align: 'right', render: (_, r) => <Evaluated r={r} /> },
    { title: '已得出总分', dataIndex: 'scored', key: 'scored', width: 90, align: 'right' },
    { title: '未能评分的指标', key: 'unscored', width: 260, render: (_, r) => <Unscored r={r} /> },
    { title: '优/良/中/差', key: 'g', render: (_, r) => grades(r) },
    { title: '平均分', key: 'avg', width: 80, align: 'right', render: (_, r) => average(r) },
    { title: '执行率', key: 'rate', width: 90, align: 'right', render: (_, r) => <span className="num">{pct(r.money.rate)}</span> },
    { title: '打印与下载', key: 'docs', width: 230, render: (_, r) => <SummaryFiles r={r} year={year} /> },
  ];
}

function SummaryCard({ r, year }: { r: Dept; year: number }) {
  return (
    <div className="plan-card" data-testid="summary-card">
      <span className="nl-title">{r.name}</span>
      <div className="nl-meta"><span>已自评/应评 <Evaluated r={r} /></span><span>已得出总分 <b>{r.scored}</b></span><span>优/良/中/差 <b>{grades(r)}</b></span><span>平均分 <b>{average(r)}</b></span><span>执行率 <b className="num">{pct(r.money.rate)}</b></span></div>
      <div className="note">未能评分的指标：<Unscored r={r} /></div>
      <SummaryFiles r={r} year={year} />
    </div>
  );
}

const notReported = (u: CoverageUnit) => u.plans - u.reported;
const share = (n: number, of: number) => Math.round((n / of) * 1000) / 10;
const Missing = ({ n }: { n: number }) => (n > 0 ? <b className="num" style={{ color: '#b42318' }}>{n}</b> : <span className="num muted">0</span>);
const coverageColumns: ColumnsType<CoverageUnit> = [
  { title: '单位', key: 'unit', render: (_, u) => <span>{u.unit}{u.department && u.department !== u.unit ? <div className="muted note">{u.department}</div> : null}</span> },
  { title: '应报', dataIndex: 'plans', key: 'plans', width: 70, align: 'right' },
  { title: '已填报', dataIndex: 'reported', key: 'reported', width: 80, align: 'right' },
  { title: '已报送', dataIndex: 'submitted', key: 'submitted', width: 80, align: 'right' },
  { title: '未填报', key: 'missing', width: 80, align: 'right', render: (_, u) => <Missing n={notReported(u)} /> },
];
const CoverageCard = ({ u }: { u: CoverageUnit }) => (
  <div className="plan-card" data-testid="coverage-card">
    <span className="nl-title">{u.unit}</span>
    <div className="nl-meta"><span>应报 <b>{u.plans}</b></span><span>已填报 <b>{u.reported}</b></span><span>已报送 <b>{u.submitted}</b></span><span>未填报 <Missing n={notReported(u)} /></span></div>
  </div>
);

/** 报送情况: who is to report for the period and has not (the lights show only the reports that exist) */
function CoverageSection({ c, period, narrow }: { c: Coverage; period: string; narrow: boolean }) {
  const missing = c.plans - c.reported;
  return (
    <Card size="small" title={`报送情况（${period}）`} style={{ marginBottom: 12 }} data-testid="monitoring-coverage">
      <div style={{ marginBottom: 8 }} data-testid="coverage-summary">
        <div>应报 <b>{c.plans}</b> 个项目：已填报 <b>{c.reported}</b>（其中已报送 <b>{c.submitted}</b>），未填报 <Missing n={missing} /></div>
        {c.plans > 0 ? <Progress percent={share(c.reported, c.plans)} success={{ percent: share(c.submitted, c.plans) }}
          format={() => `已报送 ${share(c.submitted, c.plans)}%`} size="small" style={{ maxWidth: 420 }} /> : null}
      </div>
      {c.plans === 0 ? <span className="muted">本年度还没有已批复的绩效目标。</span> : (
        <>
          <Rows<CoverageUnit> narrow={narrow} items={c.byUnit} rowKey={(u) => u.unit} size={10} testId="coverage-units" width={480} empty="没有应报的单位"
            card={(u) => <CoverageCard u={u} />} table={coverageColumns} />
          {c.missingTotal > 0 ? (
            <Collapse size="small" style={{ marginTop: 8 }} items={[{
              key: 'missing', label: `未填报的项目（${c.missingTotal}${c.missingTotal > c.missing.length ? `，列出前 ${c.missing.length} 个` : ''}）`,
              children: (
                <div data-testid="coverage-missing">
                  {c.missing.map((m: MissingPlan) => <div key={m.planId} className="note"><Link to={`/plans/${m.planId}`}>{m.project}</Link> <span className="muted">{m.unit}</span></div>)}
                </div>
              ),
            }]} />
          ) : null}
        </>
      )}
    </Card>
  );
}

/** a section's rows: a table on a wide screen, cards on a phone */
function Rows<T>({ narrow, items, rowKey, card, table, width, size, empty, testId }: {
  narrow: boolean; items: readonly T[]; rowKey: (x: T) => string | number; card: (x: T) => ReactNode; table: ColumnsType<T>;
  /** the table's least width: narrower screens scroll it inside its card */
  width: number; size?: number; empty: string; testId: string;
}) {
  const paged = usePage(items, size ?? (items.length || 1));
  return narrow ? (
    <NarrowList items={paged.items} rowKey={rowKey} render={card} empty={<EmptyState description={empty} />} testId={testId} {...(paged.pagination ? { pagination: paged.pagination } : {})} />
  ) : (
    <div data-testid={testId}>
      <Table<T> size="small" rowKey={rowKey} columns={table} dataSource={items as T[]} scroll={{ x: width }}
        locale={{ emptyText: <EmptyState description={empty} /> }} pagination={size && items.length > size ? { pageSize: size, showSizeChanger: false } : false} />
    </div>
  );
}

export default function Monitoring() {
  const url = useUrlState();
  const narrow = useNarrow();
  const asked = url.num('year');
  const month = url.num('month');
  const department = url.get('department');
  const light = url.get('light');
  const q = useQuery({
    queryKey: ['monitoring-dashboard', asked, month, department, light], placeholderData: keepPreviousData,
    queryFn: ({ signal }) => monitoringApi.dashboard({ year: asked, month, department, light }, signal),
  });
  const d = q.data;
  const year = d?.year ?? null;
  const s = useQuery({ queryKey: ['evaluation-summary', year], enabled: year !== null, queryFn: ({ signal }) => monitoringApi.summary(year!, signal) });
  // the years with data, newest first; a year typed into the address stays choosable though it has none
  const years = [...(d?.years ?? []).map((y) => y.year), ...(year !== null && !d?.years.some((y) => y.year === year) ? [year] : [])].sort((a, b) => b - a);
  const withReports = (d?.years ?? []).filter((y) => y.reports > 0 && y.year !== year);
  return (
    <div data-testid="monitoring-page">
      <PageTitle title="监控" sub={d?.year != null && d.month !== null ? `${d.year}年1—${d.month}月运行监控${d.demo ? '（含演示数据）' : ''}` : d?.year != null ? `${d.year}年运行监控` : '运行监控与绩效自评'} />
      {d?.demo ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={<span><DemoTag /> 本页含按固定种子生成的演示数据，并非真实填报。</span>} /> : null}
      {d && d.year === null ? null : (
        <div className="filters" style={{ marginBottom: 12 }}>
          <Select aria-label="年度" data-testid="monitoring-year" value={year ?? undefined} placeholder="年度" style={{ width: 130 }} loading={q.isLoading}
            options={years.map((y) => ({ value: y, label: `${y}年` }))}
            onChange={(v) => url.set({ year: v, month: null })} />
          <Select aria-label="期间" value={d?.month ?? undefined} placeholder="期间" style={{ width: 130 }} disabled={!d?.periods.length}
            options={(d?.periods ?? []).map((p) => ({ value: p.month, label: p.label }))}
            onChange={(v) => url.set({ month: v })} />
          <Select aria-label="部门" allowClear value={department} placeholder="全部部门" style={{ width: 220 }} options={(d?.byDepartment ?? []).map((x) => ({ value: x.name, label: x.name }))} onChange={(v) => url.set({ department: v ?? null })} />
          <Select aria-label="灯" allowClear value={light} placeholder="全部灯色" style={{ width: 120 }} options={Object.entries(LIGHT).map(([k, v]) => ({ value: k, label: v.label }))} onChange={(v) => url.set({ light: v ?? null })} />
        </div>
      )}
      {q.error ? <ErrorBox error={q.error} retry={() => void q.refetch()} /> : null}
      {d && d.year === null ? (
        <Card size="small" data-testid="monitoring-empty">
          <EmptyState description="还没有绩效目标申报或运行监控报告">
            <div className="muted note" style={{ maxWidth: 420, margin: '0 auto 12px' }}>单位的绩效目标批复后，在“报告”中填报各期运行监控；报告提交后，这里按部门和项目显示亮灯、红黄灯原因和预算执行进度。</div>
            <Link to="/reports">打开我的报告</Link>
          </EmptyState>
        </Card>
      ) : null}
      {d && d.year !== null && d.month === null ? (
        <Card size="small" style={{ marginBottom: 12 }} data-testid="monitoring-empty">
          <EmptyState description={`${d.year}年还没有运行监控报告${department ? `（${department}）` : ''}`}>
            {withReports.length ? (
              <Space wrap size={12}>
                <span className="muted">有报告的年度：</span>
                {withReports.map((y) => <Link key={y.year} to={`/monitoring?year=${y.year}`}>{y.year}年（{y.reports} 份）</Link>)}
              </Space>
            ) : null}
          </EmptyState>
        </Card>
      ) : null}
      {d && d.year !== null && d.month !== null ? (
        <>
          <PeriodNote d={d} filtered={Boolean(department)} />
          <Card size="small" title="亮灯" style={{ marginBottom: 12 }}><Lights l={d.totals} /></Card>
          {d.coverage ? <CoverageSection c={d.coverage} period={`${d.year}年${d.periodLabel ?? ''}`} narrow={narrow} /> : null}
          <Card size="small" title="预算执行与序时进度" style={{ marginBottom: 12 }}>
            <Chart label="各月预算执行率与序时进度" height={240} option={{
              tooltip: { trigger: 'axis' }, legend: { top: 0, bottom: 'auto' }, grid: { left: 48, right: 16, top: 36, bottom: 28 },
              xAxis: { type: 'category', data: d.execution.map((e) => e.label) }, yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
              series: [
                { type: 'bar', name: '执行率', data: d.execution.map((e) => Math.round((e.rate ?? 0) * 1000) / 10) },
                { type: 'bar', name: '序时进度', data: d.execution.map((e) => Math.round(e.schedule * 1000) / 10) },
              ],
            } as never} />
          </Card>
          <Card size="small" title="按部门" style={{ marginBottom: 12 }}>
            <Rows<DepartmentRow> narrow={narrow} items={d.byDepartment} rowKey={(x) => x.name} testId="monitoring-departments" width={480} empty="没有符合条件的报告"
              card={(x) => <div className="plan-card-head"><span className="nl-title">{x.name}</span><Lights l={x.lights} /></div>}
              table={[{ title: '部门', dataIndex: 'name', key: 'name' }, { title: '亮灯', key: 'l', render: (_, r) => <Lights l={r.lights} /> }]} />
          </Card>
          <Card size="small" title={`红灯、黄灯（${d.alerts.length}）`} style={{ marginBottom: 12 }}>
            <Rows<AlertRow> narrow={narrow} items={d.alerts} rowKey={(a) => a.reportId} size={10} testId="monitoring-alerts" width={640} empty="本期没有红灯、黄灯"
              card={(a) => <AlertCard a={a} />} table={alertColumns} />
          </Card>
          <Card size="small" title={`项目（${d.projects.length}）`} style={{ marginBottom: 12 }}>
            <Rows<ProjectRow> narrow={narrow} items={d.projects} rowKey={(p) => p.reportId} size={20} testId="monitoring-projects" width={720} empty="没有符合条件的报告"
              card={(p) => <ProjectCard p={p} />} table={projectColumns} />
          </Card>
        </>
      ) : null}
      {s.data && year !== null && (s.data.departments.length > 0 || d?.month !== null) ? (
        <Card size="small" title={<span>{year}年绩效自评部门汇总{s.data.demo ? <> <DemoTag /></> : null}</span>}>
          <Rows<Dept> narrow={narrow} items={s.data.departments} rowKey={(r) => r.name} testId="evaluation-summary" width={1220} empty={`${year}年还没有绩效自评`}
            card={(r) => <SummaryCard r={r} year={year} />} table={summaryColumns(year)} />
          {s.data.departments.some((r) => r.scored < r.projects)
            ? <div className="muted note" style={{ marginTop: 6 }}>* 等级与平均分只含已得出总分的项目：项目的每项指标都评分后才有总分。</div> : null}
        </Card>
      ) : null}
    </div>
  );
}
