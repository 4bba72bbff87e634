import { lazy } from 'react';
import { TeamOutlined } from '@ant-design/icons';
import type { ConsoleFeature } from '../../module.ts';

const MembersPage = lazy(() => import('./members.page.tsx'));

export const membersConsole: ConsoleFeature = {
  modules: [{ key: 'members', label: '委员', icon: <TeamOutlined />, path: '/admin/members', order: 106, group: 'admin', permission: 'member.read', element: <MembersPage /> }],
};
