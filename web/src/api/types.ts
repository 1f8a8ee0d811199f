// Response and query types of the /api routes: inferred from the server's zod schemas
// (src/server/schemas.ts), so a change in the contract is a type error here.
import type {
  DiffResponse, DocumentsResponse, FindingsQuery, ImportChoice, FindingsResponse, HealthResponse, ImportPreviewResponse, ImportResponse, IndicatorsQuery,
  IndicatorsResponse, JobResponse, OverviewQuery, OverviewResponse, ProjectDetailResponse, ProjectsQuery, ProjectsResponse, SearchQuery, SearchResponse,
  Target as ApiTarget, UnitsResponse,
} from '../../../src/server/schemas';

export type Severity = 'error' | 'warning' | 'info';
export type TargetKind = 'numeric' | 'range' | 'deadline' | 'qualitative' | 'compound' | 'empty' | 'unparsed';
/** a 指标值 as the server read it (`kind` absent only if it was never read: shown as unparsed) */
export type Target = ApiTarget;

export type Health = HealthResponse;
export type Overview = OverviewResponse;
export type ProjectPage = ProjectsResponse;
export type ProjectSummary = ProjectPage['items'][number];
export type ProjectDetail = ProjectDetailResponse;
export type IndicatorDetail = ProjectDetail['indicators'][number];
export type FindingDetail = ProjectDetail['findings'][number];
export type Search = SearchResponse;
export type SearchHit = Search['hits'][number];
export type IndicatorPage = IndicatorsResponse;
export type IndicatorItem = IndicatorPage['items'][number];
export type FindingPage = FindingsResponse;
export type FindingItem = FindingPage['items'][number];
export type Documents = DocumentsResponse;
export type DocumentItem = Documents[number];
export type UnitVersion = UnitsResponse[number];
export type Diff = DiffResponse;
export type ImportPreview = ImportPreviewResponse;
export type ImportPreviewFile = ImportPreview[number];
export type ImportResult = ImportResponse;
export type Job = JobResponse;
export type JobProgress = Job['progress'];
export type { ImportChoice };

export type { FindingsQuery, IndicatorsQuery, OverviewQuery, ProjectsQuery, SearchQuery };

// accounts (src/server/auth-schemas.ts)
import type { z } from 'zod';
import type * as auth from '../../../src/server/auth-schemas';
export type User = z.output<typeof auth.userSchema>;
export type Me = z.output<typeof auth.meResponse>;
export type LoginResult = z.output<typeof auth.loginResponse>;
export type Org = z.output<typeof auth.orgSchema>;
export type Orgs = z.output<typeof auth.orgsResponse>;
export type CreatedUser = z.output<typeof auth.createdUserResponse>;
export type ApiToken = z.output<typeof auth.tokenSchema>;
export type CreatedToken = z.output<typeof auth.createdTokenResponse>;
export type AuditPage = z.output<typeof auth.auditResponse>;
export type AuditEntry = AuditPage['items'][number];
export type Role = User['role'];
