// One plan (绩效目标申报): the editor for its unit while it is a 草稿 (autosaved; one version per editing session, src/workflow/edit-session.ts),
// the review engine's findings and score beside it as it is now, and — for the department and finance
// reviewers whose turn it is — the decision: comments on the whole plan or on single indicators, approve
// or return. A 历史 tab holds every version, decision and comment.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Modal, Space, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { plansApi, type Decision, type PlanCheck, type PlanComment, type PlanConflict, type PlanDetail } from '../api/plans';
import { ErrorBox, Loading, PageTitle, SeverityTag, errorMessage } from '../components/common';
import { DimensionBars } from '../components/ScoreDimensions';
import PlanEditor from '../components/plan/PlanEditor';
import XlsxDownload from '../components/XlsxDownload';
import PlanHistory, { PlanDiffView } from '../components/plan/PlanHistory';
import { SOURCE_NAME, StateTag } from '../components/plan/labels';
import PlanReports from '../components/report/PlanReports';
import { usePlanSave } from '../components/plan/usePlanSave';
import { STATUS_TEXT } from '../lib/useAutosave';
import { dateTime, wan } from '../lib/format';
import { canonical } from '../../../src/workflow/content';


interface Live { readonly name: string; readonly total: number; readonly version: number }

function ScoreCard({ check, live }: { check: PlanCheck; live: boolean }) {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of check.findings) counts[f.severity]++;
  return (
    <Card size="small" title={<span>审核评分{live ? <span className="muted note">（按当前内容即时计算）</span> : null}</span>} data-testid="plan-score">
      <div className="plan-score"><span className="plan-score-num">{check.score.toFixed(1)}</span><Tag color={{ 优: 'green', 良: 'blue', 中: 'orange', 差: 'red' }[check.grade]} data-testid="plan-grade">{check.grade}</Tag></div>
      <DimensionBars dimensions={check.dimensions} />
      {check.gate.length ? <Alert style={{ marginTop: 8 }} type="warning" showIcon title="不能监控，评分封顶 79.9" description={check.gate.map((g) => g.message).join('；')} /> : null}
      <div className="note" style={{ marginTop: 8 }}>问题：<SeverityTag severity="error" /> {counts.error} <SeverityTag severity="warning" /> {counts.warning} <SeverityTag severity="info" /> {counts.info}</div>
    </Card>
  );
}

function ConflictDialog({ conflict, onTheirs, onMine }: { conflict: PlanConflict; onTheirs: () => void; onMine: () => void }) {
  return (
    <Modal open title="保存冲突：他人已修改此计划" closable={false} maskClosable={false} width={760} footer={[
      <Button key="theirs" onClick={onTheirs} data-testid="conflict-theirs">放弃我的修改，采用对方版本</Button>,
      <Button key="mine" type="primary" onClick={onMine} data-testid="conflict-mine">保留我的内容（保存为新版本）</Button>,
    ]}>
      <Typography.Paragraph>
        {conflict.current.author} 于 {dateTime(conflict.current.createdAt)} 保存了第 {conflict.current.number} 版。您的修改基于更早的版本，尚未保存，也没有覆盖对方的内容。
        对方相对于您所基于版本的修改如下；保留我的内容时，对方的版本仍留在历史中，可随时比较。
      </Typography.Paragraph>
      <div className="conflict-diff">{conflict.changes ? <PlanDiffView diff={conflict.changes} /> : <span className="muted">（无法比较）</span>}</div>
    </Modal>
  );
}

/**
 * Where the plan stands for someone who cannot edit it (or is to decide on it): who has it now and what
 * happens next. The unit after submitting otherwise saw only a read-only form.
 */
