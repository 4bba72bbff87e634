/**
 * 直通政协统计: for any period, the 嵩县 funnel 收到 → 采纳 → 转办/上报 → 办结, satisfaction, handling time,
 * overdue and conversions, and the clues by category, township, channel and month. Every number is
 * shown as text as well as in a chart.
 */
import { lazy, Suspense } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Card, Col, DatePicker, Flex, Radio, Row, Skeleton, Statistic, Table, Tabs, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api, isApiError, type Query } from '../../../shared/api.ts';
import { ExportButton } from '../../components/export-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { listLink } from './list-link.ts';
import { useSession } from '../../session.tsx';
import { CityComparison } from './city-comparison.page.tsx';
import type { ClueStats, StatsGroup } from '@xs/core/schemas/clues.ts';

const Charts = lazy(() => import('./stats-charts.tsx'));
const ChannelPie = lazy(() => import('./stats-charts.tsx').then((m) => ({ default: m.ChannelPie })));

type Preset = 'month' | 'quarter' | 'year' | 'all' | 'custom';
const PRESETS: { value: Exclude<Preset, 'custom'>; label: string }[] = [
  { value: 'month', label: '本月' },
  { value: 'quarter', label: '本季度' },
  { value: 'year', label: '本年' },
  { value: 'all', label: '全部' },
];

function presetRange(p: Preset, today = dayjs()): [Dayjs, Dayjs] | null {
  switch (p) {
    case 'month': return [today.startOf('month'), today.endOf('month')];
    case 'quarter': {
      const start = today.month(Math.floor(today.month() / 3) * 3).startOf('month');
      return [start, start.add(2, 'month').endOf('month')];
    }
    case 'year': return [today.startOf('year'), today.endOf('year')];
    default: return null;
  }
}

function usePeriod() {
  const [params, setParams] = useSearchParams();
  const raw = params.get('period');
  const preset: Preset = raw === 'month' || raw === 'quarter' || raw === 'all' || raw === 'custom' ? raw : 'year';
  const fmt = (d: Dayjs) => d.format('YYYY-MM-DD');
  let from: string | undefined;
  let to: string | undefined;
  if (preset === 'custom') {
    const f = params.get('from');
    const t = params.get('to');
    from = f && dayjs(f).isValid() ? f : undefined;
    to = t && dayjs(t).isValid() ? t : undefined;
  } else {
    const r = presetRange(preset);
    if (r) [from, to] = [fmt(r[0]), fmt(r[1])];
  }
  const setPreset = (p: Preset) => setParams(p === 'year' ? {} : { period: p }, { replace: true });
  const setCustom = (r: [Dayjs | null, Dayjs | null] | null) => {
    if (!r || (!r[0] && !r[1])) return setPreset('all');
    const next: Record<string, string> = { period: 'custom' };
    if (r[0]) next.from = fmt(r[0]);
    if (r[1]) next.to = fmt(r[1]);
    setParams(next, { replace: true });
  };
  return { preset, from, to, setPreset, setCustom };
}

function pct(n: number, of: number): string {
  return of > 0 ? `${Math.round((n / of) * 1000) / 10}%` : '—';
}

function GroupTable({ title, rows, link }: { title: string; rows: StatsGroup<string | number>[]; link: (key: string | number) => string }) {
  return (
    <Table<StatsGroup<string | number>>
      size="small"
      rowKey="key"
      pagination={false}
      aria-label={`按${title}统计`}
      dataSource={rows}
      columns={[
        { title, dataIndex: 'label', render: (label: string, r) => <Link to={link(r.key)} aria-label={`查看${label}的线索`}>{label}</Link> },
        { title: '收到', dataIndex: 'received', align: 'right' },
        { title: '采纳', dataIndex: 'adopted', align: 'right' },
        { title: '办结', dataIndex: 'resolved', align: 'right' },
        { title: '办结率', key: 'rate', align: 'right', render: (_v, r) => pct(r.resolved, r.received) },
      ]}
    />
  );
}

/** The city has no clues of its own: its statistics page compares its counties (city-comparison.page.tsx). */
export default function ClueStatsPage() {
  return useSession().tenant.kind === 'city' ? <CityComparison /> : <CountyStatsPage />;
}

