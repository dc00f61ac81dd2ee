// The bulk path of `npm run bench:data`: the command path (server/commands/handle.ts `execute` and
// the lease, property and maintenance use cases) replayed in memory. Each command is decided by the
// real decider on the state its stream has in memory, its events get the same ids, metadata,
// causation and request hash the command path gives them, and they are written through the event
// store's own append (`prepare` + `appendInTransaction`: its row format, positions, hash chain and
// command record), one lease's whole history per transaction, many leases at once. What it skips
// is what a database would be asked for: loading streams, unit locks, the read models.
import 'server-only';
import type { Actor, CommandEnvelope, DecidedEvent } from '../../server/commands/handle';
import { idSource, uuidFromSeed } from '../../server/commands/ids';
import type { Executor } from '../../server/db/client';
import {
  type LeaseCommand,
  type LeaseEvent,
  type LeaseState,
  leaseCommandSchema,
  leaseDecider,
  leaseStreamId,
  nextDueItem,
} from '../../server/domain/lease';
import {
  type MaintenanceCommand,
  type MaintenanceState,
  maintenanceCommandSchema,
  maintenanceDecider,
  maintenanceStreamId,
} from '../../server/domain/maintenance';
import {
  type PropertyCommand,
  type PropertyState,
  propertyCommandSchema,
  propertyDecider,
  propertyStreamId,
} from '../../server/domain/property';
import type { Decider, DomainEvent } from '../../server/domain/shared/event';
import { parseInput } from '../../server/domain/shared/validate';
import type { EventMetadata, NewEvent } from '../../server/eventstore';
import {
  appendInTransaction,
  NEW_STREAM,
  type PreparedAppend,
  prepare,
  type StreamHead,
} from '../../server/eventstore/append';
import { canonicalJson, type JsonValue, sha256Hex } from '../../server/eventstore/canonical';
import { saveSnapshot, snapshotDue } from '../../server/eventstore/snapshots';
import type { UpcasterRegistry } from '../../server/eventstore/upcasters';

/** A command as the bulk path runs it: always with a command id and a decision time. */
export type BulkEnvelope = Omit<CommandEnvelope, 'reply' | 'backdate' | 'commandId' | 'now'> & {
  commandId: string;
  now: Date;
};

interface StreamMemory {
  state: unknown;
  version: number;
  /** Appends decided but not written yet, in order. */
  pending: PreparedAppend[];
  /** The state after each pending append (for the snapshots the command path takes). */
  states: unknown[];
  stateSchemaVersion: number;
  /** The written head (what the next append extends). */
  head?: StreamHead;
  /** Lease streams: RentCharged event ids by charge id (a late fee's causation). */
  rentEvents?: Map<string, string>;
}

const SYSTEM: Actor = { userId: null, role: 'system', name: 'Billing run' };

export interface BulkWriterOptions {
  registry: UpcasterRegistry;
  defaultTimeZone: string;
  snapshotEvery?: number;
}

