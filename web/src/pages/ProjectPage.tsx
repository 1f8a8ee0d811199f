// 项目详情: one project as the official table row prints it, its indicators in the three-level
// structure with both targets as written and as read, the review findings beside the lines they concern,
// the source text around it, and the same project in the unit's other versions.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Grid, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/client';
import type { FindingDetail, IndicatorDetail, ProjectDetail } from '../api/types';
import { EmptyState, ErrorBox, Loading, PageTitle, Stack, TargetView, Unplaced, UnplacedNote } from '../components/common';
import FindingLine from '../components/FindingLine';
import NarrowList from '../components/NarrowList';
import PdfCutout from '../components/PdfCutout';
import Rows from '../components/Rows';
import XlsxDownload from '../components/XlsxDownload';
import { OrderSwitch, ProjectScore, type FindingOrder } from '../components/ScoreDimensions';
import { useUrlState } from '../lib/url';
import { dateTime, level1Label, level2Label, SEVERITY_LABEL, wan, yearLabel } from '../lib/format';

type Row = IndicatorDetail & { span1: number; span2: number; findings: FindingDetail[] };

/** indicators in document order, with row spans for runs of the same level-1 and level-2 category */
function rows(p: ProjectDetail): Row[] {
  const byIndicator = new Map<number, FindingDetail[]>();
  for (const f of p.findings) if (f.indicatorId !== null) byIndicator.set(f.indicatorId, [...(byIndicator.get(f.indicatorId) ?? []), f]);
  const out: Row[] = p.indicators.map((i) => ({ ...i, span1: 0, span2: 0, findings: byIndicator.get(i.id) ?? [] }));
  for (let i = 0; i < out.length;) {
    let j = i;
    while (j < out.length && out[j]!.level1.code === out[i]!.level1.code && out[j]!.level1.name === out[i]!.level1.name) j++;
    out[i]!.span1 = j - i;
    for (let k = i; k < j;) {
      let m = k;
      while (m < j && out[m]!.level2.code === out[k]!.level2.code && out[m]!.level2.name === out[k]!.level2.name) m++;
      out[k]!.span2 = m - k;
      k = m;
    }
    i = j;
  }
  return out;
}

function scrollToLine(line: number) {
  const el = document.getElementById(`L${line}`);
  if (el) {
    el.scrollIntoView({ behavior: 'smooth', block: 'center' });
    el.classList.add('pulse');
    setTimeout(() => el.classList.remove('pulse'), 1500);
  }
}

function Excerpt({ p }: { p: ProjectDetail }) {
  const ex = p.excerpt;
  if (!ex) return <EmptyState description="没有原文摘录（该项目没有记录行号）" />;
  const flagged = new Set(p.findings.map((f) => f.line).filter((l): l is number => l !== null));
  const indicatorLines = new Set(p.indicators.map((i) => i.line).filter((l): l is number => l !== null));
  return (
    <pre className="source" aria-label="原文摘录">
      {ex.lines.map((text, k) => {
        const n = ex.from + k;
        const cls = ['source-line', n === ex.line ? 'current' : '', flagged.has(n) ? 'flagged' : '', indicatorLines.has(n) ? 'indicator' : ''].filter(Boolean).join(' ');
        return <div key={n} id={`L${n}`} className={cls}><span className="ln">{n}</span><span>{text || ' '}</span></div>;
      })}
    </pre>
  );
}

