// 绩效自评 of one approved plan and year — the bureau's form: 预算执行 (年初预算数, 全年预算数, 全年执行数,
// 执行率, 分值 10, 得分), 年度总体目标 (预期目标, 实际完成情况), and per indicator 年度指标值, 实际完成值,
// 分值 (set by the unit or the category's points split equally: each category says which), 得分 and
// 偏差原因分析及改进措施. A qualitative indicator's 得分 is the person's, inside the band of the level
// entered; a score out of the band is refused beside the field with the allowed range. Total, grade and
// warnings follow the typing (src/score through src/workflow/evaluations.ts, as the server stores them).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Input, InputNumber } from 'antd';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import { reportsApi, type EvaluationDetail } from '../api/reports';
import { ErrorBox, Loading } from '../components/common';
import { Field, ReportFrame, issuesAt } from '../components/report/ReportFrame';
import { GradeTag, pct } from '../components/report/labels';
import { useReportSave } from '../components/report/useReportSave';
import { liveEvaluation, type EvaluationEntry } from '../lib/reportLive';
import { wan } from '../lib/format';
import { ActualInput } from './MonitoringReport';
import { ruleKindOf } from '../../../src/score/indicator';
import { parseTarget } from '../../../src/targets/parse';

type Entry = EvaluationEntry['indicators'][number];
const fmt = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : String(Math.round(x * 100) / 100));
const WARNING_TYPE = { red: 'error', yellow: 'warning', info: 'info' } as const;

