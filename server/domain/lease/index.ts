// The lease aggregate: its decider, stream ids and the types other layers use.
// Streams are `lease-<uuid>`; see decide.ts for the commands and events.ts for the facts.
import type { Decider } from '../shared/event';
import { idOfStream, streamIdOf } from '../shared/event';
import type { LeaseCommand } from './commands';
import { decide } from './decide';
import type { LeaseEvent } from './events';
import { evolve, foldLease, foldLeaseSteps } from './evolve';
import { initialState, type LeaseState, STATE_SCHEMA_VERSION } from './state';

const LEASE_STREAM_TYPE = 'lease';

const decider: Decider<LeaseCommand, LeaseEvent, LeaseState> = {
  streamType: LEASE_STREAM_TYPE,
  initialState,
  evolve,
  decide,
  stateSchemaVersion: STATE_SCHEMA_VERSION,
};

/** `fold` folds a batch (a stream's tail) on one draft: O(1) per event where `evolve` copies arrays. */
export const leaseDecider = { ...decider, fold: foldLease };

export const leaseStreamId = (leaseId: string): string => streamIdOf(LEASE_STREAM_TYPE, leaseId);
export const leaseIdOfStream = (streamId: string): string | null => idOfStream(LEASE_STREAM_TYPE, streamId);

export { nextDueItem } from './billing';
export * from './commands';
export { type DepositSplit, depositSplit } from './deposit';
export * from './events';
export { billingSchedule } from './schedule';
export * from './state';
export { foldLease, foldLeaseSteps };
