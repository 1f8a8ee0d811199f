// Who may call the 运行监控 / 绩效自评 routes (src/server/routes/monitoring.ts), by role, from the
// reports' state machine (src/workflow/report-states.ts): reading is for every account with a scope
// (the service limits it), creating and saving for units, decisions for the roles that take them.
import type { Role } from '../auth/roles.js';
import { reportRolesFor } from '../workflow/report-states.js';

const readers: readonly Role[] = ['admin', 'finance', 'department', 'unit', 'viewer'];

function kind(base: string): Record<string, readonly Role[]> {
  return {
    [`GET ${base}`]: readers,
    [`POST ${base}`]: ['unit'],
    [`GET ${base}/:id`]: readers,
    [`GET ${base}/:id/html`]: readers,
    [`GET ${base}/:id/xlsx`]: readers,
    [`POST ${base}/:id/save`]: reportRolesFor('save'),
    [`POST ${base}/:id/submit`]: reportRolesFor('submit'),
    [`POST ${base}/:id/approve`]: reportRolesFor('approve'),
    [`POST ${base}/:id/return`]: reportRolesFor('return'),
  };
}

export const REPORT_PERMISSIONS: Readonly<Record<string, readonly Role[]>> = {
  ...kind('/api/monitoring'),
  ...kind('/api/evaluations'),
  'GET /api/monitoring/dashboard': readers,
  // a filled 运行监控 / 绩效自评 template into a report: a save (the service checks it is the unit's own)
  'POST /api/monitoring/:id/upload': reportRolesFor('save'),
  'POST /api/evaluations/:id/upload': reportRolesFor('save'),
  'GET /api/monitoring/periods': readers,
  // the report's own template, to fill offline and upload: for those who may fill it
  'GET /api/monitoring/:id/template': reportRolesFor('save'),
  'GET /api/evaluations/:id/template': reportRolesFor('save'),
  'GET /api/evaluations/summary': readers,
  // one department's printable summary, its XLSX and all its forms: :id is the department, limited to the
  // caller's scope by the service (a unit sees its own projects only, a department its units', finance all)
  'GET /api/evaluations/summary/:id/html': readers,
  'GET /api/evaluations/summary/:id/xlsx': readers,
  'GET /api/evaluations/summary/:id/forms': readers,
};
