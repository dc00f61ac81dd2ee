// Lease fixtures: the binding DESIGN.md lease (rent 1,500.00 from 2027-03-15 to 2027-08-10)
// and short builders for its events and commands, so tests read like the rules.
import { leaseDecider } from '@/server/domain/lease';
import type { LeaseCommandOf } from '@/server/domain/lease/commands';
import type { Allocation, LeaseEvent, LeaseEventOf } from '@/server/domain/lease/events';
import type { Lease, LeaseState } from '@/server/domain/lease/state';
import { givenFor, testId } from './given';

export const given = givenFor(leaseDecider);

export const LEASE_ID = testId(1);
export const TENANT_ID = testId(2);
export const PROPERTY_ID = testId(3);
export const UNIT_ID = testId(4);
export const RENT = 150_000;
export const LATE_FEE = 5_000;

type Created = LeaseEventOf<'LeaseCreated'>['data'];

export function leaseCreated(overrides: Partial<Created> = {}): LeaseEvent {
  return {
    type: 'LeaseCreated',
    data: {
      leaseId: LEASE_ID,
      tenantId: TENANT_ID,
      propertyId: PROPERTY_ID,
      unitId: UNIT_ID,
      startDate: '2027-03-15',
      endDate: '2027-08-10',
      monthlyRentCents: RENT,
      dueDay: 1,
      graceDays: 5,
      lateFeeCents: LATE_FEE,
      securityDepositCents: RENT,
      nsfFeeCents: 0,
      ...overrides,
    },
  };
}

export const rentCharged = (
  chargeId: string,
  period: string,
  amountCents: number,
  dueDate: string,
  prorated = false,
): LeaseEvent => ({ type: 'RentCharged', data: { chargeId, period, amountCents, dueDate, prorated } });

/** The March charge of the DESIGN.md lease: 17/31 of 1,500.00, due on the start date. */
export const MARCH_CHARGE = testId(101);
export const marchCharged = rentCharged(MARCH_CHARGE, '2027-03', 82_258, '2027-03-15', true);
export const APRIL_CHARGE = testId(102);
export const aprilCharged = rentCharged(APRIL_CHARGE, '2027-04', RENT, '2027-04-01');

export const paymentReceived = (
  paymentId: string,
  amountCents: number,
  paymentDate: string,
  extra: {
    allocations?: Allocation[];
    method?: 'card' | 'ach' | 'check';
    autopayPeriod?: string;
    purpose?: 'rent' | 'deposit';
  } = {},
): LeaseEvent => ({
  type: 'PaymentReceived',
  data: {
    paymentId,
    amountCents,
    currency: 'USD',
    paymentDate,
    method: extra.method ?? 'ach',
    purpose: extra.purpose ?? 'rent',
    ...extra,
  },
});

export const completed = (period: string): LeaseEvent => ({
  type: 'MonthlyPaymentCompleted',
  data: { period },
});

export const rentAllocation = (chargeId: string, period: string, amountCents: number): Allocation => ({
  chargeId,
  kind: 'rent',
  period,
  amountCents,
});

export const terminated = (effectiveDate: string, reason = 'Tenant moved out'): LeaseEvent => ({
  type: 'LeaseTerminated',
  data: { effectiveDate, reason },
});

export const postDue = (asOf: string): LeaseCommandOf<'PostDueItems'> => ({ type: 'PostDueItems', asOf });

export const pay = (
  amountCents: number,
  options: Partial<Omit<LeaseCommandOf<'ReceivePayment'>, 'type' | 'amountCents'>> = {},
): LeaseCommandOf<'ReceivePayment'> => ({
  type: 'ReceivePayment',
  paymentId: testId(500),
  amountCents,
  method: 'ach',
  actorRole: 'manager',
  ...options,
});

/** Fold events into a lease (throws if the events never created one). */
export function leaseOf(events: LeaseEvent[]): Lease {
  const state: LeaseState = events.reduce(leaseDecider.evolve, leaseDecider.initialState);
  if (state.status === 'none') throw new Error('No LeaseCreated in the given events');
  return state;
}

export const periodOf = (lease: Lease, period: string) =>
  lease.periods.find((line) => line.period === period);
