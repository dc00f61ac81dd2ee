// Lease commands: the write path for creating, billing, paying, reversing, renewing,
// terminating and autopay. Each call parses its command, then runs the shared command path.
// `createLease` and `changeLease` run a command as given (the billing run, the seed, tests); the
// use cases (./payments.ts, ./leasing.ts) run them for an actor, through `changeLeaseAs`.
import 'server-only';
import { type Actor, assertCanReadLease, authoriseLeaseCommand, leaseAccessOfState } from '../auth/policy';
import { withLock } from '../db/locks';
import {
  type LeaseCommand,
  type LeaseEvent,
  type LeaseState,
  leaseCommandSchema,
  leaseDecider,
  leaseStreamId,
  type UnitLease,
} from '../domain/lease';
import { propertyDecider, propertyStreamId } from '../domain/property';
import { DomainError } from '../domain/shared/errors';
import { parseInput } from '../domain/shared/validate';
import { type EventMetadata, folderOf } from '../eventstore';
import { findEventByData } from '../eventstore/queries';
import { leasesOfUnit } from '../projections/leases/query';
import type { Runtime } from '../runtime';
import {
  type CommandEnvelope,
  type CommandResult,
  type DecidedEvent,
  type ExecuteOptions,
  execute,
} from './handle';
import { newUuid, uuidFromSeed } from './ids';

type LeaseOptions = Pick<ExecuteOptions<LeaseState, LeaseEvent>, 'authorise'>;
type Without<C, K extends string> = C extends unknown ? Omit<C, K> : never;
export type CreateLeaseInput = Omit<
  Extract<LeaseCommand, { type: 'CreateLease' }>,
  'type' | 'leaseId' | 'existingLeasesForUnit' | 'timeZone'
>;
/** Every lease command but CreateLease, as callers send it (a renewal's unit leases are looked up). */
export type LeaseChange = Without<Exclude<LeaseCommand, { type: 'CreateLease' }>, 'existingLeasesForUnit'>;

/**
 * Causation inside the lease stream: a late fee points at the rent charge it penalises, a
 * termination's credit at the termination, an NSF fee at its reversal, and a completed month at the
 * payment, charge, credit, waiver or deposit settlement that completed it.
 */
async function leaseCausation(
  runtime: Runtime,
  streamId: string,
  decided: DecidedEvent<LeaseEvent>,
  batch: readonly DecidedEvent<LeaseEvent>[],
): Promise<Partial<EventMetadata> | undefined> {
  const { event } = decided;
  if (event.type === 'LateFeeAssessed') {
    const chargeId = event.data.chargeId;
    const inBatch = batch.find((b) => b.event.type === 'RentCharged' && b.event.data.chargeId === chargeId);
    if (inBatch) return { causationId: inBatch.eventId };
    const stored = await findEventByData(runtime.database.db, {
      streamId,
      eventType: 'RentCharged',
      field: 'chargeId',
      value: chargeId,
    });
    return stored ? { causationId: stored.eventId } : undefined;
  }
  if (event.type === 'MonthlyPaymentCompleted') {
    const index = batch.indexOf(decided);
    const cause = batch
      .slice(0, index)
      .reverse()
      .find(
        (b) =>
          b.event.type === 'PaymentReceived' ||
          b.event.type === 'RentCharged' ||
          b.event.type === 'CreditGranted' ||
          b.event.type === 'ChargeWaived' ||
          b.event.type === 'DepositSettled',
      );
    return cause ? { causationId: cause.eventId } : undefined;
  }
  if (event.type === 'CreditGranted') {
    const termination = batch.find((b) => b.event.type === 'LeaseTerminated');
    return termination ? { causationId: termination.eventId } : undefined;
  }
  if (event.type === 'ChargePosted' && event.data.kind === 'nsf_fee') {
    // The NSF fee is posted by the reversal decided with it.
    const reversal = batch.find((b) => b.event.type === 'PaymentReversed');
    return reversal ? { causationId: reversal.eventId } : undefined;
  }
  return undefined;
}

function runLeaseCommand(
  runtime: Runtime,
  leaseId: string,
  command: LeaseCommand,
  envelope: CommandEnvelope,
  options: LeaseOptions & { fingerprint?: unknown } = {},
): Promise<CommandResult<LeaseState>> {
  const streamId = leaseStreamId(leaseId);
  return execute(runtime, leaseDecider, streamId, command, envelope, {
    ...options,
    metadataFor: (decided, batch) => leaseCausation(runtime, streamId, decided, batch),
  });
}

/**
 * Runs `use` holding the unit's lock, with the unit's leases from the read model. Every lease command
 * applies itself to it before it returns (and creates and renewals hold this unit's lock until
 * then), so it is current for this unit unless the projection is failing: then refuse to guess.
 */
async function withUnitLeases<T>(
  runtime: Runtime,
  unitId: string,
  use: (existingLeasesForUnit: UnitLease[]) => Promise<T>,
): Promise<T> {
  return withLock(runtime.database, `unit:${unitId}`, async () => {
    const leases = (await runtime.runner.health()).find((h) => h.name === 'leases');
    if (leases?.status === 'failing') {
      throw new Error('Unit availability cannot be checked right now: the leases read model is failing.');
    }
    return use(await leasesOfUnit(runtime.database.db, unitId));
  });
}

