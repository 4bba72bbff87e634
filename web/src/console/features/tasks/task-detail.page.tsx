/** One task for staff: everything about it, and verify / send back / extend / cancel / remind. */
import { useParams } from 'react-router';
import { Alert, Card, Flex } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../../shared/api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { PageLoading } from '../../components/page-loading.tsx';
import { TaskActions, TaskView } from './task-view.tsx';
import { TASKS_KEY } from './tasks.page.tsx';
import type { TaskDetail } from './types.ts';

export default function TaskDetailPage({ apiBase = '/tasks', linkBase = '/tasks', fileBase = '/tasks' as string | null, children }: {
  apiBase?: string; linkBase?: string; /** null: no download route for this reader, files are listed by name. */ fileBase?: string | null; children?: (task: TaskDetail, refresh: (t: TaskDetail) => void) => React.ReactNode;
}) {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const key = [TASKS_KEY, apiBase, id];
  const q = useQuery({ queryKey: key, queryFn: () => api.get<TaskDetail>(`${apiBase}/${id}`) });
  if (q.isLoading) return <PageLoading />;
  if (q.isError || !q.data) return <Alert type="error" showIcon title={isApiError(q.error) ? q.error.message : '加载失败'} />;
  const task = q.data;
  const refresh = (t: TaskDetail) => {
    qc.setQueryData(key, t);
    void qc.invalidateQueries({ queryKey: [TASKS_KEY, 'list'] });
  };
  return (
    <>
      <PageHeader title={`${task.code} ${task.title}`} />
      <Flex vertical gap={16}>
        <Card title="操作"><TaskActions task={task} apiBase={apiBase} onDone={refresh} /></Card>
        {children?.(task, refresh)}
        <TaskView task={task} fileBase={fileBase} linkBase={linkBase} />
      </Flex>
    </>
  );
}
