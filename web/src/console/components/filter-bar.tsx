import type { ReactNode } from 'react';
import { Flex, Input, Select } from 'antd';

/**
 * The filters above a list, as one search landmark: a keyword box first (what is typed is trimmed and
 * given on 搜索 or Enter), then the list's own selects and pickers as children.
 */
export function FilterBar({ label, searchLabel, searchPlaceholder = searchLabel, onSearch, children }: {
  /** The landmark's name, e.g. 「筛选用户」. */
  label: string;
  /** The keyword box's accessible name, and its placeholder unless `searchPlaceholder` is given. */
  searchLabel: string;
  searchPlaceholder?: string;
  onSearch: (q: string) => void;
  children?: ReactNode;
}) {
  return (
    <Flex gap={12} wrap style={{ marginBottom: 16 }} role="search" aria-label={label}>
      <Input.Search aria-label={searchLabel} placeholder={searchPlaceholder} allowClear enterButton="搜索"
        style={{ width: 280 }} maxLength={50} onSearch={(v) => onSearch(v.trim())} />
      {children}
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
  return <Select<V> aria-label={label} placeholder={label} allowClear style={{ width }} options={options} value={value} onChange={onChange} />;
}
