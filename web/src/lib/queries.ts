// Shared queries: the lists several pages use for their filter options.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../api/client';
import { plansApi } from '../api/plans';

export const useDocuments = () => useQuery({ queryKey: ['documents'], queryFn: ({ signal }) => api.documents(signal), staleTime: 60_000 });
export const useOverview = (params: { year?: number | 'none' | undefined; department?: string | undefined } = {}) =>
  useQuery({ queryKey: ['overview', params], queryFn: ({ signal }) => api.overview(params, signal) });
/**
 * 待办 of a logged-in account: polled for the menu's badges, and refreshed after every decision (['todo']).
 * A session that ended meanwhile (401, 403) only refreshes who is logged in: the header turns anonymous and
 * a public page stays open; a protected page goes to the log-in as it does on its own requests.
 */
export function useTodo(loggedIn: boolean) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: ['todo'], enabled: loggedIn, staleTime: 15_000, refetchInterval: 60_000, refetchOnWindowFocus: 'always',
    queryFn: async ({ signal }) => {
      try {
        return await plansApi.todo(signal);
      } catch (e) {
        if (e instanceof ApiError && (e.statusCode === 401 || e.statusCode === 403)) {
          void qc.invalidateQueries({ queryKey: ['me'] });
          return null;
        }
        throw e;
      }
    },
  });
}
export const useUnits = () => useQuery({ queryKey: ['units'], queryFn: ({ signal }) => api.units({}, signal), staleTime: 60_000 });

/** distinct values, sorted, for a Select */
export function distinct<T>(xs: readonly T[], key: (x: T) => string | number | null | undefined): (string | number)[] {
  const set = new Set<string | number>();
  for (const x of xs) {
    const k = key(x);
    if (k !== null && k !== undefined && k !== '') set.add(k);
  }
  return [...set].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? b - a : String(a).localeCompare(String(b), 'zh-CN')));
}

/** the year filter's options: each year stored, then 未注明年度 when some table prints none */
export function yearOptions(docs: readonly { year: number | null }[]): { value: number | string; label: string }[] {
  return [
    ...distinct(docs, (d) => d.year).map((y) => ({ value: y, label: `${y} 年` })),
    ...(docs.some((d) => d.year === null) ? [{ value: 'none', label: '未注明年度' }] : []),
  ];
}

/** the `year` URL parameter: a number, or 'none' for the tables that print no year */
export const yearParam = (raw: string | undefined): number | 'none' | undefined =>
  raw === 'none' ? 'none' : raw !== undefined && raw.trim() !== '' && Number.isFinite(Number(raw)) ? Number(raw) : undefined;
