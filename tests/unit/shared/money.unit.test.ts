// Money helpers: proration (DESIGN.md's binding figures), formatting and exact dollar parsing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dollarsToCents, formatUsd, prorate } from '@/server/domain/shared/money';

describe('prorate', () => {
  it('gives the DESIGN.md figures: 17/31 and 10/31 of 1,500.00', () => {
    expect(prorate(150_000, 17, 31)).toBe(82_258);
    expect(prorate(150_000, 10, 31)).toBe(48_387);
  });

  it('rounds half a cent up', () => {
    expect(prorate(1, 1, 2)).toBe(1);
    expect(prorate(3, 1, 2)).toBe(2);
    expect(prorate(100_001, 15, 30)).toBe(50_001); // 50,000.5
    expect(prorate(99_999, 15, 30)).toBe(50_000); // 49,999.5
    expect(prorate(100_000, 1, 3)).toBe(33_333); // 33,333.33 rounds down
  });

  it('refuses impossible day counts', () => {
    expect(() => prorate(100, 32, 31)).toThrow(RangeError);
    expect(() => prorate(100, -1, 31)).toThrow(RangeError);
    expect(() => prorate(1.5, 1, 31)).toThrow(RangeError);
  });

  const rent = fc.integer({ min: 1, max: 10_000_000_000 });
  const month = fc.constantFrom(28, 29, 30, 31);

  it('never exceeds the monthly rent, and a full month is the rent', () => {
    fc.assert(
      fc.property(rent, month, fc.nat(31), (rentCents, dim, d) => {
        const days = Math.min(d, dim);
        const amount = prorate(rentCents, days, dim);
        expect(amount).toBeGreaterThanOrEqual(0);
        expect(amount).toBeLessThanOrEqual(rentCents);
        expect(prorate(rentCents, dim, dim)).toBe(rentCents);
        if (days > 0) expect(amount).toBeGreaterThanOrEqual(prorate(rentCents, days - 1, dim));
      }),
    );
  });

  it('equals exact rational half-up rounding', () => {
    fc.assert(
      fc.property(rent, month, fc.nat(31), (rentCents, dim, d) => {
        const days = Math.min(d, dim);
        const numerator = BigInt(rentCents) * BigInt(days);
        const exact = (2n * numerator + BigInt(dim)) / (2n * BigInt(dim));
        expect(BigInt(prorate(rentCents, days, dim))).toBe(exact);
      }),
    );
  });
});

describe('formatUsd', () => {
  it('writes dollars with thousands separators and two decimals', () => {
    expect(formatUsd(1_800_000)).toBe('$18,000.00');
    expect(formatUsd(5)).toBe('$0.05');
    expect(formatUsd(123_456_789)).toBe('$1,234,567.89');
    expect(formatUsd(-2_550)).toBe('-$25.50');
  });
});

describe('dollarsToCents', () => {
  it('converts the dollar floats an older release stored, exactly', () => {
    expect(dollarsToCents(1234.5)).toBe(123_450);
    expect(dollarsToCents(0.29)).toBe(29);
    expect(dollarsToCents(100)).toBe(10_000);
    expect(dollarsToCents(0.1 + 0.2)).toBe(30);
  });

  it('rounds half-up on the decimal as written (1.005 is 101, not 100)', () => {
    expect(dollarsToCents(1.005)).toBe(101);
    expect(dollarsToCents(1.004)).toBe(100);
    expect(dollarsToCents('12.345')).toBe(1_235);
    expect(dollarsToCents('.5')).toBe(50);
    expect(dollarsToCents(1e-7)).toBe(0);
    expect(dollarsToCents(1.5e3)).toBe(150_000);
  });

  it('refuses what is not an amount', () => {
    expect(() => dollarsToCents(Number.NaN)).toThrow(RangeError);
    expect(() => dollarsToCents(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => dollarsToCents('12,00')).toThrow(RangeError);
    expect(() => dollarsToCents('')).toThrow(RangeError);
    expect(() => dollarsToCents(1e21)).toThrow(RangeError);
  });

  it('round-trips every cent amount written as dollars', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), (cents) => {
        expect(dollarsToCents(cents / 100)).toBe(cents);
      }),
    );
  });
});
