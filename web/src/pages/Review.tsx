// 审核: the review findings of the stored tables, filtered by rule, severity, category and unit, and each
// table's printable HTML review report.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Collapse, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { api, type Params } from '../api/client';
import type { DocumentItem, FindingItem } from '../api/types';
import { EmptyState, ErrorBox, PageTitle, SeverityTag } from '../components/common';
import XlsxDownload from '../components/XlsxDownload';
import NarrowList, { useNarrow } from '../components/NarrowList';
import Rows from '../components/Rows';
import { DimensionLine, OrderSwitch } from '../components/ScoreDimensions';
import { CATEGORY_LABEL, categoryLabel, dateTime, int, SEVERITY_LABEL, SEVERITIES, yearLabel } from '../lib/format';
import { distinct, useDocuments, yearOptions, yearParam } from '../lib/queries';
import { useUrlState } from '../lib/url';
import { useWindowHeight } from '../lib/useWindowHeight';

const PAGE_SIZES = [50, 100, 200, 500];
const gradeColor: Record<string, string> = { 优: 'green', 良: 'blue', 中: 'orange', 差: 'red' };

function Reports({ docs }: { docs: DocumentItem[] }) {
  return (
    <Rows
      empty={<EmptyState description="还没有导入任何表" />}
      rows={docs.map((d) => ({
        key: d.id,
        title: <span>{d.title ?? d.file} {d.score !== null ? <Tag color={gradeColor[d.grade ?? ''] ?? 'default'}>{d.score.toFixed(1)} {d.grade}</Tag> : null}</span>,
        description: (
          <>
            {d.file}{d.department ? ` · ${d.department}` : ''}{` · ${yearLabel(d.year)}`} · {d.units.length} 个单位，{d.projectCount} 个项目 ·
            错误 <b style={{ color: '#cf1322' }}>{d.errors}</b>，警告 <b style={{ color: '#d48806' }}>{d.warnings}</b> · {dateTime(d.importedAt)} 导入
            <br /><DimensionLine d={d} />
          </>
        ),
        actions: <><Button size="small" href={api.reportUrl(d.id)} target="_blank" rel="noopener">打开审核报告</Button> <XlsxDownload size="small" url={(layout) => api.documentXlsxUrl(d.id, layout)} /></>,
      }))}
    />
  );
}