function Form({ detail, reload }: { detail: EvaluationDetail; reload: () => Promise<unknown> }) {
  const editable = detail.allowed.includes('save');
  const save = useReportSave<EvaluationEntry>('evaluation', detail.id, { revision: detail.revision, input: detail.input }, editable);
  const input = save.value;
  const live = useMemo(() => liveEvaluation(detail, input), [detail, input]);
  const r = live.result;
  const issues = editable ? live.issues : [];
  const qualitative = useMemo(() => detail.content.indicators.map((ind) => ruleKindOf(parseTarget(ind.annual)) === 'qualitative'), [detail.content]);
  // a line's missing fields are marked once the line is begun, or every line's once a submission was tried
  const [tried, setTried] = useState(false);
  const begun = (e: Entry | undefined) => tried || (e !== undefined && (e.actual !== null || e.weight !== null || e.score !== null || e.deviation !== ''));
  const setBudget = (k: 'initial' | 'annual' | 'executed', v: number | null) =>
    save.setValue({ ...input, budget: { ...input.budget, [k]: k === 'initial' ? v : v ?? 0 } });
  const setIndicator = (i: number, patch: Partial<Entry>) =>
    save.setValue({ ...input, indicators: input.indicators.map((x, j) => (j === i ? { ...x, ...patch } : x)) });

  const summary = (
    <Card size="small" title="自评得分" data-testid="report-summary">
      <div className="report-total">
        <span className="plan-score-num" data-testid="eval-total">{r.total === null ? '—' : fmt(r.total)}</span>
        <span data-testid="eval-grade"><GradeTag grade={r.grade} /></span>
      </div>
      <div className="note muted">预算执行 {fmt(r.budget.score)} / {fmt(r.budget.points)} 分 · 指标 {fmt(r.indicatorScore)} / {fmt(r.indicatorMax)} 分</div>
      <div className="note muted">等级：优 ≥ 90，良 80–90，中 60–80，差 &lt; 60</div>
      {r.warnings.map((w) => <Alert key={w.code + w.message} type={WARNING_TYPE[w.level]} showIcon style={{ marginTop: 6 }} title={<span className="note">{w.message}</span>} data-testid={`warning-${w.code}`} />)}
    </Card>
  );

  const roleOf = (i: number) => r.indicators[i]?.role ?? null;
  return (
    <ReportFrame kind="evaluation" detail={detail} save={save} issues={issues} summary={summary} reload={reload} onSubmitTried={() => setTried(true)}>
      <Card size="small" title="预算执行（万元）" style={{ marginBottom: 12 }} data-testid="budget">
        <div className="money-grid eval">
          {(['initial', 'annual', 'executed'] as const).map((k) => {
            const label = { initial: '年初预算数', annual: '全年预算数', executed: '全年执行数' }[k];
            return (
              <Field key={k} label={label} issues={issuesAt(issues, `budget.${k}`)}>
                <InputNumber aria-label={label} value={input.budget[k]} min={0} max={1e12} precision={2} disabled={!editable} style={{ width: '100%' }} onChange={(v) => setBudget(k, v)} />
              </Field>
            );
          })}
          <Field label="执行率"><span className="num money-rate">{pct(r.budget.rate)}</span></Field>
          <Field label="分值"><span className="num">{fmt(r.budget.points)}</span></Field>
          <Field label="得分"><b className="num" data-testid="budget-score">{fmt(r.budget.score)}</b></Field>
        </div>
        <div className="note muted">{r.budget.explanation}（全年预算数 {wan(input.budget.annual)} 万元）</div>
      </Card>
      <Card size="small" title="年度总体目标" style={{ marginBottom: 12 }}>
        <div className="report-fields goal">
          <Field label="预期目标" wide><div className="goal-text">{detail.content.goal || <span className="muted">（未填写）</span>}</div></Field>
          <Field label="实际完成情况" wide issues={issuesAt(issues, 'goalActual')}>
            <Input.TextArea aria-label="实际完成情况" value={input.goalActual} disabled={!editable} autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} onChange={(e) => save.setValue({ ...input, goalActual: e.target.value })} />
          </Field>
        </div>
      </Card>
      <Card size="small" title="绩效指标" data-testid="indicators">
        <div className="weighting" data-testid="weighting">
          <div className="note"><b>分值怎样定：</b>产出 50、效益 30、满意度 10 分（预算执行 10 分）；一类中的分值可由单位逐项设定（须合计为该类分值），不填的项平分该类余下的分值。</div>
          {r.categories.map((c) => <div key={c.role} className="note">{c.name} <b>{fmt(c.points)}</b> 分 · 得分 {fmt(c.score)}：{c.weighting}</div>)}
          {r.errors.map((e) => <Alert key={e} type="error" showIcon style={{ marginTop: 6 }} title={e} data-testid="weight-error" />)}
        </div>
        {detail.content.indicators.map((ind, i) => {
          const e = input.indicators[i] ?? { actual: null, weight: null, score: null, deviation: '' };
          const res = r.indicators[i];
          const q = qualitative[i] ?? false;
          const at = (f: string) => (begun(input.indicators[i]) ? issuesAt(issues, `indicators.${i}.${f}`) : []);
          const n = i + 1;
          const allowed = res?.result.allowed;
          return (
            <div key={i} className={`report-ind${roleOf(i) ? ` role-${roleOf(i)}` : ''}`} data-testid="report-indicator">
              <div className="report-ind-head">
                <span className="ind-seq">{n}</span>
                <span className="report-ind-name"><span className="muted note">{[ind.level1.name, ind.level2.name].filter(Boolean).join(' › ')}</span><b>{ind.name}</b></span>
                <span className="report-ind-target note">年度指标值 <b>{ind.annual || '—'}</b></span>
              </div>
              <div className="report-fields pair">
                <Field label={q ? '实际完成情况' : '实际完成值'} issues={at('actual')}>
                  <ActualInput label={`第 ${n} 项实际完成值`} value={e.actual} qualitative={q} placeholder={editable ? `如 ${ind.annual || '数值与单位'}` : ''} disabled={!editable} onChange={(v) => setIndicator(i, { actual: v })} />
                </Field>
                <Field label={<span>分值{res?.weightSet === 'equal' ? <span className="muted">（平分）</span> : <span className="muted">（单位设定）</span>}</span>} issues={at('weight')}>
                  <InputNumber aria-label={`第 ${n} 项分值`} value={e.weight} placeholder={fmt(res?.weight)} min={0} max={100} precision={2} disabled={!editable} style={{ width: '100%' }}
                    onChange={(v) => setIndicator(i, { weight: v })} />
                </Field>
                <Field label={q ? <span>得分{allowed ? <span className="muted">（可打 {fmt(allowed[0])}–{fmt(allowed[1])} 分）</span> : null}</span> : '得分'} issues={at('score')} testId={`score-field-${n}`}>
                  {q ? (
                    <InputNumber aria-label={`第 ${n} 项得分`} value={e.score} min={0} max={100} precision={2} disabled={!editable} style={{ width: '100%' }}
                      status={res?.result.error && e.score !== null ? 'error' : ''} onChange={(v) => setIndicator(i, { score: v })} />
                  ) : <b className="num score-value" data-testid={`score-${n}`}>{res?.result.score === null || res === undefined ? '—' : fmt(res.result.score)}<span className="muted"> / {fmt(res?.result.max)}</span></b>}
                </Field>
              </div>
              <div className="note muted explanation" data-testid="score-explanation">{res?.result.explanation}</div>
              <div className="report-fields">
                <Field label="偏差原因分析及改进措施" wide issues={at('deviation')}>
                  <Input.TextArea aria-label={`第 ${n} 项偏差原因分析及改进措施`} value={e.deviation} disabled={!editable} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={5000} onChange={(ev) => setIndicator(i, { deviation: ev.target.value })} />
                </Field>
              </div>
            </div>
          );
        })}
      </Card>
    </ReportFrame>
  );
}

export default function EvaluationReport() {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['report', 'evaluation', id], queryFn: ({ signal }) => reportsApi.evaluation(id, signal), staleTime: Infinity, enabled: Number.isInteger(id) && id > 0 });
  const [epoch, setEpoch] = useState(0);
  if (q.error) return <ErrorBox error={q.error} retry={() => void q.refetch()} />;
  if (!q.data) return <Loading rows={8} />;
  return <Form key={`${q.data.state}:${epoch}`} detail={q.data} reload={async () => { await q.refetch(); setEpoch((e) => e + 1); void qc.invalidateQueries({ queryKey: ['todo'] }); }} />;
}
