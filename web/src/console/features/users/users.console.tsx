import { lazy } from 'react';
import { UserOutlined } from '@ant-design/icons';
import type { ConsoleFeature } from '../../module.ts';

const UsersPage = lazy(() => import('./users.page.tsx'));

export const usersConsole: ConsoleFeature = {
  modules: [{ key: 'users', label: '用户', icon: <UserOutlined />, path: '/admin/users', order: 107, group: 'admin', permission: 'user.manage', element: <UsersPage /> }],
};