export function createBulkWriter(options: BulkWriterOptions) {
  const { registry } = options;
  const snapshotEvery = options.snapshotEvery ?? 100;
  const streams = new Map<string, StreamMemory>();
  let commands = 0;
  let events = 0;

  const memory = (streamId: string, initialState: unknown, stateSchemaVersion: number): StreamMemory => {
    let found = streams.get(streamId);
    if (!found) {
      found = { state: initialState, version: 0, pending: [], states: [], stateSchemaVersion };
      streams.set(streamId, found);
    }
    return found;
  };

  /** handle.ts `run`, without the database: decide, give ids and metadata, evolve, queue the append. */
  function run<C extends { type: string }, E extends DomainEvent, S>(
    decider: Decider<C, E, S>,
    streamId: string,
    command: C,
    envelope: BulkEnvelope,
    extra: {
      fingerprint?: unknown;
      metadataFor?: (
        decided: DecidedEvent<E>,
        batch: readonly DecidedEvent<E>[],
      ) => Partial<EventMetadata> | undefined;
    } = {},
  ): { state: S; eventTypes: string[] } {
    const stream = memory(streamId, decider.initialState, decider.stateSchemaVersion);
    const requestHash = sha256Hex(
      canonicalJson({
        streamId,
        request: (extra.fingerprint ?? command) as JsonValue,
        actor: envelope.actor.userId,
      }),
    );
    const newId = idSource(envelope.commandId);
    const decided = decider.decide(command, stream.state as S, { now: envelope.now, newId });
    if (decided.length === 0) return { state: stream.state as S, eventTypes: [] };
    const batch = decided.map((event) => ({ eventId: newId(), event }));
    let state = stream.state as S;
    const newEvents: NewEvent[] = [];
    for (const item of batch) {
      const metadata = extra.metadataFor?.(item, batch);
      newEvents.push({ type: item.event.type, data: item.event.data, eventId: item.eventId, metadata });
      state = decider.evolve(state, item.event);
    }
    const prepared = prepare(registry, streamId, newEvents, {
      expectedVersion: stream.version,
      commandId: envelope.commandId,
      requestHash,
      metadata: {
        actor: envelope.actor,
        correlationId: envelope.correlationId,
        causationId: envelope.causationId ?? envelope.commandId,
        source: envelope.source,
      },
      recordedAt: envelope.now.toISOString(),
    });
    stream.pending.push(prepared);
    stream.states.push(state);
    stream.state = state;
    stream.version += batch.length;
    commands += 1;
    events += batch.length;
    return { state, eventTypes: batch.map((item) => item.event.type) };
  }

  /** server/commands/lease.ts `leaseCausation`, from memory instead of `findEventByData`. */
  function leaseCausation(streamId: string) {
    return (decided: DecidedEvent<LeaseEvent>, batch: readonly DecidedEvent<LeaseEvent>[]) => {
      const { event } = decided;
      const rentEvents = streams.get(streamId)?.rentEvents;
      if (event.type === 'RentCharged') rentEvents?.set(event.data.chargeId, decided.eventId);
      if (event.type === 'LateFeeAssessed') {
        const chargeId = event.data.chargeId;
        const inBatch = batch.find(
          (b) => b.event.type === 'RentCharged' && b.event.data.chargeId === chargeId,
        );
        if (inBatch) return { causationId: inBatch.eventId };
        const stored = rentEvents?.get(chargeId);
        return stored ? { causationId: stored } : undefined;
      }
      if (event.type === 'MonthlyPaymentCompleted') {
        const index = batch.indexOf(decided);
        const cause = batch
          .slice(0, index)
          .reverse()
          .find((b) =>
            ['PaymentReceived', 'RentCharged', 'CreditGranted', 'ChargeWaived', 'DepositSettled'].includes(
              b.event.type,
            ),
          );
        return cause ? { causationId: cause.eventId } : undefined;
      }
      if (event.type === 'CreditGranted') {
        const termination = batch.find((b) => b.event.type === 'LeaseTerminated');
        return termination ? { causationId: termination.eventId } : undefined;
      }
      if (event.type === 'ChargePosted' && event.data.kind === 'nsf_fee') {
        const reversal = batch.find((b) => b.event.type === 'PaymentReversed');
        return reversal ? { causationId: reversal.eventId } : undefined;
      }
      return undefined;
    };
  }

  function runLease(leaseId: string, command: LeaseCommand, envelope: BulkEnvelope, fingerprint?: unknown) {
    const streamId = leaseStreamId(leaseId);
    const stream = memory(streamId, leaseDecider.initialState, leaseDecider.stateSchemaVersion);
    stream.rentEvents ??= new Map();
    return run(leaseDecider, streamId, command, envelope, {
      fingerprint,
      metadataFor: leaseCausation(streamId),
    });
  }

  const stateOf = <S>(streamId: string): S | undefined => streams.get(streamId)?.state as S | undefined;

  return {
    get commands() {
      return commands;
    },
    get events() {
      return events;
    },
    /** server/commands/property.ts `registerProperty`. */
    registerProperty(
      input: Omit<
        Extract<PropertyCommand, { type: 'RegisterProperty' }>,
        'type' | 'propertyId' | 'timeZone'
      > & {
        timeZone?: string;
      },
      envelope: BulkEnvelope,
    ): { propertyId: string; state: PropertyState } {
      const seed = envelope.commandId;
      const propertyId = uuidFromSeed(`property:${seed}`);
      const units = input.units.map((unit, i) => ({
        ...unit,
        unitId: unit.unitId ?? uuidFromSeed(`unit:${seed}:${i}`),
      }));
      const command = parseInput(propertyCommandSchema, {
        ...input,
        timeZone: input.timeZone ?? options.defaultTimeZone,
        units,
        type: 'RegisterProperty',
        propertyId,
      });
      const { state } = run(propertyDecider, propertyStreamId(propertyId), command, envelope);
      return { propertyId, state };
    },
    /** server/commands/property.ts `changeProperty` (a notice gets its id from the command id). */
    changeProperty(
      propertyId: string,
      command: Exclude<PropertyCommand, { type: 'RegisterProperty' }>,
      envelope: BulkEnvelope,
    ) {
      const withIds =
        command.type === 'PostNotice' && !command.noticeId
          ? { ...command, noticeId: uuidFromSeed(`notice:${envelope.commandId}`) }
          : command;
      const parsed = parseInput(propertyCommandSchema, withIds);
      return run(propertyDecider, propertyStreamId(propertyId), parsed, envelope);
    },
    /** server/commands/lease.ts `createLease`, on a unit with no other lease (the generator's plan). */
    createLease(
      input: Omit<
        Extract<LeaseCommand, { type: 'CreateLease' }>,
        'type' | 'leaseId' | 'existingLeasesForUnit' | 'timeZone'
      >,
      envelope: BulkEnvelope,
    ): { leaseId: string; state: LeaseState } {
      const leaseId = uuidFromSeed(`lease:${envelope.commandId}`);
      const draft = parseInput(leaseCommandSchema, {
        ...input,
        type: 'CreateLease',
        leaseId,
        existingLeasesForUnit: [],
      });
      if (draft.type !== 'CreateLease') throw new Error('unreachable');
      const property = stateOf<PropertyState>(propertyStreamId(draft.propertyId));
      if (!property || property.status === 'none')
        throw new Error(`No property ${draft.propertyId} in memory.`);
      const command = { ...draft, timeZone: property.timeZone, existingLeasesForUnit: [] };
      const { state } = runLease(leaseId, command, envelope, { ...input, type: 'CreateLease' });
      return { leaseId, state };
    },
    /** server/commands/lease.ts `changeLease` (a renewal finds no other lease on its unit). */
    changeLease(
      leaseId: string,
      command: Record<string, unknown> & { type: string },
      envelope: BulkEnvelope,
    ) {
      if (command.type === 'RenewLease') {
        const draft = parseInput(leaseCommandSchema, { ...command, existingLeasesForUnit: [] });
        if (draft.type !== 'RenewLease') throw new Error('unreachable');
        const { newEndDate, monthlyRentCents } = draft;
        return runLease(leaseId, draft, envelope, { type: 'RenewLease', newEndDate, monthlyRentCents });
      }
      return runLease(leaseId, parseInput(leaseCommandSchema, command), envelope);
    },
    /** server/commands/billing.ts `billLease`: the next item due, one command each, until none. */
    bill(
      leaseId: string,
      asOf: string,
      now: Date,
      correlationId: string,
      source: 'seed' | 'billing' = 'seed',
    ) {
      const streamId = leaseStreamId(leaseId);
      const posted: string[] = [];
      const tried = new Set<string>();
      let state = stateOf<LeaseState>(streamId);
      while (state && state.status !== 'none') {
        const item = nextDueItem(asOf, state, now);
        if (item === null || tried.has(item)) break;
        tried.add(item);
        const result = runLease(
          leaseId,
          parseInput(leaseCommandSchema, { type: 'PostDueItems', asOf, item }),
          { actor: SYSTEM, correlationId, source, commandId: `billing:${leaseId}:${item}`, now },
        );
        posted.push(...result.eventTypes);
        state = result.state;
      }
      return posted;
    },
    /** server/commands/maintenance.ts `requestMaintenance`. */
    requestMaintenance(
      input: { leaseId: string; category: string; priority: string; description: string },
      envelope: BulkEnvelope,
    ): { requestId: string } {
      const requestId = uuidFromSeed(`maintenance:${envelope.commandId}`);
      const lease = stateOf<LeaseState>(leaseStreamId(input.leaseId));
      if (!lease || lease.status === 'none') throw new Error(`No lease ${input.leaseId} in memory.`);
      const command = parseInput(maintenanceCommandSchema, {
        type: 'RequestMaintenance',
        requestId,
        leaseId: input.leaseId,
        propertyId: lease.propertyId,
        unitId: lease.unitId,
        tenantId: lease.tenantId,
        category: input.category,
        priority: input.priority,
        description: input.description,
      });
      run(maintenanceDecider, maintenanceStreamId(requestId), command, envelope, { fingerprint: input });
      return { requestId };
    },
    /** server/commands/maintenance.ts `changeMaintenance`. */
    changeMaintenance(
      requestId: string,
      command: Exclude<MaintenanceCommand, { type: 'RequestMaintenance' }>,
      envelope: BulkEnvelope,
    ): MaintenanceState {
      const parsed = parseInput(maintenanceCommandSchema, command);
      return run(maintenanceDecider, maintenanceStreamId(requestId), parsed, envelope).state;
    },
    leaseState: (leaseId: string) => stateOf<LeaseState>(leaseStreamId(leaseId)),
    /** Streams with appends not written yet. */
    pendingStreams: (): string[] => [...streams].filter(([, s]) => s.pending.length > 0).map(([id]) => id),
    /** Forgets a stream (its appends must be written): keeps memory flat over 10,000 leases. */
    forget(streamId: string) {
      const stream = streams.get(streamId);
      if (stream && stream.pending.length > 0) throw new Error(`${streamId} has unwritten appends.`);
      streams.delete(streamId);
    },
    /**
     * Writes a stream's pending appends in order through the event store's append, on `executor`
     * (a transaction), and the snapshots the command path would take. Returns the events written.
     */
    async write(executor: Executor, streamId: string): Promise<number> {
      const stream = streams.get(streamId);
      if (!stream) return 0;
      let head: StreamHead = stream.head ?? NEW_STREAM;
      let written = 0;
      const pending = stream.pending.splice(0);
      const states = stream.states.splice(0);
      for (const [index, prepared] of pending.entries()) {
        prepared.head = head;
        const result = await appendInTransaction(executor, prepared);
        const last = result.stored?.at(-1);
        if (result.duplicate || !last)
          throw new Error(`${streamId}: command ${prepared.commandId} was already recorded.`);
        head = { version: result.version, lastHash: last.hash, lastRecordedAt: last.recordedAt };
        written += prepared.events.length;
        // handle.ts `snapshotIfDue`: a snapshot when the append crossed a multiple of N.
        if (snapshotDue(result.previousVersion, result.version, snapshotEvery))
          await saveSnapshot(executor, streamId, result.version, stream.stateSchemaVersion, states[index]);
      }
      stream.head = head;
      return written;
    },
  };
}

export type BulkWriter = ReturnType<typeof createBulkWriter>;
