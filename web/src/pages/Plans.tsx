// 我的项目: a unit's plans (a department's or finance's: those of its units) by year and state, with
// 新建申报 (blank, copy last year's plan, or copy any published project); and 待我审核, the plans waiting
// for this reviewer's decision. Filters live in the query string.
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Button, Card, Form, InputNumber, Modal, Radio, Select, Table, Input } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import { plansApi, type PlanSummary } from '../api/plans';
import { useMe } from '../lib/auth';
import { EmptyState, ErrorBox, PageTitle, errorMessage } from '../components/common';
import NarrowList, { useNarrow } from '../components/NarrowList';
import XlsxDownload from '../components/XlsxDownload';
import { Grade, SOURCE_NAME, STATE_LABEL, StateTag } from '../components/plan/labels';
import { dateTime, wan } from '../lib/format';
import { useTodo } from '../lib/queries';
import { useUrlState } from '../lib/url';
import { STATES, type State } from '../../../src/workflow/states';

const thisYear = new Date().getFullYear();

function columns(queue: boolean): ColumnsType<PlanSummary> {
  return [
    { title: '年度', dataIndex: 'year', key: 'year', width: 72, render: (y: number | null) => y ?? <span className="muted note">未注明</span> },
    { title: '项目名称', key: 'name', width: 300, render: (_, p) => <Link to={`/plans/${p.id}`}>{p.name || '（未命名）'}</Link> },
    { title: '单位', key: 'unit', width: 200, render: (_, p) => <span>{p.unit}{p.department && p.department !== p.unit ? <div className="muted note">{p.department}</div> : null}</span> },
    { title: '状态', key: 'state', width: 140, render: (_, p) => <StateTag state={p.state} adjusting={p.adjusting} publicDiffers={p.publicDiffers === true} returned={p.returned} /> },
    { title: '总计（万元）', key: 'total', width: 120, align: 'right', render: (_, p) => <b className="num">{wan(p.total)}</b> },
    { title: '评分', key: 'score', width: 96, align: 'right', render: (_, p) => <Grade score={p.reviewScore} grade={p.reviewGrade} /> },
    { title: '版本', key: 'version', width: 110, render: (_, p) => <span className="note">第 {p.currentVersion} 版{p.approvedVersion !== null && p.approvedVersion !== p.currentVersion ? <div className="muted">批复：第 {p.approvedVersion} 版</div> : null}</span> },
    { title: queue ? '提交时间' : '更新时间', key: 'updated', width: 190, render: (_, p) => <span className="note">{dateTime(p.updatedAt)}</span> },
    ...(queue ? [] : [{ title: '来源', key: 'source', width: 96, render: (_: unknown, p: PlanSummary) => <span className="note muted">{SOURCE_NAME[p.source]}</span> }]),
  ];
}

function PlanCard({ p }: { p: PlanSummary }) {
  return (
    <div className="plan-card">
      <div className="plan-card-head"><Link to={`/plans/${p.id}`}>{p.name || '（未命名）'}</Link><StateTag state={p.state} adjusting={p.adjusting} publicDiffers={p.publicDiffers === true} returned={p.returned} /></div>
      <div className="muted note">{p.year ?? '未注明'} 年 · {p.unit} · 第 {p.currentVersion} 版</div>
      <div className="plan-card-foot"><b className="num">{wan(p.total)} 万元</b><Grade score={p.reviewScore} grade={p.reviewGrade} /></div>
    </div>
  );
}

type CreateMode = 'blank' | 'plan' | 'project';

