/**
 * 单位办理情况: by unit — 交办数, 按期办结率, 满意率, 超期数, 退回数 — ranked, with a chart and an Excel export.
 */
import { lazy, Suspense, useState } from 'react';
import { Alert, App, Button, Card, Dropdown, Flex, Radio, Result, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { FileWordOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../../../shared/api.ts';
import { ExportButton } from '../../components/export-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useSession } from '../../session.tsx';
import { OFFICE_PRESETS, useOfficePeriod } from './office-period.ts';
import type { UnitFigures, UnitFiguresRow } from '@xs/core/schemas/clues-office.ts';

const RateBars = lazy(() => import('./office-charts.tsx').then((m) => ({ default: m.RateBars })));

/** 办理情况通报 (Word) for this or the last month or quarter. */
function BulletinButton() {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const now = dayjs();
  const lastMonth = now.subtract(1, 'month');
  const quarter = (d: dayjs.Dayjs) => Math.floor(d.month() / 3) + 1;
  const lastQuarter = now.subtract(3, 'month');
  const options = [
    { key: `month/${now.year()}/${now.month() + 1}`, label: `${now.year()}年${now.month() + 1}月通报` },
    { key: `month/${lastMonth.year()}/${lastMonth.month() + 1}`, label: `${lastMonth.year()}年${lastMonth.month() + 1}月通报` },
    { key: `quarter/${now.year()}/${quarter(now)}`, label: `${now.year()}年第${quarter(now)}季度通报` },
    { key: `quarter/${lastQuarter.year()}/${quarter(lastQuarter)}`, label: `${lastQuarter.year()}年第${quarter(lastQuarter)}季度通报` },
  ];
  const run = async (key: string) => {
    const [period, year, n] = key.split('/');
    setBusy(true);
    try {
      await api.download('/clues/reports/bulletin', { period, year, n }, '办理情况通报.docx');
    } catch (err) {
      message.error(isApiError(err) ? err.message : '生成失败，请稍后再试');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dropdown trigger={['click']} menu={{ items: options, onClick: ({ key }) => void run(key) }}>
      <Button icon={<FileWordOutlined aria-hidden />} loading={busy}>办理情况通报</Button>
    </Dropdown>
  );
}

const rate = (v: number | null) => (v === null ? '—' : `${v}%`);
const rateColor = (v: number | null) => (v === null ? undefined : v >= 90 ? 'green' : v >= 70 ? 'gold' : 'red');

/** Units belong to a county: the city sees them after switching into one (its own page compares the counties). */
export default function UnitFiguresPage() {
  const me = useSession();
  if (me.tenant.kind === 'city') {
    return (
      <>
        <PageHeader title="单位办理情况" />
        <Card><Result status="info" title="承办单位属于各县区" subTitle="请在顶部切换到某个县区查看该县区各承办单位的办理情况；各县区之间的对比见“统计”。" /></Card>
      </>
    );
  }
  return <CountyUnitFigures />;
}

function CountyUnitFigures() {
  const period = useOfficePeriod();
  const q = useQuery({
    queryKey: ['clues', 'figures', 'units', period.query],
    queryFn: () => api.get<UnitFigures>('/clues/figures/units', period.query),
    placeholderData: keepPreviousData,
  });
  const t = q.data?.total;
  return (
    <>
      <PageHeader title="单位办理情况" description="各承办单位的交办、答复、按期、超期、退回和群众满意情况，按按期办结率排名（其次满意率、超期数）。"
        extra={<Space><BulletinButton /><ExportButton path="/clues/figures/units/export" query={period.query} /></Space>} />
      <Flex vertical gap={16}>
        <Card size="small">
          <Radio.Group optionType="button" value={period.preset} options={OFFICE_PRESETS} onChange={(e) => period.setPreset(e.target.value)} aria-label="统计期间" />
        </Card>
        {q.isError && (
          <Alert type="error" showIcon title={isApiError(q.error) ? q.error.message : '加载失败'} action={<Button size="small" onClick={() => void q.refetch()}>重试</Button>} />
        )}
        {!q.data ? <Card><Skeleton active /></Card> : (
          <>
            <Card>
              <Flex gap={48} wrap>
                <Statistic title="交办" value={t!.assigned} suffix="件" />
                <Statistic title="已答复" value={t!.replied} suffix="件" />
                <Statistic title="按期办结率" value={rate(t!.onTimeRate)} />
                <Statistic title="满意率" value={rate(t!.satisfactionRate)} />
                <Statistic title="超期" value={t!.overdue} suffix="件" valueStyle={t!.overdue ? { color: '#cf1322' } : undefined} />
                <Statistic title="退回" value={t!.returned} suffix="件" />
              </Flex>
            </Card>
            <Card title="按期办结率和满意率">
              <Suspense fallback={<Skeleton active />}>
                <RateBars label={`各单位按期办结率和满意率：${q.data.rows.map((r) => `${r.unitName} 按期 ${rate(r.onTimeRate)}，满意 ${rate(r.satisfactionRate)}`).join('；')}`}
                  names={q.data.rows.map((r) => r.unitName)}
                  series={[
                    { name: '按期办结率', data: q.data.rows.map((r) => r.onTimeRate), color: '#1677ff' },
                    { name: '满意率', data: q.data.rows.map((r) => r.satisfactionRate), color: '#52c41a' },
                  ]}
                  count={{ name: '超期数', data: q.data.rows.map((r) => r.overdue), color: '#cf1322' }} />
              </Suspense>
            </Card>
            <Card title="排名">
              <Table<UnitFiguresRow> rowKey="unitId" size="middle" pagination={false} dataSource={q.data.rows} aria-label="承办单位办理情况排名"
                locale={{ emptyText: '这段时间没有转办给单位的线索' }}
                columns={[
                  { title: '排名', dataIndex: 'rank', width: 70, align: 'center' },
                  { title: '承办单位', dataIndex: 'unitName' },
                  { title: '交办', dataIndex: 'assigned', align: 'right', sorter: (a, b) => a.assigned - b.assigned },
                  { title: '已答复', dataIndex: 'replied', align: 'right' },
                  { title: '按期办结率', dataIndex: 'onTimeRate', align: 'right', sorter: (a, b) => (a.onTimeRate ?? -1) - (b.onTimeRate ?? -1),
                    render: (v: number | null) => <Tag color={rateColor(v)}>{rate(v)}</Tag> },
                  { title: '满意率', dataIndex: 'satisfactionRate', align: 'right', sorter: (a, b) => (a.satisfactionRate ?? -1) - (b.satisfactionRate ?? -1),
                    render: (v: number | null, r) => <span>{rate(v)} <Typography.Text type="secondary">（{r.rated} 评）</Typography.Text></span> },
                  { title: '超期', dataIndex: 'overdue', align: 'right', sorter: (a, b) => a.overdue - b.overdue,
                    render: (v: number) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : 0) },
                  { title: '退回', dataIndex: 'returned', align: 'right', sorter: (a, b) => a.returned - b.returned },
                  { title: '在办', dataIndex: 'open', align: 'right' },
                ]} />
            </Card>
          </>
        )}
      </Flex>
    </>
  );
}
