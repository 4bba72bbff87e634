/** The console: Ant Design in Chinese, TanStack Query for server state, routes built from modules.tsx. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { QueryClientProvider } from '@tanstack/react-query';
import { App, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { setUnauthenticatedHandler } from '../shared/api.ts';
import { queryClient } from './query-client.ts';
import { createConsoleRouter } from './router.tsx';
import { sessionWasActive } from './session.tsx';
import { theme } from './theme.ts';
import './global.css';
import './print.css';

dayjs.locale('zh-cn');

const router = createConsoleRouter();

// Any 401 means the session is gone: drop cached data and go to the login page, coming back afterwards.
setUnauthenticatedHandler(() => {
  const { pathname, search } = router.state.location;
  if (pathname === '/login') return;
  const expired = sessionWasActive();
  queryClient.clear();
  const next = pathname === '/' ? '' : `?next=${encodeURIComponent(pathname + search)}`;
  void router.navigate(`/login${next}`, { replace: true, state: expired ? { notice: '登录已超时或已在别处退出，请重新登录' } : null });
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={theme}>
      <App>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </App>
    </ConfigProvider>
  </StrictMode>,
);