function stateNotice(detail: PlanDetail, reviewing: boolean): { title: string; description: string } | null {
  const may = (a: PlanDetail['allowed'][number]) => detail.allowed.includes(a);
  const submitted = [...detail.events].reverse().find((e) => e.action === 'submit');
  const since = submitted ? `（${submitted.actor}，${dateTime(submitted.createdAt)} 提交）` : '';
  switch (detail.plan.state) {
    case 'draft':
      return { title: '草稿：由单位填写', description: '单位提交后由部门审核，再报财政批复。' };
    case 'submitted':
      return reviewing
        ? { title: `待您审核${since}`, description: '审核通过后报财政批复；需要修改时退回，并写明理由。' }
        : { title: `已提交，等待部门审核${since}`, description: '部门审核通过后报财政批复；审核期间不能修改。如被退回，退回意见会显示在这里，可修改后再次提交。' };
    case 'department-approved':
      return reviewing
        ? { title: '部门已审核通过，待您批复', description: '批复后生效；需要修改时退回单位，并写明理由。' }
        : { title: '部门已审核通过，等待财政批复', description: '财政批复后生效；如被退回，可修改后再次提交。' };
    case 'approved':
      return { title: '已批复，正在执行', description: may('publish') ? '可以公开。' : may('adjust') ? '需要修改时可发起调整：调整经同样的审核批复，批复前本版本继续有效。' : '由财政公开；单位需要修改时发起调整。' };
    case 'published':
      return { title: '已公开', description: may('adjust') ? '需要修改时可发起调整：调整经同样的审核批复，批复前本版本继续有效。' : '单位需要修改时发起调整，经同样的审核批复。' };
  }
}

/** the comments of the current review round, by indicator: the ones made since the last submission */
function roundComments(detail: PlanDetail): Map<number, PlanComment[]> {
  const lastSubmit = [...detail.events].reverse().find((e) => e.action === 'submit');
  const since = lastSubmit?.createdAt ?? '';
  const out = new Map<number, PlanComment[]>();
  for (const c of detail.comments) {
    if (c.indicator === null || c.createdAt < since) continue;
    out.set(c.indicator, [...(out.get(c.indicator) ?? []), c]);
  }
  return out;
}

