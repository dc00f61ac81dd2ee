// Failures of the command path that are not business rules.

/** The stream kept moving under us: the bounded retries ran out (HTTP 409). */
export class CommandConflictError extends Error {
  readonly code = 'concurrency_conflict';
  constructor(
    readonly streamId: string,
    readonly attempts: number,
  ) {
    super(`The record changed ${attempts} times while saving your request. Please try again.`);
    this.name = 'CommandConflictError';
  }
}

/** The actor may not run this command on this stream (HTTP 403, or 404 where ids must not leak). */
export class ForbiddenError extends Error {
  readonly code = 'forbidden';
  constructor(
    message = 'You are not allowed to do that.',
    /** Answer as if the target did not exist (a tenant probing another tenant's lease). */
    readonly hide = false,
  ) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** The command's target does not exist (HTTP 404). */
export class NotFoundError extends Error {
  readonly code = 'not_found';
  constructor(message = 'Not found.') {
    super(message);
    this.name = 'NotFoundError';
  }
}
