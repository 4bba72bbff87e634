/** The console pages of 协商议事: topics, meetings, the annual plan, the dashboard and the member's phone pages. */
import { lazy } from 'react';
import { CalendarOutlined, CommentOutlined, FundOutlined, QrcodeOutlined, TeamOutlined } from '@ant-design/icons';
import type { ConsoleFeature } from '../../module.ts';

const TopicsPage = lazy(() => import('./topics.page.tsx'));
const TopicDetailPage = lazy(() => import('./topic-detail.page.tsx'));
const MeetingsPage = lazy(() => import('./meetings.page.tsx'));
const MeetingDetailPage = lazy(() => import('./meeting-detail.page.tsx'));
const PlanPage = lazy(() => import('./plan.page.tsx'));
const DashboardPage = lazy(() => import('./consult-dashboard.page.tsx'));
const SolvedPage = lazy(() => import('./solved.page.tsx'));
const CheckinPage = lazy(() => import('./member-checkin.page.tsx'));

export const consultationsConsole: ConsoleFeature = {
  groups: [{ key: 'consult', label: '协商议事', icon: <CommentOutlined />, order: 30 }],
  modules: [
    { key: 'topics', label: '协商议题', icon: <CommentOutlined />, path: '/consultations/topics', order: 30, group: 'consult', permission: 'consult.read',
      element: <TopicsPage />, children: [{ path: ':id', element: <TopicDetailPage /> }] },
    { key: 'consult-meetings', label: '协商活动', icon: <TeamOutlined />, path: '/consultations/meetings', order: 31, group: 'consult', permission: 'consult.read',
      element: <MeetingsPage />, children: [{ path: ':id', element: <MeetingDetailPage /> }] },
    { key: 'consult-plan', label: '年度协商计划', icon: <CalendarOutlined />, path: '/consultations/plan', order: 32, group: 'consult', permission: 'consult.read', element: <PlanPage /> },
    { key: 'consult-dashboard', label: '协商统计', icon: <FundOutlined />, path: '/consultations/dashboard', order: 33, group: 'consult', permission: 'consult.read',
      element: <DashboardPage />, children: [{ path: 'solved', element: <SolvedPage /> }] },
    { key: 'member-meetings', label: '我的协商活动', icon: <QrcodeOutlined />, path: '/m', order: 17, permission: 'consult.member',
      element: <CheckinPage />, children: [{ path: 'checkin/:token', element: <CheckinPage /> }] },
  ],
};
