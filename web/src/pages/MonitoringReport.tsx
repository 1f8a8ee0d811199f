// 运行监控 report of one approved plan and period (1—N月): per funding source 年初预算 / 调整后预算 / 累计支出
// with 执行率; per indicator 当前完成值 (in the target's unit, or 达成/部分达成/未达成 for a qualitative
// target), 完成可能性, 全年预计完成值 and — when the likelihood is not 确定能 — 偏差原因 and 纠偏措施. Each
// light and its explanation follow the typing (src/score through src/workflow/monitoring.ts, as the
// server stores them); the form saves itself; the unit submits, the department and finance review.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Checkbox, Input, InputNumber, Radio, Select } from 'antd';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import { reportsApi, type MonitoringDetail } from '../api/reports';
import { ErrorBox, Loading } from '../components/common';
import { ReportFrame, Field, issuesAt } from '../components/report/ReportFrame';
import { LightTag, pct } from '../components/report/labels';
import { useReportSave } from '../components/report/useReportSave';
import { liveMonitoring, type MonitoringEntry } from '../lib/reportLive';
import { wan } from '../lib/format';
import { ruleKindOf } from '../../../src/score/indicator';
import { DEVIATION_REASONS, LIKELIHOODS } from '../../../src/score/schema';
import { parseTarget } from '../../../src/targets/parse';

type Entry = MonitoringEntry['indicators'][number];
type Value = Entry['current'];
const LEVELS = ['达成', '部分达成', '未达成'] as const;

export const valueText = (v: Value): string => (v === null ? '' : Array.isArray(v) ? v.join('，') : String(v));
const textValue = (s: string): Value => (s.trim() ? s : null);

/** an actual as typed: free text in the target's unit, or the level of a qualitative target */
export function ActualInput({ label, value, onChange, qualitative, placeholder, disabled }: { label: string; value: Value; onChange: (v: Value) => void; qualitative: boolean; placeholder: string; disabled: boolean }) {
  if (qualitative) {
    return <Select aria-label={label} value={valueText(value) || undefined} allowClear placeholder={disabled ? '' : '达成 / 部分达成 / 未达成'} disabled={disabled}
      options={LEVELS.map((l) => ({ value: l, label: l }))} onChange={(v) => onChange(v ?? null)} />;
  }
  return <Input aria-label={label} value={valueText(value)} placeholder={placeholder} disabled={disabled} maxLength={2000} onChange={(e) => onChange(textValue(e.target.value))} />;
}

