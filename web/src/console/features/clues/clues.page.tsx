/**
 * 线索分拣: the staff's triage queue. Filters (kept in the URL), Chinese full-text search, bulk
 * actions on the selected rows, Excel export of exactly what is filtered.
 */
import { useEffect, useMemo, useState } from 'react';
import { Link, useLocation } from 'react-router';
import {
  Alert, Button, Card, Checkbox, DatePicker, Flex, Input, Select, Table, Typography, type TableColumnsType,
} from 'antd';
import { BellOutlined, CheckOutlined, CloseOutlined, InboxOutlined, ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, isApiError } from '../../../shared/api.ts';
import type { Page } from '../../../shared/types.ts';
import { ExportButton } from '../../components/export-button.tsx';
import { useTownships, useUnits } from '../../components/options.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { DateTimeCell, TwoLines } from '../../components/two-lines.tsx';
import { useCan } from '../../session.tsx';
import { BULK_LABELS, BulkActionModal, type BulkAction } from './bulk-action.modal.tsx';
import { CATEGORY_OPTIONS, CHANNEL_OPTIONS, DueText, STATE_OPTIONS, StateTag, markRowClass } from './labels.tsx';
import { listPagination, useListState, type Filters } from './list-filters.ts';
import { saveQueue } from './queue.ts';
import type { ClueListItem } from '@xs/core/schemas/clues.ts';

export const CLUES_KEY = 'clues';
const mono = { fontFamily: 'ui-monospace, Consolas, monospace' };

/** 全选本页: selects or clears the rows of this page, keeping the selections made on other pages. */
function PageCheckbox({ rows, selected, onChange }: {
  rows: ClueListItem[];
  selected: Map<number, ClueListItem>;
  onChange: (next: Map<number, ClueListItem>) => void;
}) {
  const onPage = rows.filter((r) => selected.has(r.id)).length;
  const all = rows.length > 0 && onPage === rows.length;
  return (
    <Checkbox
      aria-label="全选本页"
      checked={all}
      indeterminate={onPage > 0 && !all}
      disabled={rows.length === 0}
      onChange={(e) => {
        const next = new Map(selected);
        for (const r of rows) {
          if (e.target.checked) next.set(r.id, r);
          else next.delete(r.id);
        }
        onChange(next);
      }}
    />
  );
}

