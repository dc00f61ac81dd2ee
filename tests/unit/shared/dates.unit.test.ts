// Date helpers: calendar validity, day arithmetic in UTC, periods.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayInPeriod,
  dayNumber,
  daysInclusive,
  daysInPeriod,
  formatPeriod,
  fromDayNumber,
  isIsoDate,
  isPeriod,
  isTimeZone,
  lastDayOf,
  localDate,
  nextPeriod,
  timeZoneSchema,
  todayUtc,
} from '@/server/domain/shared/dates';

describe('dates', () => {
  it('accepts only real calendar dates', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2027-04-31')).toBe(false);
    expect(isIsoDate('2027-13-01')).toBe(false);
    expect(isIsoDate('2027-1-01')).toBe(false);
    expect(isIsoDate('2100-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate(20270301)).toBe(false);
    expect(isPeriod('2027-03')).toBe(true);
    expect(isPeriod('2027-00')).toBe(false);
  });

  it('counts days like the UTC calendar does', () => {
    const day = fc.integer({ min: dayNumber('1900-01-01'), max: dayNumber('2999-12-31') });
    fc.assert(
      fc.property(day, (n) => {
        const iso = new Date(n * 86_400_000).toISOString().slice(0, 10);
        expect(fromDayNumber(n)).toBe(iso);
        expect(dayNumber(iso)).toBe(n);
      }),
    );
  });

  it('adds days across months and years, and counts both ends of a range', () => {
    expect(addDays('2027-03-15', 5)).toBe('2027-03-20');
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysInclusive('2027-03-15', '2027-03-31')).toBe(17);
    expect(daysInclusive('2027-08-01', '2027-08-10')).toBe(10);
  });

  it('works with periods', () => {
    expect(daysInPeriod('2027-02')).toBe(28);
    expect(daysInPeriod('2028-02')).toBe(29);
    expect(lastDayOf('2027-04')).toBe('2027-04-30');
    expect(nextPeriod('2027-12')).toBe('2028-01');
    expect(dayInPeriod('2027-02', 28)).toBe('2027-02-28');
    expect(formatPeriod('2027-03')).toBe('March 2027');
  });

  it('takes today from the instant in UTC, whatever the host time zone', () => {
    expect(todayUtc(new Date('2027-03-15T23:59:59.999Z'))).toBe('2027-03-15');
    expect(todayUtc(new Date('2027-03-16T00:30:00+02:00'))).toBe('2027-03-15');
  });
});

describe('localDate and time zones', () => {
  it('gives the calendar date in the zone, across the day line and daylight saving', () => {
    const instant = new Date('2026-12-02T01:30:00Z');
    expect(localDate(instant, 'UTC')).toBe('2026-12-02');
    // 17:30 on Dec 1 in Los Angeles (UTC-8 in winter): the last grace day there is still today.
    expect(localDate(instant, 'America/Los_Angeles')).toBe('2026-12-01');
    expect(localDate(new Date('2027-03-15T11:30:00Z'), 'Pacific/Auckland')).toBe('2027-03-16');
    // Midnight in New York on the spring-forward day (still UTC-5 until 02:00 local).
    expect(localDate(new Date('2027-03-14T04:59:00Z'), 'America/New_York')).toBe('2027-03-13');
    expect(localDate(new Date('2027-03-14T05:00:00Z'), 'America/New_York')).toBe('2027-03-14');
  });

  it('knows IANA names, canonicalises their spelling and refuses the rest', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(timeZoneSchema.parse('america/new_york')).toBe('America/New_York');
    expect(timeZoneSchema.safeParse('GMT+25').success).toBe(false);
  });
});
