/** Table cells of two lines: a value with a secondary one below it (date over time, township over village). */
import type { ReactNode } from 'react';
import { Typography } from 'antd';
import { formatTime } from './time.ts';

export function TwoLines({ main, sub, nowrap = false }: { main: ReactNode; sub?: ReactNode; nowrap?: boolean }) {
  if (sub === undefined || sub === null || sub === '') return <>{main}</>;
  return <span style={nowrap ? { whiteSpace: 'nowrap' } : undefined}>{main}<br /><Typography.Text type="secondary">{sub}</Typography.Text></span>;
}

/** An instant as date over time, in China Standard Time. */
export function DateTimeCell({ iso }: { iso: string }) {
  const [date, time] = formatTime(iso).split(' ');
  return <TwoLines main={date} sub={time} nowrap />;
}
