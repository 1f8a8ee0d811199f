// Pieces of a word-level comparison shown wherever two versions are compared (对比 of publications, a
// plan's versions, a save conflict): amounts with their difference, and one indicator's changes.
import { Tag } from 'antd';
import type { Diff } from '../api/types';
import { SOURCE_LABEL, wan } from '../lib/format';
import Segments from './Segments';

type ProjectDiff = Diff['units'][number]['projects'][number];
type IndicatorDiff = ProjectDiff['indicators'][number];
type FundingDiff = NonNullable<ProjectDiff['funding']>;

export const STATUS: Record<string, { label: string; color: string }> = {
  same: { label: '相同', color: 'default' }, changed: { label: '有改动', color: 'gold' }, added: { label: '新增', color: 'green' }, removed: { label: '删去', color: 'red' },
};
const FIELD_LABEL: Record<string, string> = { total: '总计', ...SOURCE_LABEL };

export function FundingChange({ f }: { f: FundingDiff }) {
  // columns printed differently but agreeing are not a change: the notes above say so once
  if (!f.changed) return null;
  return (
    <div className="diff-field">
      <span className="diff-label">金额</span>
      <span>
        {f.amounts.map((a) => (
          <span key={a.field} className="amount-change">
            {FIELD_LABEL[a.field] ?? a.field} {wan(a.a)} → {wan(a.b)}
            {a.difference !== null ? <b className={a.difference > 0 ? 'up' : 'down'}>（{a.difference > 0 ? '+' : ''}{wan(a.difference)}）</b> : null}
          </span>
        ))}
        {f.unplaced ? <span className="muted note"> 未归列：甲 {f.unplaced.a.map(wan).join('、') || '无'}；乙 {f.unplaced.b.map(wan).join('、') || '无'}</span> : null}
        {f.columnsReconciled ? <span className="muted note">（一方未标明金额所在列，按另一方可以对上，不算改动）</span> : null}
        <span className="muted note"> 万元</span>
      </span>
    </div>
  );
}

function indicatorTitle(d: IndicatorDiff): string {
  const r = d.b ?? d.a;
  if (!r) return '指标';
  return `指标 ${r.seq ?? r.index + 1}〔${r.level1 ?? '?'}/${r.level2 ?? '?'}〕${r.name}`;
}

export function IndicatorChange({ d }: { d: IndicatorDiff }) {
  const s = STATUS[d.status]!;
  const r = d.b ?? d.a;
  return (
    <div className={`diff-indicator ${d.status}`}>
      <div><Tag color={s.color}>{s.label}</Tag><span className="diff-ind-title">{indicatorTitle(d)}</span>{d.matchedBy === 'similarity' ? <Tag>按相似名称配对</Tag> : null}</div>
      {d.status === 'changed' ? (
        <div className="diff-fields">
          {d.name ? <div className="diff-field"><span className="diff-label">名称</span><Segments change={d.name} /></div> : null}
          {d.level1 ? <div className="diff-field"><span className="diff-label">一级</span><del className="diff-del">{d.level1.a ?? '空'}</del> → <ins className="diff-ins">{d.level1.b ?? '空'}</ins></div> : null}
          {d.level2 ? <div className="diff-field"><span className="diff-label">二级</span><del className="diff-del">{d.level2.a ?? '空'}</del> → <ins className="diff-ins">{d.level2.b ?? '空'}</ins></div> : null}
          {d.period ? <div className="diff-field"><span className="diff-label">实施周期</span><Segments change={d.period} /></div> : null}
          {d.annual ? <div className="diff-field"><span className="diff-label">年度</span><Segments change={d.annual} /></div> : null}
        </div>
      ) : r ? (
        <div className="diff-fields muted note">实施周期：{r.period || '—'}；年度：{r.annual || '—'}</div>
      ) : null}
    </div>
  );
}
