// An endpoint's contract, declared once: method, path, who may call it, the zod schemas of its
// params, query and body, the success status and shape, and every error status it can answer.
// `route()` parses with it and `/api/v1/openapi.json` is generated from the same list, so the
// document cannot drift from what the handlers do.
import type { z } from 'zod';
import type { UserRole } from '../../auth/tables';

export type Auth = 'public' | 'signed-in' | readonly UserRole[];
export type Method = 'GET' | 'POST' | 'DELETE';
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

export interface Contract<
  A extends Auth = Auth,
  B extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  P extends z.ZodType | undefined = z.ZodType | undefined,
> {
  method: Method;
  /** Under /api/v1, path params in braces: `/leases/{leaseId}`. */
  path: string;
  summary: string;
  auth: A;
  params?: P;
  query?: Q;
  /** A JSON body (≤ 64 KB); send `application/json`. */
  body?: B;
  /** `required`: 400 idempotency_key_required without the header. */
  idempotency?: 'required' | 'optional';
  /** The success status, and the JSON it answers (absent: no schema documented). */
  status: number;
  response?: z.ZodType;
  /** A download rather than JSON: its media types. */
  produces?: readonly string[];
  /** Every error status the endpoint can answer (at least `wrapperStatuses(contract)`). */
  errors: readonly ErrorStatus[];
}

/** Declares a contract, keeping its schemas' types for `route()`. */
export const contract = <
  A extends Auth,
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
>(
  declared: Contract<A, B, Q, P>,
): Contract<A, B, Q, P> => declared;

/** What `route()` itself can answer for this contract, whatever its handler does. */
export function wrapperStatuses(
  declared: Pick<Contract, 'auth' | 'params' | 'query' | 'body' | 'idempotency'>,
) {
  const statuses = new Set<ErrorStatus>();
  // A bad or expired bearer token is refused on every endpoint; signing in is needed on most.
  statuses.add(401);
  if (Array.isArray(declared.auth)) statuses.add(403);
  // Malformed params, query or body; a bad Idempotency-Key header; a required one missing.
  if (declared.params || declared.query || declared.body || declared.idempotency) statuses.add(400);
  if (declared.body) statuses.add(413);
  // The same Idempotency-Key with another request; retries exhausted.
  if (declared.idempotency) statuses.add(409);
  return statuses;
}

/**
 * What the wrapper's browser checks can answer on top (route.ts): a write from another origin with
 * the session cookie → 403 cross_origin; a body that is not `application/json` → 415.
 */
export function browserStatuses(declared: Pick<Contract, 'method' | 'body'>) {
  const statuses = new Set<ErrorStatus>();
  if (declared.method !== 'GET') statuses.add(403);
  if (declared.body) statuses.add(415);
  return statuses;
}
