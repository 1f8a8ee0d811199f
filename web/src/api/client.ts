// The one place the app talks to the server: typed GETs, the multipart POSTs and the JSON writes. A
// failed request throws ApiError carrying the server's Chinese message ({statusCode, code, message}).
// Sessions: the browser sends the HttpOnly session cookie itself; this module adds the session's CSRF
// token (from login or /api/auth/me) to every state-changing request, and tells the app (onAuthProblem)
// when the server answers 401 (log in) or 403 password-change-required, so a protected page can go to
// the log-in page while the public pages keep working anonymously.
import type {
  ApiToken, AuditPage, CreatedToken, CreatedUser, LoginResult, Me, Org, Orgs, Role, User,
  Diff, Documents, FindingPage, Health, ImportChoice, ImportPreview, ImportResult, IndicatorPage, Job, JobProgress, Overview, ProjectDetail, ProjectPage, Search, UnitVersion,
} from './types';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(readonly statusCode: number, readonly code: string, message: string, readonly detail?: unknown) {
    super(message);
  }
}

export type Params = Record<string, string | number | boolean | readonly (string | number)[] | null | undefined>;

/** a query string; arrays become repeated keys, empty values are left out */
export function queryString(params: Params = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) for (const x of v) q.append(k, String(x));
    else q.append(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

async function failure(res: Response): Promise<ApiError> {
  let code = 'http';
  let message = `请求失败（HTTP ${res.status}）`;
  try {
    const body = (await res.json()) as { code?: unknown; message?: unknown; detail?: unknown };
    if (typeof body.code === 'string') code = body.code;
    if (typeof body.message === 'string' && body.message) message = body.message;
    if (body.detail !== undefined) return new ApiError(res.status, code, message, body.detail);
  } catch {
    if (res.status === 502 || res.status === 504) message = '无法连接到服务器，请确认 jixiao serve 正在运行';
  }
  return new ApiError(res.status, code, message);
}

let csrfToken: string | null = null;
/** the session's CSRF token, set from the login answer and /api/auth/me */
export function setCsrfToken(token: string | null): void { csrfToken = token; }

type AuthProblem = 'unauthenticated' | 'password-change-required';
let authListener: ((p: AuthProblem) => void) | null = null;
/** the app's reaction to a 401 or a forced password change (set once by the shell) */
export function onAuthProblem(f: ((p: AuthProblem) => void) | null): void { authListener = f; }

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

async function request<T>(path: string, init?: RequestInit, retried = false, notify = true): Promise<T> {
  let res: Response;
  const method = (init?.method ?? 'GET').toUpperCase();
  const headers: Record<string, string> = { accept: 'application/json', ...(init?.headers as Record<string, string> | undefined) };
  if (!SAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  try {
    res = await fetch(`/api${path}`, { ...init, headers, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network', '无法连接到服务器，请检查网络或稍后再试');
  }
  if (!res.ok) {
    const e = await failure(res);
    // the session changed in another tab (a new login): take its token and try once more
    if (e.code === 'csrf' && !retried) {
      const me = await request<Me>('/auth/me', undefined, true).catch(() => null);
      if (me?.csrfToken) { setCsrfToken(me.csrfToken); return request<T>(path, init, true); }
    }
    if (notify && e.statusCode === 401 && e.code === 'unauthenticated') authListener?.('unauthenticated');
    if (notify && e.statusCode === 403 && e.code === 'password-change-required') authListener?.('password-change-required');
    throw e;
  }
  return (await res.json()) as T;
}

const send = <T>(method: 'POST' | 'PATCH', path: string, body?: unknown): Promise<T> =>
  request<T>(path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }) });

const get = <T>(path: string, params?: Params, signal?: AbortSignal): Promise<T> =>
  request<T>(`${path}${queryString(params)}`, signal ? { signal } : undefined);

/** a request the app makes by itself (a badge's poll): a session that ended is not a reason to leave the page */
export const backgroundGet = <T>(path: string, signal?: AbortSignal): Promise<T> => request<T>(path, signal ? { signal } : undefined, false, false);

export function upload<T>(path: string, files: readonly File[], params?: Params): Promise<T> {
  const body = new FormData();
  for (const f of files) body.append('files', f, f.name);
  return request<T>(`${path}${queryString(params)}`, { method: 'POST', body });
}

/** a JSON request that changes something (a plan's save, a decision) */
export function sendJson<T>(method: 'POST' | 'PATCH', path: string, body: unknown, signal?: AbortSignal): Promise<T> {
  return request<T>(path, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), ...(signal ? { signal } : {}) });
}

/** per file name, the year/department for a table that prints none, or to take the proposal */
export type ImportChoices = Record<string, ImportChoice>;

