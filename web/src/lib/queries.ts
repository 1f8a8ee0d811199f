// Shared queries: the lists several pages use for their filter options.
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';

export const useDocuments = () => useQuery({ queryKey: ['documents'], queryFn: ({ signal }) => api.documents(signal), staleTime: 60_000 });
export const useOverview = (params: { year?: number | undefined; department?: string | undefined } = {}) =>
  useQuery({ queryKey: ['overview', params], queryFn: ({ signal }) => api.overview(params, signal) });
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
