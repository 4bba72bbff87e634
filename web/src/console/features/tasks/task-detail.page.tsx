/** One task on the generic case detail: staff verify / send back / extend / cancel / remind, units sign and submit. */
import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { TASK_STATES } from '@xs/core/schemas/tasks.ts';
import { api } from '../../../shared/api.ts';
import { CaseActions } from '../../components/case-actions.tsx';
import { CaseDetail, CaseFlags } from '../../components/case-detail.tsx';
import { PageLoading } from '../../components/page-loading.tsx';
import { QueryError } from '../../components/query-error.tsx';
import { formatTime } from '../../components/time.ts';
import { MeasureProgress, TaskUpdates } from './task-view.tsx';
import { TASKS_KEY } from './tasks.page.tsx';
import type { TaskDetail } from '@xs/core/schemas/tasks.ts';

const TYPE_LABELS: Record<string, string> = { task: '落实事项', clue: '线索' };

export default function TaskDetailPage({ apiBase = '/tasks', linkBase = '/tasks', fileBase = '/tasks' as string | null, children }: {
  apiBase?: string;
  linkBase?: string;
  /** null: no download route for this reader, files are listed by name. */
  fileBase?: string | null;
  children?: (task: TaskDetail, refresh: (t: TaskDetail) => void) => ReactNode;
}) {
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const key = [TASKS_KEY, apiBase, id];
  const q = useQuery({ queryKey: key, queryFn: () => api.get<TaskDetail>(`${apiBase}/${id}`) });
  if (q.isLoading) return <PageLoading />;
  if (!q.data) return <QueryError query={q} title="落实事项加载失败" />;
  const task = q.data;
  const refresh = (t: TaskDetail) => {
    qc.setQueryData(key, t);
    void qc.invalidateQueries({ queryKey: [TASKS_KEY, 'list'] });
    void qc.invalidateQueries({ queryKey: ['work'] });
  };
  const day = (t: string | null) => (t ? formatTime(t).slice(0, 10) : '—');
  return (
    <CaseDetail
      code={task.code}
      title={task.title}
      flags={<CaseFlags state={task.state} stateLabel={task.stateLabel} def={TASK_STATES[task.state]} overdue={task.overdue} />}
      actions={
        <CaseActions<TaskDetail>
          actions={task.actions}
          hide={['progress']}
          run={(name, { reason, days }) => api.post<TaskDetail>(`${apiBase}/${task.id}/transitions/${name}`, { reason, days, version: task.version })}
          onDone={refresh}
          doneText={(a, t) => `已${a.label}：${t.code}，当前状态「${t.stateLabel}」`}
          fields={{ days: { label: '延长（个工作日）', kind: 'number', min: 1, max: 365 } }}
          reasonLabels={{ remind: '催办内容' }}
          primary={['verify', 'submit', 'start']}
          danger={['cancel']}
          emptyText={`「${task.stateLabel}」的落实事项没有可执行的操作。`}
        />
      }
      facts={[
        { key: 'code', label: '编号', children: task.code },
        { key: 'state', label: '状态', children: task.stateLabel },
        { key: 'due', label: '办理期限', children: day(task.dueAt) },
        { key: 'owner', label: '牵头单位', children: task.ownerUnitName },
        { key: 'co', label: '协办单位', children: task.coUnits.map((u) => u.name).join('、') || '—' },
        { key: 'measure', label: '成效指标', children: <MeasureProgress measure={task.measure} /> },
        ...(task.verifiedAt ? [{ key: 'verified', label: '核验时间', children: formatTime(task.verifiedAt) }] : []),
        ...(task.description ? [{ key: 'desc', label: '内容', span: 3, children: <Typography.Paragraph style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{task.description}</Typography.Paragraph> }] : []),
      ]}
      clocks={task.clocks}
      links={[
        ...task.children.map((c) => ({ key: `c${c.id}`, label: '子任务', title: `${c.code} ${c.title}（${c.stateLabel}）`, to: `${linkBase}/${c.id}` })),
        ...task.links.map((l) => ({
          key: `l${l.linkId}`, label: l.label,
          title: l.to.id ? `${TYPE_LABELS[l.to.type] ?? l.to.type} #${l.to.id}` : `${TYPE_LABELS[l.to.type] ?? l.to.type}（待建立）`,
          to: l.to.type === 'task' && l.to.id ? `${linkBase}/${l.to.id}` : undefined,
        })),
      ]}
      timeline={task.timeline}
    >
      {children?.(task, refresh)}
      <TaskUpdates task={task} fileBase={fileBase} />
    </CaseDetail>
  );
}
