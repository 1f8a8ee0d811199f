// A plan's history: every decision and state change with who, when, the grade kept with it and the
// comments made with it; every version, any two of which can be compared word by word.
import { useQuery } from '@tanstack/react-query';
import { Card, Select, Space, Table, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { plansApi, type PlanDetail, type PlanDiff } from '../../api/plans';
import { dateTime } from '../../lib/format';
import { ErrorBox, Loading } from '../common';
import { FundingChange, IndicatorChange } from '../DiffParts';
import Segments from '../Segments';
import { eventLabel, Grade, roleName, STATE_LABEL } from './labels';

const KIND: Readonly<Record<string, string>> = { create: '新建', save: '保存', adjust: '调整', import: '导入' };

/** what changed between two versions of a plan */
export function PlanDiffView({ diff }: { diff: PlanDiff }) {
  if (!diff.changed) return <div className="muted">两个版本内容相同。</div>;
  return (
    <div className="diff-fields" data-testid="plan-diff">
      {diff.name ? <div className="diff-field"><span className="diff-label">项目名称</span><Segments change={diff.name} /></div> : null}
      {diff.attribute ? <div className="diff-field"><span className="diff-label">项目属性</span><del className="diff-del">{diff.attribute.a}</del> → <ins className="diff-ins">{diff.attribute.b}</ins></div> : null}
      {diff.period ? <div className="diff-field"><span className="diff-label">实施期</span><del className="diff-del">{diff.period.a}</del> → <ins className="diff-ins">{diff.period.b}</ins></div> : null}
      {diff.funding ? <FundingChange f={diff.funding} /> : null}
      {diff.goal ? <div className="diff-field"><span className="diff-label">绩效目标</span><Segments change={diff.goal} /></div> : null}
      {diff.indicators.map((d, i) => <IndicatorChange key={i} d={d} />)}
      {diff.indicatorsSame > 0 ? <div className="muted note">另有 {diff.indicatorsSame} 项指标未改动</div> : null}
      {diff.notes ? <div className="diff-field"><span className="diff-label">说明</span><Segments change={diff.notes} /></div> : null}
    </div>
  );
}

export default function PlanHistory({ detail }: { detail: PlanDetail }) {
  const numbers = detail.versions.map((v) => v.number);
  const [a, setA] = useState<number>(numbers[1] ?? numbers[0] ?? 1);
  const [b, setB] = useState<number>(numbers[0] ?? 1);
  const id = detail.plan.id;
  const diff = useQuery({ queryKey: ['plan-diff', id, a, b], queryFn: ({ signal }) => plansApi.diff(id, a, b, signal), enabled: a !== b });
  const byEvent = new Map<number, typeof detail.comments>();
  for (const c of detail.comments) if (c.eventId !== null) byEvent.set(c.eventId, [...(byEvent.get(c.eventId) ?? []), c]);
  const loose = detail.comments.filter((c) => c.eventId === null);
  const options = detail.versions.map((v) => ({ value: v.number, label: `第 ${v.number} 版 · ${KIND[v.kind] ?? v.kind} · ${v.author}` }));
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="plan-history">
      <Card size="small" title="审核记录">
        <Timeline items={detail.events.map((e) => ({
          color: e.action === 'return' ? 'red' : e.action === 'approve' || e.action === 'publish' ? 'green' : 'blue',
          content: (
            <div className="event" data-action={e.action}>
              <div><b>{eventLabel(e.action, e.actorRole)}</b>{e.version !== null ? <span className="muted"> · 第 {e.version} 版</span> : null}
                {e.fromState ? <span className="muted note"> · {STATE_LABEL[e.fromState]} → {STATE_LABEL[e.toState]}</span> : <span className="muted note"> · {STATE_LABEL[e.toState]}</span>}
                {e.reviewScore !== null ? <span className="note"> · 评分 <Grade score={e.reviewScore} grade={e.reviewGrade} /></span> : null}</div>
              <div className="muted note">{e.actor}（{roleName(e.actorRole)}）· {dateTime(e.createdAt)}</div>
              {e.comment ? <div className="event-comment">意见：{e.comment}</div> : null}
              {(byEvent.get(e.id) ?? []).map((c) => <div key={c.id} className="event-comment">第 {(c.indicator ?? 0) + 1} 项指标“{c.indicatorName}”：{c.body}</div>)}
            </div>
          ),
        }))} />
      </Card>
      {loose.length ? (
        <Card size="small" title="评论">
          {loose.map((c) => (
            <div key={c.id} className="event-comment">
              <b>{c.author}</b>（{roleName(c.authorRole)}，第 {c.version} 版{c.indicator !== null ? `，第 ${c.indicator + 1} 项指标“${c.indicatorName}”` : ''}）：{c.body}
              <span className="muted note"> · {dateTime(c.createdAt)}</span>
            </div>
          ))}
        </Card>
      ) : null}
      <Card size="small" title="版本">
        <Table rowKey="id" size="small" pagination={detail.versions.length > 10 ? { pageSize: 10 } : false} dataSource={detail.versions} scroll={{ x: 640 }}
          rowClassName={(v) => (v.number === detail.plan.approvedVersion ? 'approved-version' : '')}
          columns={[
            { title: '版本', key: 'n', width: 130, render: (_, v) => <span>第 {v.number} 版{v.number === detail.plan.approvedVersion ? <Tag color="green" style={{ marginLeft: 4 }}>批复</Tag> : null}{v.number === detail.plan.currentVersion ? <Tag style={{ marginLeft: 4 }}>当前</Tag> : null}</span> },
            { title: '方式', key: 'k', width: 70, render: (_, v) => KIND[v.kind] ?? v.kind },
            { title: '作者', dataIndex: 'author', key: 'a', width: 160 },
            { title: '时间', key: 't', width: 190, render: (_, v) => <span className="note">{dateTime(v.createdAt)}</span> },
            { title: '评分', key: 's', width: 100, render: (_, v) => <Grade score={v.reviewScore} grade={v.reviewGrade} /> },
            { title: '基于', key: 'b', width: 70, render: (_, v) => (v.basedOn ? `第 ${v.basedOn} 版` : '—') },
          ]} />
      </Card>
      {numbers.length > 1 ? (
        <Card size="small" title="版本比较" extra={<Space wrap>
          <Select aria-label="比较的版本甲" size="small" value={a} onChange={setA} options={options} style={{ minWidth: 180 }} />→
          <Select aria-label="比较的版本乙" size="small" value={b} onChange={setB} options={options} style={{ minWidth: 180 }} />
        </Space>}>
          {a === b ? <div className="muted">请选择两个不同的版本。</div> : diff.error ? <ErrorBox error={diff.error} /> : diff.data ? <PlanDiffView diff={diff.data.diff} /> : <Loading rows={3} />}
        </Card>
      ) : null}
    </Space>
  );
}