export const api = {
  get,
  health: () => get<Health>('/health'),
  overview: (p: Params, signal?: AbortSignal) => get<Overview>('/overview', p, signal),
  projects: (p: Params, signal?: AbortSignal) => get<ProjectPage>('/projects', p, signal),
  project: (id: number, signal?: AbortSignal, order?: 'severity' | 'document') => get<ProjectDetail>(`/projects/${id}`, order ? { order } : undefined, signal),
  search: (p: Params, signal?: AbortSignal) => get<Search>('/search', p, signal),
  indicators: (p: Params, signal?: AbortSignal) => get<IndicatorPage>('/indicators', p, signal),
  findings: (p: Params, signal?: AbortSignal) => get<FindingPage>('/findings', p, signal),
  documents: (signal?: AbortSignal) => get<Documents>('/documents', undefined, signal),
  units: (p: Params, signal?: AbortSignal) => get<UnitVersion[]>('/units', p, signal),
  diff: (a: number, b: number, signal?: AbortSignal) => get<Diff>('/diff', { a, b }, signal),
  importPreview: (files: readonly File[], choices: ImportChoices = {}) =>
    upload<ImportPreview>('/import/preview', files, Object.keys(choices).length ? { choices: JSON.stringify(choices) } : {}),
  importFiles: (files: readonly File[], choices: ImportChoices = {}) =>
    upload<ImportResult>('/import', files, Object.keys(choices).length ? { choices: JSON.stringify(choices) } : {}),
  me: () => get<Me>('/auth/me'),
  login: (username: string, password: string) => send<LoginResult>('POST', '/auth/login', { username, password }),
  logout: () => send<{ ok: true }>('POST', '/auth/logout'),
  changePassword: (currentPassword: string, newPassword: string) => send<{ ok: true }>('POST', '/auth/password', { currentPassword, newPassword }),
  users: () => get<User[]>('/admin/users'),
  createUser: (b: { username: string; role: Role; orgId: number | null; password?: string }) => send<CreatedUser>('POST', '/admin/users', b),
  updateUser: (id: number, b: { role?: Role; orgId?: number | null; disabled?: boolean }) => send<User>('PATCH', `/admin/users/${id}`, b),
  resetPassword: (id: number) => send<{ initialPassword: string | null }>('POST', `/admin/users/${id}/password`, {}),
  orgs: () => get<Orgs>('/admin/orgs'),
  createOrg: (b: { name: string; kind: 'department' | 'unit'; parentId: number }) => send<Org>('POST', '/admin/orgs', b),
  updateOrg: (id: number, b: { name?: string; parentId?: number }) => send<Org>('PATCH', `/admin/orgs/${id}`, b),
  mergeOrg: (id: number, into: number) => send<{ into: Org; moved: Record<string, number> }>('POST', `/admin/orgs/${id}/merge`, { into }),
  tokens: () => get<ApiToken[]>('/admin/tokens'),
  createToken: (b: { userId: number; name: string }) => send<CreatedToken>('POST', '/admin/tokens', b),
  revokeToken: (id: number) => send<ApiToken>('POST', `/admin/tokens/${id}/revoke`),
  audit: (p: Params, signal?: AbortSignal) => get<AuditPage>('/admin/audit', p, signal),
  auditExportUrl: (p: Params, format: 'csv' | 'json') => `/api/admin/audit/export${queryString({ ...p, limit: undefined, offset: undefined, format })}`,
  /** the import as a job (202): its progress is polled with `job` */
  importJob: (files: readonly File[], choices: ImportChoices = {}) =>
    upload<Job>('/import', files, { async: true, ...(Object.keys(choices).length ? { choices: JSON.stringify(choices) } : {}) }),
  job: (id: string) => get<Job>(`/jobs/${encodeURIComponent(id)}`),
  /**
   * Imports as a job and follows it to its end, telling `onProgress` each step; resolves with the same
   * result the synchronous import answers, or throws the job's error.
   */
  async importFollowed(files: readonly File[], choices: ImportChoices, onProgress: (p: JobProgress) => void): Promise<ImportResult> {
    let job = await api.importJob(files, choices);
    onProgress(job.progress);
    while (job.state === 'queued' || job.state === 'running') {
      await new Promise((r) => setTimeout(r, 400));
      job = await api.job(job.id);
      onProgress(job.progress);
    }
    if (job.state === 'failed' || !job.result) throw new ApiError(422, 'job-failed', job.error ?? '导入失败');
    return job.result;
  },
  reportUrl: (documentId: number) => `/api/documents/${documentId}/report`,
  sourceUrl: (documentId: number) => `/api/documents/${documentId}/source`,
  /** .xlsx downloads (src/server/routes/xlsx.ts); layout: table (公开表式) or indicators (指标明细) */
  documentXlsxUrl: (documentId: number, layout: XlsxLayout) => `/api/documents/${documentId}/xlsx${queryString({ layout })}`,
  projectsXlsxUrl: (filters: Params, layout: XlsxLayout) => `/api/projects.xlsx${queryString({ ...filters, layout })}`,
  /** year: null for the unit's tables that print none; undefined for its latest year */
  templateUrl: (kind: 'monitor' | 'evaluate', unit: string, year?: number | null) => `/api/templates/${kind}.xlsx${queryString({ unit, year: year === null ? 'none' : year })}`,
};

export type XlsxLayout = 'table' | 'indicators';
