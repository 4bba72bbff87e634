/** The rows of 我的待办 (any case type), as the page and the home queues show them. */
import { Link } from 'react-router';
import { Flex, Tag, Typography, type TableColumnsType } from 'antd';
import { WORK_TAGS, type WorkItem } from '@xs/core/schemas/work.ts';
import { formatTime } from '../../components/time.ts';

const TAG_COLORS: Record<string, string> = { overdue: 'red', due_today: 'orange', due_soon: 'gold', returned: 'magenta', new: 'blue', extension: 'purple', to_accept: 'cyan', mine: 'geekblue' };

export function WorkTags({ item }: { item: WorkItem }) {
  return (
    <Flex gap={4} wrap>
      <Tag>{item.stateLabel}</Tag>
      {item.tags.filter((t) => t !== 'to_handle').map((t) => <Tag key={t} color={TAG_COLORS[t]}>{WORK_TAGS[t]}</Tag>)}
    </Flex>
  );
}

export const workColumns: TableColumnsType<WorkItem> = [
  {
    title: '事项', dataIndex: 'title',
    render: (_t, r) => (
      <Flex vertical gap={2}>
        <Link to={r.link} aria-label={`办理${r.typeLabel} ${r.code}`}>{r.title}</Link>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.typeLabel} · {r.code}</Typography.Text>
      </Flex>
    ),
  },
  { title: '状态', key: 'tags', width: 200, render: (_v, r) => <WorkTags item={r} /> },
  {
    title: '期限', dataIndex: 'dueAt', width: 110,
    render: (d: string | null, r) => (d ? <Typography.Text type={r.overdue ? 'danger' : undefined}>{formatTime(d).slice(0, 10)}</Typography.Text> : '—'),
  },
];
