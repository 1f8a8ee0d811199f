// 对比: two versions of a unit (two publications), project by project: names, amounts, goals and
// indicators compared word by word.
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Select, Space, Statistic, Switch, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import type { Diff, UnitVersion } from '../api/types';
import { EmptyState, ErrorBox, Loading, PageTitle, Stack } from '../components/common';
import { FundingChange as Funding, IndicatorChange as Indicator, STATUS } from '../components/DiffParts';
import Segments from '../components/Segments';
import { dateTime, wan, yearLabel } from '../lib/format';
import { useUnits } from '../lib/queries';
import { useUrlState } from '../lib/url';

type UnitDiff = Diff['units'][number];
type ProjectDiff = UnitDiff['projects'][number];

// `version` counts imports of a unit-year, and the latest is the last imported that prints its year: a
// table without a printed year imported afterwards gets the higher number yet is not the newest. So the
// label says 第N次导入 (what the number is), and versions are ordered by year, then latest last.
const versionLabel = (u: UnitVersion, all: readonly UnitVersion[]) => {
  const latest = all.find((x) => x.latest && x.name === u.name && x.year === u.year);
  const note = u.latest ? '（最新）' : latest && u.version > latest.version ? '（未印年度，非最新）' : '';
  return `${yearLabel(u.year)} · 第${u.version}次导入${note} · ${u.file} · ${dateTime(u.importedAt)}`;
};
/** older first: by year (none first), then the latest of a year after its other imports, then import order */
const oldToNew = (x: UnitVersion, y: UnitVersion) =>
  (x.year ?? -Infinity) - (y.year ?? -Infinity) || Number(x.latest) - Number(y.latest) || x.version - y.version || x.id - y.id;

function Project({ p }: { p: ProjectDiff }) {
  const s = STATUS[p.status]!;
  const lines = [p.a?.line != null ? `甲第 ${p.a.line} 行` : null, p.b?.line != null ? `乙第 ${p.b.line} 行` : null].filter(Boolean).join('，');
  return (
    <Card size="small" className={`diff-project ${p.status}`} data-status={p.status}
      title={<span><Tag color={s.color}>{s.label}</Tag>{p.nameChange ? <Segments change={p.nameChange} /> : p.name}</span>}
      extra={<span className="muted note">{lines}</span>}>
      {p.status === 'added' || p.status === 'removed' ? (
        <div className="muted">总计 {wan((p.b ?? p.a)?.total)} 万元，{(p.b ?? p.a)?.indicators ?? 0} 个指标</div>
      ) : (
        <div className="diff-fields">
          {p.funding ? <Funding f={p.funding} /> : null}
          {p.goal ? <div className="diff-field"><span className="diff-label">绩效目标</span><Segments change={p.goal} /></div> : null}
          {p.indicatorsText ? <div className="diff-field"><span className="diff-label">指标原文</span><Segments change={p.indicatorsText} /></div> : null}
          {p.indicators.map((d, i) => <Indicator key={i} d={d} />)}
          {p.indicatorsSame > 0 ? <div className="muted note">另有 {p.indicatorsSame} 个指标未改动</div> : null}
        </div>
      )}
    </Card>
  );
}

function DiffView({ diff, a, b, all }: { diff: Diff; a: UnitVersion | undefined; b: UnitVersion | undefined; all: readonly UnitVersion[] }) {
  const [showSame, setShowSame] = useState(false);
  const pc = diff.projects;
  const ic = diff.indicators;
  return (
    <Stack>
      <Card size="small">
        <div className="diff-sides">
          <div><Tag color="red">甲</Tag>{a ? versionLabel(a, all) : diff.a.file}</div>
          <div><Tag color="green">乙</Tag>{b ? versionLabel(b, all) : diff.b.file}</div>
        </div>
        <div className="stat-grid" style={{ marginTop: 12 }}>
          <Statistic title="相同项目" value={pc.same} />
          <Statistic title="有改动" value={pc.changed} styles={{ content: { color: pc.changed ? '#d48806' : undefined } }} />
          <Statistic title="新增" value={pc.added} styles={{ content: { color: pc.added ? '#389e0d' : undefined } }} />
          <Statistic title="删去" value={pc.removed} styles={{ content: { color: pc.removed ? '#cf1322' : undefined } }} />
          <Statistic title="指标改动 / 新增 / 删去" value={`${ic.changed} / ${ic.added} / ${ic.removed}`} />
        </div>
        {diff.notes.length > 0 ? <Alert style={{ marginTop: 12 }} type="info" showIcon title="说明（不算改动）" description={<ul className="notes">{diff.notes.map((n, i) => <li key={i}>{n}</li>)}</ul>} /> : null}
        {diff.unitsOnlyInA.length + diff.unitsOnlyInB.length > 0 ? (
          <Alert style={{ marginTop: 12 }} type="warning" showIcon title="只在一方出现的单位（未比较其项目）"
            description={<>{diff.unitsOnlyInA.length > 0 ? <div>只在甲：{diff.unitsOnlyInA.join('、')}</div> : null}{diff.unitsOnlyInB.length > 0 ? <div>只在乙：{diff.unitsOnlyInB.join('、')}</div> : null}</>} />
        ) : null}
        <div style={{ marginTop: 12 }}>
          <Switch size="small" checked={showSame} onChange={setShowSame} aria-label="显示未改动的项目" /> 显示未改动的项目
          <span className="legend-inline"><ins className="diff-ins">新增文字</ins> <del className="diff-del">删去文字</del></span>
        </div>
      </Card>
      {diff.units.map((u) => {
        const shown = u.projects.filter((p) => showSame || p.status !== 'same');
        return (
          <div key={u.name} className="diff-unit">
            <Typography.Title level={5}>{u.name}</Typography.Title>
            {u.funding && u.funding.changed ? <Card size="small" title="单位行"><Funding f={u.funding} /></Card> : null}
            {shown.length === 0 ? <EmptyState description="两版的项目完全相同" /> : <Stack gap={8}>{shown.map((p, i) => <Project key={`${p.name}-${i}`} p={p} />)}</Stack>}
          </div>
        );
      })}
    </Stack>
  );
}

