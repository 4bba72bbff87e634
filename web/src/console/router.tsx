import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Outlet, useRouteError, type RouteObject } from 'react-router';
import { Button, Result } from 'antd';
import { MODULES } from './modules.tsx';
import { RequireAuth } from './session.tsx';
import { RequirePermission } from './components/require-permission.tsx';
import { usePageTitle } from './components/page-header.tsx';
import { PageLoading } from './components/page-loading.tsx';

const LoginPage = lazy(() => import('./features/auth/login.page.tsx'));
const ConsoleLayout = lazy(() => import('./layout/console-layout.tsx'));

function Lazy({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageLoading />}>{children}</Suspense>;
}

function NotFound() {
  usePageTitle('页面不存在');
  return <Result status="404" title="页面不存在" subTitle="您访问的页面不存在或已被移动。" />;
}

function RouteError() {
  const err = useRouteError();
  // After a new release the old page may ask for chunk files that no longer exist.
  const stale = err instanceof TypeError && /dynamically imported module|Importing a module script/i.test(err.message);
  return (
    <Result
      status="error"
      title={stale ? '系统已更新' : '页面出错了'}
      subTitle={stale ? '请刷新页面以载入新版本。' : '请刷新页面重试；如仍有问题，请联系管理员。'}
      extra={<Button type="primary" onClick={() => window.location.reload()}>刷新页面</Button>}
    />
  );
}

function moduleRoutes(): RouteObject[] {
  return [...MODULES].sort((a, b) => a.order - b.order).map((m): RouteObject => {
    if (m.path === '/') return { index: true, element: <RequirePermission permission={m.permission}>{m.element}</RequirePermission> };
    const path = m.path.replace(/^\//, '');
    if (!m.children) return { path, element: <RequirePermission permission={m.permission}>{m.element}</RequirePermission> };
    return {
      path,
      element: <RequirePermission permission={m.permission}><Outlet /></RequirePermission>,
      children: [{ index: true, element: m.element }, ...m.children],
    };
  });
}

export function createConsoleRouter() {
  return createBrowserRouter([
    { path: '/login', element: <Lazy><LoginPage /></Lazy>, errorElement: <RouteError /> },
    {
      path: '/',
      element: <RequireAuth><Lazy><ConsoleLayout /></Lazy></RequireAuth>,
      errorElement: <RouteError />,
      children: [...moduleRoutes(), { path: '*', element: <NotFound /> }],
    },
  ]);
}