function CountyStatsPage() {
  const period = usePeriod();
  const range = { from: period.from, to: period.to };
  const query: Query = range;
  const q = useQuery({
    queryKey: ['clues', 'stats', query],
    queryFn: () => api.get<ClueStats>('/clues/stats', query),
    placeholderData: keepPreviousData,
  });
  const s = q.data;
  const periodText = period.from || period.to ? `${period.from ?? '最早'} 至 ${period.to ?? '今天'}` : '全部时间';

  return (
    <>
      <PageHeader
        title="直通政协统计"
        description={`统计口径：按线索提交时间，${periodText}。`}
        extra={<ExportButton path="/clues/stats/export" query={query} fileName="线索统计.xlsx" />}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={12} wrap align="center" role="group" aria-label="统计时段">
          <Typography.Text>统计时段：</Typography.Text>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={PRESETS}
            value={period.preset === 'custom' ? undefined : period.preset}
            onChange={(e) => period.setPreset(e.target.value as Preset)}
          />
          <DatePicker.RangePicker
            aria-label="自定义时段"
            placeholder={['开始日期', '结束日期']}
            allowEmpty={[true, true]}
            value={period.preset === 'custom' ? [period.from ? dayjs(period.from) : null, period.to ? dayjs(period.to) : null] : null}
            onChange={(r) => period.setCustom(r)}
          />
        </Flex>
      </Card>
      {q.isError && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={isApiError(q.error) ? q.error.message : '加载失败'}
          action={<Button size="small" onClick={() => void q.refetch()}>重试</Button>} />
      )}
      {!s ? <Card><Skeleton active /></Card> : (
        <Flex vertical gap={16} style={{ opacity: q.isFetching ? 0.6 : 1, transition: 'opacity .2s' }} aria-busy={q.isFetching}>
          <Row gutter={[16, 16]}>
            {[
              { title: '收到线索', value: s.funnel.received, suffix: '条' },
              { title: '采纳', value: s.funnel.adopted, suffix: '条', note: `采纳率 ${pct(s.funnel.adopted, s.funnel.received)}` },
              { title: '转办/上报', value: s.funnel.forwarded, suffix: '条', note: `其中转化 ${s.funnel.converted} 条` },
              { title: '办结', value: s.funnel.resolved, suffix: '条', note: `办结率 ${pct(s.funnel.resolved, s.funnel.received)}` },
              {
                title: '满意率', value: s.satisfaction.rate ?? '—', suffix: s.satisfaction.rate === null ? '' : '%',
                note: `满意 ${s.satisfaction.satisfied} · 基本满意 ${s.satisfaction.basically} · 不满意 ${s.satisfaction.unsatisfied}`,
                help: '（满意 + 基本满意）÷ 已评价数',
              },
              { title: '平均办理', value: s.avgHandlingDays ?? '—', suffix: s.avgHandlingDays === null ? '' : '天', note: '工作日，提交到办结', help: '已办结线索从提交到办结的平均工作日数' },
              { title: '在办超期', value: s.overdueOpen, suffix: '条', danger: s.overdueOpen > 0, link: { to: listLink({ state: 'open', overdue: '1' }, range), text: '查看超期线索' } },
              { title: '转化待接手', value: s.conversionsQueued ?? '—', suffix: s.conversionsQueued === undefined ? '' : '条', help: '转为协商议题、提案线索、社情民意信息，尚待相应模块接手', link: { to: '/clues/conversions', text: '查看转化队列' } },
            ].map((k) => (
              <Col key={k.title} xs={12} md={6} xl={3}>
                <Card size="small" style={{ height: '100%' }}>
                  <Statistic
                    title={k.help ? <span>{k.title} <Tooltip title={k.help}><QuestionCircleOutlined aria-label={k.help} /></Tooltip></span> : k.title}
                    value={k.value}
                    suffix={k.suffix}
                    styles={{ content: k.danger ? { color: '#cf1322' } : undefined }}
                  />
                  {k.note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{k.note}</Typography.Text>}
                  {k.danger && <Typography.Text type="danger" style={{ fontSize: 12, display: 'block' }}>需要催办</Typography.Text>}
                  {k.link && <Link to={k.link.to} style={{ fontSize: 12, display: 'block' }}>{k.link.text}</Link>}
                </Card>
              </Col>
            ))}
          </Row>
          <Suspense fallback={<Card><Skeleton active /></Card>}>
            <Charts stats={s} period={range} />
          </Suspense>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={8}>
              <Card size="small" title="按渠道" style={{ height: '100%' }}>
                <Suspense fallback={<Skeleton active />}><ChannelPie stats={s} period={range} /></Suspense>
              </Card>
            </Col>
            <Col xs={24} xl={16}>
              <Card size="small" title="分组明细" style={{ height: '100%' }}>
                <Tabs
                  size="small"
                  items={[
                    { key: 'category', label: '按类别', children: <GroupTable title="类别" rows={s.byCategory} link={(k) => listLink({ category: k }, range)} /> },
                    { key: 'township', label: '按乡镇/街道', children: <GroupTable title="乡镇/街道" rows={s.byTownship} link={(k) => listLink({ townshipId: k }, range)} /> },
                    { key: 'channel', label: '按渠道', children: <GroupTable title="渠道" rows={s.byChannel} link={(k) => listLink({ channel: k }, range)} /> },
                  ]}
                />
              </Card>
            </Col>
          </Row>
        </Flex>
      )}
    </>
  );
}
