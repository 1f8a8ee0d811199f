// How reports are labelled everywhere: state tags, lights with their explanation, grades, 演示数据.
import { Tag, Tooltip } from 'antd';
import { REPORT_STATE_LABEL, type ReportState } from '../../../../src/workflow/report-states';
import { GRADE_COLOR } from '../plan/labels';

export const REPORT_STATE_COLOR: Readonly<Record<ReportState, string>> = { draft: 'default', submitted: 'processing', 'department-approved': 'cyan', confirmed: 'green' };

export function ReportStateTag({ state, returned = false }: { state: ReportState; returned?: boolean }) {
  return (
    <span className="state-tag" data-state={state}>
      <Tag color={REPORT_STATE_COLOR[state]} style={{ marginInlineEnd: returned ? 4 : 0 }}>{REPORT_STATE_LABEL[state]}</Tag>
      {returned ? <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="report-returned">已退回</Tag> : null}
    </span>
  );
}

export const LIGHT: Readonly<Record<string, { label: string; color: string }>> = {
  red: { label: '红灯', color: 'red' }, yellow: { label: '黄灯', color: 'gold' }, blue: { label: '蓝灯', color: 'blue' }, green: { label: '绿灯', color: 'green' }, none: { label: '无法判断', color: 'default' },
};

/** a light; with `explanation`, the reason on hover (the forms print it beside the light instead) */
export function LightTag({ colour, explanation }: { colour: string | null; explanation?: string }) {
  const l = LIGHT[colour ?? 'none'] ?? LIGHT.none!;
  const tag = <Tag color={l.color} style={{ marginInlineEnd: 0 }} data-light={colour ?? 'none'}>{l.label}</Tag>;
  return explanation ? <Tooltip title={explanation}>{tag}</Tooltip> : tag;
}

export function GradeTag({ grade }: { grade: string | null }) {
  return grade ? <Tag color={GRADE_COLOR[grade]} style={{ marginInlineEnd: 0 }}>{grade}</Tag> : <span className="muted">—</span>;
}

export const DemoTag = () => <Tag color="purple" style={{ marginInlineEnd: 0 }} data-testid="demo-tag">演示数据</Tag>;

export const pct = (x: number | null | undefined, digits = 1): string => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(digits)}%`);
