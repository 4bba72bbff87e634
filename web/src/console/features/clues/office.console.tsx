import { lazy } from 'react';
import { AlertOutlined, BarChartOutlined, FormOutlined } from '@ant-design/icons';
import type { ConsoleFeature } from '../../module.ts';

const ClueIntakePage = lazy(() => import('./intake.page.tsx'));
const UnitFiguresPage = lazy(() => import('./unit-figures.page.tsx'));
const OverdueReportPage = lazy(() => import('./overdue.page.tsx'));

/** 直通政协 as an office runs it: 代录, 超期通报, unit figures, the city's county comparison (pages beside the clue workflow's). */
export const clueOfficeConsole: ConsoleFeature = {
  modules: [
    { key: 'clue-intake', label: '代录线索', icon: <FormOutlined />, path: '/clues/intake', order: 10.5, group: 'clues', permission: 'clue.triage', element: <ClueIntakePage /> },
    { key: 'clue-overdue', label: '超期通报', icon: <AlertOutlined />, path: '/clues/overdue', order: 12.7, group: 'clues', permission: 'clue.read', element: <OverdueReportPage /> },
    { key: 'clue-unit-figures', label: '单位办理情况', icon: <BarChartOutlined />, path: '/clues/units', order: 12.5, group: 'clues', permission: 'stats.read', element: <UnitFiguresPage /> },
  ],
};
