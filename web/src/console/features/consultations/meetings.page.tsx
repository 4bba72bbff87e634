/**
 * 协商活动: a month's meetings and activities as a calendar and a list, and the form that arranges one. A
 * dashboard figure opens it with its filters in the address (a period, held only, service activities only or
 * excluded, a kind): then it is that figure's list, paged, with its total and the beneficiaries' sum.
 */
import { useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Badge, Button, Calendar, Card, Flex, Segmented, Select, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { MEETING_KINDS } from '@xs/core/schemas/consultations.ts';
import { api, isApiError } from '../../../shared/api.ts';
import { ExportButton } from '../../components/export-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { formatTime } from '../../components/time.ts';
import { useCan } from '../../session.tsx';
import { KIND_OPTIONS } from './labels.ts';
import type { MeetingItem, MeetingPage } from '@xs/core/schemas/consultations.ts';
import { MeetingFormModal } from './meeting-form.tsx';

const STATE_TAG: Record<string, ReactNode> = { held: <Tag color="green">已召开</Tag>, planned: <Tag>待召开</Tag>, cancelled: <Tag color="default">已取消</Tag> };
const DRILL_KEYS = ['from', 'to', 'state', 'service', 'kind'] as const;

/** What a drill-down's filters mean, in words for the header. */
function describe(f: Record<string, string>): string {
  const parts = [`${f.from ?? '…'} 至 ${f.to ?? '…'}`];
  if (f.state === 'held') parts.push('已召开');
  if (f.service === 'only') parts.push('服务群众活动');
  if (f.service === 'exclude') parts.push('不含服务群众活动');
  if (f.kind) parts.push(MEETING_KINDS[f.kind as keyof typeof MEETING_KINDS] ?? f.kind);
  return parts.join('，');
}

const columns = [
  { title: '时间', dataIndex: 'startsAt', width: 160, render: (d: string) => formatTime(d).slice(0, 16) },
  { title: '类型', dataIndex: 'kindLabel', width: 150 },
  { title: '名称', dataIndex: 'title', render: (s: string, m: MeetingItem) => <Link to={`/consultations/meetings/${m.id}`}>{s}</Link> },
  { title: '地点', dataIndex: 'placeName', width: 140, render: (p: string | null, m: MeetingItem) => p ?? m.venueName ?? '—' },
  { title: '公开报名', dataIndex: 'openToPublic', width: 100, render: (o: boolean) => (o ? <Tag color="blue">公开</Tag> : '—') },
  { title: '受益人数', dataIndex: 'beneficiaries', width: 100, render: (n: number | null) => n ?? '—' },
  { title: '状态', dataIndex: 'state', width: 100, render: (s: string) => STATE_TAG[s] ?? s },
];

export default function MeetingsPage() {
  const [params, setParams] = useSearchParams();
  const drill = Object.fromEntries(DRILL_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : []))) as Record<string, string>;
  return drill.from || drill.to ? <DrillList filters={drill} onClear={() => setParams({})} /> : <MonthView />;
}

/** A dashboard figure's list. */
function DrillList({ filters, onClear }: { filters: Record<string, string>; onClear: () => void }) {
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const query = { ...filters, ...page };
  const q = useQuery({ queryKey: ['consult', 'meetings', 'drill', query], queryFn: () => api.get<MeetingPage>('/consultations/meetings', query), placeholderData: keepPreviousData });
  return (
    <>
      <PageHeader title="协商活动" description={`统计清单：${describe(filters)}`}
        extra={<><ExportButton path="/consultations/meetings/export" query={filters} /><Button onClick={onClear}>返回月历</Button></>} />
      <Card>
        {q.isError && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={isApiError(q.error) ? q.error.message : '加载失败'} />}
        <Typography.Paragraph>共 {q.data?.total ?? '…'} 项{filters.service === 'only' ? `，受益群众合计 ${q.data?.beneficiaries ?? '…'} 人` : ''}</Typography.Paragraph>
        <Table<MeetingItem> rowKey="id" size="middle" loading={q.isFetching} dataSource={q.data?.items ?? []} columns={columns}
          pagination={{ current: page.page, pageSize: page.pageSize, total: q.data?.total ?? 0, showTotal: (t) => `共 ${t} 项`, onChange: (p, s) => setPage({ page: p, pageSize: s }) }} />
      </Card>
    </>
  );
}

function MonthView() {
  const can = useCan();
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const [kind, setKind] = useState<string | undefined>();
  const [view, setView] = useState<'calendar' | 'list'>('calendar');
  const [creating, setCreating] = useState(false);
  const query = { from: month.startOf('month').format('YYYY-MM-DD'), to: month.endOf('month').format('YYYY-MM-DD'), kind };
  const q = useQuery({ queryKey: ['consult', 'meetings', query], queryFn: () => api.get<MeetingPage>('/consultations/meetings', query) });
  const items = q.data?.items ?? [];
  return (
    <>
      <PageHeader title="协商活动" description="协商会、调研、视察、考察、界别活动、委员会客厅接待日和服务群众活动：时间、地点、参加人员、扫码签到、纪要和共提共答。向群众公开的活动可在手机上报名作为群众代表。"
        extra={<>
          <ExportButton path="/consultations/meetings/export" query={query} />
          {can('consult.manage') && <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>安排活动</Button>}
        </>} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 12 }}>
          <Segmented value={view} onChange={(v) => setView(v as 'calendar' | 'list')} options={[{ value: 'calendar', label: '月历' }, { value: 'list', label: '列表' }]} />
          <Select allowClear placeholder="活动类型" aria-label="按类型筛选" style={{ width: 180 }} options={KIND_OPTIONS} onChange={setKind} />
          <Tag color="blue">{month.format('YYYY 年 M 月')}：{items.length} 项</Tag>
        </Flex>
        {view === 'calendar' ? (
          <Calendar value={month} onPanelChange={(d) => setMonth(d)} onSelect={(d) => setMonth(d)}
            cellRender={(d, info) => {
              if (info.type !== 'date') return info.originNode;
              const day = items.filter((m) => dayjs(m.startsAt).isSame(d, 'day'));
              return <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>{day.map((m) => (
                <li key={m.id}><Link to={`/consultations/meetings/${m.id}`}><Badge status={m.state === 'held' ? 'success' : 'processing'} text={`${m.kindLabel}·${m.title}`} /></Link></li>
              ))}</ul>;
            }} />
        ) : (
          <Table<MeetingItem> rowKey="id" size="middle" loading={q.isFetching} dataSource={items} pagination={false} columns={columns} />
        )}
      </Card>
      <MeetingFormModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
