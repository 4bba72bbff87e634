/**
 * A list's state in the URL query string — filters, page, page size and sort — so a filtered list survives
 * a reload, the back button from a detail page, and a link sent to a colleague. Every change pushes a
 * history entry (back undoes a filter); a value equal to its default is left out of the URL.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { Query } from '../../shared/api.ts';

export const PAGE_SIZES = [20, 50, 100, 200] as const;

export interface ListStateOptions {
  /** The filter keys this list reads from the URL (e.g. `['q', 'state', 'unitId']`). */
  keys: readonly string[];
  /** A filter's value when the URL has none (e.g. `{ state: 'open' }`); `''` in the URL then means "none". */
  defaults?: Record<string, string>;
  defaultPageSize?: number;
  /** The sort when the URL has none: `field` ascending, `-field` descending. */
  defaultSort?: string;
}

export interface ListState {
  /** The filters in effect (defaults filled in, empty ones left out). */
  filters: Record<string, string>;
  page: number;
  pageSize: number;
  /** `field` or `-field`; undefined = the server's order. */
  sort: string | undefined;
  /** The API query: filters, paging and sort. */
  query: Query;
  /** Just the filters (and sort), for the Excel export. */
  filterQuery: Query;
  /** Change some filters (undefined or '' clears one) and go back to page 1. */
  setFilters: (patch: Record<string, string | number | boolean | undefined | null>) => void;
  setPage: (page: number, pageSize: number) => void;
  setSort: (sort: string | undefined) => void;
  /** Back to the defaults. */
  clear: () => void;
  /** Whether any filter differs from its default (for a 清除筛选 button). */
  hasFilters: boolean;
}

/**
 * The query string as the address bar has it now. React Router hands a functional update the params of the
 * last render, and a navigation renders in a transition: two quick changes (a filter, then Enter in the search
 * box) would otherwise build the second on a URL without the first, and lose it.
 */
function liveParams(): URLSearchParams {
  return new URLSearchParams(window.location.search);
}

function positiveInt(s: string | null, fallback: number): number {
  const n = Number(s);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function useListState(options: ListStateOptions): ListState {
  const { defaultPageSize = 20, defaultSort } = options;
  const [params, setParams] = useSearchParams();
  // Callers pass new arrays and objects each render: key the memos on their text.
  const keysText = options.keys.join(',');
  const defaultsText = JSON.stringify(options.defaults ?? {});
  const { keys, defaults } = useMemo(
    () => ({ keys: keysText.split(',').filter(Boolean), defaults: JSON.parse(defaultsText) as Record<string, string> }),
    [keysText, defaultsText],
  );
  const filters = useMemo(() => {
    const f: Record<string, string> = {};
    for (const k of keys) {
      const v = params.has(k) ? params.get(k) : defaults[k];
      if (v) f[k] = v;
    }
    return f;
  }, [params, keys, defaults]);
  const page = positiveInt(params.get('page'), 1);
  const sizeParam = positiveInt(params.get('pageSize'), defaultPageSize);
  const pageSize = (PAGE_SIZES as readonly number[]).includes(sizeParam) || sizeParam === defaultPageSize ? sizeParam : defaultPageSize;
  const sort = params.get('sort') || defaultSort;

  const setFilters = useCallback((patch: Record<string, string | number | boolean | undefined | null>) => {
    setParams(() => {
      const next = liveParams();
      for (const [k, raw] of Object.entries(patch)) {
        const v = raw === undefined || raw === null || raw === false ? '' : raw === true ? '1' : String(raw);
        const dflt = defaults[k] ?? '';
        if (v === dflt) next.delete(k);
        else next.set(k, v);
      }
      next.delete('page');
      return next;
    });
  }, [setParams, defaults]);

  const setPage = useCallback((p: number, size: number) => {
    setParams(() => {
      const next = liveParams();
      if (p > 1) next.set('page', String(p));
      else next.delete('page');
      if (size !== defaultPageSize) next.set('pageSize', String(size));
      else next.delete('pageSize');
      return next;
    });
  }, [setParams, defaultPageSize]);

  const setSort = useCallback((s: string | undefined) => {
    setParams(() => {
      const next = liveParams();
      if (s && s !== defaultSort) next.set('sort', s);
      else next.delete('sort');
      next.delete('page');
      return next;
    });
  }, [setParams, defaultSort]);

  const clear = useCallback(() => {
    setParams(() => {
      const next = liveParams();
      for (const k of [...keys, 'page', 'sort']) next.delete(k);
      return next;
    });
  }, [setParams, keys]);

  const filterQuery: Query = { ...filters, sort };
  const hasFilters = keys.some((k) => (filters[k] ?? '') !== (defaults[k] ?? ''));
  return { filters, page, pageSize, sort, filterQuery, query: { ...filterQuery, page, pageSize }, setFilters, setPage, setSort, clear, hasFilters };
}
