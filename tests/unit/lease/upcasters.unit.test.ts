// Schema evolution: PaymentReceived v1 (dollar float, no currency, no allocations) reads as
// v2 (integer cents, USD), v2 as v3 (purpose rent), and both fold exactly like a v3 event.
import { describe, expect, it } from 'vitest';
import { LEASE_EVENT_TYPES, type LeaseEvent, paymentReceivedData } from '@/server/domain/lease/events';
import { CURRENT_SCHEMA_VERSIONS, upcasters } from '@/server/domain/lease/upcasters';
import { UpcasterRegistry } from '@/server/eventstore';
import { testId } from '../support/given';
import {
  leaseCreated,
  leaseOf,
  MARCH_CHARGE,
  marchCharged,
  paymentReceived,
  rentAllocation,
} from '../support/lease';

const registry = new UpcasterRegistry(upcasters);
const upcastData = (eventType: string, schemaVersion: number, data: unknown): unknown =>
  registry.upcast(eventType, schemaVersion, data).data;

const v1 = (amount: number) => ({
  paymentId: testId(50),
  amount,
  paymentDate: '2027-03-20',
  method: 'check',
});

describe('PaymentReceived v1 -> v2 -> v3', () => {
  it('is registered for PaymentReceived from 1 to 2 and from 2 to 3', () => {
    expect(
      upcasters.map(({ eventType, fromVersion, toVersion }) => ({ eventType, fromVersion, toVersion })),
    ).toEqual([
      { eventType: 'PaymentReceived', fromVersion: 1, toVersion: 2 },
      { eventType: 'PaymentReceived', fromVersion: 2, toVersion: 3 },
    ]);
  });

  it('turns dollars into exact cents and adds the currency, and (v3) the purpose rent', () => {
    expect(upcastData('PaymentReceived', 1, v1(1234.5))).toEqual({
      paymentId: testId(50),
      amountCents: 123_450,
      currency: 'USD',
      paymentDate: '2027-03-20',
      method: 'check',
      purpose: 'rent',
    });
    expect(upcastData('PaymentReceived', 1, v1(0.29))).toMatchObject({ amountCents: 29 });
    expect(upcastData('PaymentReceived', 1, v1(1.005))).toMatchObject({ amountCents: 101 });
  });

  it('produces data the current schema accepts', () => {
    expect(paymentReceivedData.safeParse(upcastData('PaymentReceived', 1, v1(822.58))).success).toBe(true);
  });

  it('reads a v2 payment (no purpose) as a rent payment', () => {
    const { purpose: _purpose, ...v2 } = paymentReceived(testId(50), 100, '2027-03-20').data as {
      purpose: string;
    };
    expect(upcastData('PaymentReceived', 2, v2)).toEqual({ ...v2, purpose: 'rent' });
    expect(paymentReceivedData.safeParse(upcastData('PaymentReceived', 2, v2)).success).toBe(true);
  });

  it('leaves current data and other event types alone', () => {
    const current = paymentReceived(testId(50), 100, '2027-03-20').data;
    expect(upcastData('PaymentReceived', 3, current)).toBe(current);
    expect(upcastData('RentCharged', 1, marchCharged.data)).toBe(marchCharged.data);
  });

  it('refuses v1 data without an amount instead of inventing one', () => {
    expect(() => upcastData('PaymentReceived', 1, { paymentId: testId(50) })).toThrow();
  });

  it('a v1 payment folds into the same state as a v2 one: allocated oldest first', () => {
    const upcast = upcastData('PaymentReceived', 1, v1(822.58)) as LeaseEvent['data'];
    const fromV1 = leaseOf([
      leaseCreated(),
      marchCharged,
      { type: 'PaymentReceived', data: upcast } as LeaseEvent,
    ]);
    const fromV2 = leaseOf([
      leaseCreated(),
      marchCharged,
      paymentReceived(testId(50), 82_258, '2027-03-20', {
        method: 'check',
        allocations: [rentAllocation(MARCH_CHARGE, '2027-03', 82_258)],
      }),
    ]);
    expect(fromV1).toStrictEqual(fromV2);
    expect(fromV1.periods[0]).toMatchObject({ completed: true, paidCents: 82_258 });
  });

  it('lists the current version of every lease event: PaymentReceived 3, the rest 1', () => {
    expect(Object.keys(CURRENT_SCHEMA_VERSIONS).sort()).toEqual([...LEASE_EVENT_TYPES].sort());
    for (const type of LEASE_EVENT_TYPES) {
      expect(CURRENT_SCHEMA_VERSIONS[type]).toBe(type === 'PaymentReceived' ? 3 : 1);
    }
  });
});
