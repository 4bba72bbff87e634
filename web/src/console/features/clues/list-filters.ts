/**
 * The triage list's filters live in the URL query string, so a filtered view survives a reload, the
 * back button from a clue, and can be sent to a colleague.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { TablePaginationConfig } from 'antd';
import type { Query } from '../../../shared/api.ts';

export const FILTER_KEYS = ['state', 'category', 'townshipId', 'channel', 'unitId', 'overdue', 'q', 'from', 'to'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

export const PAGE_SIZES = [20, 50, 100] as const;

export interface ListState {
  filters: Filters;
  page: number;
  pageSize: number;
  /** The API query: filters plus paging. */
  query: Query;
  /** Just the filters (for the export). */
  filterQuery: Query;
  setFilters: (patch: Filters) => void;
  setPage: (page: number, pageSize: number) => void;
  clear: () => void;
  hasFilters: boolean;
}

function positiveInt(s: string | null, fallback: number): number {
  const n = Number(s);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function useListState(defaultPageSize = 20): ListState {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const f: Filters = {};
    for (const k of FILTER_KEYS) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params]);
  const page = positiveInt(params.get('page'), 1);
  const sizeParam = positiveInt(params.get('pageSize'), defaultPageSize);
  const pageSize = (PAGE_SIZES as readonly number[]).includes(sizeParam) ? sizeParam : defaultPageSize;

  const setFilters = useCallback((patch: Filters) => {
    setParams((cur) => {
      const next = new URLSearchParams(cur);
      for (const [k, v] of Object.entries(patch)) {
        if (v) next.set(k, v);
        else next.delete(k);
      }
      next.delete('page');
      return next;
    }, { replace: true });
  }, [setParams]);

  const setPage = useCallback((p: number, size: number) => {
    setParams((cur) => {
      const next = new URLSearchParams(cur);
      if (p > 1) next.set('page', String(p));
      else next.delete('page');
      if (size !== defaultPageSize) next.set('pageSize', String(size));
      else next.delete('pageSize');
      return next;
    });
  }, [setParams, defaultPageSize]);

  const clear = useCallback(() => setParams(new URLSearchParams(), { replace: true }), [setParams]);

  const filterQuery: Query = { ...filters };
  return {
    filters, page, pageSize, filterQuery, setFilters, setPage, clear,
    query: { ...filterQuery, page, pageSize },
    hasFilters: Object.keys(filters).length > 0,
  };
}

/** The table's pagination for a list kept in the URL: one definition for the triage list and the unit portal. */
/** What the list header says of a total: 共 1,234 条, or 超过 1,000 条 when the search stopped counting at its cap. */
export function totalText(total: number, capped = false): string {
  return capped ? `超过 ${total.toLocaleString('zh-CN')} 条` : `共 ${total.toLocaleString('zh-CN')} 条`;
}

export function listPagination(list: ListState, page: { total: number; totalCapped?: boolean } | undefined): TablePaginationConfig {
  return {
    current: list.page,
    pageSize: list.pageSize,
    total: page?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [...PAGE_SIZES],
    showTotal: (n) => totalText(n, page?.totalCapped),
    onChange: (p, size) => list.setPage(size === list.pageSize ? p : 1, size),
  };
}
