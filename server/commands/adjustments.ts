// A manager's adjustments to a lease: post a one-off charge, waive an open charge or late fee,
// grant a credit, add or remove a recurring charge. One use case each for the API and the web;
// each authorises itself through the policy on the lease it loads (manager of its property only).
import 'server-only';
import type { Actor } from '../auth/policy';
import type { LeaseCommandOf } from '../domain/lease';
import type { Runtime } from '../runtime';
import type { CommandEnvelope } from './handle';
import { newUuid, uuidFromSeed } from './ids';
import { changeLeaseAs } from './lease';

type Input<T extends LeaseCommandOf<LeaseAdjustment>['type']> = { leaseId: string } & Omit<
  LeaseCommandOf<T>,
  'type'
>;
type LeaseAdjustment =
  | 'PostCharge'
  | 'WaiveCharge'
  | 'GrantCredit'
  | 'AddRecurringCharge'
  | 'RemoveRecurringCharge';

/**
 * The id of what an adjustment creates (a charge, a credit, a recurring charge): the same on every
 * retry of one idempotency key, fresh without one. Callers compute it once and reply with it.
 */
export const adjustmentIdFor = (
  what: 'charge' | 'credit' | 'recurring',
  envelope: CommandEnvelope,
): string => (envelope.commandId ? uuidFromSeed(`${what}:${envelope.commandId}`) : newUuid());

export const postCharge = (
  runtime: Runtime,
  actor: Actor,
  input: Input<'PostCharge'>,
  envelope: CommandEnvelope,
) =>
  changeLeaseAs(
    runtime,
    actor,
    input.leaseId,
    {
      type: 'PostCharge',
      chargeId: input.chargeId,
      kind: input.kind,
      description: input.description,
      amountCents: input.amountCents,
      dueDate: input.dueDate,
    },
    envelope,
  );

export const waiveCharge = (
  runtime: Runtime,
  actor: Actor,
  input: Input<'WaiveCharge'>,
  envelope: CommandEnvelope,
) =>
  changeLeaseAs(
    runtime,
    actor,
    input.leaseId,
    { type: 'WaiveCharge', chargeId: input.chargeId, reason: input.reason },
    envelope,
  );

export const grantCredit = (
  runtime: Runtime,
  actor: Actor,
  input: Input<'GrantCredit'>,
  envelope: CommandEnvelope,
) =>
  changeLeaseAs(
    runtime,
    actor,
    input.leaseId,
    { type: 'GrantCredit', creditId: input.creditId, amountCents: input.amountCents, reason: input.reason },
    envelope,
  );

export const addRecurringCharge = (
  runtime: Runtime,
  actor: Actor,
  input: Input<'AddRecurringCharge'>,
  envelope: CommandEnvelope,
) =>
  changeLeaseAs(
    runtime,
    actor,
    input.leaseId,
    {
      type: 'AddRecurringCharge',
      recurringId: input.recurringId,
      description: input.description,
      amountCents: input.amountCents,
      fromPeriod: input.fromPeriod,
      toPeriod: input.toPeriod,
    },
    envelope,
  );

export const removeRecurringCharge = (
  runtime: Runtime,
  actor: Actor,
  input: Input<'RemoveRecurringCharge'>,
  envelope: CommandEnvelope,
) =>
  changeLeaseAs(
    runtime,
    actor,
    input.leaseId,
    { type: 'RemoveRecurringCharge', recurringId: input.recurringId },
    envelope,
  );
