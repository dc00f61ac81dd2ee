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

/** Too many failed attempts for this account or address (HTTP 429 with Retry-After). */
export class TooManyAttemptsError extends Error {
  readonly [ERROR_KIND] = 'too-many-attempts';
  readonly code = 'too_many_attempts';
  constructor(readonly retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(`Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
    this.name = 'TooManyAttemptsError';
  }
}

export const isTooManyAttemptsError = (error: unknown): error is TooManyAttemptsError =>
  hasErrorKind(error, 'too-many-attempts');

/** The user already has the most live API tokens allowed (HTTP 422 too_many_tokens). */
export class TooManyTokensError extends Error {
  readonly [ERROR_KIND] = 'too-many-tokens';
  readonly code = 'too_many_tokens';
  constructor(max: number) {
    super(`You already have ${max} live API tokens. Revoke one you no longer use first.`);
    this.name = 'TooManyTokensError';
  }
}

export const isTooManyTokensError = (error: unknown): error is TooManyTokensError =>
  hasErrorKind(error, 'too-many-tokens');
