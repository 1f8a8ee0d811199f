// How plans are labelled everywhere: state tags, grades, sources, event names.
import { Tag } from 'antd';
import { ACTION_LABEL, STATE_LABEL, type State } from '../../../../src/workflow/states';

export { STATE_LABEL };
export const STATE_COLOR: Readonly<Record<State, string>> = {
  draft: 'default', submitted: 'processing', 'department-approved': 'cyan', approved: 'green', published: 'purple',
};
export const GRADE_COLOR: Readonly<Record<string, string>> = { 优: 'green', 良: 'blue', 中: 'orange', 差: 'red' };

export function StateTag({ state, adjusting = false, publicDiffers = false, returned = false }: { state: State; adjusting?: boolean; publicDiffers?: boolean; returned?: boolean }) {
  return (
    <span className="state-tag" data-state={state}>
      <Tag color={STATE_COLOR[state]} style={{ marginInlineEnd: adjusting || publicDiffers || returned ? 4 : 0 }}>{STATE_LABEL[state]}</Tag>
      {returned ? <Tag color="red" style={{ marginInlineEnd: adjusting || publicDiffers ? 4 : 0 }} data-testid="plan-returned">已退回</Tag> : null}
      {adjusting ? <Tag color="gold" style={{ marginInlineEnd: publicDiffers ? 4 : 0 }}>调整中</Tag> : null}
      {publicDiffers ? <Tag color="orange" style={{ marginInlineEnd: 0 }} data-testid="public-differs" title="公开表所列与批复版本不一致，差别见计划页">公开不一致</Tag> : null}
    </span>
  );
}

export function Grade({ score, grade }: { score: number | null; grade: string | null }) {
  if (score === null) return <span className="muted">—</span>;
  return <span className="num">{score.toFixed(1)} {grade ? <Tag color={GRADE_COLOR[grade]} style={{ marginInlineEnd: 0 }}>{grade}</Tag> : null}</span>;
}

const EVENT_LABEL: Readonly<Record<string, string>> = { ...ACTION_LABEL, create: '新建', import: '自公开表导入', adjust: '发起调整', submit: '提交审核' };
const ROLE_NAME: Readonly<Record<string, string>> = { unit: '单位', department: '部门', finance: '财政', admin: '管理员', viewer: '查阅' };

/** an event as the history names it: 部门审核通过, 财政退回 … */
export function eventLabel(action: string, role: string | null): string {
  if ((action === 'approve' || action === 'return') && role) return `${ROLE_NAME[role] ?? ''}${action === 'approve' ? (role === 'finance' ? '批复' : '审核通过') : '退回'}`;
  return EVENT_LABEL[action] ?? action;
}
export const roleName = (role: string | null): string => (role ? ROLE_NAME[role] ?? role : '系统');
export const SOURCE_NAME: Readonly<Record<string, string>> = { authored: '单位填报', publication: '公开表导入' };
