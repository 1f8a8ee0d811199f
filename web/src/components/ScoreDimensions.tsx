// The review score by the four dimensions 财预〔2015〕88号 asks a reviewer to judge, and the monitoring
// gate's reasons when it capped the score. Shared by the project page and the review page.
import { Alert, Progress, Segmented, Tooltip } from 'antd';
import type { CSSProperties } from 'react';
import type { DocumentItem, ProjectDetail } from '../api/types';

// styles inline: this component is the only user
const ROW: CSSProperties = { display: 'grid', gridTemplateColumns: '4em minmax(80px, 1fr) 5.5em', alignItems: 'center', gap: 8 };
const LIST: CSSProperties = { display: 'grid', gap: 2, maxWidth: 520 };

type Dimensions = NonNullable<ProjectDetail['dimensions']>;

const QUESTION: Record<string, string> = {
  completeness: '绩效目标和指标的内容是否完整，目标是否明确、清晰',
  relevance: '是否设定了与目标相关联的绩效指标，指标是否细化、量化',
  appropriateness: '资金规模与绩效目标是否匹配，目标是否过高或过低',
  feasibility: '目标是否经过合理测算，能否如期实现',
};

/** one bar per dimension: points earned of its share */
export function DimensionBars({ dimensions }: { dimensions: Dimensions }) {
  return (
    <div className="dimension-bars" style={LIST} role="list" aria-label="按审核方面的得分">
      {dimensions.map((d) => (
        <Tooltip key={d.id} title={`${d.label}：${QUESTION[d.id] ?? ''}`}>
          <div className="dimension" style={ROW} role="listitem" data-dimension={d.id}>
            <span className="dimension-label">{d.label}</span>
            <Progress percent={d.max > 0 ? (d.score / d.max) * 100 : 0} showInfo={false} size="small" status={d.score < d.max / 2 ? 'exception' : 'normal'} />
            <span className="num dimension-score" style={{ textAlign: 'right' }}>{d.score.toFixed(1).replace(/\.0$/, '')}<span className="muted"> / {d.max}</span></span>
          </div>
        </Tooltip>
      ))}
    </div>
  );
}

/** a project's dimensions and, when the gate applied, why its score cannot exceed 中 */
export function ProjectScore({ p }: { p: ProjectDetail }) {
  if (!p.dimensions) return <span className="muted">该项目导入时尚未按审核方面计分</span>;
  return (
    <>
      <DimensionBars dimensions={p.dimensions} />
      {p.gate.length > 0 ? (
        <Alert type="warning" showIcon style={{ marginTop: 8 }} title="无法监控：得分不超过“中”"
          description={<span data-testid="gate">{p.gate.map((g) => g.message).join('；')}。各方面之和为 {p.dimensions.reduce((a, d) => a + d.score, 0).toFixed(1)} 分，按门槛计为 {p.score?.toFixed(1)} 分。</span>} />
      ) : null}
    </>
  );
}

/** 完整性 24/30 · 相关性 28.7/30 … on one line, for lists */
export function DimensionLine({ d }: { d: DocumentItem }) {
  if (!d.dimensions) return null;
  return (
    <span className="note dimension-line">
      {d.dimensions.map((x) => `${x.label} ${x.score.toFixed(1).replace(/\.0$/, '')}/${x.max}`).join(' · ')}
      {d.gated > 0 ? <> · <span className="gate-note" style={{ color: '#d4380d' }}>其中 {d.gated} 个项目无法监控，这些项目各自的得分不超过“中”</span></> : null}
    </span>
  );
}

export type FindingOrder = 'severity' | 'document';

/** errors first, or as the table has them */
export function OrderSwitch({ value, onChange }: { value: FindingOrder; onChange: (v: FindingOrder) => void }) {
  return (
    <Segmented<FindingOrder> size="small" aria-label="审核问题的排列顺序" value={value} onChange={onChange}
      options={[{ value: 'severity', label: '错误在前' }, { value: 'document', label: '按原表顺序' }]} />
  );
}
