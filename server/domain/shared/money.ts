// Money is integer cents (USD) everywhere; these helpers keep rounding in one place.
import { z } from 'zod';

/** $100,000,000.00: anything larger on a lease is a typo, not an amount. */
export const MAX_CENTS = 10_000_000_000;

/**
 * $1,000,000.00 a month: the largest monthly or market rent a command may set. It bounds what a
 * lease can hold (a payment is at most 12 months of rent, credit at most 12 months of rent), so
 * every read-model sum stays far inside a bigint and a JavaScript safe integer (docs/security.md).
 */
export const MAX_RENT_CENTS = 100_000_000;

// Messages in dollars: zod's own ("Too big: expected number to be <=10000000000") must never reach
// a person. The API's field name says the unit (`amountCents`); the sentence speaks dollars.
const WHOLE_CENTS = 'Enter an amount in whole cents (an integer: 1250.00 dollars is 125000).';
const AT_MOST = 'Enter at most $100,000,000.00.';

export const centsSchema = z
  .int({ error: WHOLE_CENTS })
  .min(0, { error: 'Enter $0.00 or more.' })
  .max(MAX_CENTS, { error: AT_MOST });
export const positiveCentsSchema = z
  .int({ error: WHOLE_CENTS })
  .min(1, { error: 'Enter more than $0.00.' })
  .max(MAX_CENTS, { error: AT_MOST });

export const isCents = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_CENTS;

export const isPositiveCents = (value: unknown): value is number => isCents(value) && value > 0;

export const isRentCents = (value: unknown): value is number =>
  isPositiveCents(value) && value <= MAX_RENT_CENTS;

/**
 * round(rent × days / daysInMonth), half-up to the cent. Done in integers
 * (floor((2·rent·days + dim) / (2·dim))) so that float error can never flip a half cent.
 */
export function prorate(rentCents: number, days: number, daysInMonth: number): number {
  if (!Number.isInteger(rentCents) || rentCents < 0) throw new RangeError(`Bad rent: ${rentCents}`);
  if (!Number.isInteger(days) || days < 0 || days > daysInMonth) throw new RangeError(`Bad days: ${days}`);
  return Math.floor((2 * rentCents * days + daysInMonth) / (2 * daysInMonth));
}

/** "$18,000.00": how an amount reads in a message to a person. */
export function formatUsd(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const dollars = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}$${dollars}.${String(abs % 100).padStart(2, '0')}`;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/**
 * Dollars (a float as an older release stored it, or a decimal string) to integer cents,
 * rounding half away from zero on the decimal digits as written: 1.005 -> 101, 0.29 -> 29.
 * `Math.round(x * 100)` is not used because 1.005 * 100 is 100.49999999999999 in binary.
 */
export function dollarsToCents(amount: number | string): number {
  if (typeof amount === 'number' && !Number.isFinite(amount))
    throw new RangeError(`Not an amount: ${amount}`);
  // String(number) is the shortest decimal that round-trips, i.e. what the writer meant.
  const text = typeof amount === 'number' ? String(amount) : amount.trim();
  const match = DECIMAL.exec(text);
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match ?? [];
  if (!match || whole + fraction === '') throw new RangeError(`Not an amount: ${text}`);
  let digits = whole + fraction;
  let point = whole.length + Number(exponent);
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  digits = digits.padEnd(point + 3, '0');
  const roundUp = digits.charCodeAt(point + 2) - 48 >= 5;
  const cents = Number(digits.slice(0, point + 2) || '0') + (roundUp ? 1 : 0);
  if (!Number.isSafeInteger(cents)) throw new RangeError(`Amount out of range: ${text}`);
  return sign === '-' && cents !== 0 ? -cents : cents;
}
