// The audit log's codes in Chinese: every action and object type the server records, grouped as the
// administration page (审计日志) offers them as filters and shows them in its table. Pure: the web app
// imports it. An action added anywhere that calls audit() gets its label here.

export interface AuditActionGroup {
  /** the prefix the API's `action` filter matches (`plan` selects plan.create, plan.submit …) */
  readonly prefix: string;
  readonly label: string;
  readonly actions: Readonly<Record<string, string>>;
}

export const AUDIT_ACTION_GROUPS: readonly AuditActionGroup[] = [
  { prefix: 'auth', label: '登录与退出', actions: { 'auth.login': '登录成功', 'auth.login-failed': '登录失败', 'auth.logout': '退出登录' } },
  {
    prefix: 'user', label: '账户变更', actions: {
      'user.create': '新建账户', 'user.update': '修改账户', 'user.disable': '停用账户', 'user.enable': '启用账户',
      'user.reset-password': '重置密码', 'user.password': '修改密码', 'user.password-failed': '修改密码失败',
    },
  },
  { prefix: 'org', label: '组织变更', actions: { 'org.create': '添加组织', 'org.update': '修改组织', 'org.merge': '合并组织' } },
  { prefix: 'token', label: 'API 令牌', actions: { 'token.create': '创建 API 令牌', 'token.revoke': '撤销 API 令牌' } },
  {
    prefix: 'import', label: '导入', actions: {
      import: '导入', 'import.unchanged': '导入（内容未变）', 'import.needs-input': '导入（待确认年度与部门）', 'import.failed': '导入失败',
    },
  },
  { prefix: 'audit', label: '审计日志', actions: { 'audit.export': '导出审计日志' } },
  {
    prefix: 'plan', label: '绩效目标申报', actions: {
      'plan.create': '新建申报', 'plan.save': '保存申报', 'plan.submit': '提交申报', 'plan.approve': '审核通过/批复申报',
      'plan.return': '退回申报', 'plan.publish': '公开申报', 'plan.adjust': '调整申报', 'plan.comment': '评论申报', 'plan.import': '公开表转为已公开申报',
      'plan.publication': '生成公开表',
    },
  },
  { prefix: 'monitoring', label: '运行监控报告', actions: reportActions('monitoring', '运行监控报告') },
  { prefix: 'evaluation', label: '绩效自评', actions: reportActions('evaluation', '绩效自评') },
];

function reportActions(kind: string, label: string): Record<string, string> {
  return {
    [`${kind}.create`]: `新建${label}`, [`${kind}.save`]: `保存${label}`, [`${kind}.submit`]: `提交${label}`,
    [`${kind}.approve`]: `审核通过/确认${label}`, [`${kind}.return`]: `退回${label}`,
  };
}

export const AUDIT_ACTION_LABEL: Readonly<Record<string, string>> = Object.assign({}, ...AUDIT_ACTION_GROUPS.map((g) => g.actions));

/** the object types (target_type) entries point at */
export const AUDIT_TARGET_LABEL: Readonly<Record<string, string>> = {
  user: '账户',
  org: '组织',
  token: 'API 令牌',
  document: '公开表（文档）',
  plan: '绩效目标申报',
  monitoring: '运行监控报告',
  evaluation: '绩效自评',
};

/** an action's Chinese label; an unknown code as it is (never hidden) */
export const auditActionLabel = (action: string): string => AUDIT_ACTION_LABEL[action] ?? action;
export const auditTargetLabel = (type: string): string => AUDIT_TARGET_LABEL[type] ?? type;
