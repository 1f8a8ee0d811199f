// The one place the app talks to the server: typed GETs and the two multipart POSTs. A failed request
// throws ApiError carrying the server's Chinese message ({statusCode, code, message}).
import type {
  Diff, Documents, FindingPage, Health, ImportChoice, ImportPreview, ImportResult, IndicatorPage, Overview, ProjectDetail, ProjectPage, Search, UnitVersion,
} from './types';

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(readonly statusCode: number, readonly code: string, message: string) {
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
    const body = (await res.json()) as { code?: unknown; message?: unknown };
    if (typeof body.code === 'string') code = body.code;
    if (typeof body.message === 'string' && body.message) message = body.message;
  } catch {
    if (res.status === 502 || res.status === 504) message = '无法连接到服务器，请确认 jixiao serve 正在运行';
  }
  return new ApiError(res.status, code, message);
}

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { headers: { accept: 'application/json' }, ...init });
  } catch {
    throw new ApiError(0, 'network', '无法连接到服务器，请检查网络或稍后再试');
  }
  if (!res.ok) throw await failure(res);
  return (await res.json()) as T;
}

const get = <T>(path: string, params?: Params, signal?: AbortSignal): Promise<T> =>
  request<T>(`${path}${queryString(params)}`, signal ? { signal } : undefined);

function upload<T>(path: string, files: readonly File[], params?: Params): Promise<T> {
  const body = new FormData();
  for (const f of files) body.append('files', f, f.name);
  return request<T>(`${path}${queryString(params)}`, { method: 'POST', body });
}

/** per file name, the year/department for a table that prints none, or to take the proposal */
export type ImportChoices = Record<string, ImportChoice>;

export const api = {
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
  reportUrl: (documentId: number) => `/api/documents/${documentId}/report`,
  sourceUrl: (documentId: number) => `/api/documents/${documentId}/source`,
};
