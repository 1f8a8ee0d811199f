import { Typography } from 'antd';
import type { FindingDetail } from '../api/types';
import { categoryLabel } from '../lib/format';
import { SeverityTag } from './common';

/** one review finding: severity, message, where, and what to do */
export default function FindingLine({ finding, onLine }: { finding: Pick<FindingDetail, 'severity' | 'message' | 'suggestion' | 'rule' | 'title' | 'category' | 'line'>; onLine?: (line: number) => void }) {
  const f = finding;
  return (
    <div className="finding-line" data-rule={f.rule}>
      <SeverityTag severity={f.severity} />
      <div className="finding-body">
        <div>{f.message}</div>
        {f.suggestion ? <div className="suggestion">建议：{f.suggestion}</div> : null}
        <Typography.Text type="secondary" className="note">
          {/* readers see the rule's Chinese title; the id stays in the tooltip for support */}
          {categoryLabel(f.category)} · <span className="rule-title" title={`规则代码：${f.rule}`}>{f.title}</span>
          {f.line !== null ? <> · {onLine ? <a onClick={() => onLine(f.line as number)}>第 {f.line} 行</a> : `第 ${f.line} 行`}</> : null}
        </Typography.Text>
      </div>
    </div>
  );
}
