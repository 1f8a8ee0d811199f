// 项目: the stored projects with the store's filters and sorts, or a text search over names and goals.
// Everything (filters, sort, page, page size, search words) lives in the query string.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Input, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import NarrowList, { useNarrow } from '../components/NarrowList';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, type Params } from '../api/client';
import type { ProjectSummary } from '../api/types';
import { EmptyState, ErrorBox, PageTitle, Unplaced, UnplacedNote } from '../components/common';
import Highlight from '../components/Highlight';
import XlsxDownload from '../components/XlsxDownload';
import { int, LEVEL1, LEVEL2, SEVERITY_LABEL, SEVERITIES, SOURCE_KEYS, SOURCE_LABEL, wan, yearLabel } from '../lib/format';
import { distinct, useDocuments, useOverview, yearOptions, yearParam } from '../lib/queries';
import { useUrlState } from '../lib/url';
import { useWindowHeight } from '../lib/useWindowHeight';

const SORTS = ['document', 'name', 'total', 'unit', 'year', 'score', 'indicators', 'findings'] as const;
type Sort = (typeof SORTS)[number];
const PAGE_SIZES = [50, 100, 200, 500];
/** category options whose chosen chip says which filter it is: 含 3 满意度指标 / 缺 3 满意度指标 */
const categoryOptions = (prefix: '含' | '缺') => [
  ...Object.entries(LEVEL1).map(([code, name]) => ({ value: code, label: `${prefix} ${code} ${name}` })),
  ...Object.entries(LEVEL2).map(([code, name]) => ({ value: code, label: `${prefix} ${code} ${name}` })),
];
const HAS_OPTIONS = categoryOptions('含');
const MISSING_OPTIONS = categoryOptions('缺');
const ADVANCED = ['department', 'min', 'max', 'source', 'has', 'missing', 'findings', 'rule', 'severity', 'all'];

const gradeColor: Record<string, string> = { 优: 'green', 良: 'blue', 中: 'orange', 差: 'red' };

/** the funding columns in one cell: each source that holds an amount, and the amounts no column could be given */
function Sources({ p }: { p: ProjectSummary }) {
  const rows = (['fiscal', 'specialAccount', 'other'] as const).filter((k) => p.amounts[k] !== null && p.amounts[k] !== 0);
  if (rows.length === 0 && p.amounts.unplaced.length === 0) return <span className="muted">—</span>;
  return (
    <div className="sources">
      {rows.map((k) => <span key={k}><span className="src-label">{SOURCE_LABEL[k]}</span><span className="num">{wan(p.amounts[k])}</span></span>)}
      {p.amounts.unplaced.length > 0 ? <span><Unplaced amounts={p.amounts.unplaced} /></span> : null}
    </div>
  );
}

function columns(sort: Sort, desc: boolean, q: string): ColumnsType<ProjectSummary> {
  const order = (key: Sort) => (sort === key ? (desc ? 'descend' : 'ascend') : null);
  return [
    {
      title: '项目名称', dataIndex: 'name', key: 'name', width: 280, fixed: 'left', sorter: true, sortOrder: order('name'),
      render: (_, p) => <Link to={`/projects/${p.id}`}>{q ? <Highlight segments={marked(p.name, q, 200)} /> : p.name}</Link>,
    },
    ...(q ? [{ title: `命中“${q}”之处`, key: 'matches', width: 300, render: (_: unknown, p: ProjectSummary) => <Matches p={p} q={q} /> }] : []),
    {
      title: '单位', key: 'unit', width: 190, sorter: true, sortOrder: order('unit'),
      render: (_, p) => <span>{p.unit.name}{p.unit.version > 1 || !p.unit.latest ? <Tag style={{ marginLeft: 4 }} color={p.unit.latest ? 'blue' : 'default'}>第{p.unit.version}版</Tag> : null}</span>,
    },
    { title: '年度', dataIndex: 'year', key: 'year', width: 76, sorter: true, sortOrder: order('year'), render: (y: number | null) => y ?? <span className="muted note">未注明</span> },
    { title: '总计', key: 'total', width: 110, align: 'right', sorter: true, sortOrder: order('total'), render: (_, p) => <b className="num">{wan(p.amounts.total)}</b> },
    { title: '资金来源', key: 'sources', width: 170, render: (_, p) => <Sources p={p} /> },
    {
      title: '评分', key: 'score', width: 90, align: 'right', sorter: true, sortOrder: order('score'),
      render: (_, p) => (p.score === null ? '—' : <span>{p.score.toFixed(1)} {p.grade ? <Tag color={gradeColor[p.grade]} style={{ marginInlineEnd: 0 }}>{p.grade}</Tag> : null}</span>),
    },
    { title: '指标', dataIndex: 'indicatorCount', key: 'indicators', width: 70, align: 'right', sorter: true, sortOrder: order('indicators') },
    {
      title: '问题', dataIndex: 'findingCount', key: 'findings', width: 70, align: 'right', sorter: true, sortOrder: order('findings'),
      render: (n: number) => (n > 0 ? <Badge count={n} overflowCount={999} color="#d48806" /> : <span className="muted">0</span>),
    },
  ];
}

