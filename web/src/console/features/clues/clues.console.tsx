import { lazy } from 'react';
import { AimOutlined, BranchesOutlined, FundOutlined, MessageOutlined, NodeIndexOutlined, SolutionOutlined } from '@ant-design/icons';
import type { ConsoleFeature } from '../../module.ts';

const CluesPage = lazy(() => import('./clues.page.tsx'));
const ClueDetailPage = lazy(() => import('./clue-detail.page.tsx'));
const ClueStatsPage = lazy(() => import('./stats.page.tsx'));
const ClueConversionsPage = lazy(() => import('./conversions.page.tsx'));
const ClueRulesPage = lazy(() => import('./rules.page.tsx'));
const UnitCluesPage = lazy(() => import('../unit/unit-clues.page.tsx'));
const UnitClueDetailPage = lazy(() => import('../unit/unit-clue-detail.page.tsx'));

/** 直通政协（民意线索）: triage, dashboard, conversions, routing rules; and the handling units' portal. */
export const cluesConsole: ConsoleFeature = {
  groups: [{ key: 'clues', label: '直通政协', icon: <MessageOutlined />, order: 10 }],
  modules: [
    { key: 'clue-triage', label: '线索分拣', icon: <AimOutlined />, path: '/clues', order: 11, group: 'clues', permission: 'clue.read',
      element: <CluesPage />, children: [{ path: ':id', element: <ClueDetailPage /> }] },
    { key: 'clue-stats', label: '统计', icon: <FundOutlined />, path: '/clues/stats', order: 12, group: 'clues', permission: 'stats.read', element: <ClueStatsPage /> },
    { key: 'clue-conversions', label: '转化队列', icon: <NodeIndexOutlined />, path: '/clues/conversions', order: 13, group: 'clues', permission: 'clue.read', element: <ClueConversionsPage /> },
    { key: 'clue-rules', label: '转办规则', icon: <BranchesOutlined />, path: '/clues/rules', order: 14, group: 'clues', permission: 'clue.read', element: <ClueRulesPage /> },
    { key: 'unit-clues', label: '承办办理', icon: <SolutionOutlined />, path: '/unit/clues', order: 15, permission: 'clue.unit',
      element: <UnitCluesPage />, children: [{ path: ':id', element: <UnitClueDetailPage /> }] },
  ],
};
