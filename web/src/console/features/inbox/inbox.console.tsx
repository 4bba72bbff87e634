import { lazy } from 'react';
import { BellOutlined } from '@ant-design/icons';
import type { ConsoleFeature } from '../../module.ts';

const InboxPage = lazy(() => import('./inbox.page.tsx'));

/** The inbox opens from the header bell, not the menu. */
export const inboxConsole: ConsoleFeature = {
  modules: [{ key: 'inbox', label: '消息', icon: <BellOutlined />, path: '/inbox', order: 200, hideInMenu: true, element: <InboxPage /> }],
};
