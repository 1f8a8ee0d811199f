// The plan routes (绩效目标申报), typed from the server's zod schemas (src/server/plan-schemas.ts). A
// refused save (409 plan-conflict) throws ApiError with `detail`: the other person's version and changes.
import type {
  PlanCheckResponse, PlanConflictResponse, PlanCreateBody, PlanDecisionBody, PlanDetailResponse, PlanListQuery, PlanListResponse, PlanSaveResponse, PlanStateResponse, TodoResponse, VersionsDiffResponse,
} from '../../../src/server/plan-schemas';
import type { PlanContent } from '../../../src/workflow/content';
import { api, backgroundGet, queryString, sendJson, type Params, type XlsxLayout } from './client';

export type PlanDetail = PlanDetailResponse;
export type PlanSummary = PlanListResponse['items'][number];
export type PlanCheck = PlanCheckResponse;
export type PlanFinding = PlanCheck['findings'][number];
export type PlanDiff = VersionsDiffResponse['diff'];
export type PlanConflict = NonNullable<PlanConflictResponse['detail']>;
export type PlanEvent = PlanDetail['events'][number];
export type PlanComment = PlanDetail['comments'][number];
export type PlanVersion = PlanDetail['versions'][number];
export type { PlanContent };
export type Todo = TodoResponse;
export type Decision = 'submit' | 'approve' | 'return' | 'publish';
export type IndicatorComments = NonNullable<PlanDecisionBody['indicatorComments']>;

export const plansApi = {
  list: (p: PlanListQuery & Params, signal?: AbortSignal) => api.get<PlanListResponse>('/plans', p, signal),
  queue: (signal?: AbortSignal) => api.get<PlanListResponse>('/plans/queue', undefined, signal),
  /** 待办: plans and reports waiting for this account, for the menu's badges */
  todo: (signal?: AbortSignal) => backgroundGet<TodoResponse>('/todo', signal),
  get: (id: number, signal?: AbortSignal) => api.get<PlanDetail>(`/plans/${id}`, undefined, signal),
  create: (body: PlanCreateBody) => sendJson<{ id: number; versionId: number }>('POST', '/plans', body),
  save: (id: number, baseVersionId: number, content: PlanContent, session?: string) => sendJson<PlanSaveResponse>('POST', `/plans/${id}/save`, { baseVersionId, content, session }),
  check: (content: PlanContent, year: number | null, signal?: AbortSignal) => sendJson<PlanCheck>('POST', '/plans/check', { content, year }, signal),
  decide: (id: number, action: Decision, body: PlanDecisionBody) => sendJson<PlanStateResponse>('POST', `/plans/${id}/${action}`, body),
  adjust: (id: number, comment?: string) => sendJson<{ versionId: number }>('POST', `/plans/${id}/adjust`, comment ? { comment } : {}),
  comment: (id: number, body: { versionId?: number; indicator?: number | null; body: string }) => sendJson<{ id: number }>('POST', `/plans/${id}/comments`, body),
  /** the plan as a table (.xlsx): its working version, or the approved one */
  xlsxUrl: (id: number, layout: XlsxLayout, version: 'current' | 'approved' = 'current') => `/api/plans/${id}/xlsx${queryString({ layout, ...(version === 'approved' ? { version } : {}) })}`,
  /** the plans a 我的项目 filter selects, as a table (.xlsx) */
  listXlsxUrl: (filters: Omit<PlanListQuery, 'limit' | 'offset'> & Params, layout: XlsxLayout) => `/api/plans.xlsx${queryString({ ...filters, layout })}`,
  diff: (id: number, a: number, b: number, signal?: AbortSignal) => api.get<VersionsDiffResponse>(`/plans/${id}/diff`, { a, b }, signal),
};
