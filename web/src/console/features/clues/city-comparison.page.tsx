/**
 * 各县区对比 (the city's statistics page): the counties like for like — the same definitions as each county's own
 * dashboard — ranked, with their rates side by side and month-by-month trends.
 */
import { lazy, Suspense, useState } from 'react';
import { Alert, Button, Card, Flex, Radio, Segmented, Skeleton, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../../../shared/api.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { OFFICE_PRESETS, useOfficePeriod } from './office-period.ts';
import type { CountyFiguresRow } from '@xs/core/schemas/clues-office.ts';

const RateBars = lazy(() => import('./office-charts.tsx').then((m) => ({ default: m.RateBars })));
const TrendLines = lazy(() => import('./office-charts.tsx').then((m) => ({ default: m.TrendLines })));

type CountyRow = CountyFiguresRow;

const rate = (v: number | null) => (v === null ? '—' : `${v}%`);
const short = (name: string) => name.replace('政协', '');

export function CityComparison() {
  const period = useOfficePeriod();
  const [trendOf, setTrendOf] = useState<'received' | 'resolved'>('received');
  const q = useQuery({
    queryKey: ['clues', 'figures', 'counties', period.query],
    queryFn: () => api.get<{ months: string[]; rows: CountyRow[] }>('/clues/figures/counties', period.query),
    placeholderData: keepPreviousData,
  });
  const rows = q.data?.rows ?? [];
  return (
    <>
      <PageHeader title="各县区对比" description="各县区直通政协线索同口径对比：采纳率、办结率、按期办结率、满意率、在办超期和退回。排名综合按期办结率、满意率和办结率，不看线索多少。" />
      <Flex vertical gap={16}>
        <Card size="small">
          <Radio.Group optionType="button" value={period.preset} options={OFFICE_PRESETS} onChange={(e) => period.setPreset(e.target.value)} aria-label="统计期间" />
        </Card>
        {q.isError && (
          <Alert type="error" showIcon title={isApiError(q.error) ? q.error.message : '加载失败'} action={<Button size="small" onClick={() => void q.refetch()}>重试</Button>} />
        )}
        {!q.data ? <Card><Skeleton active /></Card> : (
          <>
            <Card title={`排名（${rows.length} 个县区）`}>
              <Table<CountyRow> rowKey="tenantId" size="small" pagination={false} dataSource={rows} aria-label="各县区排名"
                columns={[
                  { title: '排名', dataIndex: 'rank', width: 64, align: 'center', render: (v: number) => (v ? (v <= 3 ? <Tag color="gold">{v}</Tag> : v) : '—') },
                  { title: '县区', dataIndex: 'name', render: short },
                  { title: '收到', dataIndex: 'received', align: 'right', sorter: (a, b) => a.received - b.received },
                  { title: '采纳率', dataIndex: 'adoptionRate', align: 'right', render: rate },
                  { title: '办结率', dataIndex: 'resolvedRate', align: 'right', render: rate, sorter: (a, b) => (a.resolvedRate ?? -1) - (b.resolvedRate ?? -1) },
                  { title: '按期办结率', dataIndex: 'onTimeRate', align: 'right', render: rate, sorter: (a, b) => (a.onTimeRate ?? -1) - (b.onTimeRate ?? -1) },
                  { title: '满意率', dataIndex: 'satisfactionRate', align: 'right', render: rate, sorter: (a, b) => (a.satisfactionRate ?? -1) - (b.satisfactionRate ?? -1) },
                  { title: '在办超期', dataIndex: 'overdueOpen', align: 'right', render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0) },
                  { title: '退回', dataIndex: 'returned', align: 'right' },
                  { title: '平均办理（工作日）', dataIndex: 'avgHandlingDays', align: 'right', render: (v: number | null) => v ?? '—' },
                ]} />
            </Card>
            <Card title="按期办结率、满意率和收到线索">
              <Suspense fallback={<Skeleton active />}>
                <RateBars label={`各县区：${rows.map((r) => `${short(r.name)} 按期 ${rate(r.onTimeRate)}，满意 ${rate(r.satisfactionRate)}，收到 ${r.received} 条`).join('；')}`}
                  names={rows.map((r) => short(r.name))}
                  series={[
                    { name: '按期办结率', data: rows.map((r) => r.onTimeRate), color: '#1677ff' },
                    { name: '满意率', data: rows.map((r) => r.satisfactionRate), color: '#52c41a' },
                  ]}
                  count={{ name: '收到线索', data: rows.map((r) => r.received), color: '#d46b08' }} />
              </Suspense>
            </Card>
            <Card title="逐月趋势（近 12 个月）" extra={<Segmented value={trendOf} onChange={(v) => setTrendOf(v as 'received' | 'resolved')}
              options={[{ value: 'received', label: '收到' }, { value: 'resolved', label: '办结' }]} />}>
              <Suspense fallback={<Skeleton active />}>
                <TrendLines months={q.data.months} label={`各县区近 12 个月${trendOf === 'received' ? '收到' : '办结'}线索数`}
                  lines={rows.map((r) => ({ name: short(r.name), data: r.trend.map((m) => m[trendOf]) }))} />
              </Suspense>
            </Card>
          </>
        )}
      </Flex>
    </>
  );
}

export default CityComparison;
