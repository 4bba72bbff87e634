/** 我的任务: every task the handler's unit owns or co-handles. */
import { Checkbox, Flex, Radio, Tag } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api.ts';
import type { Page } from '../../../shared/types.ts';
import { DataTable } from '../../components/data-table.tsx';
import { ListPage } from '../../components/list-page.tsx';
import { useListState } from '../../components/list-state.ts';
import { TASKS_KEY, taskColumns } from './tasks.page.tsx';
import type { TaskListItem } from '@xs/core/schemas/tasks.ts';

const STATES = [
  { value: 'open', label: '待办理' },
  { value: 'verified', label: '已核验' },
  { value: 'all', label: '全部' },
];

export default function UnitTasksPage() {
  const list = useListState({ keys: ['state', 'overdue'], defaults: { state: 'open' } });
  const { state = 'all', ...rest } = list.query;
  const query = { ...rest, state: state === 'all' ? undefined : state };
  const q = useQuery({ queryKey: [TASKS_KEY, 'list', 'unit', query], queryFn: () => api.get<Page<TaskListItem>>('/unit/tasks', query), placeholderData: keepPreviousData });
  const columns = [
    // On a phone the owner unit (usually the reader's own) and the measure give way, so 状态 and 期限 fit beside 事项.
    ...taskColumns('/unit/tasks').map((c) => ('dataIndex' in c && (c.dataIndex === 'ownerUnitName' || c.dataIndex === 'measure') ? { ...c, responsive: ['md' as const] } : c)),
    { title: '本单位', dataIndex: 'mine', width: 80, render: (mine: boolean) => (mine ? <Tag color="blue">牵头</Tag> : <Tag>协办</Tag>) },
  ];
  return (
    <ListPage title="我的任务" description="本单位牵头或协办的落实事项。请按期报送进展和佐证材料；牵头单位在各协办单位报送后报请核验。"
      filters={
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }} role="search" aria-label="筛选任务">
          <Radio.Group optionType="button" buttonStyle="solid" options={STATES} value={list.filters.state ?? 'all'}
            onChange={(e) => list.setFilters({ state: e.target.value as string })} />
          <Checkbox checked={list.filters.overdue === '1'} onChange={(e) => list.setFilters({ overdue: e.target.checked })}>只看超期</Checkbox>
        </Flex>
      }
      query={q}>
      <DataTable<TaskListItem> list={list} data={q.data} loading={q.isFetching} columns={columns} unit="项"
        locale={{ emptyText: state === 'open' ? '本单位暂无待办理的任务' : '没有符合条件的任务' }} />
    </ListPage>
  );
}
