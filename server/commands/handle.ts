// The command path: load (snapshot + tail, one round trip) → authorise → decide → append (one
// database function), then apply the command's own events to the read models in one transaction
// (read-your-writes) and return. Writers on one stream queue in process, so they never race each
// other; a writer in another process that got in first costs a reload and a retry, and retries that
// run out are a 409. The background runner is the backstop; it never runs inside a request.
import 'server-only';
import { isForbiddenError, isNotFoundError } from '../auth/errors';
import { isDomainError } from '../domain/shared/errors';
import type { Decider, DomainEvent } from '../domain/shared/event';
import {
  type AppendResult,
  type EventMetadata,
  folderOf,
  isConcurrencyError,
  type NewEvent,
  type StoredEvent,
  type StoredReply,
} from '../eventstore';
import { canonicalJson, type JsonValue, sha256Hex } from '../eventstore/canonical';
import { logger } from '../log';
import { type CommandOutcome, recordCommand } from '../metrics';
import type { Runtime } from '../runtime';
import { CommandConflictError, isCommandConflictError } from './errors';
import { idSource } from './ids';

export type Actor = EventMetadata['actor'];

/** What a command looks like to the HTTP reply it records: known before the append. */
export interface PendingResult<S> {
  streamId: string;
  version: number;
  events: { eventId: string; eventType: string; version: number }[];
  state: S;
}

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
  /**
   * HTTP: the response to record with the command id in the append itself, so a duplicate request
   * replays exactly what the first one answered (see route.ts `replyWith`).
   */
  reply?: (result: PendingResult<unknown>) => StoredReply;
}

export interface CommandResult<S> {
  streamId: string;
  version: number;
  events: { eventId: string; eventType: string; version: number; globalPosition: number }[];
  /** The command id was seen before: this is the first result, nothing was appended. */
  duplicate: boolean;
  /** The read models include the events (false when a projection failed on them; see health). */
  projected: boolean;
  /** The state after the command (absent for a replayed duplicate). */
  state?: S;
  /** The reply recorded with the command id (the first one, for a duplicate). */
  reply?: StoredReply;
}

/** An event decided by this command, with the id it will be stored under. */
export interface DecidedEvent<E> {
  eventId: string;
  event: E;
}

export interface ExecuteOptions<S, E> {
  /**
   * Throws ForbiddenError/NotFoundError when the actor may not act on this state. Only the use
   * cases in server/commands pass it; entry points never see this option.
   */
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
  if (isCommandConflictError(error)) return 'conflict';
  if (isForbiddenError(error) || isNotFoundError(error)) return 'forbidden';
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
  const { store, runner, streams } = runtime;
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
  const firstResult = async (): Promise<CommandResult<S> | undefined> => {
    if (!envelope.commandId) return undefined;
    const seen = await store.findCommand(envelope.commandId, requestHash);
    return seen ? { ...seen, duplicate: true, projected: true } : undefined;
  };

  for (let attempt = 1; ; attempt++) {
    // Stage one, one writer per stream at a time in this process: load, decide, append.
    const stage = await streams.serialise(`append:${streamId}`, async (): Promise<Stage<S>> => {
      const loaded = streams.cached<S>(streamId) ?? (await store.load(streamId, folder));
      await options.authorise?.(loaded.state, loaded.version);
      const now = envelope.now ?? new Date();
      // With a command id, every id the command creates is derived from it: replaying history
      // (the seed) or re-sending a request yields the same ids.
      const newId = idSource(envelope.commandId);
      let decided: E[];
      try {
        decided = decider.decide(command, loaded.state, { now, newId });
      } catch (error) {
        // A duplicate that committed before us: the state now refuses the command (e.g. "payment
        // already recorded"), but the right answer is the first result.
        const seen = await firstResult();
        if (seen) return { kind: 'done', done: seen };
        throw error;
      }
      if (decided.length === 0) {
        const seen = await firstResult();
        return {
          kind: 'done',
          done: seen ?? {
            streamId,
            version: loaded.version,
            events: [],
            duplicate: false,
            projected: true,
            state: loaded.state,
          },
        };
      }
      const batch = decided.map((event) => ({ eventId: newId(), event }));
      const states: S[] = [];
      let state = loaded.state;
      const events: NewEvent[] = [];
      for (const item of batch) {
        const metadata = await options.metadataFor?.(item, batch, loaded.state);
        events.push({ type: item.event.type, data: item.event.data, eventId: item.eventId, metadata });
        state = decider.evolve(state, item.event);
        states.push(state);
      }
      const pending: PendingResult<S> = {
        streamId,
        version: loaded.version + batch.length,
        events: batch.map((item, index) => ({
          eventId: item.eventId,
          eventType: item.event.type,
          version: loaded.version + index + 1,
        })),
        state,
      };
      const reply = envelope.commandId && envelope.reply ? envelope.reply(pending) : undefined;
      try {
        const result = await store.append(streamId, events, {
          expectedVersion: loaded.version,
          head: loaded.head,
          commandId: envelope.commandId,
          requestHash,
          reply,
          metadata: {
            actor: envelope.actor,
            correlationId: envelope.correlationId,
            causationId: envelope.causationId ?? envelope.commandId ?? null,
            source: envelope.source,
          },
          recordedAt: envelope.backdate ? now.toISOString() : undefined,
        });
        if (result.duplicate || !result.stored) {
          streams.forget(streamId);
          return { kind: 'done', done: { ...result, projected: true } };
        }
        const stored = result.stored;
        const last = stored[stored.length - 1] as StoredEvent;
        streams.remember<S>(streamId, {
          state,
          version: result.version,
          snapshotVersion: loaded.snapshotVersion,
          head: { version: result.version, lastHash: last.hash, lastRecordedAt: last.recordedAt },
        });
        // Queue the read-model step before the next writer may append: projections of one
        // stream run in commit order, while the next writer already loads and decides.
        // The events are committed whatever happens there: a failure only leaves the read models
        // to the background runner, and the command still succeeds.
        const projected = streams.serialise(`project:${streamId}`, () =>
          runner.applyCommitted(stored, { before: loaded.state, after: states }).catch((error: unknown) => {
            logger('commands').error({ err: error, streamId }, 'after-commit projection failed');
            return false;
          }),
        );
        return { kind: 'appended', result, reply, state, previousVersion: loaded.version, projected };
      } catch (error) {
        streams.forget(streamId);
        if (isConcurrencyError(error)) return { kind: 'conflict' };
        throw error;
      }
    });

    if (stage.kind === 'done') return stage.done;
    if (stage.kind === 'appended') {
      const { result, reply, state, previousVersion, projected } = stage;
      await store.snapshotIfDue(streamId, folder, previousVersion, result.version, state);
      return {
        streamId,
        version: result.version,
        events: result.events,
        duplicate: false,
        projected: await projected,
        state,
        ...(reply ? { reply } : {}),
      };
    }
    // Another process appended between our load and our append.
    if (attempt >= maxAttempts) throw new CommandConflictError(streamId, attempt);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
  }
}

/** How the serialised stage of one attempt ended. */
type Stage<S> =
  | { kind: 'done'; done: CommandResult<S> }
  | {
      kind: 'appended';
      result: AppendResult;
      reply: StoredReply | undefined;
      state: S;
      previousVersion: number;
      projected: Promise<boolean>;
    }
  | { kind: 'conflict' };