function SearchBox({ value, onSearch }: { value: string; onSearch: (v: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <Input.Search
      aria-label="全文搜索（内容、地点、查询码）"
      placeholder="搜索内容、地点或查询码"
      allowClear
      enterButton="搜索"
      style={{ width: 300 }}
      maxLength={100}
      value={text}
      onChange={(e) => setText(e.target.value)}
      onSearch={(v) => onSearch(v.trim())}
    />
  );
}

export default function CluesPage() {
  const can = useCan();
  const canTriage = can('clue.triage');
  const location = useLocation();
  const queryClient = useQueryClient();
  const list = useListState();
  const { filters, setFilters } = list;
  const townships = useTownships();
  const units = useUnits();
  const [selected, setSelected] = useState<Map<number, ClueListItem>>(new Map());
  const [bulk, setBulk] = useState<BulkAction | null>(null);

  const q = useQuery({
    queryKey: [CLUES_KEY, 'list', list.query],
    queryFn: () => api.get<Page<ClueListItem>>('/clues', list.query),
    placeholderData: keepPreviousData,
  });

  // The detail page offers 上一条 / 下一条 through this page of the list and a way back to it.
  useEffect(() => {
    if (q.data) saveQueue({ ids: q.data.items.map((i) => i.id), listUrl: location.pathname + location.search });
  }, [q.data, location.pathname, location.search]);

  // Selected rows follow the list's fresh versions (e.g. after a bulk action some failed and were reloaded).
  useEffect(() => {
    const items = q.data?.items;
    if (!items) return;
    setSelected((cur) => {
      if (!items.some((i) => cur.has(i.id) && cur.get(i.id)!.version !== i.version)) return cur;
      const next = new Map(cur);
      for (const i of items) if (next.has(i.id)) next.set(i.id, i);
      return next;
    });
  }, [q.data]);

  const set = (k: keyof Filters) => (v: string | number | undefined | null) => setFilters({ [k]: v === undefined || v === null ? undefined : String(v) });
  const num = (v: string | undefined) => (v ? Number(v) : undefined);

  const columns: TableColumnsType<ClueListItem> = useMemo(() => [
    {
      title: '查询码', dataIndex: 'code', width: 108,
      render: (code: string, r) => <Link to={`/clues/${r.id}`} aria-label={`打开线索 ${code}`} style={mono}>{code}</Link>,
    },
    {
      title: '提交时间', dataIndex: 'createdAt', width: 96,
      render: (t: string) => <DateTimeCell iso={t} />,
    },
    { title: '类别', dataIndex: 'categoryLabel', width: 82 },
    {
      title: '摘要', dataIndex: 'summary',
      render: (s: string, r) => (
        <Link to={`/clues/${r.id}`} style={{ color: 'inherit' }} tabIndex={-1}>
          <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 2, tooltip: s }}>
            {r.kind === 'suggestion' && <Typography.Text type="secondary">【建议】</Typography.Text>}{s}
          </Typography.Paragraph>
        </Link>
      ),
    },
    { title: '乡镇', dataIndex: 'townshipName', width: 92, render: (t: string, r) => <TwoLines main={t} sub={r.villageName} /> },
    { title: '状态', dataIndex: 'state', width: 112, render: (_s, r) => <StateTag state={r.state} label={r.stateLabel} overdue={r.overdue} mark={r.mark} /> },
    { title: '承办单位', dataIndex: 'unitName', width: 112, render: (u: string | null) => u ?? <Typography.Text type="secondary">—</Typography.Text> },
    { title: '期限', dataIndex: 'dueAt', width: 112, render: (_d, r) => <DueText dueAt={r.dueAt} overdue={r.overdue} state={r.state} /> },
    { title: '附议人数', dataIndex: 'supporters', width: 76, align: 'right', render: (n: number) => (n > 0 ? <strong>{n}</strong> : '0') },
  ], []);

  const selectedRows = [...selected.values()];
  const range: [dayjs.Dayjs | null, dayjs.Dayjs | null] | null = filters.from || filters.to
    ? [filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null] : null;

  const bulkButtons = (Object.keys(BULK_LABELS) as BulkAction[]).map((a) => ({
    key: a,
    label: BULK_LABELS[a],
    icon: a === 'accept' ? <CheckOutlined aria-hidden /> : a === 'decline' ? <CloseOutlined aria-hidden /> : a === 'forward' ? <SendOutlined aria-hidden />
      : a === 'remind' ? <BellOutlined aria-hidden /> : <InboxOutlined aria-hidden />,
  }));

  return (
    <>
      <PageHeader
        title="线索分拣"
        description="群众通过手机网页、码上议等渠道反映的问题和建议。按状态和期限分拣：采纳、不予采纳、合并、转办或转化。"
        extra={<ExportButton path="/clues/export" query={list.filterQuery} fileName="民意线索.xlsx" />}
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 12 }} role="search" aria-label="筛选线索">
          <SearchBox value={filters.q ?? ''} onSearch={(v) => setFilters({ q: v || undefined })} />
          <Select aria-label="状态" placeholder="状态" allowClear style={{ width: 170 }} options={STATE_OPTIONS}
            value={filters.state} onChange={set('state')} />
          <Select aria-label="类别" placeholder="类别" allowClear style={{ width: 130 }} options={CATEGORY_OPTIONS}
            value={filters.category} onChange={set('category')} />
          <Select aria-label="乡镇/街道" placeholder="乡镇/街道" allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: 150 }}
            options={townships.options} loading={townships.loading} value={num(filters.townshipId)} onChange={set('townshipId')} />
          <Select aria-label="渠道" placeholder="渠道" allowClear style={{ width: 170 }} options={CHANNEL_OPTIONS}
            value={filters.channel} onChange={set('channel')} />
          <Select aria-label="承办单位" placeholder="承办单位" allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width: 190 }}
            options={units.options} loading={units.loading} value={num(filters.unitId)} onChange={set('unitId')} />
          <DatePicker.RangePicker
            aria-label="提交日期范围"
            placeholder={['提交起始日期', '截止日期']}
            allowEmpty={[true, true]}
            value={range}
            onChange={(v) => setFilters({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
          />
          <Checkbox checked={filters.overdue === '1'} onChange={(e) => setFilters({ overdue: e.target.checked ? '1' : undefined })}
            style={{ alignSelf: 'center' }}>
            只看超期
          </Checkbox>
          {list.hasFilters && (
            <Button icon={<ReloadOutlined aria-hidden />} onClick={list.clear}>清除筛选</Button>
          )}
        </Flex>

        {canTriage && (
          <Flex align="center" gap={8} wrap style={{ marginBottom: 12, minHeight: 32 }} aria-live="polite">
            <Typography.Text>{selected.size ? `已选 ${selected.size} 条` : '勾选线索后可批量处理'}</Typography.Text>
            {bulkButtons.map((b) => (
              <Button key={b.key} icon={b.icon} disabled={!selected.size} danger={b.key === 'decline'} onClick={() => setBulk(b.key)}>{b.label}</Button>
            ))}
            {selected.size > 0 && <Button type="link" onClick={() => setSelected(new Map())}>取消选择</Button>}
          </Flex>
        )}

        {q.isError && (
          <Alert type="error" showIcon style={{ marginBottom: 16 }} title={isApiError(q.error) ? q.error.message : '加载失败'}
            action={<Button size="small" onClick={() => void q.refetch()}>重试</Button>} />
        )}
        {/* Scrolls sideways on narrow screens without Ant's scroll.x (whose hidden measuring row holds a focusable copy of the header checkbox). */}
        <div style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label="线索列表">
          <Table<ClueListItem>
            rowKey="id"
            size="middle"
            rowClassName={markRowClass}
            columns={columns}
            dataSource={q.data?.items ?? []}
            loading={q.isFetching}
            tableLayout="fixed"
            style={{ minWidth: 960 }}
            rowSelection={canTriage ? {
              selectedRowKeys: [...selected.keys()],
              preserveSelectedRowKeys: true,
              columnTitle: <PageCheckbox rows={q.data?.items ?? []} selected={selected} onChange={setSelected} />,
              getCheckboxProps: (r) => ({ 'aria-label': `选择线索 ${r.code}` }),
              onChange: (keys, rows) => {
                setSelected((cur) => {
                  const next = new Map<number, ClueListItem>();
                  const fresh = new Map(rows.filter(Boolean).map((r) => [r.id, r]));
                  for (const k of keys as number[]) {
                    const row = fresh.get(k) ?? cur.get(k);
                    if (row) next.set(k, row);
                  }
                  return next;
                });
              },
            } : undefined}
            locale={{ emptyText: list.hasFilters ? '没有符合筛选条件的线索' : '暂无线索' }}
            pagination={listPagination(list, q.data)}
          />
        </div>
      </Card>
      <BulkActionModal
        action={bulk}
        rows={selectedRows}
        onClose={() => setBulk(null)}
        onDone={(r) => {
          setSelected((cur) => new Map([...cur].filter(([id]) => r.failed.some((f) => f.id === id))));
          void queryClient.invalidateQueries({ queryKey: [CLUES_KEY] });
        }}
      />
    </>
  );
}
