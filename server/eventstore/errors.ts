// Typed failures of the event store. Recognised by brand (`isConcurrencyError`), never by
// `instanceof` alone: a Next.js production build can hold two copies of this module, and then the
// class the store throws is not the class the caller imported.

/** The brand every Leasebook error carries: one registry-wide symbol, so every module copy agrees. */
export const ERROR_KIND: unique symbol = Symbol.for('leasebook.error-kind') as never;

/** True when `error` carries the Leasebook brand `kind` (whichever copy of a module made it). */
export function hasErrorKind(error: unknown, kind: string): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { [ERROR_KIND]?: unknown })[ERROR_KIND] === kind
  );
}

/** The stream moved on since the caller loaded it. */
export class ConcurrencyError extends Error {
  readonly [ERROR_KIND] = 'concurrency';
  readonly code = 'concurrency_conflict';
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`Stream ${streamId} is at version ${actualVersion}, expected ${expectedVersion}.`);
    this.name = 'ConcurrencyError';
  }
}

/** A command id that was already used for a different request. */
export class CommandIdReusedError extends Error {
  readonly [ERROR_KIND] = 'command-id-reused';
  readonly code = 'idempotency_key_reused';
  constructor(readonly commandId: string) {
    super(`Command id ${commandId} was already used for a different request.`);
    this.name = 'CommandIdReusedError';
  }
}

export type EventStoreInputCode =
  | 'no_events'
  | 'invalid_stream_id'
  | 'invalid_expected_version'
  | 'invalid_event'
  | 'invalid_metadata'
  | 'not_serialisable'
  | 'invalid_cursor'
  | 'invalid_range';

/** The caller handed the store something it cannot store or read; nothing was written. */
export class EventStoreInputError extends Error {
  readonly [ERROR_KIND] = 'event-store-input';
  constructor(
    readonly code: EventStoreInputCode,
    message: string,
  ) {
    super(message);
    this.name = 'EventStoreInputError';
  }
}

export const isConcurrencyError = (error: unknown): error is ConcurrencyError =>
  hasErrorKind(error, 'concurrency');
export const isCommandIdReusedError = (error: unknown): error is CommandIdReusedError =>
  hasErrorKind(error, 'command-id-reused');
export const isEventStoreInputError = (error: unknown): error is EventStoreInputError =>
  hasErrorKind(error, 'event-store-input');
