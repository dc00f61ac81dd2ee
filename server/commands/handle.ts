// The command path: load (snapshot + tail) → authorise → decide → append with expectedVersion,
// retrying a lost race, then run the projections up to our own events before returning.
import 'server-only';
import { isDomainError } from '../domain/shared/errors';
import type { Decider, DomainEvent } from '../domain/shared/event';
import {
  ConcurrencyError,
  type EventMetadata,
  type Folder,
  type NewEvent,
  type StoredEvent,
} from '../eventstore';
import { canonicalJson, type JsonValue, sha256Hex } from '../eventstore/canonical';
import { type CommandOutcome, recordCommand } from '../metrics';
import type { Runtime } from '../runtime';
import { CommandConflictError, ForbiddenError, NotFoundError } from './errors';
import { idSource } from './ids';

export type Actor = EventMetadata['actor'];

/** Who asks, from where, under which idempotency key. */
export interface CommandEnvelope {
  actor: Actor;
  correlationId: string;
  /** The command or event that caused this one (defaults to the command id). */
  causationId?: string | null;
  source: EventMetadata['source'];
  /** Idempotency key: the same key returns the first result and appends nothing. */
  commandId?: string;
  /** The instant the command is decided at (tests and the billing run pin it). */
  now?: Date;
  /** Seeded or imported history only: record the events at `now` rather than the clock. */
  backdate?: boolean;
}

export interface CommandResult<S> {
  streamId: string;
  version: number;
  events: { eventId: string; eventType: string; version: number; globalPosition: number }[];
  /** The command id was seen before: this is the first result, nothing was appended. */
  duplicate: boolean;
  /** The read models include the events (false only if a projection lagged past the wait). */
  projected: boolean;
  /** The state after the command (absent for a replayed duplicate). */
  state?: S;
}

/** An event decided by this command, with the id it will be stored under. */
export interface DecidedEvent<E> {
  eventId: string;
  event: E;
}

export interface ExecuteOptions<S, E> {
  /** Throws ForbiddenError/NotFoundError when the actor may not act on this state. */
  authorise?: (state: S, version: number) => void | Promise<void>;
  /** Per-event metadata, e.g. a late fee's causation pointing at its charge. */
  metadataFor?: (
    decided: DecidedEvent<E>,
    batch: readonly DecidedEvent<E>[],
    before: S,
  ) => Promise<Partial<EventMetadata> | undefined>;
  /**
   * What the idempotency key guards, when the command carries data looked up at run time
   * (e.g. the unit's other leases) that may differ between two sends of the same request.
   */
  fingerprint?: unknown;
  maxAttempts?: number;
}

/** The decider's pure half, adapted to the stored-event shape the store folds. */
export function folderOf<C, E extends DomainEvent, S>(decider: Decider<C, E, S>): Folder<S> {
  return {
    initialState: decider.initialState,
    stateSchemaVersion: decider.stateSchemaVersion,
    evolve: (state, event: StoredEvent) =>
      decider.evolve(state, { type: event.eventType, data: event.data } as E),
  };
}

/** Runs one command (see `run`), counting its outcome and latency in the metrics. */
export async function execute<C extends { type: string }, E extends DomainEvent, S>(
  runtime: Runtime,
  decider: Decider<C, E, S>,
  streamId: string,
  command: C,
  envelope: CommandEnvelope,
  options: ExecuteOptions<S, E> = {},
): Promise<CommandResult<S>> {
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  try {
    const result = await run(runtime, decider, streamId, command, envelope, options);
    recordCommand(
      command.type,
      result.duplicate ? 'duplicate' : 'ok',
      seconds(),
      result.duplicate ? [] : result.events,
    );
    return result;
  } catch (error) {
    recordCommand(command.type, outcomeOf(error), seconds());
    throw error;
  }
}

function outcomeOf(error: unknown): CommandOutcome {
  if (error instanceof CommandConflictError) return 'conflict';
  if (error instanceof ForbiddenError || error instanceof NotFoundError) return 'forbidden';
  if (isDomainError(error)) return 'rejected';
  return 'error';
}

async function run<C extends { type: string }, E extends DomainEvent, S>(
  runtime: Runtime,
  decider: Decider<C, E, S>,
  streamId: string,
  command: C,
  envelope: CommandEnvelope,
  options: ExecuteOptions<S, E>,
): Promise<CommandResult<S>> {
  const { store, runner } = runtime;
  const folder = folderOf(decider);
  const maxAttempts = options.maxAttempts ?? 5;
  // The request behind the key: the same key with another command or actor is refused.
  const requestHash = sha256Hex(
    canonicalJson({
      streamId,
      request: (options.fingerprint ?? command) as JsonValue,
      actor: envelope.actor.userId,
    }),
  );

  if (envelope.commandId) {
    const seen = await store.findCommand(envelope.commandId, requestHash);
    if (seen) return { ...seen, duplicate: true, projected: await projected(runtime, seen.cursor) };
  }

  for (let attempt = 1; ; attempt++) {
    const loaded = await store.load(streamId, folder);
    await options.authorise?.(loaded.state, loaded.version);
    const now = envelope.now ?? new Date();
    // With a command id, every id the command creates is derived from it: replaying history
    // (the seed) or re-sending a request yields the same ids.
    const newId = idSource(envelope.commandId);
    let decided: E[];
    try {
      decided = decider.decide(command, loaded.state, { now, newId });
    } catch (error) {
      // A duplicate sent at the same moment may have committed between our check above and our
      // load: the state then refuses the command (e.g. "payment already recorded"), but the
      // right answer is the first result.
      const seen = envelope.commandId ? await store.findCommand(envelope.commandId, requestHash) : undefined;
      if (seen) return { ...seen, duplicate: true, projected: await projected(runtime, seen.cursor) };
      throw error;
    }
    if (decided.length === 0) {
      return {
        streamId,
        version: loaded.version,
        events: [],
        duplicate: false,
        projected: true,
        state: loaded.state,
      };
    }
    const batch = decided.map((event) => ({ eventId: newId(), event }));
    let state = loaded.state;
    const events: NewEvent[] = [];
    for (const item of batch) {
      const metadata = await options.metadataFor?.(item, batch, loaded.state);
      events.push({ type: item.event.type, data: item.event.data, eventId: item.eventId, metadata });
      state = decider.evolve(state, item.event);
    }
    const metadata: EventMetadata = {
      actor: envelope.actor,
      correlationId: envelope.correlationId,
      causationId: envelope.causationId ?? envelope.commandId ?? null,
      source: envelope.source,
    };
    try {
      const result = await store.append(streamId, events, {
        expectedVersion: loaded.version,
        commandId: envelope.commandId,
        requestHash,
        metadata,
        recordedAt: envelope.backdate ? now.toISOString() : undefined,
      });
      if (!result.duplicate) {
        await store.snapshotIfDue(streamId, folder, result.previousVersion, result.version, state);
      }
      return {
        streamId,
        version: result.version,
        events: result.events,
        duplicate: result.duplicate,
        projected: (await runner.waitFor(result.cursor)).reached,
        state: result.duplicate ? undefined : state,
      };
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      if (attempt >= maxAttempts) throw new CommandConflictError(streamId, attempt);
      // Back off with jitter so racing writers do not collide again in lockstep.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}

async function projected(runtime: Runtime, cursor: string): Promise<boolean> {
  return (await runtime.runner.waitFor(cursor)).reached;
}
