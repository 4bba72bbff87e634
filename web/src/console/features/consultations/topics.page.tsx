/** 协商议题: every topic of the county with filters and Excel export, and the form that opens a new one (also from a clue). */
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Modal, Select, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../../../shared/api.ts';
import { applyServerErrors } from '../../../shared/form-errors.ts';
import type { Page } from '../../../shared/types.ts';
import { ExportButton } from '../../components/export-button.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useTownships } from '../../components/options.ts';
import { formatTime } from '../../components/time.ts';
import { useCan } from '../../session.tsx';
import { FORMAT_OPTIONS, LEVEL_OPTIONS, SOURCE_OPTIONS, STATE_OPTIONS, type TopicDetail, type TopicItem } from './labels.ts';
import type { PendingClueTopic } from '@xs/core/schemas/consultations.ts';

const STATE_COLORS: Record<string, string> = { published: 'green', withdrawn: 'default', implementing: 'processing', feedback: 'gold' };

const columns: TableColumnsType<TopicItem> = [
  { title: '编号', dataIndex: 'code', width: 120, render: (code: string, r) => <Link to={`/consultations/topics/${r.id}`} aria-label={`查看协商议题 ${code}`}>{code}</Link> },
  { title: '议题', dataIndex: 'title' },
  { title: '形式', dataIndex: 'formatLabel', width: 110 },
  { title: '层级', dataIndex: 'levelLabel', width: 110, render: (l: string, r) => (r.placeName ? `${l}·${r.placeName}` : l) },
  { title: '来源', dataIndex: 'sourceLabel', width: 100 },
  { title: '阶段', dataIndex: 'stateLabel', width: 140, render: (l: string, r) => <Tag color={STATE_COLORS[r.state] ?? 'blue'}>{r.stage >= 0 ? `${r.stage + 1}/8 ` : ''}{l}</Tag> },
  { title: '新建', dataIndex: 'createdAt', width: 110, render: (d: string) => formatTime(d).slice(0, 10) },
];

const PERIOD_KEYS = ['from', 'to', 'publishedFrom', 'publishedTo', 'active'] as const;

/** The dashboard's scope in words: 新建于 2026-01-01 至 2026-12-31，不含已撤销. */
function describePeriod(p: Record<string, string>): string {
  const parts: string[] = [];
  if (p.from || p.to) parts.push(`新建于 ${p.from ?? '…'} 至 ${p.to ?? '…'}`);
  if (p.publishedFrom || p.publishedTo) parts.push(`公开于 ${p.publishedFrom ?? '…'} 至 ${p.publishedTo ?? '…'}`);
  if (p.active) parts.push('不含已撤销');
  return parts.join('，');
}

function CreateTopicModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const nav = useNavigate();
  const townships = useTownships();
  const [form] = Form.useForm();
  const source = Form.useWatch('source', form);
  const level = Form.useWatch('level', form);
  const pending = useQuery({ queryKey: ['consult', 'clue-conversions'], queryFn: () => api.get<{ items: PendingClueTopic[] }>('/consultations/clue-conversions'), enabled: open });
  const create = useMutation({
    mutationFn: (v: Record<string, unknown>) => api.post<TopicDetail>('/consultations/topics', v),
    onSuccess: (t) => { message.success(`已新建议题 ${t.code}`); onClose(); void nav(`/consultations/topics/${t.id}`); },
    onError: (err) => applyServerErrors(form, err, message),
  });
  return (
    <Modal open={open} title="新建协商议题" okText="新建" confirmLoading={create.isPending} width={640} destroyOnHidden onCancel={onClose}
      onOk={() => void form.validateFields().then((v) => create.mutate(v))}>
      <Form form={form} layout="vertical" initialValues={{ source: 'party_gov', format: 'special', level: 'county' }}>
        <Form.Item name="source" label="议题来源" rules={[{ required: true }]}><Select options={SOURCE_OPTIONS} /></Form.Item>
        {source === 'clue' && (
          <Form.Item name="clueLinkId" label="待转化的民意线索" rules={[{ required: true, message: '请选择线索' }]}>
            <Select loading={pending.isLoading} notFoundContent="没有待转为议题的线索"
              options={(pending.data?.items ?? []).map((p) => ({ value: p.linkId, label: `${p.clueCode ?? ''} ${p.title ?? p.content?.slice(0, 30) ?? ''}` }))}
              onChange={(v) => { const p = pending.data?.items.find((x) => x.linkId === v); if (p?.title && !form.getFieldValue('title')) form.setFieldValue('title', p.title); }} />
          </Form.Item>
        )}
        <Form.Item name="title" label="议题" rules={[{ required: true, message: '请填写议题' }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="description" label="背景和说明"><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="format" label="协商形式" rules={[{ required: true }]}><Select options={FORMAT_OPTIONS} style={{ width: 160 }} /></Form.Item>
          <Form.Item name="level" label="层级" rules={[{ required: true }]}><Select options={LEVEL_OPTIONS} style={{ width: 140 }} /></Form.Item>
          {level !== 'county' && <Form.Item name="placeId" label="乡镇" rules={[{ required: true, message: '请选择乡镇' }]}><Select options={townships.options} style={{ width: 160 }} /></Form.Item>}
        </Flex>
        <Flex gap={12}>
          <Form.Item name="planYear" label="列入年度计划（年）"><InputNumber min={2000} max={2100} style={{ width: 120 }} /></Form.Item>
          <Form.Item name="planMonth" label="计划月份"><InputNumber min={1} max={12} style={{ width: 100 }} /></Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

export default function TopicsPage() {
  const can = useCan();
  const townships = useTownships();
  const [params] = useSearchParams();
  // The dashboard drills down here with its bar's filter in the address.
  const [filters, setFilters] = useState<Record<string, string | number | undefined>>(() => Object.fromEntries(['state', 'format', 'level', 'source', 'placeId']
    .flatMap((k) => (params.get(k) ? [[k, k === 'placeId' ? Number(params.get(k)) : params.get(k)!]] : []))));
  // A dashboard figure's period and scope, shown as one tag that can be closed.
  const [period, setPeriod] = useState<Record<string, string>>(() => Object.fromEntries(PERIOD_KEYS.flatMap((k) => (params.get(k) ? [[k, params.get(k)!]] : []))));
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const query = { ...filters, ...period, ...page };
  const q = useQuery({ queryKey: ['consult', 'topics', query], queryFn: () => api.get<Page<TopicItem>>('/consultations/topics', query), placeholderData: keepPreviousData });
  const set = (k: string) => (v: string | number | undefined) => { setFilters((f) => ({ ...f, [k]: v || undefined })); setPage((p) => ({ ...p, page: 1 })); };
  return (
    <>
      <PageHeader title="协商议题" description="知情明政 → 收集民意 → 提出议题 → 充分调研 → 圆桌协商 → 党政决议 → 督促落实 → 反馈公开：每一步都要有材料才能进入下一步。微协商、有事好商量走现场协商快速通道。"
        extra={<>
          <ExportButton path="/consultations/topics/export" query={{ ...filters, ...period }} />
          {can('consult.manage') && <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>新建议题</Button>}
        </>} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} role="search" aria-label="筛选协商议题">
          <Select allowClear placeholder="阶段" aria-label="按阶段筛选" style={{ width: 130 }} options={STATE_OPTIONS} value={filters.state} onChange={set('state')} />
          <Select allowClear placeholder="协商形式" aria-label="按形式筛选" style={{ width: 140 }} options={FORMAT_OPTIONS} value={filters.format} onChange={set('format')} />
          <Select allowClear placeholder="层级" aria-label="按层级筛选" style={{ width: 130 }} options={LEVEL_OPTIONS} value={filters.level} onChange={set('level')} />
          <Select allowClear placeholder="来源" aria-label="按来源筛选" style={{ width: 130 }} options={SOURCE_OPTIONS} value={filters.source} onChange={set('source')} />
          <Select allowClear placeholder="乡镇" aria-label="按乡镇筛选" style={{ width: 140 }} options={[{ value: 0, label: '县级（未选乡镇）' }, ...townships.options]}
            value={filters.placeId as number | undefined} onChange={(v: number | undefined) => { setFilters((f) => ({ ...f, placeId: v ?? undefined })); setPage((p) => ({ ...p, page: 1 })); }} />
          {Object.keys(period).length > 0 && (
            <Tag closable color="blue" style={{ alignSelf: 'center' }} onClose={() => { setPeriod({}); setPage((p) => ({ ...p, page: 1 })); }}>{describePeriod(period)}</Tag>
          )}
          <Input.Search placeholder="搜索议题或编号" aria-label="搜索议题或编号" allowClear enterButton="搜索" style={{ width: 240 }} maxLength={100} onSearch={(v) => set('q')(v.trim())} />
        </Flex>
        {q.isError && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={isApiError(q.error) ? q.error.message : '加载失败'} />}
        <Table<TopicItem> rowKey="id" size="middle" columns={columns} dataSource={q.data?.items ?? []} loading={q.isFetching}
          pagination={{ current: page.page, pageSize: page.pageSize, total: q.data?.total ?? 0, showTotal: (t) => `共 ${t} 个议题`, onChange: (p, s) => setPage({ page: p, pageSize: s }) }} />
      </Card>
      <CreateTopicModal open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