function Workspace({ detail, reload, onLive }: { detail: PlanDetail; reload: () => Promise<unknown>; onLive: (l: Live) => void }) {
  const { message, modal } = App.useApp();
  const editable = detail.allowed.includes('save');
  const auto = usePlanSave(detail.plan.id, { versionId: detail.version.id, number: detail.version.number, content: detail.content }, editable);
  const reviewing = detail.allowed.includes('approve') || detail.allowed.includes('return');
  // the page heading follows what is being written and saved
  useEffect(() => { onLive({ name: auto.value.name, total: auto.value.funding.total, version: auto.stamp.number }); }, [auto.value.name, auto.value.funding.total, auto.stamp.number, onLive]);
  const [drafts, setDrafts] = useState<Record<number, string>>({});
  const [overall, setOverall] = useState('');
  const [note, setNote] = useState('');

  // the review engine on the content as it is now (debounced), the stored review until then
  const key = canonical(auto.value);
  const [debounced, setDebounced] = useState(key);
  useEffect(() => { const t = setTimeout(() => setDebounced(key), 400); return () => clearTimeout(t); }, [key]);
  const live = useQuery({
    queryKey: ['plan-check', debounced, detail.plan.year], enabled: editable && debounced !== canonical(detail.content),
    queryFn: ({ signal }) => plansApi.check(JSON.parse(debounced) as PlanDetail['content'], detail.plan.year, signal),
    placeholderData: (prev) => prev,
  });
  const check = (editable && debounced !== canonical(detail.content) ? live.data : undefined) ?? auto.lastSave?.check ?? detail.check;

  const decide = useMutation({
    mutationFn: async (action: Decision) => {
      if (action === 'submit' && !(await auto.saveNow()) && auto.status !== 'saved') throw new Error('请先解决保存问题后再提交');
      const indicatorComments = Object.entries(drafts).filter(([, b]) => b.trim()).map(([i, b]) => ({ indicator: Number(i), body: b.trim() }));
      return plansApi.decide(detail.plan.id, action, { versionId: action === 'submit' ? auto.baseNumber() : detail.version.id, ...(overall.trim() ? { comment: overall.trim() } : {}), ...(indicatorComments.length ? { indicatorComments } : {}) });
    },
    onSuccess: async (r, action) => {
      // 公开 stores the unit's published table; if that failed the plan is still 已公开 and the server retries
      if (action === 'publish' && !r.publication) void message.warning('已公开，但公开表暂未存入项目列表；系统将在下次公开或重启时自动重试。');
      else void message.success({ submit: '已提交审核', approve: '已审核通过', return: '已退回', publish: '已公开：项目已出现在公开的项目列表中' }[action]);
      setDrafts({}); setOverall('');
      await reload();
    },
    onError: (e) => { void message.error(errorMessage(e)); },
  });
  const adjust = useMutation({
    mutationFn: (reason: string) => plansApi.adjust(detail.plan.id, reason || undefined),
    onSuccess: async () => { void message.success('已发起调整：请修改后提交，批复前原批复版本继续有效'); await reload(); },
    onError: (e) => { void message.error(errorMessage(e)); },
  });
  const comment = useMutation({
    mutationFn: () => plansApi.comment(detail.plan.id, { body: note.trim() }),
    onSuccess: async () => { setNote(''); await reload(); },
    onError: (e) => { void message.error(errorMessage(e)); },
  });
  const returnPlan = () => {
    const hasComment = overall.trim() || Object.values(drafts).some((b) => b.trim());
    if (!hasComment) { void message.warning('退回时请写明理由：对整个计划的意见，或对某项指标的意见'); return; }
    decide.mutate('return');
  };
  const askAdjust = () => {
    let reason = '';
    modal.confirm({
      title: '发起调整', okText: '发起调整', cancelText: '取消',
      content: <div><p>将以已批复的版本为底稿生成新的草稿版本，经同样的审核批复后生效；在此之前，已批复的版本继续有效。</p><Input.TextArea aria-label="调整原因" placeholder="调整原因（可不填）" onChange={(e) => { reason = e.target.value; }} /></div>,
      onOk: () => adjust.mutateAsync(reason),
    });
  };

  const byIndicator = useMemo(() => roundComments(detail), [detail]);
  const planComments = detail.comments.filter((c) => c.indicator === null && c.createdAt >= ([...detail.events].reverse().find((e) => e.action === 'submit')?.createdAt ?? ''));
  const lastReturn = [...detail.events].reverse().find((e) => e.action === 'return');
  const showReturn = detail.plan.state === 'draft' && lastReturn && lastReturn.id === [...detail.events].reverse().find((e) => e.action === 'return' || e.action === 'submit')?.id;
  // the editing unit needs no card for a draft: the form and the 提交审核 button say it
  const notice = editable ? null : stateNotice(detail, reviewing);

  return (
    <div className="plan-workspace">
      {/* first on a phone too, above the save and score cards: why it was returned, who has it now */}
      <div className="plan-notices">
        {notice ? <Alert type={reviewing ? 'warning' : 'info'} showIcon style={{ marginBottom: 12 }} data-testid="plan-state-notice" title={notice.title} description={notice.description} /> : null}
        {detail.publication?.projectId != null && (detail.plan.state === 'published' || detail.plan.adjusting || detail.publicCheck) ? (
          <Alert type="success" showIcon style={{ marginBottom: 12 }} data-testid="plan-public"
            title={<>{detail.plan.source === 'publication' ? '来自公开的绩效目标表' : '已公开'}：<Link to={`/projects/${detail.publication.projectId}`}>查看公开的项目</Link>（任何人可查阅、检索、下载）{detail.publicCheck && !detail.publicCheck.diff.changed ? `；公开内容与批复的第 ${detail.publicCheck.approvedVersion} 版一致` : null}</>} />
        ) : null}
        <PublicDifference detail={detail} />
        {detail.plan.adjusting && detail.approved ? (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={`调整中：第 ${detail.approved.version.number} 版已批复，在本次调整批复前继续有效`} />
        ) : null}
        {showReturn ? (
          <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="returned" title={`已被退回（${lastReturn.actor}，${dateTime(lastReturn.createdAt)}）`}
            description={<div>{lastReturn.comment ? <div>意见：{lastReturn.comment}</div> : null}{byIndicator.size ? <div>另有 {[...byIndicator.values()].reduce((n, l) => n + l.length, 0)} 条意见标在相关指标下。</div> : null}</div>} />
        ) : null}
        {planComments.length && !showReturn ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title="对整个计划的意见" description={planComments.map((c) => <div key={c.id}>{c.author}：{c.body}</div>)} /> : null}
      </div>
      <div className="plan-main">
        <Card size="small">
          <PlanEditor content={auto.value} onChange={auto.setValue} readOnly={!editable} check={check} year={detail.plan.year}
            comments={{ byIndicator, ...(reviewing ? { drafts, onDraft: (i: number, body: string | null) => setDrafts((d) => { const n = { ...d }; if (body === null) delete n[i]; else n[i] = body; return n; }) } : {}) }} />
        </Card>
      </div>
      <aside className="plan-side">
        {editable ? (
          <Card size="small" data-testid="save-status">
            <div className={`save-status ${auto.status}`}>
              <b>{STATUS_TEXT[auto.status]}</b>
              <span className="muted note"> · 第 {auto.stamp.number} 版{auto.savedAt ? ` · ${dateTime(auto.savedAt.toISOString())}` : ''}</span>
            </div>
            {auto.error ? <Alert type="error" showIcon title={auto.error} style={{ marginTop: 8 }} /> : null}
            <Space wrap style={{ marginTop: 8 }}>
              <Button onClick={() => void auto.saveNow()} disabled={auto.status === 'saved'}>立即保存</Button>
              {detail.allowed.includes('submit') ? <Button type="primary" onClick={() => decide.mutate('submit')} loading={decide.isPending} data-testid="submit-plan">提交审核</Button> : null}
            </Space>
          </Card>
        ) : null}
        <ScoreCard check={check} live={editable && auto.status !== 'saved'} />
        <PlanReports planId={detail.plan.id} year={detail.plan.year} approved={detail.plan.approvedVersion !== null} />
        {reviewing ? (
          <Card size="small" title="审核决定" data-testid="review-panel">
            <Typography.Paragraph className="note muted">在左侧指标行点“意见”可对单项指标提出意见；退回时须写明理由。评分与等级随决定一并记录。</Typography.Paragraph>
            <Input.TextArea aria-label="对整个计划的意见" value={overall} onChange={(e) => setOverall(e.target.value)} autoSize={{ minRows: 2, maxRows: 6 }} placeholder="对整个计划的意见" maxLength={2000} />
            {Object.keys(drafts).length ? <div className="note" style={{ marginTop: 4 }}>另有 {Object.keys(drafts).length} 条指标意见</div> : null}
            <Space wrap style={{ marginTop: 8 }}>
              {detail.allowed.includes('approve') ? <Button type="primary" onClick={() => decide.mutate('approve')} loading={decide.isPending} data-testid="approve-plan">{detail.plan.state === 'department-approved' ? '批复' : '审核通过'}</Button> : null}
              {detail.allowed.includes('return') ? <Button danger onClick={returnPlan} loading={decide.isPending} data-testid="return-plan">退回修改</Button> : null}
            </Space>
          </Card>
        ) : null}
        {detail.allowed.includes('publish') || detail.allowed.includes('adjust') ? (
          <Card size="small">
            <Space wrap>
              {detail.allowed.includes('publish') ? <Button type="primary" onClick={() => decide.mutate('publish')} loading={decide.isPending} data-testid="publish-plan">公开</Button> : null}
              {detail.allowed.includes('adjust') ? <Button onClick={askAdjust} loading={adjust.isPending} data-testid="adjust-plan">发起调整</Button> : null}
            </Space>
          </Card>
        ) : null}
        {detail.allowed.includes('comment') ? (
          <Card size="small" title="评论">
            <Input.TextArea aria-label="评论" value={note} onChange={(e) => setNote(e.target.value)} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} placeholder="对此计划的说明或回复（不改变状态）" />
            <Button size="small" style={{ marginTop: 6 }} disabled={!note.trim()} loading={comment.isPending} onClick={() => comment.mutate()}>发表</Button>
          </Card>
        ) : null}
      </aside>
      {auto.conflict ? <ConflictDialog conflict={auto.conflict} onTheirs={auto.takeTheirs} onMine={auto.keepMine} /> : null}
    </div>
  );
}

