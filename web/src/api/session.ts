// Who is using the app (GET /api/auth/me) and the session's CSRF token, which every request that changes
// something must carry in x-csrf-token. Fetched once and kept; a login or logout refetches it.
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { meResponse } from '../../../src/server/auth-schemas';

export type Me = z.output<typeof meResponse>;

let csrf: string | null = null;

export async function loadSession(): Promise<Me> {
  const res = await fetch('/api/auth/me', { headers: { accept: 'application/json' } });
  const me = (res.ok ? await res.json() : { user: null, csrfToken: null, mustChangePassword: false, via: null }) as Me;
  csrf = me.csrfToken;
  return me;
}

/** the token for a state-changing request: the one this page has, fetched when it has none */
export async function csrfToken(): Promise<string | null> {
  if (csrf === null) await loadSession();
  return csrf;
}

export const useMe = () => useQuery({ queryKey: ['me'], queryFn: loadSession, staleTime: 60_000 });