/**
 * Creates a lease on a vacant unit. Holds the unit's lock while it reads the unit's other leases
 * and appends, so two managers cannot lease one unit twice for overlapping dates.
 */
export async function createLease(
  runtime: Runtime,
  input: CreateLeaseInput,
  envelope: CommandEnvelope,
): Promise<CommandResult<LeaseState> & { leaseId: string }> {
  const leaseId = envelope.commandId ? uuidFromSeed(`lease:${envelope.commandId}`) : newUuid();
  const draft = parseInput(leaseCommandSchema, {
    ...input,
    type: 'CreateLease',
    leaseId,
    existingLeasesForUnit: [],
  });
  if (draft.type !== 'CreateLease') throw new Error('unreachable');
  const property = await runtime.store.load(propertyStreamId(draft.propertyId), folderOf(propertyDecider));
  const found = property.state;
  if (found.status === 'none') {
    throw new DomainError('property_not_found', 'That property does not exist.', 'propertyId');
  }
  if (!found.units.some((unit) => unit.unitId === draft.unitId)) {
    throw new DomainError('invalid_input', 'That unit is not part of the property.', 'unitId');
  }
  return withUnitLeases(runtime, draft.unitId, async (existingLeasesForUnit) => {
    const command = { ...draft, timeZone: found.timeZone, existingLeasesForUnit };
    const result = await runLeaseCommand(runtime, leaseId, command, envelope, {
      fingerprint: { ...input, type: 'CreateLease' },
    });
    return { ...result, leaseId };
  });
}

/** Any other lease command (payment, reversal, renewal, termination, autopay, billing). */
export function changeLease(
  runtime: Runtime,
  leaseId: string,
  command: LeaseChange,
  envelope: CommandEnvelope,
): Promise<CommandResult<LeaseState>> {
  return runChange(runtime, leaseId, command, envelope);
}

/**
 * A lease command for `actor`: the policy decides on the lease the command loaded (its tenant, and
 * its property's manager from the read model, cached). Unknown or not theirs → 404; theirs but not
 * their kind of command → 403.
 */
export function changeLeaseAs(
  runtime: Runtime,
  actor: Actor,
  leaseId: string,
  command: LeaseChange,
  envelope: CommandEnvelope,
): Promise<CommandResult<LeaseState>> {
  return runChange(runtime, leaseId, command, envelope, {
    authorise: async (state) => {
      const access = await leaseAccessOfState(runtime, state);
      assertCanReadLease(actor, access);
      authoriseLeaseCommand(actor, command, access);
    },
  });
}

async function runChange(
  runtime: Runtime,
  leaseId: string,
  command: LeaseChange,
  envelope: CommandEnvelope,
  options: LeaseOptions = {},
): Promise<CommandResult<LeaseState>> {
  if (command.type === 'RenewLease') return runRenewal(runtime, leaseId, command, envelope, options);
  const parsed = parseInput(leaseCommandSchema, command);
  if (parsed.type === 'CreateLease') {
    throw new DomainError('invalid_input', 'Use createLease to create a lease.', 'type');
  }
  return runLeaseCommand(runtime, leaseId, parsed, envelope, options);
}

/**
 * A renewal may not extend the lease over another lease of its unit: like a create, it holds the
 * unit's lock while it reads the unit's leases and appends. The idempotency key guards the request
 * as sent, not the leases looked up.
 */
async function runRenewal(
  runtime: Runtime,
  leaseId: string,
  command: Extract<LeaseChange, { type: 'RenewLease' }>,
  envelope: CommandEnvelope,
  options: LeaseOptions,
): Promise<CommandResult<LeaseState>> {
  const draft = parseInput(leaseCommandSchema, { ...command, existingLeasesForUnit: [] });
  if (draft.type !== 'RenewLease') throw new Error('unreachable');
  const streamId = leaseStreamId(leaseId);
  const { state } =
    runtime.streams.cached<LeaseState>(streamId) ??
    (await runtime.store.load(streamId, folderOf(leaseDecider)));
  // No lease: the command path answers (not found, or the authorisation's 404).
  if (state.status === 'none') return runLeaseCommand(runtime, leaseId, draft, envelope, options);
  const { newEndDate, monthlyRentCents } = draft;
  return withUnitLeases(runtime, state.unitId, (existingLeasesForUnit) =>
    runLeaseCommand(runtime, leaseId, { ...draft, existingLeasesForUnit }, envelope, {
      ...options,
      fingerprint: { type: 'RenewLease', newEndDate, monthlyRentCents },
    }),
  );
}

/** A payment id that is the same on every retry of one idempotency key. */
export const paymentIdFor = (envelope: CommandEnvelope): string =>
  envelope.commandId ? uuidFromSeed(`payment:${envelope.commandId}`) : newUuid();
