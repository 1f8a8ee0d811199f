// Who may call each plan route, by role: the workflow's own table (src/workflow/states.ts) decides who
// may take each action, so this list cannot drift from it. Scope (own unit, a department's units) is
// checked by the workflow against the plan itself.
import type { Access } from './permissions.js';
import { rolesFor } from '../workflow/states.js';

export const PLAN_PERMISSIONS: Readonly<Record<string, Access>> = {
  'GET /api/plans': 'user',
  'GET /api/plans.xlsx': 'user',
  'GET /api/plans/queue': ['department', 'finance'],
  // 待办 of plans and reports, for the menu: every account has one (zero when nothing waits)
  'GET /api/todo': 'user',
  'POST /api/plans': rolesFor('save'),
  'POST /api/plans/check': ['unit', 'department', 'finance'],
  'GET /api/plans/:id': 'user',
  'GET /api/plans/:id/diff': 'user',
  'GET /api/plans/:id/xlsx': 'user',
  'POST /api/plans/:id/save': rolesFor('save'),
  'POST /api/plans/:id/submit': rolesFor('submit'),
  'POST /api/plans/:id/approve': rolesFor('approve'),
  'POST /api/plans/:id/return': rolesFor('return'),
  'POST /api/plans/:id/publish': rolesFor('publish'),
  'POST /api/plans/:id/adjust': rolesFor('adjust'),
  'POST /api/plans/:id/comments': rolesFor('comment'),
};
