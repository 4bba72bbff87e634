/**
 * 超期通报: the clues units hold past their deadline, by unit — how many, the longest late, how often reminded — each
 * unit's clues below it; 催办 a unit's clues or all selected units' at once, and an Excel export.
 */
import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, Flex, Space, Statistic, Table, Typography, type TableColumnsType } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { OverdueReport, OverdueReportItem } from '@xs/core/schemas/clues.ts';
import { api, isApiError } from '../../../shared/api.ts';
import { ExportButton } from '../../components/export-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { formatTime } from '../../components/time.ts';
import { useCan } from '../../session.tsx';
import { BulkActionModal } from './bulk-action.modal.tsx';
import { MarkTag, UrgencyTag } from './labels.tsx';

type UnitRow = OverdueReport['units'][number];
const KEY = ['clues', 'overdue-report'] as const;

const itemColumns: TableColumnsType<OverdueReportItem> = [
  {
    title: '查询码', dataIndex: 'code', width: 130,
    render: (code: string, r) => <Link to={`/clues/${r.id}`} aria-label={`打开线索 ${code}`} style={{ fontFamily: 'ui-monospace, Consolas, monospace' }}>{code}</Link>,
  },
  {
    title: '反映内容', dataIndex: 'summary',
    render: (s: string, r) => <Space size={4} wrap><UrgencyTag urgency={r.urgency} /><Typography.Text>{s}</Typography.Text></Space>,
  },
  { title: '办理期限', dataIndex: 'dueAt', width: 110, render: (t: string) => formatTime(t).slice(0, 10) },
  {
    title: '超期', dataIndex: 'daysLate', width: 120,
    render: (n: number, r) => <Space size={4}><MarkTag mark={r.mark} overdue /><Typography.Text type="danger">{n} 天</Typography.Text></Space>,
  },
  {
    title: '催办', dataIndex: 'reminders', width: 150,
    render: (n: number, r) => (n ? <>{n} 次<Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>最近 {formatTime(r.lastRemindedAt!)}</Typography.Text></> : <Typography.Text type="secondary">未催办</Typography.Text>),
  },
];

export default function OverdueReportPage() {
  const can = useCan();
  const queryClient = useQueryClient();
  const q = useQuery({ queryKey: KEY, queryFn: () => api.get<OverdueReport>('/clues/overdue-report') });
  const [selected, setSelected] = useState<number[]>([]);
  // Every unit's clues open, unless closed by hand.
  const [collapsed, setCollapsed] = useState<number[]>([]);
  const [remind, setRemind] = useState<OverdueReportItem[] | null>(null);
  const units = q.data?.units ?? [];
  const canRemind = can('clue.triage');
  const chosen = units.filter((u) => selected.includes(u.unitId)).flatMap((u) => u.items);

  const unitColumns: TableColumnsType<UnitRow> = [
    { title: '承办单位', dataIndex: 'unitName', render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
    { title: '超期件数', dataIndex: 'count', width: 100, align: 'right', render: (n: number) => <Typography.Text type="danger" strong>{n}</Typography.Text> },
    { title: '最长超期', dataIndex: 'maxDaysLate', width: 100, align: 'right', render: (n: number) => `${n} 天` },
    { title: '已催办', dataIndex: 'reminders', width: 100, align: 'right', render: (n: number) => `${n} 次` },
    ...(canRemind ? [{
      title: '操作', key: 'remind', width: 130,
      render: (_v: unknown, u: UnitRow) => <Button size="small" icon={<BellOutlined aria-hidden />} onClick={() => setRemind(u.items)} aria-label={`催办${u.unitName}的 ${u.count} 件超期线索`}>催办本单位</Button>,
    }] : []),
  ];

  return (
    <>
      <PageHeader
        title="超期通报"
        description="承办单位手中已超过办理期限的线索，按单位汇总：超期件数、最长超期天数和转办以来的催办次数。可逐个单位或选中多个单位批量催办，催办内容通过站内通知发给单位并记入流转记录。"
        extra={
          <>
            {canRemind && (
              <Button type="primary" icon={<BellOutlined aria-hidden />} disabled={chosen.length === 0} onClick={() => setRemind(chosen)}>
                批量催办{chosen.length ? `（${chosen.length} 件）` : ''}
              </Button>
            )}
            <ExportButton path="/clues/overdue-report/export" fileName="超期通报.xlsx" />
          </>
        }
      />
      {q.isError && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={isApiError(q.error) ? q.error.message : '加载失败'}
          action={<Button size="small" onClick={() => void q.refetch()}>重试</Button>} />
      )}
      <Flex gap={16} wrap style={{ marginBottom: 16 }}>
        <Card size="small" style={{ minWidth: 160 }}><Statistic title="超期线索" value={q.data?.total ?? 0} suffix="件" loading={q.isLoading} valueStyle={{ color: '#cf1322' }} /></Card>
        <Card size="small" style={{ minWidth: 160 }}><Statistic title="涉及单位" value={units.length} suffix="个" loading={q.isLoading} /></Card>
        <Card size="small" style={{ minWidth: 160 }}><Statistic title="已催办" value={units.reduce((n, u) => n + u.reminders, 0)} suffix="次" loading={q.isLoading} /></Card>
        {q.data && <Typography.Text type="secondary" style={{ alignSelf: 'flex-end' }}>统计时间：{formatTime(q.data.at)}</Typography.Text>}
      </Flex>
      <Card>
        <Table<UnitRow>
          rowKey="unitId"
          size="middle"
          aria-label="超期线索按承办单位汇总"
          columns={unitColumns}
          dataSource={units}
          loading={q.isFetching}
          pagination={false}
          locale={{ emptyText: '目前没有超期的线索' }}
          rowSelection={canRemind ? {
            selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]),
            getCheckboxProps: (u) => ({ 'aria-label': `选择${u.unitName}` }),
          } : undefined}
          expandable={{
            expandedRowKeys: units.map((u) => u.unitId).filter((id) => !collapsed.includes(id)),
            onExpand: (open, u) => setCollapsed((c) => (open ? c.filter((id) => id !== u.unitId) : [...c, u.unitId])),
            expandedRowRender: (u) => (
              <Table<OverdueReportItem> rowKey="id" size="small" columns={itemColumns} dataSource={u.items} pagination={false}
                aria-label={`${u.unitName}的超期线索`} rowClassName={(r) => `xs-mark-${r.mark}`} />
            ),
          }}
        />
      </Card>
      <BulkActionModal
        action={remind ? 'remind' : null}
        rows={(remind ?? []).map((i) => ({ id: i.id, version: i.version, state: i.state, code: i.code }))}
        onClose={() => setRemind(null)}
        onDone={(r) => {
          if (r.failed.length === 0) setSelected([]);
          void queryClient.invalidateQueries({ queryKey: ['clues'] });
        }}
      />
    </>
  );
}
