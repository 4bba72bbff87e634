/**
 * 审计日志 (等保2.0): every login, admin change and transition, append-only. Filter by text, action,
 * result and date (China time); each entry opens to show what the record was before and after.
 */
import { DatePicker, Flex, Tag, Typography, type TableColumnsType } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api } from '../../../shared/api.ts';
import type { AuditEntry } from '@xs/core/schemas/audit.ts';
import type { Page } from '../../../shared/types.ts';
import { DataTable } from '../../components/data-table.tsx';
import { ExportButton } from '../../components/export-button.tsx';
import { FilterBar, ListFilterSelect } from '../../components/filter-bar.tsx';
import { ListPage } from '../../components/list-page.tsx';
import { useListState } from '../../components/list-state.ts';
import { formatTime } from '../../components/time.ts';
import { ACTION_FILTERS, actionLabel } from './audit-labels.ts';

function Json({ label, value }: { label: string; value: unknown }) {
  return (
    <div style={{ flex: '1 1 320px', minWidth: 0 }}>
      <Typography.Text strong>{label}</Typography.Text>
      {value === null || value === undefined
        ? <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>（无）</Typography.Paragraph>
        : <pre className="xs-json" tabIndex={0} role="region" aria-label={label}>{JSON.stringify(value, null, 2)}</pre>}
    </div>
  );
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The keys whose value the change set (present in `after` and different from `before`). */
function changedKeys(before: unknown, after: unknown): string[] {
  if (!isRecord(after)) return [];
  return Object.keys(after).filter((k) => after[k] !== undefined
    && (!isRecord(before) || JSON.stringify(before[k]) !== JSON.stringify(after[k])));
}

function Details({ entry }: { entry: AuditEntry }) {
  const changed = entry.before !== null && entry.after !== null ? changedKeys(entry.before, entry.after) : [];
  return (
    <div style={{ padding: '4px 8px' }}>
      {changed.length > 0 && (
        <Typography.Paragraph style={{ marginBottom: 8 }}>
          变更字段：{changed.map((k) => <Tag key={k}>{k}</Tag>)}
        </Typography.Paragraph>
      )}
      <Flex gap={16} wrap>
        <Json label="修改前" value={entry.before} />
        <Json label="修改后 / 提交内容" value={entry.after} />
      </Flex>
    </div>
  );
}

export default function AuditPage() {
  const list = useListState({ keys: ['q', 'action', 'result', 'from', 'to'], defaultPageSize: 50 });
  const { from, to } = list.filters;
  const range: [dayjs.Dayjs | null, dayjs.Dayjs | null] | null = from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null;
  const q = useQuery({
    queryKey: ['/audit', 'list', list.query],
    queryFn: () => api.get<Page<AuditEntry>>('/audit', list.query),
    placeholderData: keepPreviousData,
  });

  const columns: TableColumnsType<AuditEntry> = [
    { title: '时间', dataIndex: 'at', width: 170, render: (t: string) => formatTime(t, true) },
    { title: '操作人', dataIndex: 'actorName', render: (n: string | null) => n ?? '—' },
    { title: '操作', dataIndex: 'action', render: (a: string) => <Tag title={a}>{actionLabel(a)}</Tag> },
    { title: '描述', dataIndex: 'summary' },
    {
      title: '结果', dataIndex: 'result',
      render: (r: AuditEntry['result']) => (r === 'success' ? <Tag color="green">成功</Tag> : <Tag color="red">失败</Tag>),
    },
    { title: 'IP', dataIndex: 'ip', render: (ip: string | null) => ip ?? '—' },
  ];

  return (
    <ListPage
      title="审计日志"
      description="所有登录、管理操作和业务流转的记录，只增不改，保存不少于 180 天。时间为北京时间。"
      extra={<ExportButton path="/audit/export" query={list.filterQuery} fileName="审计日志.xlsx" />}
      filters={
        <FilterBar label="筛选审计日志" searchLabel="关键词（描述、操作、操作人）" searchPlaceholder="关键词：描述、操作人" list={list}>
          <ListFilterSelect list={list} name="action" label="操作类型" width={200} options={ACTION_FILTERS} />
          <ListFilterSelect list={list} name="result" label="结果" width={120}
            options={[{ value: 'success', label: '成功' }, { value: 'failure', label: '失败' }]} />
          <DatePicker.RangePicker aria-label="日期范围" value={range} allowEmpty={[true, true]}
            onChange={(v) => list.setFilters({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })} />
        </FilterBar>
      }
      query={q}
    >
      <DataTable<AuditEntry>
        list={list}
        data={q.data}
        loading={q.isFetching}
        columns={columns}
        expandable={{
          expandedRowRender: (r) => <Details entry={r} />,
          rowExpandable: (r) => r.before !== null || r.after !== null,
        }}
      />
    </ListPage>
  );
}
