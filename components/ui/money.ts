// Dollars as people type them ("1,234.5", "$12", "0.99") to integer cents and back, exactly: the
// text is read digit by digit, never through a float. Shared by every money field (MoneyInput) and
// safe on the server too (no React). Messages name amounts in dollars, never in cents.

/**
 * The largest amount any field accepts: $100,000,000.00, the domain's `MAX_CENTS`
 * (server/domain/shared/money.ts; a unit test keeps the two equal).
 */
export const MAX_AMOUNT_CENTS = 10_000_000_000;

// Optional "$", whole dollars either plain ("1234") or grouped by thousands ("1,234"), then an
// optional point with at most two digits. "1,23" and "12.345" are refused, not guessed at.
const DOLLARS = /^\$?(\d+|\d{1,3}(?:,\d{3})+)?(?:\.(\d{0,2}))?$/;

/** "1,234.5" → 123450; null when the text is not an amount in dollars and cents. */
export function parseDollars(text: string): number | null {
  const match = DOLLARS.exec(text.trim().replace(/\s+/g, ''));
  if (!match) return null;
  const whole = (match[1] ?? '').replace(/,/g, '');
  const fraction = match[2] ?? '';
  if (whole === '' && fraction === '') return null;
  // Past 13 digits of dollars the cents stop being safe integers; such an amount is over every limit.
  const digits = whole.replace(/^0+(?=\d)/, '');
  if (digits.length > 13) return Number.POSITIVE_INFINITY;
  return Number(digits || '0') * 100 + Number(fraction.padEnd(2, '0'));
}

/** 123450 → "1,234.50": how a money field shows an amount (no currency sign; the field has one). */
export function formatDollars(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  const dollars = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${dollars}.${String(abs % 100).padStart(2, '0')}`;
}

/** 123450 → "$1,234.50": an amount inside a sentence. */
export const usd = (cents: number): string =>
  cents < 0 ? `-$${formatDollars(-cents)}` : `$${formatDollars(cents)}`;

export interface MoneyRules {
  /** What the field is, in a sentence: "the monthly rent", "a cap". */
  what: string;
  /** Smallest accepted amount in cents; default 1 (more than zero). Use 0 for "zero or more". */
  minCents?: number;
  /** Largest accepted amount in cents; default MAX_AMOUNT_CENTS. */
  maxCents?: number;
  /** Why the maximum, after the amount: "twelve months of rent". */
  maxReason?: string;
  /** Empty text is this amount (e.g. 0 for an optional fee); without it empty is an error. */
  emptyCents?: number;
  /** An example shown in the "not an amount" message; default "1,250.00". */
  example?: string;
}

export type MoneyResult = { ok: true; cents: number } | { ok: false; error: string };

/**
 * Reads a money field under its rules, with the message to show next to it:
 *   checkMoney('23,000', { what: 'the amount', maxCents: 2298000, maxReason: 'twelve months of rent' })
 *   → { ok: false, error: 'Enter at most $22,980.00, twelve months of rent.' }
 */
export function checkMoney(text: string, rules: MoneyRules): MoneyResult {
  const { what, minCents = 1, maxCents = MAX_AMOUNT_CENTS, maxReason, emptyCents, example } = rules;
  if (text.trim() === '') {
    return emptyCents === undefined
      ? { ok: false, error: `Enter ${what}, like ${example ?? '1,250.00'}.` }
      : { ok: true, cents: emptyCents };
  }
  const cents = parseDollars(text);
  if (cents === null) {
    return {
      ok: false,
      error: `Enter ${what} in dollars and cents, like ${example ?? '1,250.00'}.`,
    };
  }
  if (cents < minCents) {
    return {
      ok: false,
      error: minCents <= 1 ? `Enter more than $0.00 for ${what}.` : `Enter at least ${usd(minCents)}.`,
    };
  }
  if (cents > maxCents) {
    return { ok: false, error: `Enter at most ${usd(maxCents)}${maxReason ? `, ${maxReason}` : ''}.` };
  }
  return { ok: true, cents };
}