function NewPlan({ open, onClose, mine }: { open: boolean; onClose: () => void; mine: readonly PlanSummary[] }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [mode, setMode] = useState<CreateMode>('blank');
  const [year, setYear] = useState<number>(thisYear + 1);
  const [name, setName] = useState('');
  const [planId, setPlanId] = useState<number | undefined>();
  const [projectId, setProjectId] = useState<number | undefined>();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['plan-copy-projects', q], enabled: mode === 'project' && q.trim().length > 0,
    queryFn: ({ signal }) => api.projects({ q: q.trim(), limit: 20 }, signal),
  });
  const create = useMutation({
    mutationFn: () => plansApi.create({
      year,
      from: mode === 'blank' ? { kind: 'blank', name } : mode === 'plan' ? { kind: 'plan', planId: planId! } : { kind: 'project', projectId: projectId! },
    }),
    onSuccess: (r) => { onClose(); navigate(`/plans/${r.id}`); },
    onError: (e) => { void message.error(errorMessage(e)); },
  });
  const ready = mode === 'blank' || (mode === 'plan' && planId !== undefined) || (mode === 'project' && projectId !== undefined);
  return (
    <Modal open={open} onCancel={onClose} title="新建绩效目标申报" okText="新建" cancelText="取消" okButtonProps={{ disabled: !ready, loading: create.isPending }} onOk={() => create.mutate()} destroyOnHidden>
      <Form layout="vertical">
        <Form.Item label="预算年度"><InputNumber aria-label="预算年度" min={2000} max={2100} value={year} onChange={(v) => setYear(v ?? thisYear)} /></Form.Item>
        <Form.Item label="新建方式">
          <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as CreateMode)} optionType="button"
            options={[{ value: 'blank', label: '空白' }, { value: 'plan', label: '复制本单位计划' }, { value: 'project', label: '复制已公开项目' }]} />
        </Form.Item>
        {mode === 'blank' ? <Form.Item label="项目名称"><Input aria-label="项目名称" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} placeholder="可稍后填写" /></Form.Item> : null}
        {mode === 'plan' ? (
          <Form.Item label="复制哪一份计划（如上年度的）">
            <Select aria-label="复制的计划" showSearch optionFilterProp="label" value={planId} onChange={setPlanId} placeholder="选择本单位的计划"
              options={mine.map((p) => ({ value: p.id, label: `${p.year ?? '未注明'}年 · ${p.name} · ${STATE_LABEL[p.state]}` }))} />
          </Form.Item>
        ) : null}
        {mode === 'project' ? (
          <Form.Item label="复制哪个已公开项目" extra="按项目名称、绩效目标或指标名称查找">
            <Select aria-label="复制的已公开项目" showSearch filterOption={false} onSearch={setQ} value={projectId} onChange={setProjectId} loading={found.isFetching}
              placeholder="输入关键词查找" notFoundContent={q ? '没有找到' : '输入关键词'}
              options={(found.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.name}（${p.unit.name}，${p.year ?? '未注明'}年，${wan(p.amounts.total)}万元）` }))} />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

export default function Plans({ queue = false }: { queue?: boolean }) {
  const url = useUrlState();
  const narrow = useNarrow();
  const [creating, setCreating] = useState(false);
  const year = url.num('year');
  const state = url.get('state') as State | undefined;
  const page = url.num('page') ?? 1;
  const size = 50;
  const list = useQuery({
    queryKey: queue ? ['plans-queue'] : ['plans', year, state, page],
    queryFn: ({ signal }) => (queue ? plansApi.queue(signal) : plansApi.list({ year, state, limit: size, offset: (page - 1) * size }, signal)),
  });
  const mine = useQuery({ queryKey: ['plans', 'mine-all'], queryFn: ({ signal }) => plansApi.list({ limit: 200 }, signal), enabled: creating });
  const me = useMe();
  const role = me.data?.user?.role;
  const todo = useTodo(Boolean(role)).data;
  const items = list.data?.items ?? [];
  const title = queue ? '待我审核' : '我的项目';
  return (
    <div data-testid={queue ? 'plan-queue' : 'plan-list'}>
      <PageTitle title={title} sub={queue ? '等待您审核的绩效目标申报，先提交的在前' : '绩效目标申报：按年度和状态查看，新建或复制上年度的计划'}
        extra={queue ? <Link to="/plans">我的项目</Link> : (
          <>
            {role === 'department' || role === 'finance' ? <Link to="/plans/queue"><Button data-testid="open-queue">待我审核{todo?.plans.review ? `（${todo.plans.review}）` : ''}</Button></Link> : null}
            <XlsxDownload url={(layout) => plansApi.listXlsxUrl({ year, state }, layout)} />
            {role === 'unit' ? <Button type="primary" onClick={() => setCreating(true)} data-testid="new-plan">新建申报</Button> : null}
          </>
        )} />
      {queue ? null : (
        <div className="filters" style={{ marginBottom: 12 }}>
          <InputNumber aria-label="年度" placeholder="年度" min={2000} max={2100} value={year ?? null} onChange={(v) => url.set({ year: v ?? undefined })} style={{ width: 110 }} />
          <Select aria-label="状态" allowClear placeholder="全部状态" value={state} onChange={(v) => url.set({ state: v })} style={{ width: 140 }}
            options={STATES.map((s) => ({ value: s, label: STATE_LABEL[s] }))} />
        </div>
      )}
      {list.error ? <ErrorBox error={list.error} retry={() => void list.refetch()} /> : (
        <Card size="small">
          {narrow ? (
            <NarrowList items={items} rowKey={(p) => p.id} render={(p) => <PlanCard p={p} />} loading={list.isLoading}
              empty={<EmptyState description={queue ? '没有待您审核的申报' : '还没有绩效目标申报'} />}
              pagination={queue ? undefined : { current: page, pageSize: size, total: list.data?.total ?? 0, onChange: (p) => url.set({ page: p }) }} testId="plan-cards" />
          ) : (
            <Table rowKey="id" size="middle" columns={columns(queue)} dataSource={items} loading={list.isLoading} scroll={{ x: 1200 }}
              locale={{ emptyText: list.isPending ? ' ' : <EmptyState description={queue ? '没有待您审核的申报' : '还没有绩效目标申报'} /> }}
              pagination={queue ? false : { current: page, pageSize: size, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => url.set({ page: p }), showTotal: (t) => `共 ${t} 项` }} />
          )}
        </Card>
      )}
      <NewPlan open={creating} onClose={() => setCreating(false)} mine={mine.data?.items ?? []} />
    </div>
  );
}
