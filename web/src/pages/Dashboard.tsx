// 总览: what the stored tables hold — money by unit and by source, the indicator mix, how much of it is
// quantified, and the review findings — every chart a way into the filtered list behind it.
import { Alert, Button, Card, Grid, Progress, Select, Statistic, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { Overview } from '../api/types';
import Chart, { type ChartOption } from '../components/Chart';
import { EmptyState, ErrorBox, Loading, PageTitle } from '../components/common';
import { int, KIND_LABEL, level1Label, level2Label, percent, SEVERITY_COLOR, SEVERITY_LABEL, SEVERITIES, SOURCE_COLOR, SOURCE_KEYS, SOURCE_LABEL, UNPLACED_NOTE, wan, type SourceKey } from '../lib/format';
import { distinct, useDocuments, useOverview, yearOptions, yearParam } from '../lib/queries';
import { useUrlState } from '../lib/url';

const barHeight = (n: number) => Math.max(160, n * 30 + 70);
/** how the bar charts fit their width: category labels (unit names, rule titles) cut shorter and fewer ticks on a phone */
interface Fit {
  truncate: { width: number; overflow: 'truncate'; ellipsis: string };
  valueAxis: { splitNumber?: number };
  /** a unit's axis label: its name, with the year when two units of the chart share the name */
  unitLabel: (unitId: number, unit: string) => string;
}
const fitFor = (narrow: boolean, unitLabel: Fit['unitLabel']): Fit => ({
  truncate: { width: narrow ? 96 : 180, overflow: 'truncate', ellipsis: '…' }, valueAxis: narrow ? { splitNumber: 3 } : {}, unitLabel,
});

/**
 * Axis labels of at most `max` characters that stay distinct: a long name keeps its head and its end
 * (广州市人力…数据服务中心), the end growing until no two labels are the same — two units whose names
 * share a long prefix would otherwise look identical. The full name is in the tooltip.
 */
export function distinctLabels(names: readonly string[], max: number): string[] {
  const cut = (n: string, tail: number) => (n.length <= max ? n : `${n.slice(0, Math.max(1, max - 1 - tail))}…${n.slice(n.length - tail)}`);
  let tail = Math.min(5, max - 3);
  let labels = names.map((n) => cut(n, tail));
  while (tail < max - 2 && new Set(labels).size < new Set(names).size) {
    tail++;
    labels = names.map((n) => cut(n, tail));
  }
  return labels;
}

/** an axis tooltip naming the row in full */
const fullNameTooltip = (full: (index: number) => string, unit: string) => (ps: unknown) => {
  const list = (Array.isArray(ps) ? ps : [ps]) as { dataIndex: number; seriesName: string; value: number; marker: string }[];
  const head = list[0] ? full(list[0].dataIndex) : '';
  return [head, ...list.filter((p) => Number(p.value) > 0).map((p) => `${p.marker}${p.seriesName}：${unit === '万元' ? wan(Number(p.value)) : p.value} ${unit}`)].join('<br/>');
};

function fundingByUnitOption(o: Overview, { truncate, valueAxis, unitLabel }: Fit): ChartOption {
  const rows = [...o.fundingByUnit].sort((a, b) => a.total - b.total);
  const full = rows.map((r) => unitLabel(r.unitId, r.unit));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, formatter: fullNameTooltip((i) => full[i] ?? '', '万元') },
    legend: { top: 0, data: SOURCE_KEYS.map((k) => SOURCE_LABEL[k]) },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: '万元', axisLabel: { hideOverlap: true }, ...valueAxis },
    yAxis: { type: 'category', data: distinctLabels(full, truncate.width / 12.5 | 0), axisLabel: truncate },
    series: SOURCE_KEYS.map((k) => ({
      name: SOURCE_LABEL[k], type: 'bar', stack: 'funding', data: rows.map((r) => ({ value: r[k], unitId: r.unitId })), itemStyle: { color: SOURCE_COLOR[k] },
      emphasis: { focus: 'series' },
      ...(k === 'unplaced' ? { itemStyle: { color: SOURCE_COLOR.unplaced, decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: -Math.PI / 4, color: 'rgba(255,255,255,.6)' } } } : {}),
    })),
  };
}

function fundingBySourceOption(o: Overview): ChartOption {
  const data = SOURCE_KEYS.map((k) => ({ name: SOURCE_LABEL[k], value: o.fundingBySource[k], key: k, itemStyle: { color: SOURCE_COLOR[k] } })).filter((d) => d.value > 0);
  return {
    tooltip: { trigger: 'item', confine: true, valueFormatter: (v) => `${wan(Number(v))} 万元` },
    legend: { bottom: 0 },
    series: [{
      type: 'pie', radius: ['42%', '70%'], center: ['50%', '45%'], avoidLabelOverlap: true, data,
      label: { formatter: '{b}\n{d}%' },
    }],
  };
}

