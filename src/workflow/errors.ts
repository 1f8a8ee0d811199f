// What a workflow operation refuses, with the HTTP status the server answers with (errors.ts maps it):
// not-found (also for a plan outside the caller's scope, so its existence is not revealed), forbidden
// (the role may not take this action), state (not in this state), conflict (a save based on a stale
// version: `detail` says what the other person changed), invalid (content that cannot be submitted),
// request (the request names something that cannot be: a period the bureau does not monitor).
export type WorkflowErrorKind = 'not-found' | 'forbidden' | 'state' | 'conflict' | 'invalid' | 'request';

export const WORKFLOW_STATUS: Readonly<Record<WorkflowErrorKind, number>> = {
  'not-found': 404,
  forbidden: 403,
  state: 409,
  conflict: 409,
  invalid: 422,
  request: 400,
};

export class WorkflowError extends Error {
  override readonly name = 'WorkflowError';
  constructor(
    readonly kind: WorkflowErrorKind,
    /** stable code: plan-not-found, action-forbidden, invalid-state, plan-conflict, plan-invalid */
    readonly code: string,
    message: string,
    /** plan-conflict: the current version and the changes since the caller's base */
    readonly detail?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (id: number): WorkflowError => new WorkflowError('not-found', 'plan-not-found', `没有编号为 ${id} 的绩效目标申报，或您无权查看`);
