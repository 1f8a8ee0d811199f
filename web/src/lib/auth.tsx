// Who is logged in (GET /api/auth/me, cached as ['me']) and what their role may do. What a role may do is
// read from the server's own permission table (src/server/permissions.ts), so the menus and the server
// never disagree.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Result, Spin } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { api, setCsrfToken } from '../api/client';
import type { Me, Role } from '../api/types';
import { PERMISSIONS } from '../../../src/server/permissions';
import { errorMessage, useTabTitle } from '../components/common';

export function useMe() {
  return useQuery({
    queryKey: ['me'],
    queryFn: async (): Promise<Me> => {
      const me = await api.me();
      setCsrfToken(me.csrfToken);
      return me;
    },
    staleTime: 5 * 60_000,
  });
}

/** whether a role (null: anonymous) may call `METHOD /api/path` as PERMISSIONS declares it */
export function may(route: string, role: Role | null | undefined): boolean {
  const access = PERMISSIONS[route];
  if (access === undefined) return false;
  if (access === 'public') return true;
  if (!role) return false;
  return access === 'user' || access.includes(role);
}

/** after a login, a logout or a password change: forget everything fetched as the previous caller */
export function useAfterAuthChange() {
  const qc = useQueryClient();
  return async (me?: Me) => {
    if (me) { setCsrfToken(me.csrfToken); qc.setQueryData(['me'], me); }
    await qc.invalidateQueries();
  };
}

export const loginPath = (next: string) => `/login?next=${encodeURIComponent(next)}`;

/** a page only some roles may open: anonymous → the log-in page, a forced password change → that page, another role → 无权访问 */
export function RequireAccess({ route, children }: { route: string; children: ReactNode }) {
  const { data, isPending } = useMe();
  const { pathname, search } = useLocation();
  if (isPending) return <div className="page-loading"><Spin size="large" /></div>;
  const user = data?.user ?? null;
  if (!user) return <Navigate to={loginPath(pathname + search)} replace />;
  if (data?.mustChangePassword) return <Navigate to={`/password?next=${encodeURIComponent(pathname + search)}`} replace />;
  if (!may(route, user.role)) {
    return <Forbidden roleLabel={user.roleLabel} />;
  }
  return <>{children}</>;
}

/** its own component so that the tab says 无权访问 too, not the bare app name */
function Forbidden({ roleLabel }: { roleLabel: string }) {
  useTabTitle('无权访问');
  return <Result status="403" title="无权访问" subTitle={`当前账户（${roleLabel}）不能使用此页面。`} extra={<Link to="/">回到总览</Link>} />;
}

/** a form's submit: busy while it runs, the server's message when it fails */
export function useSubmit<T>(action: (v: T) => Promise<void>) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: T) => {
    setBusy(true);
    setError(null);
    try {
      await action(v);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, submit };
}