/** the table's width: the columns' own, so that at 1440 px nothing is cut and a wider screen spreads them */
const tableWidth = (cols: ColumnsType<ProjectSummary>): number => cols.reduce((a, c) => a + Number(c.width ?? 0), 0);

const FIELD_LABEL = { name: '名称', goal: '绩效目标', indicator: '指标' } as const;

/** `text` cut to about `room` characters around the first occurrence of `q`, with every occurrence marked */
function marked(text: string, q: string, room = 60): { text: string; match: boolean }[] {
  const at = text.indexOf(q);
  let t = text;
  if (text.length > room && at >= 0) {
    const from = Math.max(0, at - Math.floor((room - q.length) / 2));
    t = `${from > 0 ? '…' : ''}${text.slice(from, from + room)}${from + room < text.length ? '…' : ''}`;
  }
  const parts = t.split(q);
  return parts.flatMap((x, i) => [...(i > 0 ? [{ text: q, match: true }] : []), ...(x ? [{ text: x, match: false }] : [])]);
}

/** every place the searched text occurs in a project: its name, its goal, each indicator name */
function Matches({ p, q }: { p: ProjectSummary; q: string }) {
  const list = p.matches ?? [];
  if (list.length === 0) return <span className="muted">—</span>;
  return (
    <div className="matches" data-testid="matches">
      {list.map((m, i) => (
        <div key={i} className="match"><Tag>{FIELD_LABEL[m.field]}</Tag><Highlight segments={marked(m.text, q)} /></div>
      ))}
    </div>
  );
}

/** a project on a phone: name, unit and year, then total, score, indicators and findings */
function ProjectCard({ p, q }: { p: ProjectSummary; q: string }) {
  return (
    <>
      <Link className="nl-title" to={`/projects/${p.id}`}>{q ? <Highlight segments={marked(p.name, q, 200)} /> : p.name}</Link>
      <div className="nl-meta"><span>{p.unit.name}</span><span>{yearLabel(p.year)}</span>{p.unit.version > 1 || !p.unit.latest ? <span>第{p.unit.version}版</span> : null}</div>
      <div className="nl-meta" data-testid="card-amounts">
        <span>总计 <b className="num">{wan(p.amounts.total)}</b> 万元</span>
        <span>评分 <b>{p.score === null ? '—' : p.score.toFixed(1)}</b>{p.grade ? ` ${p.grade}` : ''}</span>
        <span>指标 <b>{p.indicatorCount}</b></span>
        <span>问题 <b style={p.findingCount > 0 ? { color: '#d48806' } : undefined}>{p.findingCount}</b></span>
      </div>
      {q ? <Matches p={p} q={q} /> : null}
    </>
  );
}

