// Calendar arithmetic on ISO dates (`YYYY-MM-DD`) and billing periods (`YYYY-MM`).
// Pure integer math on day numbers, so neither the host time zone nor the clock can leak in.
import { z } from 'zod';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const PERIOD_PATTERN = /^(\d{4})-(\d{2})$/;
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonthOf(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parts(pattern: RegExp, value: string): number[] | null {
  const match = pattern.exec(value);
  return match ? match.slice(1).map(Number) : null;
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const [year = 0, month = 0, day = 0] = parts(DATE_PATTERN, value) ?? [];
  // Years before 1900 are typos in a rent ledger, never real leases.
  return year >= 1900 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonthOf(year, month);
}

export function isPeriod(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const [year = 0, month = 0] = parts(PERIOD_PATTERN, value) ?? [];
  return year >= 1900 && month >= 1 && month <= 12;
}

export const isoDateSchema = z.string().refine(isIsoDate, 'Use a real calendar date written as YYYY-MM-DD.');
export const periodSchema = z.string().refine(isPeriod, 'Use a month written as YYYY-MM.');

function dateParts(date: string): [number, number, number] {
  const [year, month, day] = parts(DATE_PATTERN, date) ?? [];
  if (year === undefined || month === undefined || day === undefined) {
    throw new RangeError(`Not an ISO date: ${date}`);
  }
  return [year, month, day];
}

function periodParts(period: string): [number, number] {
  const [year, month] = parts(PERIOD_PATTERN, period) ?? [];
  if (year === undefined || month === undefined) throw new RangeError(`Not a period: ${period}`);
  return [year, month];
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** Days since 1970-01-01 (Howard Hinnant's days_from_civil). */
export function dayNumber(date: string): number {
  const [y0, month, day] = dateParts(date);
  const year = month <= 2 ? y0 - 1 : y0;
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The inverse of `dayNumber` (civil_from_days). */
export function fromDayNumber(days: number): string {
  const z0 = days + 719468;
  const era = Math.floor(z0 / 146097);
  const dayOfEra = z0 - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export const addDays = (date: string, days: number): string => fromDayNumber(dayNumber(date) + days);

/** Days from `from` to `to`, both counted (a lease's first and last day are both rented). */
export const daysInclusive = (from: string, to: string): number => dayNumber(to) - dayNumber(from) + 1;

export const minDate = (a: string, b: string): string => (a <= b ? a : b);
export const maxDate = (a: string, b: string): string => (a >= b ? a : b);

/** Today's date in UTC (what a lease or property without a time zone of its own uses). */
export const todayUtc = (now: Date): string => now.toISOString().slice(0, 10);

const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormatOf(timeZone: string): Intl.DateTimeFormat {
  let format = dateFormats.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD; the calendar is pinned so no locale default can change it.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      calendar: 'iso8601',
      numberingSystem: 'latn',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dateFormats.set(timeZone, format);
  }
  return format;
}

/**
 * The calendar date at `now` in an IANA time zone: how domain code turns `ctx.now` into "today"
 * for a lease or a property (DESIGN.md: every today of a lease is its property's local date).
 */
export function localDate(now: Date, timeZone: string): string {
  if (timeZone === 'UTC') return todayUtc(now);
  const parts = dateFormatOf(timeZone).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Whether the runtime knows `name` as an IANA time zone (`Europe/Paris`, `UTC`). */
export function isTimeZone(name: string): boolean {
  if (name.length === 0 || name.length > 64) return false;
  try {
    dateFormatOf(name);
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name, in its canonical spelling (`america/new_york` → `America/New_York`). */
export const timeZoneSchema = z
  .string()
  .refine(isTimeZone, { message: 'Use an IANA time zone name, such as America/New_York or UTC.' })
  .transform((name) => dateFormatOf(name).resolvedOptions().timeZone);

export const periodOf = (date: string): string => date.slice(0, 7);

export function daysInPeriod(period: string): number {
  const [year, month] = periodParts(period);
  return daysInMonthOf(year, month);
}

export const firstDayOf = (period: string): string => `${period}-01`;
export const lastDayOf = (period: string): string => `${period}-${pad(daysInPeriod(period))}`;

/** The given day of a period; days past the month's end fall on its last day. */
export const dayInPeriod = (period: string, day: number): string =>
  `${period}-${pad(Math.min(day, daysInPeriod(period)))}`;

export function nextPeriod(period: string): string {
  const [year, month] = periodParts(period);
  return month === 12 ? `${pad(year + 1, 4)}-01` : `${pad(year, 4)}-${pad(month + 1)}`;
}

/** "March 2027": how a period reads in a message to a person. */
export function formatPeriod(period: string): string {
  const [year, month] = periodParts(period);
  return `${MONTH_NAMES[month - 1] ?? period} ${year}`;
}
