// The money fields' parser: dollars as typed to exact integer cents, messages in dollars, and the
// same ceiling as the server's zod schemas (which speak dollars too).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkMoney, formatDollars, MAX_AMOUNT_CENTS, parseDollars, usd } from '@/components/ui/money';
import { MAX_CENTS, positiveCentsSchema } from '@/server/domain/shared/money';
import { paymentBody } from '@/server/http/schemas';

describe('parseDollars', () => {
  it('reads what people type, exactly', () => {
    expect(parseDollars('1,234.5')).toBe(123_450);
    expect(parseDollars('1234.56')).toBe(123_456);
    expect(parseDollars('$12')).toBe(1_200);
    expect(parseDollars(' 0.99 ')).toBe(99);
    expect(parseDollars('.5')).toBe(50);
    expect(parseDollars('7.')).toBe(700);
    expect(parseDollars('1,000,000.01')).toBe(100_000_001);
    expect(parseDollars('0.29')).toBe(29); // 0.29 * 100 is 28.999999999999996 in floating point
    expect(parseDollars('1 234.00')).toBe(123_400);
  });

  it('refuses what is not an amount instead of guessing', () => {
    for (const text of ['', ' ', '$', '.', 'abc', '-5', '1.234', '12,34', '1,2345', '1e3', '1.2.3', '12..']) {
      expect(parseDollars(text), text).toBeNull();
    }
  });

  it('reads amounts too long for safe integers as over every limit', () => {
    expect(parseDollars('99999999999999999999')).toBe(Number.POSITIVE_INFINITY);
    expect(checkMoney('99999999999999999999', { what: 'the amount' })).toEqual({
      ok: false,
      error: 'Enter at most $100,000,000.00.',
    });
  });

  it('format then parse is the identity on cents (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_AMOUNT_CENTS }), (cents) => {
        expect(parseDollars(formatDollars(cents))).toBe(cents);
        expect(parseDollars(usd(cents))).toBe(cents);
        // Without the thousands separators, as most people type.
        expect(parseDollars(formatDollars(cents).replace(/,/g, ''))).toBe(cents);
      }),
    );
  });
});

describe('checkMoney', () => {
  const payment = { what: 'an amount', maxCents: 2_298_000, maxReason: 'twelve months of rent' };

  it('names the limit in dollars, with its reason', () => {
    expect(checkMoney('23,000', payment)).toEqual({
      ok: false,
      error: 'Enter at most $22,980.00, twelve months of rent.',
    });
    expect(checkMoney('22,980.00', payment)).toEqual({ ok: true, cents: 2_298_000 });
  });

  it('refuses zero unless zero is allowed, and maps an empty optional field', () => {
    expect(checkMoney('0', payment)).toEqual({ ok: false, error: 'Enter more than $0.00 for an amount.' });
    expect(checkMoney('0.00', { what: 'the late fee', minCents: 0 })).toEqual({ ok: true, cents: 0 });
    expect(checkMoney('', { what: 'the late fee', minCents: 0, emptyCents: 0 })).toEqual({
      ok: true,
      cents: 0,
    });
    expect(checkMoney(' ', { what: 'the monthly rent', example: '1,500.00' })).toEqual({
      ok: false,
      error: 'Enter the monthly rent, like 1,500.00.',
    });
    expect(checkMoney('5', { what: 'the deposit', minCents: 1_000 })).toEqual({
      ok: false,
      error: 'Enter at least $10.00.',
    });
  });

  it('explains a typo with an example', () => {
    expect(checkMoney('12,34', { what: 'the monthly rent', example: '1,500.00' })).toEqual({
      ok: false,
      error: 'Enter the monthly rent in dollars and cents, like 1,500.00.',
    });
  });
});

describe('the same ceiling in the browser and on the server', () => {
  it('uses the domain maximum', () => {
    expect(MAX_AMOUNT_CENTS).toBe(MAX_CENTS);
  });

  it('the API speaks dollars about amount limits, never zod’s defaults', () => {
    const tooBig = paymentBody.safeParse({ amountCents: MAX_CENTS + 1, method: 'card' });
    expect(tooBig.success).toBe(false);
    expect(tooBig.error?.issues[0]?.message).toBe('Enter at most $100,000,000.00.');
    expect(positiveCentsSchema.safeParse(0).error?.issues[0]?.message).toBe('Enter more than $0.00.');
    expect(positiveCentsSchema.safeParse(12.5).error?.issues[0]?.message).toMatch(/whole cents/);
    expect(positiveCentsSchema.safeParse('12').error?.issues[0]?.message).toMatch(/whole cents/);
  });
});
