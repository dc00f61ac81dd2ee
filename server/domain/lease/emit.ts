// Accumulates the events of one decision while folding them, and adds MonthlyPaymentCompleted
// whenever an event completes a period, so every money-moving command reports completions.

import type { LeaseEvent } from './events';
import { evolveLease } from './evolve';
import type { Lease } from './state';

export type Emission = { lease: Lease; events: LeaseEvent[] };

export const startEmission = (lease: Lease): Emission => ({ lease, events: [] });

export function emit(emission: Emission, event: LeaseEvent): Emission {
  const wasCompleted = new Set(
    emission.lease.periods.filter((line) => line.completed).map((line) => line.period),
  );
  let lease = evolveLease(emission.lease, event);
  const events = [...emission.events, event];
  for (const line of lease.periods) {
    if (!line.completed || wasCompleted.has(line.period)) continue;
    const completed: LeaseEvent = { type: 'MonthlyPaymentCompleted', data: { period: line.period } };
    lease = evolveLease(lease, completed);
    events.push(completed);
  }
  return { lease, events };
}
