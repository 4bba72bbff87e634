import { lazy } from 'react';
import { DashboardOutlined } from '@ant-design/icons';
import type { ConsoleFeature } from '../../module.ts';

const DashboardPage = lazy(() => import('./dashboard.page.tsx'));

export const dashboardConsole: ConsoleFeature = {
  modules: [{ key: 'dashboard', label: '工作台', icon: <DashboardOutlined />, path: '/', order: 0, element: <DashboardPage /> }],
};
