import { describe, expect, it } from 'vitest';
import {
  addCalendarDays, addMonths, addWorkingDays, cstDate, EMPTY_CALENDAR, endOfCstDay, isWorkingDay, workingDaysBetween,
  type HolidayCalendar,
} from './calendar.ts';

/** A National Day week as the State Council publishes it: weekday holidays plus two 调休 weekend workdays. */
const NATIONAL_DAY: HolidayCalendar = {
  holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
  workdays: ['2026-09-27', '2026-10-10'],
};

/** An instant given as CST wall-clock time. */
const cst = (local: string) => new Date(`${local}+08:00`);

describe('CST day boundaries', () => {
  it('dates an instant by the office wall clock, not by UTC', () => {
    expect(cstDate(new Date('2026-01-05T15:59:59.999Z'))).toBe('2026-01-05');
    expect(cstDate(new Date('2026-01-05T16:00:00.000Z'))).toBe('2026-01-06');
  });

  it('ends a CST day at 23:59:59.999 CST', () => {
    expect(endOfCstDay('2026-01-05').toISOString()).toBe('2026-01-05T15:59:59.999Z');
  });
});

describe('isWorkingDay', () => {
  it('counts Monday to Friday and skips weekends', () => {
    expect(isWorkingDay('2026-09-28', EMPTY_CALENDAR)).toBe(true); // Monday
    expect(isWorkingDay('2026-09-26', EMPTY_CALENDAR)).toBe(false); // Saturday
    expect(isWorkingDay('2026-09-27', EMPTY_CALENDAR)).toBe(false); // Sunday
  });

  it('skips configured holidays that fall on weekdays', () => {
    expect(isWorkingDay('2026-10-01', EMPTY_CALENDAR)).toBe(true);
    expect(isWorkingDay('2026-10-01', NATIONAL_DAY)).toBe(false);
  });

  it('counts a 调休 weekend day as a working day', () => {
    expect(isWorkingDay('2026-10-10', NATIONAL_DAY)).toBe(true);
    expect(isWorkingDay('2026-10-11', NATIONAL_DAY)).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it('does not count the day of receipt and ends at the end of the last working day', () => {
    // Monday 09:00 → 1 working day → end of Tuesday.
    expect(addWorkingDays(cst('2026-09-28T09:00:00'), 1, EMPTY_CALENDAR).toISOString()).toBe(cst('2026-09-29T23:59:59.999').toISOString());
  });

  it('skips the weekend', () => {
    // Friday → 1 working day → Monday; 5 working days → next Friday.
    expect(addWorkingDays(cst('2026-10-16T10:00:00'), 1, EMPTY_CALENDAR)).toEqual(cst('2026-10-19T23:59:59.999'));
    expect(addWorkingDays(cst('2026-10-16T10:00:00'), 5, EMPTY_CALENDAR)).toEqual(cst('2026-10-23T23:59:59.999'));
  });

  it('skips holidays and honours 调休 make-up workdays', () => {
    // Wednesday 30 Sep: Oct 1–7 are off; Thu 8, Fri 9 and the make-up Saturday 10 are the three working days.
    const from = cst('2026-09-30T10:00:00');
    expect(addWorkingDays(from, 3, NATIONAL_DAY)).toEqual(cst('2026-10-10T23:59:59.999'));
    // Without the calendar the same three days are Thu 1, Fri 2 and Mon 5 October.
    expect(addWorkingDays(from, 3, EMPTY_CALENDAR)).toEqual(cst('2026-10-05T23:59:59.999'));
    // Holidays only, no make-up day: Thu 8, Fri 9, Mon 12.
    expect(addWorkingDays(from, 3, { holidays: NATIONAL_DAY.holidays, workdays: [] })).toEqual(cst('2026-10-12T23:59:59.999'));
  });

  it('counts a 调休 Sunday right after a Saturday receipt', () => {
    expect(addWorkingDays(cst('2026-09-26T12:00:00'), 1, NATIONAL_DAY)).toEqual(cst('2026-09-27T23:59:59.999'));
  });

  it('reckons the day of receipt in CST', () => {
    // 23:59 Thursday CST and 00:01 Friday CST are both Thursday in UTC; only CST tells them apart.
    expect(addWorkingDays(cst('2026-10-15T23:59:00'), 1, EMPTY_CALENDAR)).toEqual(cst('2026-10-16T23:59:59.999'));
    expect(addWorkingDays(cst('2026-10-16T00:01:00'), 1, EMPTY_CALENDAR)).toEqual(cst('2026-10-19T23:59:59.999'));
  });

  it('gives the end of the same day for zero days', () => {
    expect(addWorkingDays(cst('2026-10-17T08:00:00'), 0, EMPTY_CALENDAR)).toEqual(cst('2026-10-17T23:59:59.999'));
  });
});

describe('addCalendarDays and addMonths', () => {
  it('adds calendar days from the CST date, weekends and holidays included', () => {
    expect(addCalendarDays(cst('2026-09-30T10:00:00'), 3)).toEqual(cst('2026-10-03T23:59:59.999'));
    // 20:00 UTC on 31 Jan is 04:00 on 1 Feb in CST.
    expect(addCalendarDays(new Date('2026-01-31T20:00:00Z'), 0)).toEqual(cst('2026-02-01T23:59:59.999'));
  });

  it('adds months, clamping to the last day of a shorter month', () => {
    expect(addMonths(cst('2026-01-31T10:00:00'), 1)).toEqual(cst('2026-02-28T23:59:59.999'));
    expect(addMonths(cst('2028-01-31T10:00:00'), 1)).toEqual(cst('2028-02-29T23:59:59.999'));
    expect(addMonths(cst('2026-12-15T10:00:00'), 3)).toEqual(cst('2027-03-15T23:59:59.999'));
  });

  it('takes the month of the CST date', () => {
    // 17:00 UTC on 31 March is 1 April in CST: three months later is 1 July, not 30 June.
    expect(addMonths(new Date('2026-03-31T17:00:00Z'), 3)).toEqual(cst('2026-07-01T23:59:59.999'));
  });
});

describe('workingDaysBetween', () => {
  it('counts working days after the start day up to the end day', () => {
    expect(workingDaysBetween(cst('2026-10-16T10:00:00'), cst('2026-10-19T09:00:00'), EMPTY_CALENDAR)).toBe(1);
    expect(workingDaysBetween(cst('2026-10-12T10:00:00'), cst('2026-10-16T09:00:00'), EMPTY_CALENDAR)).toBe(4);
  });

  it('skips holidays and counts make-up days', () => {
    expect(workingDaysBetween(cst('2026-09-30T10:00:00'), cst('2026-10-12T10:00:00'), NATIONAL_DAY)).toBe(4);
    expect(workingDaysBetween(cst('2026-09-30T10:00:00'), cst('2026-10-12T10:00:00'), EMPTY_CALENDAR)).toBe(8);
  });

  it('is zero on the same day or backwards', () => {
    expect(workingDaysBetween(cst('2026-10-12T08:00:00'), cst('2026-10-12T18:00:00'), EMPTY_CALENDAR)).toBe(0);
    expect(workingDaysBetween(cst('2026-10-16T08:00:00'), cst('2026-10-12T18:00:00'), EMPTY_CALENDAR)).toBe(0);
  });
});
