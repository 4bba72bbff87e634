/** 转化队列: clues turned into a consultation topic, a proposal lead or an opinion report, awaiting their module. */
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Flex, Radio, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { CONVERSION_KINDS, type ConversionKind } from '@xs/core/schemas/clues.ts';
import { api, isApiError } from '../../../shared/api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { formatTime } from '../../components/time.ts';
import type { ConversionRow } from '@xs/core/schemas/clues.ts';

const KIND_COLOR: Record<ConversionKind, string> = { topic: 'blue', proposal_lead: 'purple', opinion: 'gold' };

export default function ConversionsPage() {
  const [kind, setKind] = useState<ConversionKind | 'all'>('all');
  const [status, setStatus] = useState<'queued' | 'taken' | 'all'>('queued');
  const q = useQuery({
    queryKey: ['clues', 'conversions'],
    queryFn: () => api.get<{ items: ConversionRow[] }>('/clues/conversions'),
  });
  const rows = (q.data?.items ?? []).filter((r) => (kind === 'all' || r.kind === kind) && (status === 'all' || r.status === status));
  const count = (k: ConversionKind) => (q.data?.items ?? []).filter((r) => r.kind === k && (status === 'all' || r.status === status)).length;

  return (
    <>
      <PageHeader
        title="转化队列"
        description="线索转为协商议题、提案线索或社情民意信息后在此排队，由协商议事、提案、社情民意模块接手办理。"
      />
      <Card>
        <Flex gap={16} wrap style={{ marginBottom: 16 }} role="search" aria-label="筛选转化记录">
          <Radio.Group optionType="button" value={status} onChange={(e) => setStatus(e.target.value as typeof status)}
            options={[{ value: 'queued', label: '待接手' }, { value: 'taken', label: '已接手' }, { value: 'all', label: '全部' }]} />
          <Radio.Group optionType="button" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}
            options={[{ value: 'all', label: '全部类型' }, ...(Object.keys(CONVERSION_KINDS) as ConversionKind[]).map((k) => ({ value: k, label: `${CONVERSION_KINDS[k]}（${count(k)}）` }))]} />
        </Flex>
        {q.isError && (
          <Alert type="error" showIcon style={{ marginBottom: 16 }} title={isApiError(q.error) ? q.error.message : '加载失败'}
            action={<Button size="small" onClick={() => void q.refetch()}>重试</Button>} />
        )}
        <Table<ConversionRow>
          rowKey="id"
          size="middle"
          loading={q.isFetching}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '暂无转化记录' }}
          pagination={{ pageSize: 50, showTotal: (t) => `共 ${t} 条`, hideOnSinglePage: true }}
          columns={[
            { title: '类型', dataIndex: 'kind', width: 130, render: (k: ConversionKind, r) => <Tag color={KIND_COLOR[k]}>{r.kindLabel}</Tag> },
            { title: '标题', dataIndex: 'title', render: (t: string) => <Typography.Text strong>{t}</Typography.Text> },
            {
              title: '来源线索', dataIndex: 'clueCode', width: 130,
              render: (c: string, r) => <Link to={`/clues/${r.clueId}`} style={{ fontFamily: 'ui-monospace, Consolas, monospace' }}>{c}</Link>,
            },
            { title: '转化人', dataIndex: 'createdByName', width: 110, render: (n: string | null) => n ?? '—' },
            { title: '转化时间', dataIndex: 'createdAt', width: 150, render: (t: string) => formatTime(t) },
            { title: '状态', dataIndex: 'status', width: 90, render: (s: ConversionRow['status']) => (s === 'queued' ? <Tag color="orange">待接手</Tag> : <Tag color="green">已接手</Tag>) },
          ]}
        />
      </Card>
    </>
  );
}
