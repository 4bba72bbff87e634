/** 我的待办: one list of the user's open work from every module. */
import { lazy } from 'react';
import { InboxOutlined } from '@ant-design/icons';
import type { ConsoleFeature } from '../../module.ts';

const WorkPage = lazy(() => import('./work.page.tsx'));

export const workConsole: ConsoleFeature = {
  modules: [{ key: 'work', label: '我的待办', icon: <InboxOutlined />, path: '/work', order: 5, permission: 'work.read', roles: ['staff', 'unit_handler'], element: <WorkPage /> }],
};