export default function ProjectPage() {
  const { id } = useParams();
  const pid = Number(id);
  const valid = Number.isInteger(pid) && pid > 0;
  const url = useUrlState();
  const order: FindingOrder = url.get('order') === 'document' ? 'document' : 'severity';
  const q = useQuery({ queryKey: ['project', pid, order], queryFn: ({ signal }) => api.project(pid, signal, order), enabled: valid, placeholderData: keepPreviousData });
  const p = q.data;
  const data = useMemo(() => (p ? rows(p) : []), [p]);
  const narrow = !Grid.useBreakpoint().md;

  if (!valid) return <ErrorBox error={new Error(`“${id}”不是有效的项目编号`)} />;
  const crumbs = [{ label: '项目', to: '/projects' }];
  if (q.isPending) return <><PageTitle title="项目详情" crumbs={crumbs} /><Loading rows={12} /></>;
  if (q.isError || !p) return <><PageTitle title="项目详情" crumbs={crumbs} /><ErrorBox error={q.error} retry={() => q.refetch()} /></>;

  const inRange = (line: number | null) => line !== null && p.excerpt !== null && line >= p.excerpt.from && line <= p.excerpt.to;
  const goTo = (line: number) => (inRange(line) ? scrollToLine(line) : undefined);
  const indicatorName = new Map(p.indicators.map((i) => [i.id, i.name]));
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of p.findings) counts[f.severity]++;
  const a = p.amounts;

  const cols: ColumnsType<Row> = [
    { title: '一级指标', key: 'l1', width: narrow ? 76 : 110, onCell: (r) => ({ rowSpan: r.span1 }), render: (_, r) => level1Label(r.level1.code, r.level1.name) },
    {
      title: '二级指标', key: 'l2', width: narrow ? 90 : 130, onCell: (r) => ({ rowSpan: r.span2 }),
      render: (_, r) => (r.level2.name || r.level2.code ? level2Label(r.level2.code, r.level2.name) : <Tag color="warning">未填</Tag>),
    },
    {
      title: '三级指标', key: 'name', width: narrow ? 160 : 220,
      render: (_, r) => (
        <span>
          {r.seq !== null ? <span className="muted">{r.seq}、</span> : null}
          {r.name || <Tag color="error">名称缺失</Tag>}
          {r.line !== null ? <a className="line-ref" onClick={() => goTo(r.line as number)} title="在原文中查看"> 第{r.line}行</a> : null}
        </span>
      ),
    },
    { title: '实施周期指标值', key: 'period', width: 190, render: (_, r) => <TargetView target={r.period} /> },
    { title: '年度指标值', key: 'annual', width: 190, render: (_, r) => <TargetView target={r.annual} /> },
    {
      title: '审核', key: 'findings', width: 340,
      render: (_, r) => (r.findings.length === 0 ? <span className="muted">—</span> : r.findings.map((f) => <FindingLine key={f.id} finding={f} onLine={inRange(f.line) ? goTo : undefined} />)),
    },
  ];

  return (
    <>
      <PageTitle
        title={p.name}
        tab={`${p.name} · 项目`}
        crumbs={[...crumbs, { label: p.unit.name, to: `/projects?unit=${encodeURIComponent(p.unit.name)}` }, { label: p.name }]}
        sub={
          <Space wrap size={4}>
            <Link to={`/projects?unit=${encodeURIComponent(p.unit.name)}`}>{p.unit.name}</Link>
            <Tag color={p.unit.latest ? 'blue' : 'default'}>第{p.unit.version}版{p.unit.latest ? '（最新）' : '（历史）'}</Tag>
            {p.department ? <span>· {p.department}</span> : null}
            <span>· {yearLabel(p.year)}</span>
            <span>· {p.document.file}{p.line !== null ? ` 第 ${p.line} 行` : ''}</span>
          </Space>
        }
        extra={
          <>
            <Button href={api.reportUrl(p.document.id)} target="_blank" rel="noopener">审核报告</Button>
            <XlsxDownload label="下载 Excel（整张表）" url={(layout) => api.documentXlsxUrl(p.document.id, layout)}
              templates={{ monitor: api.templateUrl('monitor', p.unit.name, p.year), evaluate: api.templateUrl('evaluate', p.unit.name, p.year) }} />
            <Link to={`/projects?unit=${encodeURIComponent(p.unit.name)}`}><Button>本单位全部项目</Button></Link>
          </>
        }
      />
      <Stack>
        <Card title="原表行" size="small">
          {narrow ? (
            <Descriptions size="small" bordered column={1} items={[
              { key: 't', label: '总计', children: <b className="num">{wan(a.total)}</b> },
              { key: 'f', label: '财政拨款', children: <span className="num">{wan(a.fiscal)}</span> },
              { key: 's', label: '财政专户拨款', children: <span className="num">{wan(a.specialAccount)}</span> },
              { key: 'o', label: '其他资金', children: <span className="num">{wan(a.other)}</span> },
              { key: 'u', label: '未归列', children: <Unplaced amounts={a.unplaced} /> },
            ]} />
          ) : <div className="scroll-x">
            <table className="official-row">
              <thead>
                <tr><th>项目名称（资金使用单位）</th><th>总计</th><th>财政拨款</th><th>财政专户拨款</th><th>其他资金</th><th>未归列</th></tr>
              </thead>
              <tbody>
                <tr>
                  <td>{p.name}</td>
                  <td className="num"><b>{wan(a.total)}</b></td>
                  <td className="num">{wan(a.fiscal)}</td>
                  <td className="num">{wan(a.specialAccount)}</td>
                  <td className="num">{wan(a.other)}</td>
                  <td className="num"><Unplaced amounts={a.unplaced} /></td>
                </tr>
              </tbody>
            </table>
          </div>}
          {a.unplaced.length > 0 ? <div style={{ marginTop: 8 }}><UnplacedNote compact /></div> : null}
          <Descriptions size="small" column={{ xs: 1, sm: 2, md: 4 }} style={{ marginTop: 12 }} items={[
            { key: 'score', label: '审核评分', children: p.score === null ? '—' : `${p.score.toFixed(1)}（${p.grade ?? '—'}）` },
            { key: 'indicators', label: '指标', children: `${p.indicatorCount} 个` },
            { key: 'findings', label: '审核问题', children: p.findings.length === 0 ? '无' : (['error', 'warning', 'info'] as const).filter((s) => counts[s] > 0).map((s) => `${SEVERITY_LABEL[s]} ${counts[s]}`).join('，') },
            { key: 'doc', label: '来源', children: <span>{p.documentInfo.title ?? p.documentInfo.file}（{dateTime(p.documentInfo.importedAt)} 导入）</span> },
          ]} />
          {p.documentInfo.note ? <Alert type="info" showIcon style={{ marginTop: 8 }} data-testid="document-note" title={`注：${p.documentInfo.note}`} /> : null}
        </Card>

        {p.box && p.documentInfo.layout === 'pdf' ? (
          <Card title={`原表（PDF 第 ${p.box.page} 页）`} size="small" data-testid="pdf-card"
            extra={<a href={`${api.sourceUrl(p.document.id)}#page=${p.box.page}`} target="_blank" rel="noopener">打开原 PDF</a>}>
            <PdfCutout url={api.sourceUrl(p.document.id)} box={p.box} />
          </Card>
        ) : null}

        <Card title="绩效目标" size="small">
          {p.goal ? <Typography.Paragraph style={{ marginBottom: 0 }}>{p.goal}</Typography.Paragraph> : <Alert type="error" showIcon title="未填写绩效目标" />}
        </Card>

        <Card title="审核评分（按财预〔2015〕88号的四个审核方面）" size="small" extra={p.score !== null ? <b data-testid="project-score">{p.score.toFixed(1)}（{p.grade ?? '—'}）</b> : null}>
          <ProjectScore p={p} />
        </Card>

        {p.findings.length > 0 ? (
          <Card title={`审核问题（${p.findings.length}）`} size="small" extra={<OrderSwitch value={order} onChange={(v) => url.set({ order: v === 'severity' ? null : v }, { replace: true })} />}>
            <div data-testid="project-findings">
              {p.findings.map((f) => (
                <div key={f.id}>
                  {f.indicatorId !== null ? <Typography.Text type="secondary" className="note">指标：{indicatorName.get(f.indicatorId) ?? '—'}</Typography.Text> : null}
                  <FindingLine finding={f} onLine={inRange(f.line) ? goTo : undefined} />
                </div>
              ))}
            </div>
          </Card>
        ) : null}

        <Card title={`绩效指标（${p.indicators.length}）`} size="small" extra={<Typography.Text type="secondary" className="note">指标值：上为原文，下为读出的类型与数值</Typography.Text>}>
          {p.indicatorsText ? (
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} title="未按“一级；二级；指标名称；指标值”格式填写的指标原文" description={<span className="prose">{p.indicatorsText}</span>} />
          ) : null}
          {narrow ? (
            <NarrowList<Row>
              testId="indicator-cards" items={data} rowKey={(r) => r.id}
              empty={<EmptyState description="这个项目没有按格式填写的绩效指标" />}
              render={(r) => (
                <>
                  <div className="nl-title">
                    {r.seq !== null ? <span className="muted">{r.seq}、</span> : null}{r.name || <Tag color="error">名称缺失</Tag>}
                    {r.line !== null ? <a className="line-ref" onClick={() => goTo(r.line as number)}> 第{r.line}行</a> : null}
                  </div>
                  <div className="nl-meta"><span>{level1Label(r.level1.code, r.level1.name)}</span><span>{r.level2.name || r.level2.code ? level2Label(r.level2.code, r.level2.name) : '二级未填'}</span></div>
                  <div className="indicator-values">
                    <div><span className="muted note">实施周期</span><TargetView target={r.period} /></div>
                    <div><span className="muted note">年度</span><TargetView target={r.annual} /></div>
                  </div>
                  {r.findings.map((f) => <FindingLine key={f.id} finding={f} onLine={inRange(f.line) ? goTo : undefined} />)}
                </>
              )}
            />
          ) : (
            <Table<Row>
              rowKey="id" size="small" bordered columns={cols} dataSource={data} pagination={false} scroll={{ x: 1180 }}
              rowClassName={(r) => (r.findings.length > 0 ? 'has-findings' : '')}
              locale={{ emptyText: <EmptyState description="这个项目没有按格式填写的绩效指标" /> }}
            />
          )}
        </Card>

        {/* a PDF row's source is the cut-out above; its text has no lines to excerpt */}
        {p.box && p.documentInfo.layout === 'pdf' ? null : (
          <Card title="原文摘录" size="small" extra={p.excerpt ? <Typography.Text type="secondary" className="note" data-testid="source-legend">
              {p.document.file} 第 {p.excerpt.from}–{p.excerpt.to} 行 · <span className="swatch current" />蓝底：项目所在行 · <span className="swatch flagged" />黄底：审核问题所在行（项目所在行有问题时，蓝底加左侧黄条）
            </Typography.Text> : null}>
            <Excerpt p={p} />
          </Card>
        )}

        <Card title="其他版本（各年度）" size="small">
          {p.versions.length === 0 ? <EmptyState description="该单位其他年度或版本的表中没有此项目" /> : (
            <Rows rows={p.versions.map((v) => ({
              key: v.id,
              title: <span>{yearLabel(v.year)} 第{v.unit.version}版 {v.unit.latest ? <Tag color="blue">最新</Tag> : null}</span>,
              description: `${v.document.file} · ${dateTime(v.document.importedAt)} 导入 · 总计 ${wan(v.total)} 万元${v.score !== null ? ` · 评分 ${v.score.toFixed(1)}` : ''}`,
              actions: <><Link to={`/projects/${v.id}`}>查看</Link>{v.year === p.year ? <Link to={`/compare?a=${v.unit.id}&b=${p.unit.id}`}>与本版对比</Link> : null}</>,
            }))} />
          )}
        </Card>
      </Stack>
    </>
  );
}
