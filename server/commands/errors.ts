// Failures of the command path that are not business rules (access errors live in auth/errors.ts).
// Branded like the event store's errors: recognise them with `isCommandConflictError`.
import { ERROR_KIND, hasErrorKind } from '../eventstore/errors';

/** The stream kept moving under us: the bounded retries ran out (HTTP 409). */
export class CommandConflictError extends Error {
  readonly [ERROR_KIND] = 'command-conflict';
  readonly code = 'concurrency_conflict';
  constructor(
    readonly streamId: string,
    readonly attempts: number,
  ) {
    super(`The record changed ${attempts} times while saving your request. Please try again.`);
    this.name = 'CommandConflictError';
  }
}

export const isCommandConflictError = (error: unknown): error is CommandConflictError =>
  hasErrorKind(error, 'command-conflict');
