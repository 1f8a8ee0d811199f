// Page state in the query string, so every list view is a shareable link.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';

export type UrlValue = string | number | boolean | readonly string[] | null | undefined;

export interface UrlState {
  readonly params: URLSearchParams;
  get(key: string): string | undefined;
  all(key: string): string[];
  num(key: string): number | undefined;
  /** set keys (null/undefined/''/[] removes); resets `page` unless it is among them */
  set(changes: Record<string, UrlValue>, options?: { keepPage?: boolean; replace?: boolean }): void;
  clear(keep?: readonly string[]): void;
}

export function useUrlState(): UrlState {
  const [params, setParams] = useSearchParams();
  const set = useCallback<UrlState['set']>((changes, options = {}) => {
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      for (const [k, v] of Object.entries(changes)) {
        next.delete(k);
        if (v === undefined || v === null || v === '' || v === false) continue;
        if (Array.isArray(v)) for (const x of v) next.append(k, x);
        else next.set(k, v === true ? '1' : String(v));
      }
      if (!options.keepPage && !('page' in changes)) next.delete('page');
      return next;
    }, { replace: options.replace ?? false });
  }, [setParams]);
  const clear = useCallback((keep: readonly string[] = []) => {
    setParams((prev) => {
      const next = new URLSearchParams();
      for (const k of keep) for (const v of prev.getAll(k)) next.append(k, v);
      return next;
    });
  }, [setParams]);
  return useMemo(() => ({
    params,
    get: (k: string) => params.get(k) ?? undefined,
    all: (k: string) => params.getAll(k),
    num: (k: string) => {
      const v = params.get(k);
      if (v === null || v.trim() === '') return undefined;
      const n = Number(v);
      return Number.isFinite(n) ? n : undefined;
    },
    set,
    clear,
  }), [params, set, clear]);
}
