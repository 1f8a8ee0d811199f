// The workflow of a plan (绩效目标申报), as data: its states, what may be done in each, by whom, and
// where it leads. Pure: the store operations (plans.ts) and the permission table both read it, so who
// may do what is decided in one place.
//
//   草稿 ─提交→ 已提交 ─部门审核通过→ 部门已审 ─财政批复→ 已批复 ─公开→ 已公开
//     ↑           │退回                 │退回                 │调整           │调整
//     └───────────┴─────────────────────┘  ←───────────────────┴──────────────┘ (a new version, in 草稿)
//
// After 批复 a change is an 调整: a new version that goes through the same review while the approved one
// stays in force (plans.approved_version_id) until the new one is approved.
import type { Role } from '../auth/roles.js';

export const STATES = ['draft', 'submitted', 'department-approved', 'approved', 'published'] as const;
export type State = (typeof STATES)[number];

export const STATE_LABEL: Readonly<Record<State, string>> = {
  draft: '草稿',
  submitted: '已提交',
  'department-approved': '部门已审',
  approved: '已批复',
  published: '已公开',
};

/** What may be done to a plan. `save` edits the working version; `comment` changes no state. */
export const ACTIONS = ['save', 'submit', 'approve', 'return', 'publish', 'adjust', 'comment'] as const;
export type Action = (typeof ACTIONS)[number];

export const ACTION_LABEL: Readonly<Record<Action, string>> = {
  save: '保存',
  submit: '提交',
  approve: '审核通过',
  return: '退回',
  publish: '公开',
  adjust: '调整',
  comment: '评论',
};

export interface Transition {
  readonly to: State;
  /** the roles that may take it (in their scope: a unit its own plans, a department its units', finance all) */
  readonly roles: readonly Role[];
  /** how the event is named in the history (审核通过 by a department is 部门审核通过) */
  readonly label: string;
}

const REVIEWERS: readonly Role[] = ['department', 'finance'];
const commenters: readonly Role[] = ['unit', 'department', 'finance'];

/**
 * Every state, every action allowed in it. A state missing here does not compile (Record<State, …>);
 * an action missing from a state is refused in that state.
 */
export const TRANSITIONS: Readonly<Record<State, Readonly<Partial<Record<Action, Transition>>>>> = {
  draft: {
    save: { to: 'draft', roles: ['unit'], label: '保存' },
    submit: { to: 'submitted', roles: ['unit'], label: '提交审核' },
    comment: { to: 'draft', roles: commenters, label: '评论' },
  },
  submitted: {
    approve: { to: 'department-approved', roles: ['department'], label: '部门审核通过' },
    return: { to: 'draft', roles: ['department'], label: '部门退回' },
    comment: { to: 'submitted', roles: commenters, label: '评论' },
  },
  'department-approved': {
    approve: { to: 'approved', roles: ['finance'], label: '财政批复' },
    return: { to: 'draft', roles: ['finance'], label: '财政退回' },
    comment: { to: 'department-approved', roles: commenters, label: '评论' },
  },
  approved: {
    publish: { to: 'published', roles: ['finance'], label: '公开' },
    adjust: { to: 'draft', roles: ['unit'], label: '发起调整' },
    comment: { to: 'approved', roles: commenters, label: '评论' },
  },
  published: {
    adjust: { to: 'draft', roles: ['unit'], label: '发起调整' },
    comment: { to: 'published', roles: commenters, label: '评论' },
  },
};

/** The roles that may take `action` in some state: what the permission table allows by role alone. */
export function rolesFor(action: Action): Role[] {
  const roles = new Set<Role>();
  for (const s of STATES) for (const r of TRANSITIONS[s][action]?.roles ?? []) roles.add(r);
  return [...roles];
}

/** The states an action is allowed in, for messages (“只能在 草稿 状态下提交”). */
export function statesFor(action: Action): State[] {
  return STATES.filter((s) => TRANSITIONS[s][action] !== undefined);
}

/** The roles whose queue (待我审核) holds plans in each state. */
export const REVIEWER_OF: Readonly<Partial<Record<State, Role>>> = {
  submitted: 'department',
  'department-approved': 'finance',
};
export const isReviewer = (role: Role): boolean => REVIEWERS.includes(role);

export type Decision =
  | { readonly ok: true; readonly transition: Transition }
  | { readonly ok: false; readonly reason: 'state' | 'role'; readonly message: string };

const list = (xs: readonly string[]): string => xs.join('、');

/**
 * May a caller of this role take this action on a plan in this state? The refusal says why in Chinese:
 * the state (编辑已提交的计划) or the role (单位审核自己的计划).
 */
export function decide(state: State, action: Action, role: Role): Decision {
  const t = TRANSITIONS[state][action];
  if (!t) {
    const where = statesFor(action).map((s) => STATE_LABEL[s]);
    const hint = action === 'save' && state !== 'draft'
      ? (state === 'approved' || state === 'published' ? '已批复的计划要修改，请发起调整（生成新版本，批复前原版本继续有效）' : '计划已在审核中，审核退回后才能修改')
      : `只能在“${list(where)}”状态下${ACTION_LABEL[action]}`;
    return { ok: false, reason: 'state', message: `计划当前为“${STATE_LABEL[state]}”，不能${ACTION_LABEL[action]}：${hint}。` };
  }
  if (!t.roles.includes(role)) {
    const who = t.roles.map((r) => ROLE_NAME[r]);
    const own = role === 'unit' && (action === 'approve' || action === 'return' || action === 'publish')
      ? '单位不能审核、批复或公开自己的计划；' : '';
    return { ok: false, reason: 'role', message: `${own}“${STATE_LABEL[state]}”的计划只能由${list(who)}${t.label}，当前账号（${ROLE_NAME[role]}）无权操作。` };
  }
  return { ok: true, transition: t };
}

export const ROLE_NAME: Readonly<Record<Role, string>> = {
  admin: '系统管理员',
  finance: '财政审核人员',
  department: '部门审核人员',
  unit: '单位填报人员',
  viewer: '查阅账号',
};

/** the state a plan is in after `action` (decide() first) */
export const next = (state: State, action: Action): State | null => TRANSITIONS[state][action]?.to ?? null;

/** in review: someone other than the unit has to act next */
export const inReview = (s: State): boolean => REVIEWER_OF[s] !== undefined;
