/**
 * 定时任务: each periodic job (催办, 回访, 归档, 短信发送 …), whether it runs, which process ran it last,
 * and its last error — so an admin sees a stopped or failing job before a deadline is missed.
 */
import { Alert, Button, Card, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../../../shared/api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { formatTime } from '../../components/time.ts';
import type { JobHealth, JobHealthList } from '@xs/core/schemas/jobs.ts';

const STATUS: Record<JobHealth['status'], { color: string; text: string }> = {
  ok: { color: 'green', text: '正常' },
  running: { color: 'blue', text: '运行中' },
  failed: { color: 'red', text: '上次失败' },
  late: { color: 'orange', text: '未按时运行' },
  never: { color: 'default', text: '尚未运行' },
};

function period(ms: number): string {
  if (ms % 3_600_000 === 0) return `每 ${ms / 3_600_000} 小时`;
  if (ms % 60_000 === 0) return `每 ${ms / 60_000} 分钟`;
  return `每 ${Math.round(ms / 1000)} 秒`;
}

/** Every job declares its Chinese name (defineJob's `label`); the code name shows only if one forgets. */
const jobLabel = (j: JobHealth) => j.label || j.name;

const time = (t: string | null) => (t ? formatTime(t, true) : '—');

export default function JobsPage() {
  const list = useQuery({
    queryKey: ['/jobs'],
    queryFn: () => api.get<JobHealthList>('/jobs'),
    refetchInterval: 30_000,
  });

  const columns: TableColumnsType<JobHealth> = [
    { title: '任务', dataIndex: 'label', render: (_label: string, j) => <><div>{jobLabel(j)}</div><Typography.Text type="secondary">{j.name}</Typography.Text></> },
    { title: '周期', dataIndex: 'everyMs', render: period },
    { title: '状态', dataIndex: 'status', render: (s: JobHealth['status']) => <Tag color={STATUS[s].color}>{STATUS[s].text}</Tag> },
    { title: '上次开始', dataIndex: 'lastStartedAt', render: time },
    { title: '上次结束', dataIndex: 'lastFinishedAt', render: time },
    { title: '下次运行', dataIndex: 'nextRunAt', render: time },
    { title: '执行进程', dataIndex: 'owner', render: (o: string | null) => o ?? '—' },
    { title: '运行 / 失败次数', key: 'counts', render: (_, j) => `${j.runCount} / ${j.failureCount}` },
    { title: '上次错误', dataIndex: 'lastError', render: (e: string | null) => (e ? <Typography.Text type="danger">{e}</Typography.Text> : '—') },
  ];

  return (
    <>
      <PageHeader title="定时任务" description="超期催办、回访、归档、短信发送等后台任务的运行情况。多台服务器同时运行时，每个任务同一时间只在一台上执行。时间为北京时间。" />
      <Card>
        {list.isError && (
          <Alert type="error" showIcon style={{ marginBottom: 16 }} title={isApiError(list.error) ? list.error.message : '加载失败'}
            action={<Button size="small" onClick={() => void list.refetch()}>重试</Button>} />
        )}
        <Table<JobHealth>
          rowKey="name"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          // The first load only: the 30-second refresh should not grey the table out each time.
          loading={list.isPending}
          scroll={{ x: 'max-content' }}
          pagination={false}
        />
      </Card>
    </>
  );
}
