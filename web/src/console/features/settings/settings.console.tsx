import { lazy } from 'react';
import { CalendarOutlined, ControlOutlined } from '@ant-design/icons';
import { OFFICE_ROLES, type ConsoleFeature } from '../../module.ts';

const SettingsPage = lazy(() => import('./settings.page.tsx'));
const CalendarPage = lazy(() => import('./calendar.page.tsx'));

/** County rules and the holiday calendar under 系统管理. */
export const settingsConsole: ConsoleFeature = {
  modules: [
    { key: 'settings', label: '规则设置', icon: <ControlOutlined />, path: '/admin/settings', order: 109, group: 'admin', permission: 'org.read', roles: OFFICE_ROLES, element: <SettingsPage /> },
    { key: 'calendar', label: '工作日历', icon: <CalendarOutlined />, path: '/admin/calendar', order: 110, group: 'admin', permission: 'org.read', roles: OFFICE_ROLES, element: <CalendarPage /> },
  ],
};