function indicatorMixOption(o: Overview): ChartOption {
  const l1 = new Map<string, { name: string; code: string | null; value: number }>();
  for (const r of o.indicatorMix) {
    const k = r.level1Code ?? '';
    const e = l1.get(k) ?? { name: level1Label(r.level1Code, r.level1Name), code: r.level1Code, value: 0 };
    e.value += r.count;
    l1.set(k, e);
  }
  const inner = [...l1.values()].map((e) => ({ name: e.name, value: e.value, level: 'level1', code: e.code }));
  const outer = o.indicatorMix.map((r) => ({ name: level2Label(r.level2Code, r.level2Name), value: r.count, level: 'level2', code: r.level2Code }));
  return {
    tooltip: { trigger: 'item', confine: true, formatter: '{b}：{c} 个（{d}%）' },
    series: [
      { type: 'pie', name: '一级指标', radius: [0, '32%'], label: { position: 'inner', fontSize: 11, formatter: (p) => String(p.name).replace(/^\d+\s*/, '').replace('指标', '') }, data: inner },
      { type: 'pie', name: '二级指标', radius: ['42%', '64%'], label: { fontSize: 11, formatter: '{b}' }, labelLine: { length: 6, length2: 6 }, data: outer },
    ],
  };
}

function targetKindsOption(o: Overview): ChartOption {
  const rows = [...o.targetKinds].sort((a, b) => b.count - a.count);
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
    // room above the plot for the value axis's name, which sits on top of the axis
    grid: { left: 8, right: 16, top: 52, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: rows.map((r) => KIND_LABEL[r.kind as keyof typeof KIND_LABEL] ?? r.kind), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', name: '指标数（个）', nameTextStyle: { align: 'left' }, nameGap: 26 },
    series: [{ type: 'bar', name: '指标数', data: rows.map((r) => ({ value: r.count, kind: r.kind })), itemStyle: { color: '#597ef7' }, barMaxWidth: 36, label: { show: true, position: 'top', fontSize: 11 } }],
  };
}

function findingsByRuleOption(o: Overview, { truncate, valueAxis }: Fit): ChartOption {
  const rows = [...o.findingsByRule].sort((a, b) => a.count - b.count);
  return {
    tooltip: { trigger: 'item', confine: true, formatter: (p) => { const r = rows[(p as { dataIndex: number }).dataIndex]; return r ? `${r.title}<br/>${r.rule} · ${SEVERITY_LABEL[r.severity]}：${r.count} 条` : ''; } },
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: '条', minInterval: 1, ...valueAxis },
    yAxis: { type: 'category', data: rows.map((r) => r.title), axisLabel: truncate },
    series: [{
      type: 'bar', name: '问题数', barMaxWidth: 18,
      data: rows.map((r) => ({ value: r.count, rule: r.rule, itemStyle: { color: SEVERITY_COLOR[r.severity] } })),
      label: { show: true, position: 'right', fontSize: 11 },
    }],
  };
}

function findingsByUnitOption(o: Overview, { truncate, valueAxis, unitLabel }: Fit): ChartOption {
  const rows = [...o.findingsByUnit].sort((a, b) => (a.error + a.warning + a.info) - (b.error + b.warning + b.info));
  const full = rows.map((r) => unitLabel(r.unitId, r.unit));
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, formatter: fullNameTooltip((i) => full[i] ?? '', '条') },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', name: '条', minInterval: 1, ...valueAxis },
    yAxis: { type: 'category', data: distinctLabels(full, truncate.width / 12.5 | 0), axisLabel: truncate },
    series: SEVERITIES.map((s) => ({ name: SEVERITY_LABEL[s], type: 'bar', stack: 'f', data: rows.map((r) => ({ value: r[s], unitId: r.unitId })), itemStyle: { color: SEVERITY_COLOR[s] }, emphasis: { focus: 'series' } })),
  };
}

function ChartCard({ title, extra, children, className }: { title: string; extra?: React.ReactNode; children: React.ReactNode; className?: string }) {
  return <Card title={title} extra={extra} size="small" className={className} styles={{ body: { padding: 12 } }}>{children}</Card>;
}

