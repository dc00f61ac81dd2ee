// A use case's own refusal that is not a business rule of an aggregate: the tenant to lease to is
// unknown, the email is taken, a billing run is under way. Branded like every Leasebook error, so
// the one mapping in server/http/route.ts (`errorResult`) recognises it by kind, not by class.
import { ERROR_KIND, hasErrorKind } from '../eventstore/errors';

export type RefusalStatus = 404 | 409;

export class Refusal extends Error {
  readonly [ERROR_KIND] = 'refusal';
  constructor(
    readonly status: RefusalStatus,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'Refusal';
  }
}

export const isRefusal = (error: unknown): error is Refusal => hasErrorKind(error, 'refusal');
