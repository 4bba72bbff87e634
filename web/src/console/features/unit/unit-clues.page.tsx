/** 承办办理: the clues forwarded to the handler's own unit, with their deadlines, overdue first to the eye. */
import { Link } from 'react-router';
import { Alert, Button, Card, Checkbox, Flex, Input, Radio, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../../../shared/api.ts';
import type { Page } from '../../../shared/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { DateTimeCell, TwoLines } from '../../components/two-lines.tsx';
import { DueText, StateTag, UrgencyTag, markRowClass } from '../clues/labels.tsx';
import { useSession } from '../../session.tsx';
import { listPagination, useListState } from '../clues/list-filters.ts';
import type { ClueListItem } from '@xs/core/schemas/clues.ts';

export const UNIT_CLUES_KEY = 'unit-clues';

/** The unit's to-do list first: without a state in the URL the page shows 待办理. */
const DEFAULT_STATE = 'forwarded';
const STATES = [
  { value: 'forwarded', label: '待办理' },
  { value: 'replied', label: '已答复' },
  { value: 'resolved', label: '已办结' },
  { value: 'closed', label: '已归档' },
  { value: 'all', label: '全部' },
];

const columnsFor = (me: number): TableColumnsType<ClueListItem> => [
  {
    title: '查询码', dataIndex: 'code', width: 120,
    render: (code: string, r) => <Link to={`/unit/clues/${r.id}`} aria-label={`办理线索 ${code}`} style={{ fontFamily: 'ui-monospace, Consolas, monospace' }}>{code}</Link>,
  },
  {
    title: '提交时间', dataIndex: 'createdAt', width: 100,
    render: (t: string) => <DateTimeCell iso={t} />,
  },
  { title: '类别', dataIndex: 'categoryLabel', width: 90 },
  {
    title: '摘要', dataIndex: 'summary',
    render: (s: string, r) => (
      <>
        {(r.myRole === 'co' || r.urgency === 'urgent' || r.assigneeId === me) && (
          <Flex gap={4} wrap style={{ marginBottom: 2 }}>
            {r.myRole === 'co' && <Tag color="purple">会办</Tag>}
            <UrgencyTag urgency={r.urgency} />
            {r.assigneeId === me && <Tag color="geekblue">分派给我</Tag>}
          </Flex>
        )}
        <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2, tooltip: s }}>{s}</Typography.Paragraph>
      </>
    ),
  },
  { title: '乡镇', dataIndex: 'townshipName', width: 100, render: (t: string, r) => <TwoLines main={t} sub={r.villageName} /> },
  { title: '状态', dataIndex: 'state', width: 124, render: (_s, r) => <StateTag state={r.state} label={r.stateLabel} overdue={r.overdue} mark={r.mark} /> },
  { title: '答复期限', dataIndex: 'dueAt', width: 130, render: (_d, r) => <DueText dueAt={r.dueAt} overdue={r.overdue} state={r.state} /> },
  { title: '附议人数', dataIndex: 'supporters', width: 84, align: 'right' },
];

export default function UnitCluesPage() {
  const me = useSession();
  const columns = columnsFor(me.user.id);
  const list = useListState();
  const { filters, setFilters } = list;
  // The unit list accepts only these filters.
  const state = filters.state ?? DEFAULT_STATE;
  const query = { state: state === 'all' ? undefined : state, overdue: filters.overdue, q: filters.q, page: list.page, pageSize: list.pageSize };
  const q = useQuery({
    queryKey: [UNIT_CLUES_KEY, 'list', query],
    queryFn: () => api.get<Page<ClueListItem>>('/unit/clues', query),
    placeholderData: keepPreviousData,
  });

  return (
    <>
      <PageHeader
        title="承办办理"
        description="县政协转交本单位办理（主办）或请本单位提出意见（会办）的群众反映。请在答复期限内办理并答复；确需延期的，请在期限内申请延期；不属于本单位职责的，请说明理由退回。"
      />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }} role="search" aria-label="筛选线索">
          <Radio.Group optionType="button" buttonStyle="solid" options={STATES} value={state}
            onChange={(e) => setFilters({ state: e.target.value === DEFAULT_STATE ? undefined : (e.target.value as string) })} />
          <Checkbox checked={filters.overdue === '1'} onChange={(e) => setFilters({ overdue: e.target.checked ? '1' : undefined })}>只看超期</Checkbox>
          <Input.Search key={filters.q ?? ''} defaultValue={filters.q} aria-label="搜索内容或查询码" placeholder="搜索内容或查询码" allowClear enterButton="搜索"
            style={{ width: 280 }} maxLength={100} onSearch={(v) => setFilters({ q: v.trim() || undefined })} />
        </Flex>
        {q.isError && (
          <Alert type="error" showIcon style={{ marginBottom: 16 }} title={isApiError(q.error) ? q.error.message : '加载失败'}
            action={<Button size="small" onClick={() => void q.refetch()}>重试</Button>} />
        )}
        <Table<ClueListItem>
          rowKey="id"
          size="middle"
          rowClassName={markRowClass}
          columns={columns}
          dataSource={q.data?.items ?? []}
          loading={q.isFetching}
          tableLayout="fixed"
          scroll={{ x: 1000 }}
          locale={{ emptyText: state === DEFAULT_STATE && !filters.overdue && !filters.q ? '目前没有待办理的线索' : '没有符合条件的线索' }}
          pagination={listPagination(list, q.data)}
        />
      </Card>
    </>
  );
}
