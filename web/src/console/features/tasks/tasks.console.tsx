/** The console pages of 落实事项: the staff list and detail (replacing the roadmap's placeholder), and the units' 我的任务. */
import { lazy } from 'react';
import { CheckSquareOutlined, ScheduleOutlined } from '@ant-design/icons';
import type { ConsoleFeature } from '../../module.ts';

const TasksPage = lazy(() => import('./tasks.page.tsx'));
const TaskDetailPage = lazy(() => import('./task-detail.page.tsx'));
const UnitTasksPage = lazy(() => import('./unit-tasks.page.tsx'));
const UnitTaskDetailPage = lazy(() => import('./unit-task-detail.page.tsx'));

export const tasksConsole: ConsoleFeature = {
  modules: [
    { key: 'tasks', label: '落实事项', icon: <CheckSquareOutlined />, path: '/tasks', order: 60, permission: 'task.read',
      element: <TasksPage />, children: [{ path: ':id', element: <TaskDetailPage /> }] },
    { key: 'unit-tasks', label: '我的任务', icon: <ScheduleOutlined />, path: '/unit/tasks', order: 16, permission: 'task.unit',
      element: <UnitTasksPage />, children: [{ path: ':id', element: <UnitTaskDetailPage /> }] },
  ],
};