/** the public table against the approved version: an 调整 not yet published, or a table that says otherwise */
function PublicDifference({ detail }: { detail: PlanDetail }) {
  const c = detail.publicCheck;
  if (!c?.diff.changed) return null;
  const pending = c.madeHere && c.publishedVersion !== null && c.publishedVersion !== c.approvedVersion;
  const table = c.title ? `《${c.title}》` : `（${c.file}）`;
  return (
    <Alert type={pending ? 'info' : 'warning'} showIcon style={{ marginBottom: 12 }} data-testid="plan-public-diff"
      title={pending ? `公开的是第 ${c.publishedVersion} 版，批复的第 ${c.approvedVersion} 版尚未公开` : `公开的绩效目标表${table}与批复的第 ${c.approvedVersion} 版不一致`}
      description={<>
        <div className="muted">{pending ? '再次“公开”后，公开表即为批复的版本。' : '请核对公开表，或与发布单位确认。'}红色删除线为批复版本的内容，绿色为公开表的内容。</div>
        <PlanDiffView diff={c.diff} />
      </>} />
  );
}

export default function PlanPage() {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['plan', id], queryFn: ({ signal }) => plansApi.get(id, signal), staleTime: Infinity, enabled: Number.isInteger(id) && id > 0 });
  const [tab, setTab] = useState('content');
  const [live, setLive] = useState<Live | null>(null);
  const onLive = useCallback((l: Live) => setLive((prev) => (prev && prev.name === l.name && prev.total === l.total && prev.version === l.version ? prev : l)), []);
  // the editor is mounted afresh after a decision (a new state, perhaps a new version), not when the
  // history is refreshed: unsaved typing must survive that
  const [epoch, setEpoch] = useState(0);
  const reload = async () => { await q.refetch(); setEpoch((e) => e + 1); void qc.invalidateQueries({ queryKey: ['plans'] }); void qc.invalidateQueries({ queryKey: ['plans-queue'] }); void qc.invalidateQueries({ queryKey: ['todo'] }); };
  if (q.error) return <ErrorBox error={q.error} retry={() => void q.refetch()} />;
  if (!q.data) return <Loading rows={8} />;
  const d = q.data;
  const name = live?.name ?? d.content.name;
  return (
    <div data-testid="plan-page" data-state={d.plan.state}>
      <PageTitle title={name || '（未命名项目）'} tab={`${name || '申报'} · 绩效目标申报`}
        crumbs={[{ label: '我的项目', to: '/plans' }, { label: name || '申报' }]}
        sub={<span>{d.plan.unit}{d.plan.department && d.plan.department !== d.plan.unit ? `（${d.plan.department}）` : ''} · {d.plan.year ?? '未注明'} 年 · 总计 {wan(live?.total ?? d.plan.total)} 万元 · 第 {live?.version ?? d.version.number} 版 · {SOURCE_NAME[d.plan.source]}</span>}
        extra={<Space wrap>
          <StateTag state={d.plan.state} adjusting={d.plan.adjusting} />
          <XlsxDownload size="small" label={d.approved ? '下载 Excel（当前版本）' : '下载 Excel'} url={(layout) => plansApi.xlsxUrl(d.plan.id, layout)} />
          {d.approved ? <XlsxDownload size="small" label="下载 Excel（批复版本）" url={(layout) => plansApi.xlsxUrl(d.plan.id, layout, 'approved')} /> : null}
        </Space>} />
      <Tabs activeKey={tab} onChange={(k) => { setTab(k); if (k === 'history') void q.refetch(); }} items={[
        { key: 'content', label: '申报内容', children: <Workspace key={`${d.plan.state}:${epoch}`} detail={d} reload={reload} onLive={onLive} /> },
        { key: 'history', label: `历史（${Math.max(d.versions.length, live?.version ?? 0)} 个版本）`, children: <PlanHistory detail={d} /> },
      ]} />
    </div>
  );
}