export default function Compare() {
  const url = useUrlState();
  const units = useUnits();
  const aId = url.num('a');
  const bId = url.num('b');
  const all = units.data ?? [];
  const byId = useMemo(() => new Map(all.map((u) => [u.id, u])), [all]);
  const a = aId !== undefined ? byId.get(aId) : undefined;
  const b = bId !== undefined ? byId.get(bId) : undefined;
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const name = picked ?? a?.name ?? b?.name;

  const names = useMemo(() => {
    const m = new Map<string, UnitVersion[]>();
    for (const u of all) m.set(u.name, [...(m.get(u.name) ?? []), u]);
    return [...m.entries()].map(([n, vs]) => ({ name: n, versions: vs.sort(oldToNew) }))
      .sort((x, y) => y.versions.length - x.versions.length || x.name.localeCompare(y.name, 'zh-CN'));
  }, [all]);
  const versions = names.find((n) => n.name === name)?.versions ?? [];
  const diff = useQuery({
    queryKey: ['diff', aId, bId],
    queryFn: ({ signal }) => api.diff(aId as number, bId as number, signal),
    enabled: aId !== undefined && bId !== undefined && aId !== bId,
  });

  const pickName = (n: string | undefined) => {
    setPicked(n);
    const vs = names.find((x) => x.name === n)?.versions ?? [];
    if (vs.length >= 2) url.set({ a: vs[vs.length - 2]!.id, b: vs[vs.length - 1]!.id });
    else url.set({ a: vs[0]?.id ?? null, b: null });
  };
  const options = versions.map((v) => ({ value: v.id, label: versionLabel(v, versions) }));
  const multi = names.filter((n) => n.versions.length > 1);

  return (
    <>
      <PageTitle title="对比" sub="比较同一单位的两个版本（两次公布的表）：项目名称、金额、绩效目标和指标逐词比较。" />
      <Card size="small" style={{ marginBottom: 12 }}>
        {units.isError ? <ErrorBox error={units.error} retry={() => units.refetch()} /> : (
          <div className="filters">
            <Select showSearch allowClear placeholder="选择单位" style={{ width: 300 }} value={name} loading={units.isPending} aria-label="单位"
              options={names.map((n) => ({ value: n.name, label: `${n.name}（${n.versions.length} 个版本）` }))} onChange={pickName} />
            <Select placeholder="甲（旧）" style={{ width: 360 }} value={aId} options={options} aria-label="甲" disabled={!name} onChange={(v) => url.set({ a: v })} />
            <Select placeholder="乙（新）" style={{ width: 360 }} value={bId} options={options} aria-label="乙" disabled={!name} onChange={(v) => url.set({ b: v })} />
            {aId !== undefined && bId !== undefined ? <Button onClick={() => url.set({ a: bId, b: aId })}>甲乙互换</Button> : null}
          </div>
        )}
      </Card>
      {units.isPending ? <Loading /> : all.length === 0 ? (
        <Card><EmptyState description="还没有导入任何表"><Link to="/import"><Button type="primary">导入绩效目标表</Button></Link></EmptyState></Card>
      ) : aId === undefined || bId === undefined ? (
        <Card>
          <EmptyState description={name && versions.length < 2 ? `“${name}”只有一个版本，没有可对比的另一版` : '请选择一个单位及其两个版本'}>
            {multi.length > 0 ? (
              <Space wrap style={{ justifyContent: 'center' }}>
                <span className="muted">有多个版本的单位：</span>
                {multi.slice(0, 8).map((n) => <Button key={n.name} size="small" onClick={() => pickName(n.name)}>{n.name}</Button>)}
              </Space>
            ) : <span className="muted note">再导入同一单位新公布的表，即可在这里比较。</span>}
          </EmptyState>
        </Card>
      ) : aId === bId ? (
        <Alert type="warning" showIcon title="甲和乙是同一个版本" />
      ) : diff.isPending ? <Loading rows={8} /> : diff.isError ? <ErrorBox error={diff.error} retry={() => diff.refetch()} /> : (
        <DiffView diff={diff.data} a={a} b={b} all={all} />
      )}
    </>
  );
}
