import type { ReactNode } from 'react';
import { Button, Flex, Input, Select } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { ListState } from './list-state.ts';

/**
 * The filters above a list, as one search landmark: a keyword box first (what is typed is trimmed and
 * given on 搜索 or Enter), then the list's own selects and pickers as children. Given `list`, the box shows
 * and sets the list's `q` in the URL, and a 清除筛选 button appears while a filter is set.
 */
export function FilterBar({ label, searchLabel, searchPlaceholder = searchLabel, onSearch, value, list, searchKey = 'q', searchWidth = 280, children }: {
  /** The landmark's name, e.g. 「筛选用户」. */
  label: string;
  /** The keyword box's accessible name, and its placeholder unless `searchPlaceholder` is given. */
  searchLabel: string;
  searchPlaceholder?: string;
  onSearch?: (q: string) => void;
  /** The keyword in effect (so the box shows it after a reload or the back button). */
  value?: string;
  /** A URL-backed list: the keyword is its `searchKey` filter. */
  list?: ListState;
  searchKey?: string;
  searchWidth?: number;
  children?: ReactNode;
}) {
  const current = list ? (list.filters[searchKey] ?? '') : value;
  return (
    <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }} role="search" aria-label={label}>
      <Input.Search key={current ?? ''} defaultValue={current} aria-label={searchLabel} placeholder={searchPlaceholder} allowClear enterButton="搜索"
        style={{ width: searchWidth }} maxLength={50}
        onSearch={(v) => {
          const q = v.trim();
          if (list) list.setFilters({ [searchKey]: q });
          onSearch?.(q);
        }} />
      {children}
      {list?.hasFilters && <Button icon={<ReloadOutlined aria-hidden />} onClick={list.clear}>清除筛选</Button>}
    </Flex>
  );
}

/** One filter of a FilterBar: a clearable select whose placeholder is its label; cleared, it gives `undefined`. */
export function FilterSelect<V extends string | number>({ label, width, options, value, onChange }: {
  label: string;
  width: number;
  options: { value: V; label: string }[];
  value: V | undefined;
  onChange: (value: V | undefined) => void;
}) {
  return <Select<V> aria-label={label} placeholder={label} allowClear showSearch={{ optionFilterProp: 'label' }} style={{ width }} options={options} value={value} onChange={onChange} />;
}

/**
 * A FilterSelect bound to one key of a URL-backed list. The URL holds strings; the option whose value
 * reads the same is shown selected, so numeric ids (unitId=12) work as well as codes (state=open).
 */
export function ListFilterSelect<V extends string | number>({ list, name, label, width = 160, options }: {
  list: ListState;
  /** The query-string key, e.g. `unitId`. */
  name: string;
  label: string;
  width?: number;
  options: { value: V; label: string }[];
}) {
  const raw = list.filters[name];
  const value = raw === undefined ? undefined : options.find((o) => String(o.value) === raw)?.value;
  return <FilterSelect<V> label={label} width={width} options={options} value={value} onChange={(v) => list.setFilters({ [name]: v })} />;
}
