import { lazy } from 'react';
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { ConsoleFeature } from '../../module.ts';

const AuditPage = lazy(() => import('./audit.page.tsx'));

export const auditConsole: ConsoleFeature = {
  modules: [{ key: 'audit', label: '审计日志', icon: <SafetyCertificateOutlined />, path: '/admin/audit', order: 108, group: 'admin', permission: 'audit.read', element: <AuditPage /> }],
};
