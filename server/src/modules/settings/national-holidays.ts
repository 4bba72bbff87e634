/**
 * The national holiday schedule (放假调休) as the State Council publishes it each year, for a city to import
 * once; its counties inherit it. `confirmed: false` marks a year whose notice has not been published: only the
 * statutory days themselves are listed (全国年节及纪念日放假办法, 2024 revision), with no 调休 days guessed.
 */
export interface NationalDay { date: string; kind: 'holiday' | 'workday'; name: string }
export interface NationalYear { year: number; confirmed: boolean; source: string; days: NationalDay[] }

function range(from: string, to: string, name: string): NationalDay[] {
  const out: NationalDay[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    out.push({ date: d.toISOString().slice(0, 10), kind: 'holiday', name });
  }
  return out;
}
const worked = (date: string, name: string): NationalDay => ({ date, kind: 'workday', name: `${name}调休上班` });

const PENDING = '（待国务院通知确认）';

export const NATIONAL_HOLIDAYS: NationalYear[] = [
  {
    year: 2026,
    confirmed: true,
    source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）',
    days: [
      ...range('2026-01-01', '2026-01-03', '元旦'), worked('2026-01-04', '元旦'),
      ...range('2026-02-15', '2026-02-23', '春节'), worked('2026-02-14', '春节'), worked('2026-02-28', '春节'),
      ...range('2026-04-04', '2026-04-06', '清明节'),
      ...range('2026-05-01', '2026-05-05', '劳动节'), worked('2026-05-09', '劳动节'),
      ...range('2026-06-19', '2026-06-21', '端午节'),
      ...range('2026-09-25', '2026-09-27', '中秋节'),
      ...range('2026-10-01', '2026-10-07', '国庆节'), worked('2026-09-20', '国庆节'), worked('2026-10-10', '国庆节'),
    ].sort((a, b) => a.date.localeCompare(b.date)),
  },
  {
    year: 2027,
    confirmed: false,
    // Lunar dates: 春节 2027-02-06 (new moon 2027-02-06 15:56 UTC, 23:56 Beijing time), 端午 06-09, 中秋 09-15; 清明 04-05.
    source: '法定节假日（全国年节及纪念日放假办法）；国务院办公厅 2027 年放假安排尚未收录，调休待通知',
    days: [
      ...range('2027-01-01', '2027-01-01', `元旦${PENDING}`),
      ...range('2027-02-05', '2027-02-08', `春节${PENDING}`),
      ...range('2027-04-05', '2027-04-05', `清明节${PENDING}`),
      ...range('2027-05-01', '2027-05-02', `劳动节${PENDING}`),
      ...range('2027-06-09', '2027-06-09', `端午节${PENDING}`),
      ...range('2027-09-15', '2027-09-15', `中秋节${PENDING}`),
      ...range('2027-10-01', '2027-10-03', `国庆节${PENDING}`),
    ],
  },
];

export function nationalYear(year: number): NationalYear | undefined {
  return NATIONAL_HOLIDAYS.find((y) => y.year === year);
}
