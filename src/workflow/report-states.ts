// The workflow of a 运行监控 report and of a 绩效自评, as data (like states.ts for plans): a unit enters
// and submits its own; the department reviews (approve → 部门已审, or return with a comment); finance
// confirms (已确认) or returns. Pure: the services and the permission table read it.
//
//   草稿 ─提交→ 已提交 ─部门审核通过→ 部门已审 ─财政确认→ 已确认
//     ↑           │退回                 │退回
//     └───────────┴─────────────────────┘
import type { Role } from '../auth/roles.js';
import { ROLE_NAME } from './states.js';

export const REPORT_STATES = ['draft', 'submitted', 'department-approved', 'confirmed'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export const REPORT_STATE_LABEL: Readonly<Record<ReportState, string>> = {
  draft: '草稿', submitted: '已提交', 'department-approved': '部门已审', confirmed: '已确认',
};

export const REPORT_ACTIONS = ['save', 'submit', 'approve', 'return'] as const;
export type ReportAction = (typeof REPORT_ACTIONS)[number];
export const REPORT_ACTION_LABEL: Readonly<Record<ReportAction, string>> = { save: '保存', submit: '提交', approve: '审核通过', return: '退回' };

interface ReportTransition { readonly to: ReportState; readonly roles: readonly Role[]; readonly label: string }

export const REPORT_TRANSITIONS: Readonly<Record<ReportState, Readonly<Partial<Record<ReportAction, ReportTransition>>>>> = {
  draft: {
    save: { to: 'draft', roles: ['unit'], label: '保存' },
    submit: { to: 'submitted', roles: ['unit'], label: '提交审核' },
  },
  submitted: {
    approve: { to: 'department-approved', roles: ['department'], label: '部门审核通过' },
    return: { to: 'draft', roles: ['department'], label: '部门退回' },
  },
  'department-approved': {
    approve: { to: 'confirmed', roles: ['finance'], label: '财政确认' },
    return: { to: 'draft', roles: ['finance'], label: '财政退回' },
  },
  confirmed: {},
};

export function reportRolesFor(action: ReportAction): Role[] {
  const roles = new Set<Role>();
  for (const s of REPORT_STATES) for (const r of REPORT_TRANSITIONS[s][action]?.roles ?? []) roles.add(r);
  return [...roles];
}

export type ReportDecision = { readonly ok: true; readonly to: ReportState; readonly label: string } | { readonly ok: false; readonly reason: 'state' | 'role'; readonly message: string };

export function decideReport(state: ReportState, action: ReportAction, role: Role): ReportDecision {
  const t = REPORT_TRANSITIONS[state][action];
  const label = REPORT_ACTION_LABEL[action];
  if (!t) {
    const hint = action === 'save' ? '已提交的报告只有退回后才能修改' : `只能在“${REPORT_STATES.filter((s) => REPORT_TRANSITIONS[s][action]).map((s) => REPORT_STATE_LABEL[s]).join('、')}”状态下${label}`;
    return { ok: false, reason: 'state', message: `报告当前为“${REPORT_STATE_LABEL[state]}”，不能${label}：${hint}。` };
  }
  if (!t.roles.includes(role)) {
    const own = role === 'unit' && action !== 'save' && action !== 'submit' ? '单位不能审核自己的报告；' : '';
    return { ok: false, reason: 'role', message: `${own}“${REPORT_STATE_LABEL[state]}”的报告只能由${t.roles.map((r) => ROLE_NAME[r]).join('、')}${t.label}，当前账号无权操作。` };
  }
  return { ok: true, to: t.to, label: t.label };
}

export const allowedReportActions = (state: ReportState, role: Role): ReportAction[] => REPORT_ACTIONS.filter((a) => decideReport(state, a, role).ok);
