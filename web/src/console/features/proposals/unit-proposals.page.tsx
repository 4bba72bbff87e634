/** 承办提案: the proposals a unit leads, co-handles or handles separately, with their clocks. */
import { useState } from 'react';
import { Link } from 'react-router';
import { Card, Radio, Table, Tag } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../shared/api.ts';
import type { Page } from '../../../shared/types.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { formatTime } from '../../components/time.ts';
import { PROPOSALS_KEY } from './proposals.page.tsx';
import type { UnitAssignmentItem } from '@xs/core/schemas/proposals.ts';

export default function UnitProposalsPage() {
  const [state, setState] = useState<string | undefined>('open');
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const q = useQuery({ queryKey: [PROPOSALS_KEY, 'unit', state, page], queryFn: () => api.get<Page<UnitAssignmentItem>>('/unit/proposals', { state, ...page }), placeholderData: keepPreviousData });
  return (
    <>
      <PageHeader title="承办提案" description="交本单位办理的提案：主办单位 15 个工作日内联系提案人、3 个月内答复；会办单位 1 个月内向主办单位提出意见；交办不当的可在 10 个工作日内申请调整。" />
      <Card>
        <Radio.Group style={{ marginBottom: 16 }} optionType="button" buttonStyle="solid" value={state ?? 'all'} onChange={(e) => setState(e.target.value === 'all' ? undefined : (e.target.value as string))}
          options={[{ value: 'open', label: '待办' }, { value: 'all', label: '全部' }]} />
        <Table<UnitAssignmentItem> rowKey="id" size="middle" dataSource={q.data?.items ?? []} loading={q.isFetching} scroll={{ x: 600 }}
          pagination={{ current: page.page, pageSize: page.pageSize, total: q.data?.total ?? 0, showTotal: (t) => `共 ${t} 件`, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
          columns={[
            { title: '编号', dataIndex: 'code', width: 190, render: (c: string, r) => <Link to={`/unit/proposals/${r.id}`}>{c}</Link> },
            { title: '标题', dataIndex: 'title', render: (t: string, r) => <>{t} {r.key && <Tag color="red">重点</Tag>}</> },
            { title: '承办方式', dataIndex: 'roleLabel', width: 90 },
            { title: '状态', dataIndex: 'stateLabel', width: 130, render: (l: string, r) => <>{l} {r.overdue && <Tag color="red">超期</Tag>}</> },
            { title: '期限', dataIndex: 'dueAt', width: 110, render: (d: string | null) => (d ? formatTime(d).slice(0, 10) : '—') },
          ]} />
      </Card>
    </>
  );
}
