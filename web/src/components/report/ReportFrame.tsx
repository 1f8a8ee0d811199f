// What both report pages share around their form: the heading (plan, unit, period, state, 演示数据), the
// printable HTML and the XLSX, the save status and 提交审核 for the unit, 审核通过 / 退回 (with a reason)
// for the reviewer whose turn it is, what a submission still needs, the history, and the conflict dialog.
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Modal, Space, Timeline, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { reportLabel, reportsApi, type ReportDecision, type ReportDetail, type ReportIssue, type ReportKindName } from '../../api/reports';
import { dateTime } from '../../lib/format';
import { PageTitle, errorMessage } from '../common';
import { eventLabel } from '../plan/labels';
import { DemoTag, ReportStateTag } from './labels';
import { TemplateActions, TemplateProblems, useTemplateUpload } from './TemplateUpload';
import { STATUS_TEXT } from '../../lib/useAutosave';
import type { ReportSave } from './useReportSave';

export function ReportFrame<I>({ kind, detail, save, issues, summary, reload, onSubmitTried, children }: {
  kind: ReportKindName; detail: ReportDetail; save: ReportSave<I>; issues: readonly ReportIssue[]; summary: ReactNode; reload: () => Promise<unknown>;
  /** a submission was tried: the form now marks every field still missing, not only those of lines begun */
  onSubmitTried?: () => void; children: ReactNode;
}) {
  const { message } = App.useApp();
  const [comment, setComment] = useState('');
  const editable = detail.allowed.includes('save');
  const reviewing = detail.allowed.includes('approve') || detail.allowed.includes('return');
  const label = reportLabel(kind);
  const template = useTemplateUpload(kind, detail.id, save, reload);
  const decide = useMutation({
    mutationFn: async (action: ReportDecision) => {
      if (action === 'submit') {
        onSubmitTried?.();
        if (!(await save.saveNow())) throw new Error('请先解决保存问题后再提交');
        if (issues.length) throw new Error(`还有 ${issues.length} 处须填写，见“提交前须填写”`);
      }
      if (action === 'return' && !comment.trim()) throw new Error('退回时请写明理由');
      return reportsApi.decide(kind, detail.id, action, action === 'submit' ? save.stamp.revision : detail.revision, comment.trim() || undefined);
    },
    onSuccess: async (_, action) => { void message.success({ submit: '已提交审核', approve: '已审核通过', return: '已退回' }[action]); setComment(''); await reload(); },
    onError: (e) => { void message.error(errorMessage(e)); },
  });
  const lastReturn = [...detail.events].reverse().find((e) => e.action === 'return' || e.action === 'submit');
  return (
    <div data-testid="report-page" data-kind={kind} data-state={detail.state}>
      <PageTitle title={detail.planName} tab={`${detail.planName} · ${label}`}
        crumbs={[{ label: '我的报告', to: '/reports' }, { label: `${detail.periodLabel}${label}` }]}
        sub={<span>{detail.unit}{detail.department && detail.department !== detail.unit ? `（${detail.department}）` : ''} · {detail.periodLabel}{label} · 按第 {detail.planVersion} 版批复的绩效目标 · <Link to={`/plans/${detail.planId}`}>查看绩效目标</Link></span>}
        extra={<Space wrap size={6}>{detail.demo ? <DemoTag /> : null}<ReportStateTag state={detail.state} /></Space>} />
      {detail.demo ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title="演示数据：本报告按固定种子生成，并非真实填报。" /> : null}
      {detail.state === 'draft' && lastReturn?.action === 'return' ? (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} data-testid="returned" title={`已被退回（${lastReturn.actor}，${dateTime(lastReturn.at)}）`} description={lastReturn.comment ? `理由：${lastReturn.comment}` : undefined} />
      ) : null}
      {template.problems ? <TemplateProblems problems={template.problems} onClose={template.clear} /> : null}
      <div className="plan-workspace report-workspace">
        <div className="plan-main report-main">{children}</div>
        <aside className="plan-side">
          {summary}
          {editable ? (
            <Card size="small" data-testid="save-status">
              <div className={`save-status ${save.status}`}>
                <b>{STATUS_TEXT[save.status]}</b>
                <span className="muted note"> · 第 {save.stamp.revision} 次保存{save.savedAt ? ` · ${dateTime(save.savedAt.toISOString())}` : ''}</span>
              </div>
              {save.error ? <Alert type="error" showIcon title={save.error} style={{ marginTop: 8 }} /> : null}
              <Space wrap style={{ marginTop: 8 }}>
                <Button onClick={() => void save.saveNow()} disabled={save.status === 'saved'} data-testid="save-report">立即保存</Button>
                {detail.allowed.includes('submit') ? <Button type="primary" onClick={() => decide.mutate('submit')} loading={decide.isPending} data-testid="submit-report">提交审核</Button> : null}
              </Space>
            </Card>
          ) : null}
          {editable && issues.length ? (
            <Card size="small" title={`提交前须填写（${issues.length}）`} data-testid="report-issues">
              <ul className="issue-list">{issues.slice(0, 12).map((i) => <li key={`${i.field}:${i.message}`}>{i.message}</li>)}</ul>
              {issues.length > 12 ? <div className="muted note">另有 {issues.length - 12} 处</div> : null}
            </Card>
          ) : null}
          {reviewing ? (
            <Card size="small" title="审核决定" data-testid="review-panel">
              <Input.TextArea aria-label="审核意见" value={comment} onChange={(e) => setComment(e.target.value)} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} placeholder="审核意见（退回时必填）" />
              <Space wrap style={{ marginTop: 8 }}>
                {detail.allowed.includes('approve') ? <Button type="primary" onClick={() => decide.mutate('approve')} loading={decide.isPending} data-testid="approve-report">{detail.state === 'department-approved' ? '财政确认' : '审核通过'}</Button> : null}
                {detail.allowed.includes('return') ? <Button danger onClick={() => decide.mutate('return')} loading={decide.isPending} data-testid="return-report">退回修改</Button> : null}
              </Space>
            </Card>
          ) : null}
          <Card size="small" title="打印与下载" className="report-late">
            <Space wrap>
              <a href={reportsApi.htmlUrl(kind, detail.id)} target="_blank" rel="noreferrer" data-testid="report-html">打印表（HTML）</a>
              <a href={reportsApi.xlsxUrl(kind, detail.id)} download data-testid="report-xlsx">下载 XLSX</a>
            </Space>
            {editable && save.status !== 'saved' ? <div className="muted note" style={{ marginTop: 4 }}>打印表与 XLSX 为最近一次保存的内容</div> : null}
            {editable ? <TemplateActions kind={kind} id={detail.id} upload={template.upload} /> : null}
          </Card>
          <Card size="small" title="审核记录" data-testid="report-history" className="report-late">
            <Timeline items={detail.events.map((e, i) => ({
              key: i, color: e.action === 'return' ? 'red' : e.action === 'approve' ? 'green' : 'blue',
              content: <div className="note"><b>{eventLabel(e.action, e.role)}</b> · {e.actor} · {dateTime(e.at)}<div className="muted">→ {e.toLabel}</div>{e.comment ? <div className="event-comment">{e.comment}</div> : null}</div>,
            }))} />
          </Card>
        </aside>
      </div>
      {save.conflict ? (
        <Modal open title={`保存冲突：他人已修改此${label}`} closable={false} maskClosable={false} footer={[
          <Button key="theirs" onClick={save.takeTheirs} data-testid="conflict-theirs">放弃我的修改，采用对方内容</Button>,
          <Button key="mine" type="primary" onClick={save.keepMine} data-testid="conflict-mine">保留我的修改（并入对方的修改后保存）</Button>,
        ]}>
          <Typography.Paragraph>
            {save.conflict.current.updatedBy} 于 {dateTime(save.conflict.current.updatedAt)} 保存了此{label}（第 {save.conflict.current.revision} 次保存）。您的修改基于更早的内容，尚未保存，也没有覆盖对方的内容。
          </Typography.Paragraph>
          <Typography.Paragraph>
            保留我的修改时，只有对方修改过的内容保持对方的填写，您修改过的内容以您的为准（双方都改过的同一项以您的为准），合并后保存；放弃时，页面显示对方保存的内容。
          </Typography.Paragraph>
        </Modal>
      ) : null}
    </div>
  );
}

/** the issues of one field (`indicators.2.measures`) or of every field under a prefix (`indicators.2.`) */
export function issuesAt(issues: readonly ReportIssue[], prefix: string): ReportIssue[] {
  return issues.filter((i) => i.field === prefix || i.field.startsWith(prefix));
}

/** a labelled field of a form card; its issues (in red) under it */
export function Field({ label, children, issues = [], wide = false, testId }: { label: ReactNode; children: ReactNode; issues?: readonly ReportIssue[]; wide?: boolean; testId?: string }) {
  return (
    <div className={`report-field${wide ? ' wide' : ''}${issues.length ? ' has-issue' : ''}`} data-testid={testId}>
      <span className="plan-label">{label}</span>
      {children}
      {issues.map((i) => <span key={i.message} className="field-issue" role="alert">{i.message.replace(/^第 \d+ 项指标“[^”]*”：/, '')}</span>)}
    </div>
  );
}
