import type { ReactNode } from 'react';
import { Card } from 'antd';
import { PageHeader } from './page-header.tsx';
import { QueryError } from './query-error.tsx';

/**
 * The frame of every list page: the header (h1, a line of explanation, actions such as 导出 Excel and 新增),
 * one card with the FilterBar, the load error with 重试, and the table.
 */
export function ListPage({ title, description, extra, filters, query, children }: {
  title: string;
  description?: ReactNode;
  extra?: ReactNode;
  /** The list's FilterBar. */
  filters?: ReactNode;
  /** The list's query, for the error line. */
  query?: { isError: boolean; error: unknown; refetch: () => unknown };
  /** The DataTable (and anything under it). */
  children: ReactNode;
}) {
  return (
    <>
      <PageHeader title={title} description={description} extra={extra} />
      <Card>
        {filters}
        {query && <QueryError query={query} />}
        {children}
      </Card>
    </>
  );
}
