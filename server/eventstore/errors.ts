// Typed failures of the event store. Callers branch on the class, never on SQL error codes.

/** The stream moved on since the caller loaded it. */
export class ConcurrencyError extends Error {
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
  constructor(
    readonly code: EventStoreInputCode,
    message: string,
  ) {
    super(message);
    this.name = 'EventStoreInputError';
  }
}
