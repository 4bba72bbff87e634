/**
 * 超期提案 and 不满意提案: the two lists the proposal committee works from, opened from the menu or from the
 * dashboard's figures (with its session or term in the URL). Each filters by session and unit and exports to Excel.
 */
import { Link, useSearchParams } from 'react-router';
import { Alert, Card, Flex, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../../../shared/api.ts';
import type { Page } from '../../../shared/types.ts';
import { ExportButton } from '../../components/export-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useUnits } from '../../components/options.ts';
import { PROPOSALS_KEY, ProposalStateTag, useSessions } from './proposals.page.tsx';
import type { OverdueItem, UnsatisfiedItem } from '@xs/core/schemas/proposals.ts';

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');

const overdueColumns: TableColumnsType<OverdueItem> = [
  { title: '编号', dataIndex: 'code', width: 190, render: (code: string, r) => <Link to={`/proposals/${r.proposalId}`} aria-label={`查看提案 ${code}`}>{code}</Link> },
  { title: '标题', dataIndex: 'title' },
  { title: '超期事项', dataIndex: 'clockLabel', width: 110 },
  { title: '待办理', dataIndex: 'waitingOn', width: 190 },
  { title: '期限', dataIndex: 'dueAt', width: 110, render: day, responsive: ['md'] },
  { title: '超期', dataIndex: 'daysOverdue', width: 100, render: (d: number) => <Tag color="red">超期 {d} 天</Tag> },
  { title: '最近催办', dataIndex: 'lastRemindedAt', width: 110, render: day, responsive: ['lg'] },
  { title: '提案状态', dataIndex: 'state', width: 130, responsive: ['xl'], render: (_s, r) => <ProposalStateTag state={r.state} label={r.stateLabel} /> },
];

const unsatisfiedColumns: TableColumnsType<UnsatisfiedItem> = [
  { title: '编号', dataIndex: 'code', width: 190, render: (code: string, r) => <Link to={`/proposals/${r.proposalId}`} aria-label={`查看提案 ${code}`}>{code}</Link> },
  { title: '标题', dataIndex: 'title', width: 240 },
  { title: '评价人', dataIndex: 'memberName', width: 100, render: (n: string, r) => <>{n}{r.paper && <Typography.Text type="secondary">（纸质）</Typography.Text>}</> },
  { title: '轮次', dataIndex: 'round', width: 70, render: (n: number) => `第${n}轮` },
  { title: '办理工作', dataIndex: 'handlingLabel', width: 100, render: (l: string, r) => <Tag color={r.handling === 'unsatisfied' ? 'red' : undefined}>{l}</Tag> },
  { title: '办理结果', dataIndex: 'resultLabel', width: 100, render: (l: string, r) => <Tag color={r.result === 'unsatisfied' ? 'red' : undefined}>{l}</Tag> },
  { title: '意见', dataIndex: 'comment', width: 220, responsive: ['lg'], render: (c: string | null) => c ?? '—' },
  { title: '承办单位', dataIndex: 'units', width: 200, responsive: ['xl'] },
  { title: '现状', dataIndex: 'state', width: 150, render: (_s, r) => <Flex vertical gap={2}><ProposalStateTag state={r.state} label={r.stateLabel} />{r.rehandled && <Typography.Text type="secondary">已重新办理</Typography.Text>}</Flex> },
];

interface Kind<T> { path: string; title: string; description: string; sheet: string; columns: TableColumnsType<T>; rowKey: keyof T & string; empty: string }

const OVERDUE: Kind<OverdueItem> = {
  path: '/proposals/overdue', title: '超期提案', sheet: '超期提案.xlsx', columns: overdueColumns, rowKey: 'clockId',
  description: '已过期限仍未完成的计时：附议人确认、承办单位联系提案人、会办意见、答复、提案人评价。超期最久的在前；系统已按规则自动催办。',
  empty: '没有超期事项',
};
const UNSATISFIED: Kind<UnsatisfiedItem> = {
  path: '/proposals/unsatisfied', title: '不满意提案', sheet: '不满意提案.xlsx', columns: unsatisfiedColumns, rowKey: 'evaluationId',
  description: '提案人对办理工作或办理结果评价为不满意的每一次评价（各轮都列），以及提案此后的办理情况。最新的在前。',
  empty: '没有不满意评价',
};

/** The URL holds the filters, so the dashboard's figures link straight to the same scope. */
function WatchPage<T extends object>({ kind }: { kind: Kind<T> }) {
  const [params, setParams] = useSearchParams();
  const sessions = useSessions();
  const units = useUnits();
  const num = (k: string) => (params.get(k) ? Number(params.get(k)) : undefined);
  const query = { sessionId: num('sessionId'), termId: num('termId'), unitId: num('unitId') };
  const page = { page: num('page') ?? 1, pageSize: num('pageSize') ?? 20 };
  const q = useQuery({ queryKey: [PROPOSALS_KEY, kind.path, query, page], queryFn: () => api.get<Page<T>>(kind.path, { ...query, ...page }), placeholderData: keepPreviousData });
  const set = (patch: Record<string, number | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) if (v === undefined) next.delete(k); else next.set(k, String(v));
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };
  const scope = query.termId ? `t${query.termId}` : query.sessionId ? `s${query.sessionId}` : undefined;
  const scopes = [
    ...(sessions.data?.terms ?? []).map((t) => ({ value: `t${t.id}`, label: `${t.name}（全届）` })),
    ...(sessions.data?.sessions ?? []).map((s) => ({ value: `s${s.id}`, label: s.name })),
  ];
  return (
    <>
      <PageHeader title={kind.title} description={kind.description}
        extra={<ExportButton path={`${kind.path}/export`} query={query} fileName={kind.sheet} />} />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }} role="search" aria-label={`筛选${kind.title}`}>
          <Select allowClear placeholder="全部会议" aria-label="按会议或届筛选" style={{ width: 200 }} options={scopes} value={scope}
            onChange={(v?: string) => set({ sessionId: v?.startsWith('s') ? Number(v.slice(1)) : undefined, termId: v?.startsWith('t') ? Number(v.slice(1)) : undefined })} />
          <Select allowClear placeholder="承办单位" aria-label="按承办单位筛选" style={{ width: 200 }} showSearch optionFilterProp="label" options={units.options}
            value={query.unitId} onChange={(v?: number) => set({ unitId: v })} />
        </Flex>
        {q.isError && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={isApiError(q.error) ? q.error.message : '加载失败'} />}
        <Table<T> rowKey={kind.rowKey} size="middle" columns={kind.columns} dataSource={q.data?.items ?? []} loading={q.isFetching} scroll={{ x: 760 }}
          locale={{ emptyText: kind.empty }}
          pagination={{ current: page.page, pageSize: page.pageSize, total: q.data?.total ?? 0, showTotal: (t) => `共 ${t} 项`, onChange: (p, s) => set({ page: p, pageSize: s }) }} />
      </Card>
    </>
  );
}

export function OverduePage() {
  return <WatchPage kind={OVERDUE} />;
}
export function UnsatisfiedPage() {
  return <WatchPage kind={UNSATISFIED} />;
}
