// 指标: every indicator across the stored projects, narrowed by words in its name and by facets
// (category, unit, target kind), with the distribution of the numeric annual targets found.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, type Params } from '../api/client';
import type { IndicatorItem, IndicatorPage } from '../api/types';
import Chart, { type ChartOption } from '../components/Chart';
import { EmptyState, ErrorBox, PageTitle, TargetView } from '../components/common';
import NarrowList, { useNarrow } from '../components/NarrowList';
import { int, KIND_LABEL, level1Label, level2Label } from '../lib/format';
import { useDocuments, yearOptions, yearParam } from '../lib/queries';
import { useUrlState } from '../lib/url';
import { useWindowHeight } from '../lib/useWindowHeight';

const PAGE_SIZES = [50, 100, 200, 500];

interface FacetValue { value: string; label: string; count: number }

function Facet({ title, values, selected, onSelect }: { title: string; values: FacetValue[]; selected: string | undefined; onSelect: (v: string | null) => void }) {
  const [all, setAll] = useState(false);
  const shown = all ? values : values.slice(0, 12);
  return (
    <div className="facet">
      <div className="facet-title">{title}</div>
      {values.length === 0 ? <span className="muted note">无</span> : (
        <div className="facet-group" role="group" aria-label={title}>
          {shown.map((v) => (
            <Tag.CheckableTag key={v.value} checked={selected === v.value} onChange={(on) => onSelect(on ? v.value : null)}>
              {v.label} <span className="facet-count">{int(v.count)}</span>
            </Tag.CheckableTag>
          ))}
          {values.length > shown.length ? <Button size="small" type="link" onClick={() => setAll(true)}>更多（{values.length - shown.length}）</Button> : null}
        </div>
      )}
    </div>
  );
}

function distributionOption(d: IndicatorPage['distribution']): ChartOption {
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, formatter: (ps) => { const p = (Array.isArray(ps) ? ps[0] : ps) as { name: string; value: number }; return `${p.name}${d.unit ?? ''}：${p.value} 个指标`; } },
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: d.buckets.map((b) => b.label), axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', name: '指标数', minInterval: 1 },
    series: [{ type: 'bar', name: '指标数', data: d.buckets.map((b) => b.count), itemStyle: { color: '#36cfc9' }, barMaxWidth: 40, label: { show: true, position: 'top', fontSize: 11 } }],
  };
}

