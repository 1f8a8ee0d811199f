// The plan editor: 项目名称, 项目属性, 实施期, funding that must add up (checked as you type), goal, and
// an indicator table editable by keyboard — level-1/level-2 pickers from the year's taxonomy, the target
// inputs showing live how jixiao reads them (≥ 90 %, ≤ 2 宗, 2024年11月前) — with the review findings of
// the plan as it is now and the reviewers' comments beside the lines they concern. Read-only when the
// caller may not edit (a reviewer, a submitted plan); a reviewer can then attach a comment to a line.
import { Alert, Button, Input, InputNumber, Radio, Select, Tag, Tooltip } from 'antd';
import { useMemo, useRef, type KeyboardEvent, type ReactNode } from 'react';
import type { PlanCheck, PlanComment, PlanContent, PlanFinding } from '../../api/plans';
import { LEVEL1, LEVEL2, parentOf, systemForYear, DEFAULT_SYSTEM } from '../../../../src/model/taxonomy';
import { parseTarget } from '../../../../src/targets/parse';
import { ATTRIBUTE_LABEL, fundingAddsUp, sourcesSum, type PlanIndicator } from '../../../../src/workflow/content';
import { SeverityTag, TargetView } from '../common';
import { wan } from '../../lib/format';

type Funding = PlanContent['funding'];
const SOURCES = [['fiscal', '财政拨款'], ['specialAccount', '财政专户拨款'], ['other', '其他资金']] as const;

/** a deadline as a clerk writes it (2024年11月前); other kinds as the compact reading shows them */
export function deadlineText(raw: string): string | null {
  const t = parseTarget(raw);
  if (t.kind !== 'deadline') return null;
  const date = `${t.year !== undefined ? `${t.year}年` : t.per === '年' ? '每年' : ''}${t.month !== undefined ? `${t.month}月` : ''}${t.day !== undefined ? `${t.day}日` : ''}`;
  return `${date}${t.op === '<' ? '前' : '以前（含）'}`;
}

function TargetInput({ value, onChange, readOnly, label, onEnter }: { value: string; onChange: (v: string) => void; readOnly: boolean; label: string; onEnter?: () => void }) {
  const t = useMemo(() => parseTarget(value), [value]);
  const deadline = t.kind === 'deadline' ? deadlineText(value) : null;
  return (
    <div className="target-cell">
      {readOnly ? <span>{value || <span className="muted">—</span>}</span> : (
        <Input size="small" aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} placeholder="如 ≥90%"
          onKeyDown={(e) => { if (e.key === 'Enter' && onEnter) { e.preventDefault(); onEnter(); } }} />
      )}
      <div className="target-reading" data-testid="target-reading">
        {value.trim() === '' ? <span className="muted note">未填</span>
          : deadline ? <span className="target-read"><Tag color="purple" variant="outlined" className="kind-tag">时限</Tag><code>{deadline}</code></span>
            : <TargetView target={t} compact />}
      </div>
    </div>
  );
}

function FindingList({ findings }: { findings: readonly PlanFinding[] }) {
  if (findings.length === 0) return null;
  return (
    <ul className="line-findings" data-testid="line-findings">
      {findings.map((f, i) => (
        <li key={i} data-rule={f.rule}><SeverityTag severity={f.severity} /> <span>{f.message}</span>{f.suggestion ? <span className="muted note"> 建议：{f.suggestion}</span> : null}</li>
      ))}
    </ul>
  );
}

function CommentList({ comments }: { comments: readonly PlanComment[] }) {
  if (comments.length === 0) return null;
  return (
    <ul className="line-comments" data-testid="line-comments">
      {comments.map((c) => <li key={c.id}><b>{c.author}</b>（第 {c.version} 版）：{c.body}</li>)}
    </ul>
  );
}

export interface LineComments {
  /** what reviewers said, by indicator index (the current round); null key: the whole plan */
  readonly byIndicator: ReadonlyMap<number, readonly PlanComment[]>;
  /** a reviewer's draft comment per indicator, sent with the decision */
  readonly drafts?: Readonly<Record<number, string>>;
  readonly onDraft?: (indicator: number, body: string | null) => void;
}