export default function Dashboard() {
  const url = useUrlState();
  const year = yearParam(url.get('year'));
  const department = url.get('department');
  const docs = useDocuments();
  const overview = useOverview({ year, department });
  const navigate = useNavigate();
  const o = overview.data;

  const departments = useMemo(() => distinct(docs.data ?? [], (d) => d.department), [docs.data]);
  const scope = (extra: Record<string, string>) => {
    const q = new URLSearchParams(extra);
    if (year !== undefined) q.set('year', String(year));
    if (department) q.set('department', department);
    return q.toString();
  };

  const narrow = !Grid.useBreakpoint().md;
  /** unit id → name and year, and whether another unit of the charts has the same name (another year) */
  const unitInfo = useMemo(() => {
    const m = new Map<number, { name: string; year: number | null; shared: boolean }>();
    const count = new Map<string, number>();
    for (const r of o?.fundingByUnit ?? []) count.set(r.unit, (count.get(r.unit) ?? 0) + 1);
    for (const r of [...(o?.fundingByUnit ?? []), ...(o?.findingsByUnit ?? [])]) {
      m.set(r.unitId, { name: r.unit, year: r.year, shared: (count.get(r.unit) ?? 0) > 1 });
    }
    return m;
  }, [o]);
  const options = useMemo(() => {
    const fit = fitFor(narrow, (id, name) => {
      const u = unitInfo.get(id);
      return u?.shared ? `${name}（${u.year ?? '未注明年度'}）` : name;
    });
    return o && {
    byUnit: fundingByUnitOption(o, fit), bySource: fundingBySourceOption(o), mix: indicatorMixOption(o), kinds: targetKindsOption(o),
    byRule: findingsByRuleOption(o, fit), findingsByUnit: findingsByUnitOption(o, fit),
    };
  }, [o, narrow, unitInfo]);

  const filters = (
    <>
      <Select
        allowClear placeholder="全部年度" style={{ width: 130 }} value={year} aria-label="年度"
        options={yearOptions(docs.data ?? [])}
        onChange={(v) => url.set({ year: v })}
      />
      <Select
        allowClear showSearch placeholder="全部部门" style={{ width: 220 }} value={department} aria-label="部门"
        options={departments.map((d) => ({ value: d, label: d }))} onChange={(v) => url.set({ department: v })}
      />
    </>
  );

  if (overview.isPending) return <><PageTitle title="总览" extra={filters} /><Loading rows={10} /></>;
  if (overview.isError) return <><PageTitle title="总览" extra={filters} /><ErrorBox error={overview.error} retry={() => overview.refetch()} /></>;
  if (!o || !options) return null;
  if (o.totals.documents === 0 || o.totals.projects === 0) {
    return (
      <>
        <PageTitle title="总览" extra={filters} />
        <Card>
          <EmptyState description={year || department ? '没有符合条件的表' : '还没有导入任何绩效目标表'}>
            <Link to="/import"><Button type="primary">导入绩效目标表</Button></Link>
          </EmptyState>
        </Card>
      </>
    );
  }

  const src = o.fundingBySource;
  const sourceTotal = src.fiscal + src.specialAccount + src.other + src.unplaced;
  const unplacedShare = sourceTotal > 0 ? src.unplaced / sourceTotal : 0;

  return (
    <div className="dashboard">
      <PageTitle title="总览" sub="已导入的项目支出绩效目标表（每个单位取最新版本）。点击图表可查看对应的项目、指标或审核问题。" extra={filters} />
      <div className="stat-grid" style={{ marginBottom: 16 }}>
        <Card size="small"><Statistic title="绩效目标表" value={o.totals.documents} suffix="张" /></Card>
        <Card size="small"><Statistic title="资金使用单位" value={o.totals.units} suffix="个" /></Card>
        <Card size="small"><Link to={`/projects?${scope({})}`}><Statistic title="项目" value={o.totals.projects} suffix="个" /></Link></Card>
        <Card size="small" data-testid="funding-total"><Statistic title="项目资金合计（万元）" value={wan(o.totals.funding)} /></Card>
        <Card size="small"><Link to={`/indicators?${scope({})}`}><Statistic title="绩效指标" value={o.totals.indicators} suffix="个" /></Link></Card>
        <Card size="small"><Link to={`/review?${scope({})}`}><Statistic title="审核问题" value={o.totals.findings} suffix="条" /></Link></Card>
        <Card size="small">
          <Tooltip title="年度指标值为数值或区间（可直接与实际值比较）的指标所占比例">
            <Statistic title="量化指标占比" value={(o.quantifiedShare * 100).toFixed(1)} suffix="%" />
          </Tooltip>
          <Progress percent={Math.round(o.quantifiedShare * 1000) / 10} showInfo={false} size="small" />
        </Card>
      </div>

      {src.unplaced > 0 ? (
        <Alert
          type="info" showIcon style={{ marginBottom: 16 }}
          title={`${wan(src.unplaced)} 万元（${percent(unplacedShare)}）的资金来源未归列`}
          description={UNPLACED_NOTE}
        />
      ) : null}

      <div className="chart-grid">
        <ChartCard title="各单位项目资金（万元）" className="wide" extra={<Typography.Text type="secondary" className="note">各单位项目金额之和 · 点击查看项目</Typography.Text>}>
          {o.fundingByUnit.length === 0 ? <EmptyState description="没有资金数据" /> : (
            <Chart
              label="各单位项目资金" option={options.byUnit} height={barHeight(o.fundingByUnit.length)}
              onClick={(p) => {
                const u = unitInfo.get((p.data as { unitId: number }).unitId);
                if (!u) return;
                // a unit named like another: narrow by its year too (a table without a year cannot be filtered by year)
                navigate(`/projects?${scope(u.shared && year === undefined ? { unit: u.name, year: u.year === null ? 'none' : String(u.year) } : { unit: u.name })}`);
              }}
            />
          )}
        </ChartCard>
        <ChartCard title="资金来源（万元）" extra={<Typography.Text type="secondary" className="note">点击查看项目</Typography.Text>}>
          {sourceTotal === 0 ? <EmptyState description="没有资金数据" /> : (
            <Chart
              label="资金来源" option={options.bySource} height={300}
              onClick={(p) => {
                const key = (p.data as { key?: SourceKey }).key;
                if (key) navigate(`/projects?${scope({ source: key })}`);
              }}
            />
          )}
          <div className="source-legend">
            {SOURCE_KEYS.map((k) => (
              <div key={k}><span className="dot" style={{ background: SOURCE_COLOR[k] }} />{SOURCE_LABEL[k]}<b>{wan(src[k])}</b></div>
            ))}
          </div>
        </ChartCard>
        <ChartCard title="指标构成（一级 / 二级）" extra={<Typography.Text type="secondary" className="note">点击查看指标</Typography.Text>}>
          {o.indicatorMix.length === 0 ? <EmptyState description="没有指标" /> : (
            <Chart
              label="指标构成" option={options.mix} height={340}
              onClick={(p) => {
                const d = p.data as { level?: string; code?: string | null };
                if (d.code) navigate(`/indicators?${d.level}=${encodeURIComponent(d.code)}`);
              }}
            />
          )}
        </ChartCard>
        <ChartCard title="年度指标值的类型" extra={<Typography.Text type="secondary" className="note">量化：{percent(o.quantifiedShare)} · 点击查看指标</Typography.Text>}>
          {o.targetKinds.length === 0 ? <EmptyState description="没有指标" /> : (
            <Chart
              label="指标值类型" option={options.kinds} height={300}
              onClick={(p) => {
                const kind = (p.data as { kind?: string }).kind;
                if (kind) navigate(`/indicators?kind=${kind}`);
              }}
            />
          )}
        </ChartCard>
        <ChartCard title="审核问题（按规则）" extra={<Typography.Text type="secondary" className="note">颜色为问题级别 · 点击查看问题</Typography.Text>}>
          {o.findingsByRule.length === 0 ? <EmptyState description="没有审核问题" /> : (
            <Chart
              label="审核问题（按规则）" option={options.byRule} height={barHeight(o.findingsByRule.length)}
              onClick={(p) => {
                const rule = (p.data as { rule?: string }).rule;
                if (rule) navigate(`/review?rule=${encodeURIComponent(rule)}`);
              }}
            />
          )}
        </ChartCard>
        <ChartCard title="审核问题（按单位）" className="wide" extra={<Typography.Text type="secondary" className="note">点击查看问题</Typography.Text>}>
          {o.findingsByUnit.length === 0 ? <EmptyState description="没有审核问题" /> : (
            <Chart
              label="审核问题（按单位）" option={options.findingsByUnit} height={barHeight(o.findingsByUnit.length)}
              onClick={(p) => {
                const sev = SEVERITIES.find((s) => SEVERITY_LABEL[s] === p.seriesName);
                const u = unitInfo.get((p.data as { unitId: number }).unitId);
                if (u) navigate(`/review?${scope({ unit: u.name, ...(sev ? { severity: sev } : {}) })}`);
              }}
            />
          )}
        </ChartCard>
      </div>
      <Typography.Paragraph type="secondary" className="note" style={{ marginTop: 16 }}>
        共 {int(o.totals.projects)} 个项目、{int(o.totals.indicators)} 个指标。金额单位：万元。
      </Typography.Paragraph>
    </div>
  );
}
