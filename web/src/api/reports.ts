// The stored 运行监控 reports and 绩效自评 (src/server/routes/monitoring.ts), typed from the server's zod
// schemas (src/server/report-schemas.ts). A refused save (409 report-conflict) throws ApiError with
// `detail.current`: the other person's revision and input.
import type { z } from 'zod';
import type { evaluationDetailResponse, monitoringDetailResponse, reportListResponse } from '../../../src/server/report-schemas';
import type { ReportAction, ReportState } from '../../../src/workflow/report-states';
import { api, sendJson, upload } from './client';

export type ReportKindName = 'monitoring' | 'evaluation';
export type MonitoringDetail = z.output<typeof monitoringDetailResponse>;
export type EvaluationDetail = z.output<typeof evaluationDetailResponse>;
export type ReportDetail = MonitoringDetail | EvaluationDetail;
export type ReportItem = z.output<typeof reportListResponse>[number];
export type ReportIssue = ReportDetail['issues'][number];
export type { ReportAction, ReportState };
export type ReportDecision = 'submit' | 'approve' | 'return';
export interface ReportConflict { readonly current: { readonly revision: number; readonly updatedBy: string; readonly updatedAt: string; readonly input: unknown } }

/** the API path of a kind: /api/monitoring, /api/evaluations */
export const reportBase = (k: ReportKindName): string => (k === 'monitoring' ? '/monitoring' : '/evaluations');
/** the app's page of one report */
export const reportPath = (k: ReportKindName, id: number): string => `/reports/${k}/${id}`;
export const reportLabel = (k: ReportKindName): string => (k === 'monitoring' ? '运行监控' : '绩效自评');

export interface ReportListFilter { readonly year?: number | undefined; readonly month?: number | undefined; readonly state?: ReportState | undefined; readonly plan?: number | undefined }

export const reportsApi = {
  list: (k: ReportKindName, f: ReportListFilter, signal?: AbortSignal) => api.get<ReportItem[]>(reportBase(k), { ...f }, signal),
  monitoring: (id: number, signal?: AbortSignal) => api.get<MonitoringDetail>(`/monitoring/${id}`, undefined, signal),
  evaluation: (id: number, signal?: AbortSignal) => api.get<EvaluationDetail>(`/evaluations/${id}`, undefined, signal),
  create: (k: ReportKindName, body: { planId: number; year: number; month?: number }) => sendJson<{ id: number; revision: number }>('POST', reportBase(k), body),
  save: (k: ReportKindName, id: number, revision: number, input: unknown) =>
    sendJson<{ revision: number; result: unknown; issues: ReportIssue[] }>('POST', `${reportBase(k)}/${id}/save`, { revision, input }),
  decide: (k: ReportKindName, id: number, action: ReportDecision, revision: number, comment?: string) =>
    sendJson<{ state: ReportState }>('POST', `${reportBase(k)}/${id}/${action}`, { revision, ...(comment ? { comment } : {}) }),
  /**
   * A filled template into the report, on the revision the page holds: 422 template-invalid carries every
   * problem cell in `detail.issues` (field = `指标!L5`), 409 report-conflict as for a save.
   */
  upload: (k: ReportKindName, id: number, revision: number, file: File) =>
    upload<{ revision: number; result: unknown; issues: ReportIssue[]; changed: number }>(`${reportBase(k)}/${id}/upload`, [file], { revision }),
  templateUrl: (k: ReportKindName, id: number) => `/api${reportBase(k)}/${id}/template`,
  htmlUrl: (k: ReportKindName, id: number) => `/api${reportBase(k)}/${id}/html`,
  xlsxUrl: (k: ReportKindName, id: number) => `/api${reportBase(k)}/${id}/xlsx`,
};