export default function Indicators() {
  const url = useUrlState();
  const height = useWindowHeight();
  const q = url.get('q') ?? '';
  const [draft, setDraft] = useState(q);
  useEffect(() => setDraft(q), [q]);
  const page = Math.max(1, url.num('page') ?? 1);
  const size = PAGE_SIZES.includes(url.num('size') ?? 0) ? (url.num('size') as number) : 50;
  const params: Params = {
    q: q || undefined, level1: url.get('level1'), level2: url.get('level2'), unit: url.get('unit'), kind: url.get('kind'),
    year: yearParam(url.get('year')), department: url.get('department'),
    limit: size, offset: (page - 1) * size,
  };
  const result = useQuery({ queryKey: ['indicators', params], queryFn: ({ signal }) => api.indicators(params, signal), placeholderData: keepPreviousData });
  const data = result.data;
  const chart = useMemo(() => (data && data.distribution.buckets.length > 0 ? distributionOption(data.distribution) : null), [data]);
  const filtered = ['q', 'level1', 'level2', 'unit', 'kind', 'year', 'department'].some((k) => url.params.has(k));
  const docs = useDocuments();

  const facets = data?.facets;
  const narrow = useNarrow();
  const paging = { current: page, pageSize: size, total: data?.total ?? 0, showTotal: (t: number) => `共 ${int(t)} 个指标`, onChange: (p: number, s: number) => url.set({ page: p > 1 ? p : null, size: s === 50 ? null : s }) };
  const cols: ColumnsType<IndicatorItem> = [
    { title: '指标名称', key: 'name', width: 220, fixed: 'left', render: (_, i) => i.name || <Tag color="error">名称缺失</Tag> },
    { title: '类别', key: 'cat', width: 150, render: (_, i) => <span className="note">{level1Label(i.level1Code, i.level1Name)}<br />{level2Label(i.level2Code, i.level2Name)}</span> },
    { title: '实施周期指标值', key: 'period', width: 180, render: (_, i) => <TargetView target={i.period} /> },
    { title: '年度指标值', key: 'annual', width: 180, render: (_, i) => <TargetView target={i.annual} /> },
    { title: '项目', key: 'project', width: 260, render: (_, i) => <Link to={`/projects/${i.projectId}`}>{i.project}</Link> },
    { title: '单位', dataIndex: 'unit', key: 'unit', width: 200 },
  ];

  return (
    <>
      <PageTitle title="指标" sub="所有项目的绩效指标（每个单位取最新版本）。按指标名称检索（项目名称和绩效目标在“项目”页检索），再按类别、单位、指标值类型筛选。" />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="filters" style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear enterButton="检索" placeholder="指标名称，如 满意度" style={{ width: 320 }} value={draft} aria-label="检索指标"
            onChange={(e) => { setDraft(e.target.value); if (!e.target.value) url.set({ q: null }); }}
            onSearch={(v) => url.set({ q: v.trim() || null })}
          />
          <Select allowClear placeholder="年度" style={{ width: 130 }} value={yearParam(url.get('year'))} aria-label="年度"
            options={yearOptions(docs.data ?? [])} onChange={(v) => url.set({ year: v })} />
          {filtered ? <Button type="link" onClick={() => { setDraft(''); url.clear(['size']); }}>清除条件</Button> : null}
        </div>
        {facets ? (
          <div className="facets">
            <Facet title="一级指标" selected={url.get('level1')} onSelect={(v) => url.set({ level1: v })}
              values={facets.level1.filter((f) => f.code).map((f) => ({ value: f.code as string, label: level1Label(f.code, f.name), count: f.count }))} />
            <Facet title="二级指标" selected={url.get('level2')} onSelect={(v) => url.set({ level2: v })}
              values={facets.level2.filter((f) => f.code).map((f) => ({ value: f.code as string, label: level2Label(f.code, f.name), count: f.count }))} />
            <Facet title="指标值类型" selected={url.get('kind')} onSelect={(v) => url.set({ kind: v })}
              values={facets.kind.map((f) => ({ value: f.kind, label: KIND_LABEL[f.kind as keyof typeof KIND_LABEL] ?? f.kind, count: f.count }))} />
            <Facet title="单位" selected={url.get('unit')} onSelect={(v) => url.set({ unit: v })}
              values={facets.unit.map((f) => ({ value: f.name, label: f.name, count: f.count }))} />
          </div>
        ) : null}
      </Card>

      {result.isError ? <ErrorBox error={result.error} retry={() => result.refetch()} /> : (
        <>
          <Card size="small" style={{ marginBottom: 12 }} title={`年度指标值分布${data?.distribution.unit ? `（单位：${data.distribution.unit}）` : ''}`}
            extra={<Typography.Text type="secondary" className="note">所找到指标中最常见计量单位的数值目标</Typography.Text>}>
            {chart ? <Chart label="年度指标值分布" option={chart} height={220} /> : <EmptyState description={result.isPending ? '加载中…' : '所找到的指标没有可比较的数值目标'} />}
          </Card>
          {narrow ? (
            <NarrowList<IndicatorItem>
              testId="indicator-cards" items={data?.items ?? []} rowKey={(i) => i.id} loading={result.isFetching} pagination={paging}
              empty={result.isPending ? ' ' : <EmptyState description={filtered ? '没有符合条件的指标' : '还没有指标'} />}
              render={(i) => (
                <>
                  <div className="nl-title">{i.name || <Tag color="error">名称缺失</Tag>}</div>
                  <div className="nl-meta"><span>{level1Label(i.level1Code, i.level1Name)}</span><span>{level2Label(i.level2Code, i.level2Name)}</span></div>
                  <div className="indicator-values">
                    <div><span className="muted note">实施周期</span><TargetView target={i.period} /></div>
                    <div><span className="muted note">年度</span><TargetView target={i.annual} /></div>
                  </div>
                  <div className="nl-meta"><Link to={`/projects/${i.projectId}`}>{i.project}</Link><span>{i.unit}</span></div>
                </>
              )}
            />
          ) : <Table<IndicatorItem>
            rowKey="id" size="small" virtual columns={cols} dataSource={data?.items ?? []} loading={result.isFetching}
            scroll={{ x: 1190, y: Math.max(320, height - 300) }}
            locale={{ emptyText: result.isPending ? ' ' : <EmptyState description={filtered ? '没有符合条件的指标' : '还没有指标'} /> }}
            pagination={{
              current: page, pageSize: size, total: data?.total ?? 0, showSizeChanger: true, pageSizeOptions: PAGE_SIZES,
              showTotal: (t) => `共 ${int(t)} 个指标`,
              onChange: (p, s) => url.set({ page: p > 1 ? p : null, size: s === 50 ? null : s }),
            }}
          />}
        </>
      )}
    </>
  );
}
