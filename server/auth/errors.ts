// Access failures: the actor may not do this, or the target does not exist for them. Branded like
// every Leasebook error (eventstore/errors.ts): recognise them with the `is…` predicates.
import { ERROR_KIND, hasErrorKind } from '../eventstore/errors';

/** The actor may not run this command on this stream (HTTP 403, or 404 where ids must not leak). */
export class ForbiddenError extends Error {
  readonly [ERROR_KIND] = 'forbidden';
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
  readonly [ERROR_KIND] = 'not-found';
  readonly code = 'not_found';
  constructor(message = 'Not found.') {
    super(message);
    this.name = 'NotFoundError';
  }
}

export const isForbiddenError = (error: unknown): error is ForbiddenError => hasErrorKind(error, 'forbidden');
export const isNotFoundError = (error: unknown): error is NotFoundError => hasErrorKind(error, 'not-found');
