import { lazy } from 'react';
import { FieldTimeOutlined } from '@ant-design/icons';
import type { ConsoleFeature } from '../../module.ts';

const JobsPage = lazy(() => import('./jobs.page.tsx'));

export const jobsConsole: ConsoleFeature = {
  modules: [{ key: 'jobs', label: '定时任务', icon: <FieldTimeOutlined />, path: '/admin/jobs', order: 111, group: 'admin', permission: 'audit.read', element: <JobsPage /> }],
};
