/** 我的任务: every task the handler's unit owns or co-handles. */
import { useState } from 'react';
import { Alert, Card, Checkbox, Flex, Radio, Table, Tag } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../../../shared/api.ts';
import type { Page } from '../../../shared/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { TASKS_KEY, taskColumns } from './tasks.page.tsx';
import type { TaskListItem } from './types.ts';

const STATES = [
  { value: 'open', label: '待办理' },
  { value: 'verified', label: '已核验' },
  { value: 'all', label: '全部' },
];

export default function UnitTasksPage() {
  const [state, setState] = useState('open');
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const query = { state: state === 'all' ? undefined : state, overdue: overdue ? '1' : undefined, ...page };
  const q = useQuery({ queryKey: [TASKS_KEY, 'list', 'unit', query], queryFn: () => api.get<Page<TaskListItem>>('/unit/tasks', query), placeholderData: keepPreviousData });
  const columns = [
    // On a phone the owner unit (usually the reader's own) and the measure give way, so 状态 and 期限 fit beside 事项.
    ...taskColumns('/unit/tasks').map((c) => ('dataIndex' in c && (c.dataIndex === 'ownerUnitName' || c.dataIndex === 'measure') ? { ...c, responsive: ['md' as const] } : c)),
    { title: '本单位', dataIndex: 'mine', width: 80, render: (mine: boolean) => (mine ? <Tag color="blue">牵头</Tag> : <Tag>协办</Tag>) },
  ];
  return (
    <>
      <PageHeader title="我的任务" description="本单位牵头或协办的落实事项。请按期报送进展和佐证材料；牵头单位在各协办单位报送后报请核验。" />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }} role="search" aria-label="筛选任务">
          <Radio.Group optionType="button" buttonStyle="solid" options={STATES} value={state} onChange={(e) => setState(e.target.value as string)} />
          <Checkbox checked={overdue} onChange={(e) => setOverdue(e.target.checked)}>只看超期</Checkbox>
        </Flex>
        {q.isError && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={isApiError(q.error) ? q.error.message : '加载失败'} />}
        <Table<TaskListItem> rowKey="id" size="middle" columns={columns} dataSource={q.data?.items ?? []} loading={q.isFetching} scroll={{ x: 'max-content' }}
          locale={{ emptyText: state === 'open' ? '本单位暂无待办理的任务' : '没有符合条件的任务' }}
          pagination={{ current: page.page, pageSize: page.pageSize, total: q.data?.total ?? 0, showTotal: (t) => `共 ${t} 项`, onChange: (p, s) => setPage({ page: p, pageSize: s }) }} />
      </Card>
    </>
  );
}