export default function Review() {
  const url = useUrlState();
  const docs = useDocuments();
  const height = useWindowHeight();
  const page = Math.max(1, url.num('page') ?? 1);
  const size = PAGE_SIZES.includes(url.num('size') ?? 0) ? (url.num('size') as number) : 50;
  const params: Params = {
    rule: url.get('rule'), severity: url.get('severity'), category: url.get('category'), unit: url.get('unit'),
    year: yearParam(url.get('year')), department: url.get('department'), limit: size, offset: (page - 1) * size,
    order: url.get('order') === 'document' ? 'document' : undefined,
  };
  const result = useQuery({ queryKey: ['findings', params], queryFn: ({ signal }) => api.findings(params, signal), placeholderData: keepPreviousData });
  const data = result.data;
  const units = useMemo(() => distinct((docs.data ?? []).flatMap((d) => d.units), (u) => u.name), [docs.data]);
  const docsById = useMemo(() => new Map((docs.data ?? []).map((d) => [d.id, d])), [docs.data]);
  const filtered = ['rule', 'severity', 'category', 'unit', 'year', 'department'].some((k) => url.params.has(k));
  const rule = url.get('rule');
  const narrow = useNarrow();

  const cols: ColumnsType<FindingItem> = [
    { title: '级别', key: 'severity', width: 70, render: (_, f) => <SeverityTag severity={f.severity} /> },
    {
      title: '规则', key: 'rule', width: 200,
      render: (_, f) => <span><a title={`规则代码：${f.rule}`} onClick={() => url.set({ rule: f.rule })}>{f.title}</a><br /><span className="muted note">{categoryLabel(f.category)}</span></span>,
    },
    {
      title: '问题与建议', key: 'message', width: 420,
      render: (_, f) => <div><div>{f.message}</div>{f.suggestion ? <div className="muted note">建议：{f.suggestion}</div> : null}</div>,
    },
    {
      title: '项目 / 单位', key: 'where', width: 260,
      render: (_, f) => (
        <span>
          {f.projectId !== null ? <Link to={`/projects/${f.projectId}`}>{f.project}</Link> : <span className="muted">{f.project ?? '（单位或合计行）'}</span>}
          <br /><span className="muted note">{f.unit ?? '—'}</span>
        </span>
      ),
    },
    {
      title: '位置', key: 'line', width: 150,
      render: (_, f) => {
        const d = docsById.get(f.documentId);
        return (
          <span className="note">
            <Tooltip title="在新标签页打开这张表的审核报告"><a href={api.reportUrl(f.documentId)} target="_blank" rel="noopener">{d?.file ?? `表 ${f.documentId}`}</a></Tooltip>
            <br />{f.line !== null ? `第 ${f.line} 行` : ''}
          </span>
        );
      },
    },
  ];

  return (
    <>
      <PageTitle title="审核" sub="审核规则对已导入各表（每个单位最新版本）的检查结果。" />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="filters">
          <Select allowClear showSearch optionFilterProp="label" placeholder="审核规则" style={{ width: 260 }} value={rule} aria-label="审核规则"
            options={(data?.byRule ?? []).map((r) => ({ value: r.rule, label: `${r.title}（${r.count}）` }))} onChange={(v) => url.set({ rule: v })} />
          <Select allowClear placeholder="年度" style={{ width: 130 }} value={yearParam(url.get('year'))} aria-label="年度"
            options={yearOptions(docs.data ?? [])} onChange={(v) => url.set({ year: v })} />
          <Select allowClear placeholder="级别" style={{ width: 110 }} value={url.get('severity')} aria-label="问题级别"
            options={SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABEL[s] }))} onChange={(v) => url.set({ severity: v })} />
          <Select allowClear placeholder="类别" style={{ width: 120 }} value={url.get('category')} aria-label="问题类别"
            options={Object.entries(CATEGORY_LABEL).map(([value, label]) => ({ value, label }))} onChange={(v) => url.set({ category: v })} />
          <Select allowClear showSearch placeholder="资金使用单位" style={{ width: 260 }} value={url.get('unit')} aria-label="单位"
            options={units.map((u) => ({ value: u, label: u }))} onChange={(v) => url.set({ unit: v })} />
          <OrderSwitch value={url.get('order') === 'document' ? 'document' : 'severity'} onChange={(v) => url.set({ order: v === 'severity' ? null : v })} />
          {filtered ? <Button type="link" onClick={() => url.clear(['size', 'order'])}>清除条件</Button> : null}
        </div>
        {data && data.byRule.length > 0 ? (
          <div className="facet-group" style={{ marginTop: 12 }} role="group" aria-label="按规则">
            {data.byRule.map((r) => (
              <Tag.CheckableTag key={r.rule} checked={rule === r.rule} onChange={(on) => url.set({ rule: on ? r.rule : null })}>
                {r.title} <span className="facet-count">{r.count}</span>
              </Tag.CheckableTag>
            ))}
          </div>
        ) : null}
      </Card>

      <Collapse
        style={{ marginBottom: 12 }}
        defaultActiveKey={(docs.data?.length ?? 0) <= 5 ? ['reports'] : []}
        items={[{
          key: 'reports', label: '各表审核报告（可打印的 HTML，在新标签页打开）',
          children: docs.isError ? <ErrorBox error={docs.error} retry={() => docs.refetch()} /> : docs.isPending ? <Typography.Text type="secondary">加载中…</Typography.Text> : <Reports docs={docs.data} />,
        }]}
      />

      {result.isError ? <ErrorBox error={result.error} retry={() => result.refetch()} /> : (
        <div data-testid="findings">{narrow ? (
          <NarrowList<FindingItem>
            testId="finding-cards" items={data?.items ?? []} rowKey={(f) => f.id} loading={result.isFetching}
            empty={result.isPending ? ' ' : <EmptyState description={filtered ? '没有符合条件的审核问题' : '没有审核问题'} />}
            pagination={{ current: page, pageSize: size, total: data?.total ?? 0, showTotal: (t) => `共 ${int(t)} 条`, onChange: (p, s) => url.set({ page: p > 1 ? p : null, size: s === 50 ? null : s }) }}
            render={(f) => (
              <>
                <div className="nl-meta"><SeverityTag severity={f.severity} /><a title={`规则代码：${f.rule}`} onClick={() => url.set({ rule: f.rule })}>{f.title}</a><span>{categoryLabel(f.category)}</span></div>
                <div>{f.message}</div>
                {f.suggestion ? <div className="muted note">建议：{f.suggestion}</div> : null}
                <div className="nl-meta">
                  {f.projectId !== null ? <Link to={`/projects/${f.projectId}`}>{f.project}</Link> : <span>{f.project ?? '（单位或合计行）'}</span>}
                  <span>{f.unit ?? '—'}</span>
                  <span>{docsById.get(f.documentId)?.file ?? `表 ${f.documentId}`}{f.line !== null ? ` 第 ${f.line} 行` : ''}</span>
                </div>
              </>
            )}
          />
        ) : <Table<FindingItem>
          rowKey="id" size="small" virtual columns={cols} dataSource={data?.items ?? []} loading={result.isFetching} scroll={{ x: 1100, y: Math.max(360, height - 280) }}
          locale={{ emptyText: result.isPending ? ' ' : <EmptyState description={filtered ? '没有符合条件的审核问题' : '没有审核问题'} /> }}
          pagination={{
            current: page, pageSize: size, total: data?.total ?? 0, showSizeChanger: true, pageSizeOptions: PAGE_SIZES,
            showTotal: (t) => `共 ${int(t)} 条`,
            onChange: (p, s) => url.set({ page: p > 1 ? p : null, size: s === 50 ? null : s }),
          }}
        />}</div>
      )}

    </>
  );
}
