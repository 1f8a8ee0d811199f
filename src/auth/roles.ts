// Who a request is. The roles are the finance bureau's own division of work (issue 12): the bureau
// reviews and approves (财政审核), a department checks its units (部门审核), a unit writes its own
// plans and reports (单位填报), a viewer reads; admin runs the system.
export const ROLES = ['admin', 'finance', 'department', 'unit', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: '系统管理员',
  finance: '财政审核',
  department: '部门审核',
  unit: '单位填报',
  viewer: '查阅',
};

/** The caller of a request, once its session cookie or API token is checked; null: anonymous. */
export interface Principal {
  readonly userId: number;
  readonly username: string;
  readonly role: Role;
  /** the organization (财政局, 部门 or 单位) the account belongs to; its scope is that subtree; null for admin */
  readonly orgId: number | null;
  readonly via: 'session' | 'token';
}

/**
 * A principal acting through a request, with the address the request came from (behind a trusted proxy,
 * the client's): the workflow's services take it so that their audit entries record 地址 as logins do.
 * Outside a request (the CLI, generated demo data) there is no address.
 */
export interface Caller extends Principal {
  readonly ip?: string | null | undefined;
}