export default function Projects() {
  const url = useUrlState();
  const height = useWindowHeight();
  const docs = useDocuments();
  const overview = useOverview();
  const q = url.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const [showMore, setShowMore] = useState(() => ADVANCED.some((k) => url.params.has(k)));

  const sortParam = url.get('sort');
  const sort: Sort = (SORTS as readonly string[]).includes(sortParam ?? '') ? (sortParam as Sort) : 'document';
  const desc = url.get('order') === 'desc';
  const page = Math.max(1, url.num('page') ?? 1);
  const size = PAGE_SIZES.includes(url.num('size') ?? 0) ? (url.num('size') as number) : 50;
  const findingsParam = url.get('findings');

  const year = yearParam(url.get('year'));
  const params: Params = {
    q: q || undefined,
    year, department: url.get('department'), unit: url.get('unit'), min: url.num('min'), max: url.num('max'),
    source: url.all('source'), has: url.all('has'), missing: url.all('missing'),
    findings: findingsParam === '1' ? true : findingsParam === '0' ? false : undefined,
    rule: url.get('rule'), severity: url.get('severity'), latestOnly: url.get('all') === '1' ? false : undefined,
    sort: sort === 'document' ? undefined : sort, order: desc ? 'desc' : undefined, limit: size, offset: (page - 1) * size,
  };
  const list = useQuery({
    queryKey: ['projects', params],
    queryFn: ({ signal }) => api.projects(params, signal),
    placeholderData: keepPreviousData,
  });
  const narrow = useNarrow();

  const departments = useMemo(() => distinct(docs.data ?? [], (d) => d.department), [docs.data]);
  const units = useMemo(() => distinct((docs.data ?? []).flatMap((d) => d.units), (u) => u.name), [docs.data]);
  const rules = overview.data?.findingsByRule ?? [];
  const cols = useMemo(() => columns(sort, desc, q), [sort, desc, q]);
  const anyUnplaced = (list.data?.items ?? []).some((p) => p.amounts.unplaced.length > 0);
  const filtered = [...ADVANCED, 'year', 'unit'].some((k) => url.params.has(k));

  const onTable = (_p: unknown, _f: unknown, sorter: SorterResult<ProjectSummary> | SorterResult<ProjectSummary>[], extra: { action: string }) => {
    if (extra.action !== 'sort') return;
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.order ? String(s.columnKey) : 'document';
    url.set({ sort: key === 'document' ? null : key, order: s?.order === 'descend' ? 'desc' : null });
  };

  return (
    <>
      <PageTitle title="项目" sub="每个单位默认只列最新版本。金额单位：万元。"
        extra={<XlsxDownload
          // the list's filters without its order and paging: every project they select, in document order
          url={(layout) => api.projectsXlsxUrl({ ...params, sort: undefined, order: undefined, limit: undefined, offset: undefined }, layout)}
          {...(url.get('unit') ? { templates: {
            monitor: api.templateUrl('monitor', url.get('unit')!, year === 'none' ? null : typeof year === 'number' ? year : undefined),
            evaluate: api.templateUrl('evaluate', url.get('unit')!, year === 'none' ? null : typeof year === 'number' ? year : undefined),
          } } : {})} />} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="filters">
          <Input.Search
            allowClear placeholder="名称、绩效目标或指标名称" style={{ width: 300 }} value={draft} aria-label="检索项目"
            onChange={(e) => { setDraft(e.target.value); if (!e.target.value) url.set({ q: null }); }}
            onSearch={(v) => url.set({ q: v.trim() || null })}
            enterButton="检索"
          />
          <Select allowClear placeholder="年度" style={{ width: 130 }} value={year} aria-label="年度"
            options={yearOptions(docs.data ?? [])} onChange={(v) => url.set({ year: v })} />
          <Select allowClear showSearch placeholder="资金使用单位" style={{ width: 240 }} value={url.get('unit')} aria-label="单位"
            options={units.map((u) => ({ value: u, label: u }))} onChange={(v) => url.set({ unit: v })} />
          <Select placeholder="排序" style={{ width: 150 }} value={`${sort}${desc ? '-desc' : ''}`} aria-label="排序"
            options={[
              { value: 'document', label: '按表内顺序' }, { value: 'total-desc', label: '总计从高到低' }, { value: 'total', label: '总计从低到高' },
              { value: 'score', label: '评分从低到高' }, { value: 'score-desc', label: '评分从高到低' }, { value: 'findings-desc', label: '问题从多到少' },
              { value: 'indicators', label: '指标从少到多' }, { value: 'name', label: '按名称' }, { value: 'unit', label: '按单位' }, { value: 'year-desc', label: '按年度（新到旧）' },
            ]}
            onChange={(v: string) => { const [s, o] = v.split('-'); url.set({ sort: s === 'document' ? null : s, order: o === 'desc' ? 'desc' : null }); }} />
          <Button onClick={() => setShowMore((x) => !x)}>{showMore ? '收起筛选' : '更多筛选'}</Button>
          {filtered || q ? <Button type="link" onClick={() => { setDraft(''); url.clear(['size']); }}>清除条件</Button> : null}
        </div>
        {showMore ? (
          <div className="filters" style={{ marginTop: 8 }}>
            <Select allowClear showSearch placeholder="部门" style={{ width: 220 }} value={url.get('department')} aria-label="部门"
              options={departments.map((d) => ({ value: d, label: d }))} onChange={(v) => url.set({ department: v })} />
            <Space.Compact>
              <InputNumber placeholder="总计 ≥" min={0} style={{ width: 110 }} value={url.num('min')} aria-label="最低金额" onChange={(v) => url.set({ min: v })} />
              <InputNumber placeholder="总计 ≤" min={0} style={{ width: 110 }} value={url.num('max')} aria-label="最高金额" onChange={(v) => url.set({ max: v })} />
            </Space.Compact>
            <Select mode="multiple" allowClear placeholder="有金额的资金来源" style={{ width: 220 }} value={url.all('source')} aria-label="资金来源"
              options={SOURCE_KEYS.map((k) => ({ value: k, label: SOURCE_LABEL[k] }))} onChange={(v) => url.set({ source: v })} />
            <Select mode="multiple" allowClear placeholder="含指标类别" style={{ width: 200 }} value={url.all('has')} aria-label="含指标类别"
              options={HAS_OPTIONS} onChange={(v) => url.set({ has: v })} />
            <Select mode="multiple" allowClear placeholder="缺指标类别" style={{ width: 200 }} value={url.all('missing')} aria-label="缺指标类别"
              options={MISSING_OPTIONS} onChange={(v) => url.set({ missing: v })} />
            <Select allowClear placeholder="审核问题" style={{ width: 130 }} value={findingsParam} aria-label="有无审核问题"
              options={[{ value: '1', label: '有审核问题' }, { value: '0', label: '无审核问题' }]} onChange={(v) => url.set({ findings: v })} />
            <Select allowClear showSearch placeholder="审核规则" style={{ width: 240 }} value={url.get('rule')} aria-label="审核规则"
              optionFilterProp="label"
              options={rules.map((r) => ({ value: r.rule, label: r.title }))} onChange={(v) => url.set({ rule: v })} />
            <Select allowClear placeholder="问题级别" style={{ width: 110 }} value={url.get('severity')} aria-label="问题级别"
              options={SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABEL[s] }))} onChange={(v) => url.set({ severity: v })} />
            <span><Switch size="small" checked={url.get('all') === '1'} onChange={(v) => url.set({ all: v })} aria-label="含历史版本" /> 含历史版本</span>
          </div>
        ) : null}
      </Card>

      {q && list.data ? (
        <Typography.Paragraph type="secondary" data-testid="search-summary">
          在项目名称、绩效目标和指标名称中检索“{q}”{filtered ? '（并按上方条件筛选）' : ''}：<b>{int(list.data.total)}</b> 个项目；每个项目列出所有命中之处。
        </Typography.Paragraph>
      ) : null}
      {list.isError ? (
        <ErrorBox error={list.error} retry={() => list.refetch()} />
      ) : narrow ? (
        <NarrowList<ProjectSummary>
          testId="project-cards" items={list.data?.items ?? []} rowKey={(p) => p.id} loading={list.isFetching}
          render={(p) => <ProjectCard p={p} q={q} />}
          empty={list.isPending ? ' ' : <EmptyState description={q ? `没有名称、绩效目标或指标名称包含“${q}”的项目` : filtered ? '没有符合条件的项目' : <>还没有项目，<Link to="/import">导入绩效目标表</Link></>} />}
          pagination={{ current: page, pageSize: size, total: list.data?.total ?? 0, showTotal: (t) => `共 ${int(t)} 个项目`, onChange: (p, s) => url.set({ page: p > 1 ? p : null, size: s === 50 ? null : s }) }}
        />
      ) : (
        <>
          <Table<ProjectSummary>
            rowKey="id" size="small" virtual columns={cols} dataSource={list.data?.items ?? []} loading={list.isFetching}
            scroll={{ x: tableWidth(cols), y: Math.max(320, height - 330) }}
            onChange={onTable}
            locale={{ emptyText: list.isPending ? ' ' : <EmptyState description={q ? `没有名称、绩效目标或指标名称包含“${q}”的项目` : filtered ? '没有符合条件的项目' : <>还没有项目，<Link to="/import">导入绩效目标表</Link></>} /> }}
            pagination={{
              current: page, pageSize: size, total: list.data?.total ?? 0, showSizeChanger: true, pageSizeOptions: PAGE_SIZES,
              showTotal: (t) => `共 ${int(t)} 个项目`,
              onChange: (p, s) => url.set({ page: p > 1 ? p : null, size: s === 50 ? null : s }),
            }}
          />
          {anyUnplaced ? <UnplacedNote compact /> : null}
        </>
      )}
    </>
  );
}