const blankIndicator = (): PlanIndicator => ({ level1: { code: null, name: null }, level2: { code: null, name: null }, name: '', period: '', annual: '' });

export default function PlanEditor({ content, onChange, readOnly, check, year, comments }: {
  content: PlanContent;
  onChange: (c: PlanContent) => void;
  readOnly: boolean;
  check: PlanCheck | undefined;
  year: number | null;
  comments: LineComments;
}) {
  const system = (year !== null ? systemForYear(year) : null) ?? DEFAULT_SYSTEM;
  const root = useRef<HTMLDivElement>(null);
  const set = (patch: Partial<PlanContent>) => onChange({ ...content, ...patch });
  const setFunding = (patch: Partial<Funding>) => set({ funding: { ...content.funding, ...patch } });
  const setIndicator = (i: number, patch: Partial<PlanIndicator>) => set({ indicators: content.indicators.map((x, k) => (k === i ? { ...x, ...patch } : x)) });
  const findings = check?.findings ?? [];
  const at = (place: PlanFinding['place'], i: number | null = null) => findings.filter((f) => f.place === place && (i === null || f.indicator === i));

  const focusRow = (i: number) => requestAnimationFrame(() => root.current?.querySelector<HTMLElement>(`[data-row="${i}"] input`)?.focus());
  const addAfter = (i: number) => {
    const next = [...content.indicators];
    const prev = content.indicators[i];
    // a new line under the same level-1/level-2 as the one above: the usual way a table is filled in
    next.splice(i + 1, 0, prev ? { ...blankIndicator(), level1: prev.level1, level2: prev.level2 } : blankIndicator());
    set({ indicators: next });
    focusRow(i + 1);
  };
  const move = (i: number, d: -1 | 1) => {
    const j = i + d;
    if (j < 0 || j >= content.indicators.length) return;
    const next = [...content.indicators];
    [next[i], next[j]] = [next[j]!, next[i]!];
    set({ indicators: next });
    focusRow(j);
  };
  const remove = (i: number) => set({ indicators: content.indicators.filter((_, k) => k !== i) });
  const rowKeys = (i: number) => (e: KeyboardEvent) => {
    if (readOnly) return;
    if (e.altKey && e.key === 'ArrowUp') { e.preventDefault(); move(i, -1); }
    if (e.altKey && e.key === 'ArrowDown') { e.preventDefault(); move(i, 1); }
  };

  const level1Options = Object.entries(system.level1).map(([code, name]) => ({ value: code, label: `${code} ${name}` }));
  const level2Options = (l1: string | null) => Object.entries(system.level2).filter(([code]) => l1 === null || parentOf(code) === l1).map(([code, name]) => ({ value: code, label: `${code} ${name}` }));
  const sum = sourcesSum(content.funding);
  const addsUp = fundingAddsUp(content.funding);
  const field = (label: string, node: ReactNode, extra?: ReactNode) => (
    <div className="plan-field"><label className="plan-label">{label}</label><div className="plan-value">{node}{extra}</div></div>
  );

  return (
    <div className="plan-editor" ref={root} data-testid="plan-editor">
      <section className="plan-section">
        {field('项目名称', readOnly ? <b>{content.name}</b> : <Input aria-label="项目名称" value={content.name} maxLength={200} onChange={(e) => set({ name: e.target.value })} />)}
        <div className="plan-row">
          {field('项目属性', readOnly ? ATTRIBUTE_LABEL[content.attribute] : (
            <Radio.Group aria-label="项目属性" value={content.attribute} onChange={(e) => set({ attribute: e.target.value as PlanContent['attribute'] })}
              options={[{ value: 'new', label: '新增' }, { value: 'continuing', label: '延续' }]} optionType="button" />
          ))}
          {field('实施期', readOnly ? `${content.startYear ?? '?'}–${content.endYear ?? '?'} 年` : (
            <span className="plan-years">
              <InputNumber aria-label="实施期起" min={1990} max={2100} value={content.startYear} onChange={(v) => set({ startYear: v ?? null })} /> 至
              <InputNumber aria-label="实施期止" min={1990} max={2100} value={content.endYear} onChange={(v) => set({ endYear: v ?? null })} /> 年
            </span>
          ))}
        </div>
      </section>

      <section className="plan-section" data-testid="plan-funding">
        <h4>资金（万元）</h4>
        <div className="funding-grid">
          {field('总计', readOnly ? <b className="num">{wan(content.funding.total)}</b> : (
            <InputNumber aria-label="总计" min={0} precision={2} step={1} value={content.funding.total} onChange={(v) => setFunding({ total: v ?? 0 })} style={{ width: '100%' }} />
          ))}
          {SOURCES.map(([key, label]) => field(label, readOnly ? <span className="num">{wan(content.funding[key])}</span> : (
            <InputNumber aria-label={label} min={0} precision={2} step={1} value={content.funding[key]} onChange={(v) => setFunding({ [key]: v ?? null })} style={{ width: '100%' }} placeholder="空" />
          )))}
        </div>
        <div className={`funding-check ${addsUp ? 'ok' : 'bad'}`} data-testid="funding-check" role="status">
          {addsUp ? `资金来源合计 ${wan(sum)} 万元，与总计一致` : `资金来源合计 ${wan(sum)} 万元，与总计 ${wan(content.funding.total)} 万元相差 ${wan(Math.abs(Math.round((content.funding.total - sum) * 100) / 100))} 万元`}
          {!addsUp && !readOnly ? <Button size="small" type="link" onClick={() => setFunding({ total: sum })}>以来源合计为总计</Button> : null}
        </div>
        <FindingList findings={at('funding')} />
      </section>

      <section className="plan-section">
        <h4>绩效目标</h4>
        {readOnly ? <div className="prose">{content.goal || <span className="muted">（未填写）</span>}</div> : (
          <Input.TextArea aria-label="绩效目标" value={content.goal} onChange={(e) => set({ goal: e.target.value })} autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000}
            placeholder="写明项目在预算年度内要完成的产出和达到的效果，尽量量化" />
        )}
        <FindingList findings={at('goal')} />
      </section>

      <section className="plan-section" data-testid="plan-indicators">
        <h4>绩效指标 <span className="muted note">（{system.label}{readOnly ? '' : '；回车添加下一行，Alt+↑/↓ 调整顺序'}）</span></h4>
        <FindingList findings={at('project')} />
        <div className="ind-table" role="table" aria-label="绩效指标">
          <div className="ind-row ind-head" role="row">
            <span>序号</span><span>一级指标</span><span>二级指标</span><span>三级指标</span><span>实施周期指标值</span><span>年度指标值</span><span />
          </div>
          {content.indicators.map((ind, i) => {
            const rowFindings = at('indicator', i);
            const rowComments = comments.byIndicator.get(i) ?? [];
            const draft = comments.drafts?.[i];
            const worst = rowFindings[0]?.severity;
            return (
              <div key={i} className={`ind-block${worst ? ` has-${worst}` : ''}`} data-row={i} data-testid="indicator-row" onKeyDown={rowKeys(i)}>
                <div className="ind-row" role="row">
                  <span className="ind-seq" data-label="序号">{i + 1}</span>
                  <span data-label="一级指标">{readOnly ? `${ind.level1.code ?? ''} ${ind.level1.name ?? ''}` : (
                    <Select size="small" aria-label={`第 ${i + 1} 项一级指标`} showSearch optionFilterProp="label" value={ind.level1.code ?? undefined} placeholder="一级" style={{ width: '100%' }}
                      options={level1Options} onChange={(code: string) => setIndicator(i, { level1: { code, name: system.level1[code] ?? LEVEL1[code] ?? null }, level2: ind.level2.code && parentOf(ind.level2.code) === code ? ind.level2 : { code: null, name: null } })} />
                  )}</span>
                  <span data-label="二级指标">{readOnly ? `${ind.level2.code ?? ''} ${ind.level2.name ?? ''}` : (
                    <Select size="small" aria-label={`第 ${i + 1} 项二级指标`} showSearch optionFilterProp="label" value={ind.level2.code ?? undefined} placeholder="二级" style={{ width: '100%' }}
                      options={level2Options(ind.level1.code)} onChange={(code: string) => setIndicator(i, { level2: { code, name: system.level2[code] ?? LEVEL2[code] ?? null }, ...(ind.level1.code ? {} : { level1: { code: parentOf(code), name: system.level1[parentOf(code)] ?? null } }) })} />
                  )}</span>
                  <span data-label="三级指标">{readOnly ? ind.name : (
                    <Input size="small" aria-label={`第 ${i + 1} 项指标名称`} value={ind.name} maxLength={200} onChange={(e) => setIndicator(i, { name: e.target.value })} placeholder="指标名称" />
                  )}</span>
                  <span data-label="实施周期指标值"><TargetInput label={`第 ${i + 1} 项实施周期指标值`} value={ind.period} readOnly={readOnly} onChange={(v) => setIndicator(i, { period: v })} /></span>
                  <span data-label="年度指标值"><TargetInput label={`第 ${i + 1} 项年度指标值`} value={ind.annual} readOnly={readOnly} onChange={(v) => setIndicator(i, { annual: v })} onEnter={() => addAfter(i)} /></span>
                  <span className="ind-actions">
                    {readOnly ? (comments.onDraft ? (
                      <Button size="small" onClick={() => comments.onDraft!(i, draft === undefined ? '' : null)} data-testid="comment-indicator">{draft === undefined ? '意见' : '取消意见'}</Button>
                    ) : null) : (
                      <>
                        <Tooltip title="上移（Alt+↑）"><Button size="small" type="text" aria-label="上移" disabled={i === 0} onClick={() => move(i, -1)}>↑</Button></Tooltip>
                        <Tooltip title="下移（Alt+↓）"><Button size="small" type="text" aria-label="下移" disabled={i === content.indicators.length - 1} onClick={() => move(i, 1)}>↓</Button></Tooltip>
                        <Tooltip title="删除这一行"><Button size="small" type="text" danger aria-label="删除" onClick={() => remove(i)}>×</Button></Tooltip>
                      </>
                    )}
                  </span>
                </div>
                <FindingList findings={rowFindings} />
                <CommentList comments={rowComments} />
                {draft !== undefined && comments.onDraft ? (
                  <Input.TextArea className="line-draft" aria-label={`对第 ${i + 1} 项指标的意见`} autoFocus value={draft} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000}
                    placeholder={`对“${ind.name}”的意见，随审核决定一并发出`} onChange={(e) => comments.onDraft!(i, e.target.value)} />
                ) : null}
              </div>
            );
          })}
          {content.indicators.length === 0 ? <Alert type="info" showIcon title="还没有绩效指标：每个项目应设置产出、效益和满意度指标" /> : null}
        </div>
        {readOnly ? null : <Button onClick={() => addAfter(content.indicators.length - 1)} data-testid="add-indicator" style={{ marginTop: 8 }}>添加指标</Button>}
        {content.indicatorsText ? <Alert style={{ marginTop: 8 }} type="warning" showIcon title="原表中未按格式填写的指标文字" description={<div className="prose">{content.indicatorsText}</div>} /> : null}
      </section>

      <section className="plan-section">
        <h4>说明</h4>
        {readOnly ? <div className="prose">{content.notes || <span className="muted">（无）</span>}</div> : (
          <Input.TextArea aria-label="说明" value={content.notes} onChange={(e) => set({ notes: e.target.value })} autoSize={{ minRows: 1, maxRows: 6 }} maxLength={5000} placeholder="单位需要说明的情况（可不填）" />
        )}
      </section>
    </div>
  );
}
