/** 解决问题: the list behind the dashboard's figure — topic tasks verified in the period — with its Excel export. */
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Card, Table } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, isApiError } from '../../../shared/api.ts';
import type { Page } from '../../../shared/types.ts';
import { ExportButton } from '../../components/export-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import type { SolvedTask } from '@xs/core/schemas/consultations.ts';

export default function SolvedPage() {
  const [params] = useSearchParams();
  const period = { from: params.get('from') ?? dayjs().startOf('year').format('YYYY-MM-DD'), to: params.get('to') ?? dayjs().format('YYYY-MM-DD') };
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const query = { ...period, ...page };
  const q = useQuery({ queryKey: ['consult', 'solved', query], queryFn: () => api.get<Page<SolvedTask>>('/consultations/solved', query), placeholderData: keepPreviousData });
  return (
    <>
      <PageHeader title="解决问题" description={`${period.from} 至 ${period.to} 核验办结的协商落实事项（统计中「解决问题」的清单）`}
        extra={<ExportButton path="/consultations/solved/export" query={period} />} />
      <Card>
        {q.isError && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={isApiError(q.error) ? q.error.message : '加载失败'} />}
        <Table<SolvedTask> rowKey="id" size="middle" loading={q.isFetching} dataSource={q.data?.items ?? []}
          pagination={{ current: page.page, pageSize: page.pageSize, total: q.data?.total ?? 0, showTotal: (t) => `共 ${t} 件`, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
          columns={[
            { title: '编号', dataIndex: 'code', width: 130, render: (c: string, r) => <Link to={`/tasks/${r.id}`}>{c}</Link> },
            { title: '落实事项', dataIndex: 'title' },
            { title: '承办单位', dataIndex: 'unitName', width: 160, render: (u: string | null) => u ?? '—' },
            { title: '成效', dataIndex: 'measure', width: 180, render: (m: SolvedTask['measure']) => (m ? `${m.label} ${m.current ?? 0}/${m.target ?? '—'}` : '—') },
            { title: '核验办结', dataIndex: 'verifiedAt', width: 120, render: (d: string | null) => d?.slice(0, 10) ?? '—' },
            { title: '协商议题', dataIndex: 'topic', render: (t: SolvedTask['topic']) => <Link to={`/consultations/topics/${t.id}`}>{t.code} {t.title}</Link> },
          ]} />
      </Card>
    </>
  );
}