function Form({ detail, reload }: { detail: MonitoringDetail; reload: () => Promise<unknown> }) {
  const editable = detail.allowed.includes('save');
  const save = useReportSave<MonitoringEntry>('monitoring', detail.id, { revision: detail.revision, input: detail.input }, editable);
  const input = save.value;
  // what the server would store for this input, with what a submission still needs
  const live = useMemo(() => liveMonitoring(detail, input), [detail, input]);
  const r = live.result;
  const issues = editable ? live.issues : [];
  const qualitative = useMemo(() => detail.content.indicators.map((ind) => ruleKindOf(parseTarget(ind.annual)) === 'qualitative'), [detail.content]);
  // a line's missing fields are marked once the line is begun, or every line's once a submission was tried
  const [tried, setTried] = useState(false);
  const begun = (e: Entry | undefined) => tried || (e !== undefined && (e.current !== null || e.likelihood !== null || e.forecast !== null || e.reasons.length > 0 || e.reasonText !== '' || e.measures !== ''));

  const setFunding = (i: number, k: 'initial' | 'adjusted' | 'spent', v: number | null) =>
    save.setValue({ ...input, funding: input.funding.map((f, j) => (j === i ? { ...f, [k]: v ?? 0 } : f)) });
  const setIndicator = (i: number, patch: Partial<Entry>) =>
    save.setValue({ ...input, indicators: input.indicators.map((x, j) => (j === i ? { ...x, ...patch } : x)) });

  const summary = (
    <Card size="small" title="亮灯" data-testid="report-summary">
      <div className="report-total"><LightTag colour={r.light} /><span className="note">{r.lightExplanation}</span></div>
      <div className="note" style={{ marginTop: 6 }}>预算执行率 <b className="num">{pct(r.money.rate)}</b>（{wan(r.money.spent)} / {wan(r.money.adjusted)} 万元）</div>
    </Card>
  );

  return (
    <ReportFrame kind="monitoring" detail={detail} save={save} issues={issues} summary={summary} reload={reload} onSubmitTried={() => setTried(true)}>
      <Card size="small" title="预算执行（万元）" style={{ marginBottom: 12 }} data-testid="funding">
        <div className="money-grid money-head"><span>资金来源</span><span>年初预算</span><span>调整后预算</span><span>累计支出</span><span>执行率</span></div>
        {input.funding.map((f, i) => (
          <div key={f.source} className="money-grid">
            <b className="money-source">{f.source}</b>
            {(['initial', 'adjusted', 'spent'] as const).map((k) => (
              <Field key={k} label={{ initial: '年初预算', adjusted: '调整后预算', spent: '累计支出' }[k]} issues={issuesAt(issues, `funding.${i}.${k}`)}>
                <InputNumber aria-label={`${f.source}${{ initial: '年初预算', adjusted: '调整后预算', spent: '累计支出' }[k]}`} value={f[k]} min={0} max={1e12} precision={2} disabled={!editable}
                  style={{ width: '100%' }} onChange={(v) => setFunding(i, k, v)} />
              </Field>
            ))}
            <Field label="执行率"><span className="num money-rate" data-testid={`rate-${i}`}>{pct(r.funding[i]?.rate ?? null)}</span></Field>
          </div>
        ))}
        <div className="light-line" data-testid="budget-light"><LightTag colour={r.budgetLight.colour} /><span className="note">{r.budgetLight.explanation}</span></div>
      </Card>
      <Card size="small" title={`绩效指标完成情况（${detail.content.indicators.length} 项）`}>
        {detail.content.indicators.map((ind, i) => {
          const e = input.indicators[i] ?? { current: null, likelihood: null, forecast: null, reasons: [], reasonText: '', measures: '' };
          const light = r.indicators[i]?.light;
          const at = (f: string) => (begun(input.indicators[i]) ? issuesAt(issues, `indicators.${i}.${f}`) : []);
          const n = i + 1;
          return (
            <div key={i} className="report-ind" data-testid="report-indicator">
              <div className="report-ind-head">
                <span className="ind-seq">{n}</span>
                <span className="report-ind-name"><span className="muted note">{[ind.level1.name, ind.level2.name].filter(Boolean).join(' › ')}</span><b>{ind.name}</b></span>
                <span className="report-ind-target note">年度指标值 <b>{ind.annual || '—'}</b></span>
              </div>
              <div className="light-line" data-testid="indicator-light">{light ? <LightTag colour={light.colour} /> : null}<span className="note">{light?.explanation}</span></div>
              <div className="report-fields">
                <Field label="当前完成值" issues={at('current')}>
                  <ActualInput label={`第 ${n} 项当前完成值`} value={e.current} qualitative={qualitative[i] ?? false} placeholder={editable ? `如 ${ind.annual || '数值与单位'}` : ''} disabled={!editable} onChange={(v) => setIndicator(i, { current: v })} />
                </Field>
                <Field label="完成可能性" issues={at('likelihood')}>
                  <Radio.Group aria-label={`第 ${n} 项完成可能性`} value={e.likelihood} disabled={!editable} optionType="button" size="small"
                    options={LIKELIHOODS.map((l) => ({ value: l, label: l }))} onChange={(ev) => setIndicator(i, { likelihood: ev.target.value as Entry['likelihood'] })} />
                </Field>
                <Field label="全年预计完成值" issues={at('forecast')}>
                  <ActualInput label={`第 ${n} 项全年预计完成值`} value={e.forecast} qualitative={qualitative[i] ?? false} placeholder={editable ? '全年预计' : ''} disabled={!editable} onChange={(v) => setIndicator(i, { forecast: v })} />
                </Field>
              </div>
              {e.likelihood !== null && e.likelihood !== '确定能' ? (
                <div className="report-fields deviation" data-testid="deviation">
                  <Field label="偏差原因（可多选）" issues={at('reasons')}>
                    <Checkbox.Group aria-label={`第 ${n} 项偏差原因`} value={[...e.reasons]} disabled={!editable} options={DEVIATION_REASONS.map((x) => ({ value: x, label: x }))}
                      onChange={(v) => setIndicator(i, { reasons: v as Entry['reasons'] })} />
                  </Field>
                  <Field label="原因说明" issues={at('reasonText')} wide>
                    <Input.TextArea aria-label={`第 ${n} 项原因说明`} value={e.reasonText} disabled={!editable} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={5000} onChange={(ev) => setIndicator(i, { reasonText: ev.target.value })} />
                  </Field>
                  <Field label="纠偏措施" issues={at('measures')} wide>
                    <Input.TextArea aria-label={`第 ${n} 项纠偏措施`} value={e.measures} disabled={!editable} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={5000} onChange={(ev) => setIndicator(i, { measures: ev.target.value })} />
                  </Field>
                </div>
              ) : null}
            </div>
          );
        })}
      </Card>
    </ReportFrame>
  );
}

export default function MonitoringReport() {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['report', 'monitoring', id], queryFn: ({ signal }) => reportsApi.monitoring(id, signal), staleTime: Infinity, enabled: Number.isInteger(id) && id > 0 });
  // the form is mounted afresh after a decision (a new state), not while typing
  const [epoch, setEpoch] = useState(0);
  if (q.error) return <ErrorBox error={q.error} retry={() => void q.refetch()} />;
  if (!q.data) return <Loading rows={8} />;
  return <Form key={`${q.data.state}:${epoch}`} detail={q.data} reload={async () => { await q.refetch(); setEpoch((e) => e + 1); void qc.invalidateQueries({ queryKey: ['todo'] }); }} />;
}
