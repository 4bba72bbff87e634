/**
 * The signed-in user: who, acting in which org, with which permissions. Loaded once from /auth/me
 * and shared through context; every page below the layout can rely on it being there.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Result, Spin } from 'antd';
import type { Permission } from '@xs/core/roles.ts';
import { CITY_ROLES } from '@xs/core/roles.ts';
import { api, isApiError, setCsrfToken } from '../shared/api.ts';
import type { Me } from '@xs/core/schemas/auth.ts';

export const ME_KEY = ['auth', 'me'] as const;

let hadSession = false;
/** Whether this page has seen a valid session (so a later 401 means it expired, not "never logged in"). */
export function sessionWasActive(): boolean {
  return hadSession;
}

export async function fetchMe(): Promise<Me> {
  const me = await api.get<Me>('/auth/me');
  setCsrfToken(me.csrfToken);
  hadSession = true;
  return me;
}

export function useMeQuery() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

const SessionContext = createContext<Me | null>(null);

export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession outside <RequireAuth>');
  return me;
}

/** `can('member.manage')`; no permission asked means any signed-in user. */
export function useCan(): (permission?: Permission) => boolean {
  const me = useSession();
  return (permission) => !permission || me.permissions.includes(permission);
}

export function isCityUser(me: Me): boolean {
  return me.user.roles.some((r) => CITY_ROLES.includes(r));
}

/** Render children only with a session; while loading a spinner, on a 401 the API client has gone to /login. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const q = useMeQuery();
  if (q.data) return <SessionContext value={q.data}>{children}</SessionContext>;
  if (q.isError && !(isApiError(q.error) && q.error.status === 401)) {
    return (
      <Result
        status="error"
        title="无法连接服务器"
        subTitle={isApiError(q.error) ? q.error.message : '请稍后再试'}
        extra={<Button type="primary" onClick={() => void q.refetch()}>重试</Button>}
      />
    );
  }
  return (
    <div style={{ display: 'grid', placeItems: 'center', minHeight: '100vh' }}>
      <Spin size="large" tip="正在加载…"><div style={{ padding: 48 }} /></Spin>
    </div>
  );
}
