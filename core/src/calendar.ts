/**
 * Working-day arithmetic on a county's holiday calendar. Dates are reckoned in China Standard Time
 * (UTC+8, no daylight saving), so "the same day" means the same day on the office's wall clock.
 */
export interface HolidayCalendar {
  /** Public holidays that fall on weekdays, as YYYY-MM-DD. */
  holidays: readonly string[];
  /** 调休: weekend days that are working days, as YYYY-MM-DD. */
  workdays: readonly string[];
}

export const EMPTY_CALENDAR: HolidayCalendar = { holidays: [], workdays: [] };

const CST_OFFSET_MS = 8 * 3600_000;

/** The CST calendar date (YYYY-MM-DD) of an instant. */
export function cstDate(at: Date): string {
  return new Date(at.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * An instant as the office's wall clock reads it: `YYYY-MM-DD HH:mm` in Beijing time (what exports and printed
 * documents show; the database keeps UTC). Empty for no time.
 */
export function cstDateTime(at: Date | string | null | undefined, seconds = false): string {
  if (at === null || at === undefined || at === '') return '';
  const t = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(t)) return '';
  return new Date(t + CST_OFFSET_MS).toISOString().slice(0, seconds ? 19 : 16).replace('T', ' ');
}

/** The CST calendar date of an ISO instant, or empty. */
export function cstDay(at: string | null | undefined): string {
  return at ? cstDateTime(at).slice(0, 10) : '';
}

/** The last millisecond of a CST calendar date, as an instant. */
export function endOfCstDay(date: string): Date {
  return new Date(Date.parse(`${date}T23:59:59.999+08:00`));
}

function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isWorkingDay(date: string, cal: HolidayCalendar): boolean {
  if (cal.workdays.includes(date)) return true;
  if (cal.holidays.includes(date)) return false;
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/**
 * The deadline `n` working days after `from`: the end of the n-th working day that follows the
 * day of `from` (the day of receipt does not count, as in 12345 and proposal practice).
 */
export function addWorkingDays(from: Date, n: number, cal: HolidayCalendar): Date {
  let date = cstDate(from);
  let left = n;
  while (left > 0) {
    date = shiftDate(date, 1);
    if (isWorkingDay(date, cal)) left -= 1;
  }
  return endOfCstDay(date);
}

/** The end of the same CST day after `n` calendar days (0 = today). */
export function addCalendarDays(from: Date, n: number): Date {
  return endOfCstDay(shiftDate(cstDate(from), n));
}

/** The end of the CST day `n` months later, clamped to the month's last day. */
export function addMonths(from: Date, n: number): Date {
  const [y, m, d] = cstDate(from).split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + n, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return endOfCstDay(target.toISOString().slice(0, 10));
}

/** Working days from `from` to `to` (0 when `to` is not later); used for "average handling days". */
export function workingDaysBetween(from: Date, to: Date, cal: HolidayCalendar): number {
  let date = cstDate(from);
  const end = cstDate(to);
  let count = 0;
  while (date < end) {
    date = shiftDate(date, 1);
    if (isWorkingDay(date, cal)) count += 1;
  }
  return count;
}
