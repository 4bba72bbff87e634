/** The console pages of 提案: staff list, detail, figures, 超期 and 不满意 lists; the units' 承办提案; the member's phone pages (我的提案). */
import { lazy } from 'react';
import { AuditOutlined, BarChartOutlined, ClockCircleOutlined, DislikeOutlined, FileTextOutlined, MobileOutlined, ProfileOutlined } from '@ant-design/icons';
import type { ConsoleFeature } from '../../module.ts';

const ProposalsPage = lazy(() => import('./proposals.page.tsx'));
const ProposalDetailPage = lazy(() => import('./proposal-detail.page.tsx'));
const DashboardPage = lazy(() => import('./proposal-dashboard.page.tsx'));
const OverduePage = lazy(() => import('./proposal-watch.page.tsx').then((m) => ({ default: m.OverduePage })));
const UnsatisfiedPage = lazy(() => import('./proposal-watch.page.tsx').then((m) => ({ default: m.UnsatisfiedPage })));
const UnitProposalsPage = lazy(() => import('./unit-proposals.page.tsx'));
const UnitProposalDetailPage = lazy(() => import('./unit-proposal-detail.page.tsx'));
const MemberPage = lazy(() => import('./member.page.tsx'));

export const proposalsConsole: ConsoleFeature = {
  groups: [{ key: 'proposal-work', label: '提案', icon: <FileTextOutlined />, order: 30 }],
  modules: [
    { key: 'proposals', label: '提案办理', icon: <ProfileOutlined />, path: '/proposals', order: 30, group: 'proposal-work', permission: 'proposal.read',
      element: <ProposalsPage />, children: [{ path: ':id', element: <ProposalDetailPage /> }] },
    { key: 'proposal-figures', label: '提案统计', icon: <BarChartOutlined />, path: '/proposal-figures', order: 31, group: 'proposal-work', permission: 'proposal.read', element: <DashboardPage /> },
    { key: 'proposal-overdue', label: '超期提案', icon: <ClockCircleOutlined />, path: '/proposal-overdue', order: 32, group: 'proposal-work', permission: 'proposal.read', element: <OverduePage /> },
    { key: 'proposal-unsatisfied', label: '不满意提案', icon: <DislikeOutlined />, path: '/proposal-unsatisfied', order: 33, group: 'proposal-work', permission: 'proposal.read', element: <UnsatisfiedPage /> },
    { key: 'unit-proposals', label: '承办提案', icon: <AuditOutlined />, path: '/unit/proposals', order: 15, permission: 'proposal.unit',
      element: <UnitProposalsPage />, children: [{ path: ':id', element: <UnitProposalDetailPage /> }] },
    { key: 'my-proposals', label: '我的提案', icon: <MobileOutlined />, path: '/m/proposals', order: 14, permission: 'proposal.write',
      element: <MemberPage />, children: [{ path: ':id', element: <MemberPage /> }] },
  ],
};
