// Proration (DESIGN.md "The domain"), property-based: for any lease dates and rent, the billing run
// charges each calendar month the lease covers exactly once; a full month is the rent, a first or
// last partial month round(rent x days / daysInMonth) half-up, with start and end day both counted
// (one that rounds to zero cents is not posted).
// The expected figures are computed here independently, with Date.UTC day counts and integer
// half-up rounding, not with the domain's own date helpers.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LeaseEvent } from '@/server/domain/lease/events';
import { testCtx } from '../support/given';
import { given, leaseCreated, postDue } from '../support/lease';

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Every month from start to end with the days the lease covers in it and its length. */
function expectedMonths(start: string, end: string): { period: string; days: number; inMonth: number }[] {
  const months: { period: string; days: number; inMonth: number }[] = [];
  const startMs = Date.parse(`${start}T00:00:00Z`);
  const endMs = Date.parse(`${end}T00:00:00Z`);
  for (let ms = startMs; ms <= endMs; ms += DAY_MS) {
    const period = iso(ms).slice(0, 7);
    const last = months.at(-1);
    if (last?.period === period) last.days += 1;
    else {
      const [y, m] = period.split('-').map(Number) as [number, number];
      months.push({ period, days: 1, inMonth: new Date(Date.UTC(y, m, 0)).getUTCDate() });
    }
  }
  return months;
}

/** round(rent × days / inMonth), half-up, in integers. */
const halfUp = (rent: number, days: number, inMonth: number) =>
  Math.floor((2 * rent * days + inMonth) / (2 * inMonth));

const leaseArb = fc
  .record({
    startOffset: fc.integer({ min: 0, max: 700 }),
    lengthDays: fc.integer({ min: 1, max: 800 }),
    rent: fc.integer({ min: 1, max: 100_000_000 }),
    dueDay: fc.integer({ min: 1, max: 28 }),
  })
  .map(({ startOffset, lengthDays, rent, dueDay }) => {
    const startMs = Date.parse('2027-01-01T00:00:00Z') + startOffset * DAY_MS;
    return { start: iso(startMs), end: iso(startMs + lengthDays * DAY_MS), rent, dueDay };
  });

describe('proration', () => {
  it('charges every covered month once: the rent for a full month, half-up days/daysInMonth for a partial one', () => {
    fc.assert(
      fc.property(leaseArb, ({ start, end, rent, dueDay }) => {
        const created = leaseCreated({ startDate: start, endDate: end, monthlyRentCents: rent, dueDay });
        // One run after the end posts every month (fees and autopay are not part of this property).
        const posted: LeaseEvent[] = given([created]).when(postDue(end), testCtx('2031-01-01')).events();
        const charges = posted.flatMap((e) => (e.type === 'RentCharged' ? [e.data] : []));
        // A proration that rounds to zero cents is not posted (server/domain/README.md).
        const amountOf = (m: { days: number; inMonth: number }) =>
          m.days === m.inMonth ? rent : halfUp(rent, m.days, m.inMonth);
        const months = expectedMonths(start, end).filter((m) => amountOf(m) > 0);
        expect(charges.map((c) => c.period)).toEqual(months.map((m) => m.period));
        charges.forEach((charge, i) => {
          const month = months[i] as (typeof months)[number];
          const full = month.days === month.inMonth;
          expect(charge.amountCents).toBe(full ? rent : halfUp(rent, month.days, month.inMonth));
          expect(charge.prorated).toBe(!full);
        });
        if (months[0]?.period === start.slice(0, 7)) expect(charges[0]?.dueDate).toBe(start);
        const total = charges.reduce((sum, c) => sum + c.amountCents, 0);
        const bound = months.reduce((sum, m) => sum + (rent * m.days) / m.inMonth, 0);
        // Each month rounds by at most half a cent.
        expect(Math.abs(total - bound)).toBeLessThanOrEqual(months.length / 2);
      }),
      { numRuns: 300 },
    );
  });

  it('the DESIGN.md example: 1,500.00 from 2027-03-15 to 2027-08-10 charges 822.58 and 483.87', () => {
    const created = leaseCreated({
      startDate: '2027-03-15',
      endDate: '2027-08-10',
      monthlyRentCents: 150_000,
    });
    const charges = given([created])
      .when(postDue('2027-08-10'), testCtx('2027-09-01'))
      .events()
      .flatMap((e) => (e.type === 'RentCharged' ? [[e.data.period, e.data.amountCents]] : []));
    expect(charges).toEqual([
      ['2027-03', 82_258],
      ['2027-04', 150_000],
      ['2027-05', 150_000],
      ['2027-06', 150_000],
      ['2027-07', 150_000],
      ['2027-08', 48_387],
    ]);
  });
});
