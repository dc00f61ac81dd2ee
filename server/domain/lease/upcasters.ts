// Schema evolution of lease events. PaymentReceived v1 (an older release) stored
// `{paymentId, amount: <dollars float>, paymentDate, method}`; v2 stores integer cents + currency;
// v3 adds `purpose` (rent or deposit).
import { z } from 'zod';
import type { Upcaster } from '../shared/event';
import { dollarsToCents } from '../shared/money';
import type { LeaseEventType } from './events';

const paymentReceivedV1 = z.object({
  paymentId: z.string().min(1),
  amount: z.union([z.number(), z.string()]),
  paymentDate: z.string(),
  method: z.string(),
  reference: z.string().optional(),
});

/**
 * v1 -> v2: dollars to cents rounding half-up on the decimal as written (1.005 -> 101),
 * currency USD. Allocations stay absent: v1 never had them and evolve derives them anyway.
 */
function paymentReceivedV1ToV2(data: unknown): unknown {
  const v1 = paymentReceivedV1.parse(data);
  return {
    paymentId: v1.paymentId,
    amountCents: dollarsToCents(v1.amount),
    currency: 'USD',
    paymentDate: v1.paymentDate,
    method: v1.method,
    ...(v1.reference === undefined ? {} : { reference: v1.reference }),
  };
}

/** v2 -> v3: `purpose` is new; every payment before it paid the ledger (rent and other items). */
function paymentReceivedV2ToV3(data: unknown): unknown {
  const v2 = z.looseObject({ purpose: z.unknown().optional() }).parse(data);
  return { ...v2, purpose: 'rent' };
}

export const upcasters: readonly Upcaster[] = [
  { eventType: 'PaymentReceived', fromVersion: 1, toVersion: 2, upcast: paymentReceivedV1ToV2 },
  { eventType: 'PaymentReceived', fromVersion: 2, toVersion: 3, upcast: paymentReceivedV2ToV3 },
];

/** The schema version each lease event is written with today. */
export const CURRENT_SCHEMA_VERSIONS: Readonly<Record<LeaseEventType, number>> = {
  LeaseCreated: 1,
  RentCharged: 1,
  PaymentReceived: 3,
  MonthlyPaymentCompleted: 1,
  LateFeeAssessed: 1,
  PaymentReversed: 1,
  LeaseRenewed: 1,
  LeaseTerminated: 1,
  CreditGranted: 1,
  ChargePosted: 1,
  ChargeWaived: 1,
  RecurringChargeAdded: 1,
  RecurringChargeRemoved: 1,
  AutopayEnrolled: 1,
  AutopayCancelled: 1,
  DepositSettled: 1,
};
