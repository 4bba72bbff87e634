/** The period filter of the office's figure pages: this month, quarter, year or all (CST dates for the API). */
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';

export type OfficePreset = 'month' | 'quarter' | 'year' | 'all';
export const OFFICE_PRESETS: { value: OfficePreset; label: string }[] = [
  { value: 'month', label: '本月' },
  { value: 'quarter', label: '本季度' },
  { value: 'year', label: '本年' },
  { value: 'all', label: '全部' },
];

export function useOfficePeriod() {
  const [params, setParams] = useSearchParams();
  const raw = params.get('period');
  const preset: OfficePreset = raw === 'month' || raw === 'quarter' || raw === 'all' ? raw : 'year';
  const today = dayjs();
  const start = preset === 'month' ? today.startOf('month')
    : preset === 'quarter' ? today.month(Math.floor(today.month() / 3) * 3).startOf('month')
      : preset === 'year' ? today.startOf('year') : null;
  const query = start ? { from: start.format('YYYY-MM-DD'), to: today.format('YYYY-MM-DD') } : {};
  return { preset, query, setPreset: (p: OfficePreset) => setParams(p === 'year' ? {} : { period: p }, { replace: true }) };
}
