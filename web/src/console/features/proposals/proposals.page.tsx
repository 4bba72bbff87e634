/** 提案 for staff: every proposal past the draft, with filters, full-text search and Excel export. */
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Card, Checkbox, Flex, Input, Select, Table, Tag, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../../../shared/api.ts';
import type { Page } from '../../../shared/types.ts';
import { ExportButton } from '../../components/export-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useSectors, useUnits } from '../../components/options.ts';
import type { ProposalItem, ProposalSessions } from '@xs/core/schemas/proposals.ts';

export const PROPOSALS_KEY = 'proposals';

const STATES = [
  { value: 'open', label: '办理中（全部未结）' }, { value: 'submitted', label: '待审查' }, { value: 'registered', label: '已立案待交办' },
  { value: 'assigned', label: '办理中' }, { value: 'replied', label: '已答复待评价' }, { value: 'rehandling', label: '重新办理' },
  { value: 'closed', label: '已办结' }, { value: 'not_registered', label: '不予立案' }, { value: 'merged', label: '已并案' }, { value: 'handled', label: '已办复' },
];
const STATE_COLORS: Record<string, string> = { cosigning: 'purple', submitted: 'gold', registered: 'cyan', assigned: 'processing', replied: 'blue', rehandling: 'orange', closed: 'green', not_registered: 'default', merged: 'default' };

export function ProposalStateTag({ state, label, overdue }: { state: string; label: string; overdue?: boolean }) {
  return <Flex gap={4} wrap><Tag color={STATE_COLORS[state]}>{label}</Tag>{overdue && <Tag color="red">超期</Tag>}</Flex>;
}

export function useSessions() {
  return useQuery({ queryKey: [PROPOSALS_KEY, 'sessions'], queryFn: () => api.get<ProposalSessions>('/proposal-sessions'), staleTime: 60_000 });
}

const columns: TableColumnsType<ProposalItem> = [
  { title: '编号', dataIndex: 'code', width: 190, render: (code: string, r) => <Link to={`/proposals/${r.id}`} aria-label={`查看提案 ${code}`}>{code}</Link> },
  { title: '标题', dataIndex: 'title', render: (t: string, r) => <>{t} {r.key && <Tag color="red">重点</Tag>}</> },
  { title: '类别', dataIndex: 'category', width: 110, responsive: ['lg'] },
  { title: '第一提案人', dataIndex: 'leadName', width: 110, responsive: ['md'] },
  { title: '类型', dataIndex: 'timingLabel', width: 90, responsive: ['xl'] },
  { title: '状态', dataIndex: 'state', width: 150, render: (_s, r) => <ProposalStateTag state={r.state} label={r.stateLabel} overdue={r.overdue} /> },
  { title: '结果', dataIndex: 'resultClass', width: 70, render: (c: string | null, r) => (c ? <span title={r.resultClassLabel ?? ''}>{c} 类</span> : '—') },
];

export default function ProposalsPage() {
  const sessions = useSessions();
  const units = useUnits();
  const sectors = useSectors();
  const [f, setF] = useState<{ state?: string; sessionId?: number; unitId?: number; sectorId?: number; category?: string; key?: boolean; overdue?: boolean; unsatisfied?: boolean; q?: string }>({ state: 'open' });
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const query = { state: f.state, sessionId: f.sessionId, unitId: f.unitId, sectorId: f.sectorId, category: f.category, key: f.key ? '1' : undefined, overdue: f.overdue ? '1' : undefined, unsatisfied: f.unsatisfied ? '1' : undefined, q: f.q };
  const q = useQuery({ queryKey: [PROPOSALS_KEY, 'list', query, page], queryFn: () => api.get<Page<ProposalItem>>('/proposals', { ...query, ...page }), placeholderData: keepPreviousData });
  const set = (patch: Partial<typeof f>) => { setF((x) => ({ ...x, ...patch })); setPage((p) => ({ ...p, page: 1 })); };
  return (
    <>
      <PageHeader title="提案" description="委员提交的提案：审查立案（按届次会议编号）、交办主办会办单位、答复和提案人评价；超期由系统自动催办。"
        extra={<ExportButton path="/proposals/export" query={query} fileName="提案.xlsx" />} />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }} role="search" aria-label="筛选提案">
          <Select allowClear placeholder="状态" aria-label="按状态筛选" style={{ width: 170 }} options={STATES} value={f.state} onChange={(v) => set({ state: v })} />
          <Select allowClear placeholder="会议" aria-label="按会议筛选" style={{ width: 170 }} value={f.sessionId} onChange={(v) => set({ sessionId: v })}
            options={(sessions.data?.sessions ?? []).map((s) => ({ value: s.id, label: s.name }))} />
          <Select allowClear placeholder="承办单位" aria-label="按承办单位筛选" style={{ width: 170 }} showSearch optionFilterProp="label" options={units.options} value={f.unitId} onChange={(v) => set({ unitId: v })} />
          <Select allowClear placeholder="界别" aria-label="按界别筛选" style={{ width: 150 }} showSearch optionFilterProp="label" options={sectors.options} value={f.sectorId} onChange={(v) => set({ sectorId: v })} />
          <Checkbox checked={f.key} onChange={(e) => set({ key: e.target.checked })}>重点提案</Checkbox>
          <Checkbox checked={f.overdue} onChange={(e) => set({ overdue: e.target.checked })}>超期</Checkbox>
          <Checkbox checked={f.unsatisfied} onChange={(e) => set({ unsatisfied: e.target.checked })}>有不满意评价</Checkbox>
          <Input.Search aria-label="全文检索提案" placeholder="检索标题、案由、建议" allowClear enterButton="检索" style={{ width: 280 }} maxLength={100}
            onSearch={(v) => set({ q: v.trim() || undefined })} />
        </Flex>
        {q.isError && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={isApiError(q.error) ? q.error.message : '加载失败'} />}
        <Table<ProposalItem> rowKey="id" size="middle" columns={columns} dataSource={q.data?.items ?? []} loading={q.isFetching} scroll={{ x: 720 }}
          pagination={{ current: page.page, pageSize: page.pageSize, total: q.data?.total ?? 0, showTotal: (t) => `共 ${t} 件`, onChange: (p, s) => setPage({ page: p, pageSize: s }) }} />
      </Card>
    </>
  );
}
