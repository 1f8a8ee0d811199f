// The stored 运行监控 / 绩效自评 routes (src/server/routes/monitoring.ts), typed from the server's schemas.
import type { z } from 'zod';
import type { dashboardResponse, evaluationSummaryResponse, reportListResponse } from '../../../src/server/report-schemas';
import { api } from './client';

export type MonitoringDashboard = z.output<typeof dashboardResponse>;
export type EvaluationSummary = z.output<typeof evaluationSummaryResponse>;
export type ReportList = z.output<typeof reportListResponse>;

export const monitoringApi = {
  /** without a year (or month) the server shows its default period and says how it chose it (`basis`) */
  dashboard: (p: { year?: number | undefined; month?: number | undefined; department?: string | undefined; light?: string | undefined }, signal?: AbortSignal) =>
    api.get<MonitoringDashboard>('/monitoring/dashboard', p, signal),
  summary: (year: number, signal?: AbortSignal) => api.get<EvaluationSummary>('/evaluations/summary', { year }, signal),
  evaluations: (year: number, signal?: AbortSignal) => api.get<ReportList>('/evaluations', { year }, signal),
};
