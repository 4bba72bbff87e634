import { Table, type TableColumnsType, type TableProps } from 'antd';
import type { SorterResult } from 'antd/es/table/interface';
import { PAGE_SIZES, type ListState } from './list-state.ts';

/** What the list says of a total: 共 1,234 条, or 超过 1,000 条 when the server stopped counting at its cap. */
export function totalText(total: number, capped = false, unit = '条'): string {
  return capped ? `超过 ${total.toLocaleString('zh-CN')} ${unit}` : `共 ${total.toLocaleString('zh-CN')} ${unit}`;
}

/**
 * A list's table on a URL-backed ListState: paging and page size from the URL, a column with
 * `sorter: true` sorts through the URL's `sort` (the server sorts), and the rows come from a
 * `Page<T>` query (`{ items, total }`). Rows the server gives all at once (`total` absent) page locally.
 */
export function DataTable<T extends object>({ list, data, loading, columns, rowKey = 'id', unit = '条', ...rest }: {
  list: ListState;
  data: { items: T[]; total?: number; totalCapped?: boolean } | undefined;
  loading?: boolean;
  columns: TableColumnsType<T>;
  rowKey?: TableProps<T>['rowKey'];
  /** The counting word in 共 N 条 (项, 个用户 …). */
  unit?: string;
} & Omit<TableProps<T>, 'columns' | 'dataSource' | 'pagination' | 'rowKey' | 'loading'>) {
  const [sortField, sortDir] = list.sort?.startsWith('-') ? [list.sort.slice(1), 'descend' as const] : [list.sort, 'ascend' as const];
  const cols = columns.map((c) => {
    const key = 'dataIndex' in c && typeof c.dataIndex === 'string' ? c.dataIndex : (c.key as string | undefined);
    return c.sorter === true ? { ...c, sortOrder: key === sortField ? sortDir : null } : c;
  });
  const total = data?.total ?? data?.items.length ?? 0;
  return (
    <Table<T>
      rowKey={rowKey}
      size="middle"
      scroll={{ x: 'max-content' }}
      {...rest}
      columns={cols}
      dataSource={data?.items ?? []}
      loading={loading}
      onChange={(_p, _f, sorter, extra) => {
        if (extra.action !== 'sort') return;
        const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T> | undefined;
        const field = s?.columnKey ?? (typeof s?.field === 'string' ? s.field : undefined);
        list.setSort(s?.order && field ? `${s.order === 'descend' ? '-' : ''}${String(field)}` : undefined);
      }}
      pagination={{
        current: list.page,
        pageSize: list.pageSize,
        total,
        showSizeChanger: true,
        pageSizeOptions: [...PAGE_SIZES],
        showTotal: (n) => totalText(n, data?.totalCapped, unit),
        onChange: (p, size) => list.setPage(size === list.pageSize ? p : 1, size),
      }}
    />
  );
}
