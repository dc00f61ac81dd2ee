// Accumulates the events of one decision while folding them, and adds MonthlyPaymentCompleted
// whenever an event completes a period, so every money-moving command reports completions.
// A PaymentReceived gets the allocations its fold just derived: a decision folds each event once.

import type { LeaseEvent } from './events';
import { evolveLease, foldOntoLease } from './evolve';
import { allocationsOf, periodLineOf } from './ledger';
import type { Lease } from './state';

export type Emission = { lease: Lease; events: LeaseEvent[] };

export const startEmission = (lease: Lease): Emission => ({ lease, events: [] });

/** The event as recorded: a payment lists what it settled (credit it left is not listed). */
function recorded(event: LeaseEvent, lease: Lease): LeaseEvent {
  if (event.type !== 'PaymentReceived') return event;
  const payment = lease.payments[lease.payments.length - 1];
  if (payment?.paymentId !== event.data.paymentId) throw new Error('The payment was not folded last');
  return { type: 'PaymentReceived', data: { ...event.data, allocations: allocationsOf(payment) } };
}

export function emit(emission: Emission, event: LeaseEvent): Emission {
  const before = emission.lease;
  const folded = foldOntoLease(before, [event]);
  let { lease } = folded;
  const events = [...emission.events, recorded(event, lease)];
  // Only the lines this event changed can have become complete; in period order, as readers list them.
  for (const period of [...folded.touched].sort()) {
    if (!periodLineOf(lease, period)?.completed || periodLineOf(before, period)?.completed) continue;
    const completed: LeaseEvent = { type: 'MonthlyPaymentCompleted', data: { period } };
    lease = evolveLease(lease, completed);
    events.push(completed);
  }
  return { lease, events };
}
