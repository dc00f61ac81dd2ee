// The ONE wrapper every API route goes through (STYLE.md "One wrapper for every entry point").
// Each endpoint's contract is declared once in ./contracts (method, path, auth, schemas, statuses);
// `route()` parses with it and the OpenAPI document is generated from the same list.
//
//   export const POST = route(leases.pay, async ({ actor, params, body, runtime, replyWith, replied }) => {
//     const envelope = replyWith(201, (pending) => ({ ... }));   // the reply, recorded with the events
//     return replied(await payRent(runtime, actor, { ...params, ...body }, envelope));
//   });
//
// The contract's `auth` ('public' | 'signed-in' | UserRole[]) answers 401 / 403; `params`, `query`
// (strings; use z.coerce) and `body` (JSON ≤ 64 KB → 413; bad JSON → 400 invalid_json) are zod
// schemas (malformed or unknown keys → 400 invalid_input); `idempotency` 'required' answers 400
// idempotency_key_required without the header.
//
// The handler gets: `actor` (non-null unless auth is 'public'), the parsed `body`/`query`/`params`,
// `runtime` (database, store, runner), `envelope` (the CommandEnvelope for commands: actor,
// correlationId, source 'api', commandId derived from the Idempotency-Key), `correlationId`, a
// pino `log`, the raw `request`. It calls one use case (server/commands, server/queries: they
// authorise themselves) and maps the result. Throw instead of returning errors: DomainError → its
// status (DOMAIN_ERROR_STATUS), Refusal → its status, NotFoundError → 404, ForbiddenError → 403
// (404 when hide), CommandConflictError/ConcurrencyError → 409 concurrency_conflict,
// CommandIdReusedError → 409 idempotency_key_reused, EventStoreInputError → 400, ZodError → 400
// invalid_input, `new HttpError(status, code, message, field?)` → as given; anything else → 500
// internal_error ("Something went wrong. Reference: <correlationId>", logged at error level), except
// the database being unreachable or timing out (server/db/errors.ts): 503 database_unavailable
// with Retry-After.
// Every response carries `x-correlation-id` and `Cache-Control: no-store`.
// Browser defences (API.md Conventions, docs/security.md): a write without `Authorization` that
// carries the session cookie (or goes to a public endpoint) answers 403 cross_origin when
// `Sec-Fetch-Site` is cross-site/same-site or `Origin` names another host, and 415 when its body is
// not application/json. Any input string holding a NUL is a 400; a malformed session cookie is no
// session. TooManyAttemptsError → 429 with Retry-After; TooManyTokensError → 422.
//
// Idempotency: with an `Idempotency-Key`, the commandId is `http:<userId>:<METHOD> <path>:<key>`
// (the key hashed if that would pass 255 chars). A command handler runs its use case with
// `replyWith(201, build)` and returns `replied(result)`: the reply is recorded in processed_commands
// by the same append as the events, and a duplicate (also a concurrent one) gets that reply back.
// A 2xx answer not recorded that way (a request over many streams, like the billing run) is
// recorded after the handler (first reply wins). Another body with the same key → 409
// idempotency_key_reused. Errors are not stored (nothing was appended; a retry decides again).
import 'server-only';
import type pino from 'pino';
import { ZodError, type z } from 'zod';
import {
  isForbiddenError,
  isNotFoundError,
  isTooManyAttemptsError,
  isTooManyTokensError,
} from '../auth/errors';
import type { Actor } from '../auth/policy';
import { actorOf, userOfApiToken, userOfSession } from '../auth/sessions';
import { isCommandConflictError } from '../commands/errors';
import type { CommandEnvelope, CommandResult, PendingResult } from '../commands/handle';
import { isRefusal } from '../commands/refusal';
import type { Db } from '../db/client';
import { isDatabaseUnavailable } from '../db/errors';
import { DOMAIN_ERROR_STATUS, isDomainError } from '../domain/shared/errors';
import { canonicalJson, type JsonValue, sha256Hex, unstorableText } from '../eventstore/canonical';
import {
  ERROR_KIND,
  hasErrorKind,
  isCommandIdReusedError,
  isConcurrencyError,
  isEventStoreInputError,
} from '../eventstore/errors';
import { inFlight, isDraining } from '../lifecycle';
import { correlationIdFrom, logger, withCorrelation } from '../log';
import { recordHttpRequest, trackRequestInFlight } from '../metrics';
import { getRuntime, type Runtime } from '../runtime';
import {
  positionAfterWrite,
  READ_AFTER_HEADER,
  READ_FROM_HEADER,
  readAfterCookie,
  readsFor,
} from './consistency';
import type { Auth, Contract } from './contracts/contract';
import { SESSION_COOKIE_NAMES } from './session-cookie';

const MAX_BODY_BYTES = 64 * 1024;

/** A JSON result: what handlers return (and what idempotency stores). */
export interface JsonResult {
  kind: 'json';
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Already recorded with the command id (see `replyWith`): nothing more to store. */
  recorded?: boolean;
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): JsonResult => ({
  kind: 'json',
  status,
  body,
  headers,
});

/** An HTTP-level refusal with the API's error shape. */
export class HttpError extends Error {
  readonly [ERROR_KIND] = 'http';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** What `route()` parses with: an endpoint's contract (./contracts), or these parts of one. */
export type RouteOptions<
  A extends Auth,
  B extends z.ZodType | undefined,
  Q extends z.ZodType | undefined,
  P extends z.ZodType | undefined,
> = Pick<Contract<A, B, Q, P>, 'auth' | 'body' | 'query' | 'params' | 'idempotency'> &
  Partial<Contract<A, B, Q, P>>;

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface RouteContext<A extends Auth, B, Q, P> {
  request: Request;
  actor: A extends 'public' ? Actor | null : Actor;
  body: Out<B>;
  query: Out<Q>;
  params: Out<P>;
  runtime: Runtime;
  /**
   * Where a GET reads its read models: the replica (DATABASE_READ_URL) when it has replayed what
   * the caller wrote, else the primary. The primary for every other method.
   */
  reads: Db;
  correlationId: string;
  /** The Idempotency-Key header, if sent. */
  idempotencyKey: string | undefined;
  /** The envelope for a command (throws for anonymous callers). */
  envelope: CommandEnvelope;
  /**
   * The envelope for a command whose success answer is `status` + `build(result)`: with an
   * Idempotency-Key the answer is recorded in the same append as the events (replayed to any
   * duplicate). Return `replied(result)` from the handler.
   */
  replyWith: <S>(status: number, build: (result: PendingResult<S>) => unknown) => CommandEnvelope;
  /** The answer to send for a command run with `replyWith`: the recorded one for a duplicate. */
  replied: (result: CommandResult<unknown>) => JsonResult;
  log: pino.Logger;
}

/** What Next.js passes a route handler as its second argument. */
export interface NextContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

export type RouteHandler = ((request: Request, context: NextContext) => Promise<Response>) & {
  /** The contract the handler parses with (every /api/v1 route has one; see ./contracts). */
  readonly contract?: Partial<Contract>;
};

const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,255}$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const NO_PARAMS: NextContext = { params: Promise.resolve({}) };

export function route<
  A extends Auth,
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
>(
  options: RouteOptions<A, B, Q, P>,
  handler: (ctx: RouteContext<A, B, Q, P>) => Promise<JsonResult | Response>,
): RouteHandler {
  const handle = async (
    request: Request,
    context: NextContext = NO_PARAMS,
    correlationId = correlationIdFrom(request.headers),
  ): Promise<Response> => {
    const url = new URL(request.url);
    // Invite tokens are secrets: never in the logs.
    const logPath = url.pathname.replace(/\/invites\/[^/]+/, '/invites/[token]');
    const log = logger('api').child({ correlationId, method: request.method, path: logPath });
    const started = performance.now();
    // Headers every answer of this request gets (where it read, where its write is visible).
    const extra = new Headers();
    const done = (result: JsonResult | Response, replayed = false) => {
      const response = finish(result, correlationId, log, started, replayed);
      for (const [name, value] of extra) response.headers.append(name, value);
      return response;
    };
    try {
      const runtime = await getRuntime();
      const actor = await resolveActor(runtime, request);
      if (options.auth !== 'public') {
        if (!actor) throw new HttpError(401, 'unauthenticated', 'Sign in first.');
        if (options.auth !== 'signed-in' && !options.auth.includes(actor.role)) {
          throw new HttpError(403, 'forbidden', 'Your role does not allow that.');
        }
      }
      // Browser defences (API.md Conventions): a bearer token is not ambient, so it needs neither.
      const browser = request.headers.get('authorization') === null && !SAFE_METHODS.has(request.method);
      if (browser && (actor || options.auth === 'public') && isCrossOrigin(request)) {
        throw new HttpError(403, 'cross_origin', 'Requests from another site are not accepted.');
      }
      const params = options.params ? parse(options.params, await context.params) : undefined;
      const query = options.query ? parse(options.query, Object.fromEntries(url.searchParams)) : undefined;
      const rawBody = options.body ? await readJson(request, { requireJsonType: browser }) : undefined;
      const body = options.body ? parse(options.body, rawBody ?? {}) : undefined;

      // Only an endpoint that takes a key reads it (elsewhere the header means nothing).
      const idempotencyKey = options.idempotency
        ? (request.headers.get('idempotency-key') ?? undefined)
        : undefined;
      if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
        throw new HttpError(
          400,
          'invalid_input',
          'Idempotency-Key must be 1–255 printable ASCII characters.',
          'Idempotency-Key',
        );
      }
      if (options.idempotency === 'required' && idempotencyKey === undefined) {
        throw new HttpError(
          400,
          'idempotency_key_required',
          'Send an Idempotency-Key header so a retried request cannot pay twice.',
        );
      }
      const useKey = options.idempotency !== undefined && idempotencyKey !== undefined && actor !== null;
      const commandId = useKey
        ? commandIdOf(actor.userId, request.method, url.pathname, idempotencyKey)
        : undefined;
      const requestHash = sha256Hex(
        `${request.method}\n${url.pathname}\n${canonicalJson((rawBody ?? null) as JsonValue)}`,
      );

      const envelopeOf = (): CommandEnvelope => {
        if (!actor) throw new HttpError(401, 'unauthenticated', 'Sign in first.');
        return {
          actor: { userId: actor.userId, role: actor.role, name: actor.name },
          correlationId,
          source: 'api',
          commandId,
        };
      };
      let reads = runtime.database.db;
      if (request.method === 'GET' && runtime.database.replica) {
        const chosen = await readsFor(runtime, request, actor?.userId ?? null);
        reads = chosen.db;
        extra.set(READ_FROM_HEADER, chosen.from);
      }
      let build: { status: number; body: (result: PendingResult<unknown>) => unknown } | undefined;
      const ctx = {
        request,
        actor,
        body,
        query,
        params,
        runtime,
        reads,
        correlationId,
        idempotencyKey,
        log,
        get envelope(): CommandEnvelope {
          return envelopeOf();
        },
        replyWith<S>(status: number, body: (result: PendingResult<S>) => unknown): CommandEnvelope {
          build = { status, body: body as (result: PendingResult<unknown>) => unknown };
          return { ...envelopeOf(), reply: (result) => ({ status, body: body(result as PendingResult<S>) }) };
        },
        replied(result: CommandResult<unknown>): JsonResult {
          if (result.reply) return { ...json(result.reply.status, result.reply.body), recorded: true };
          if (!build) throw new Error('replied() without replyWith()');
          return json(build.status, build.body(result as PendingResult<unknown>));
        },
      } as RouteContext<A, B, Q, P>;

      const result = await handler(ctx);
      const { status } = result;
      if (request.method !== 'GET' && status >= 200 && status < 300) {
        const lsn = await positionAfterWrite(runtime, actor?.userId ?? null);
        if (lsn) {
          extra.set(READ_AFTER_HEADER, lsn);
          extra.append('set-cookie', readAfterCookie(lsn));
        }
      }
      if (result instanceof Response) return done(result);
      if (commandId && !result.recorded && result.status >= 200 && result.status < 300) {
        // A write that recorded no reply with its events (it touched many streams, or nothing):
        // record it now; the first reply recorded for the key wins and is what everyone gets.
        const first = await runtime.store.recordReply(commandId, requestHash, {
          status: result.status,
          body: result.body ?? null,
        });
        return done(json(first.status, first.body));
      }
      return done(result);
    } catch (error) {
      return done(errorResult(error, correlationId, log));
    }
  };
  // A request accepted before shutdown began is finished; one after it is told to come back.
  // Every request runs inside its correlation id (log lines, event metadata) and is counted by
  // its route pattern (never the raw path) and status.
  const pattern = options.path ? `/api/v1${options.path}` : 'unknown';
  const tracked = (request: Request, context?: NextContext): Promise<Response> => {
    const started = performance.now();
    const correlationId = correlationIdFrom(request.headers);
    trackRequestInFlight(1);
    const answer = isDraining()
      ? Promise.resolve(shuttingDown())
      : withCorrelation(correlationId, () => inFlight(() => handle(request, context, correlationId)));
    return answer
      .finally(() => trackRequestInFlight(-1))
      .then((response) => {
        recordHttpRequest(request.method, pattern, response.status, (performance.now() - started) / 1000);
        return response;
      });
  };
  return Object.assign(tracked, { contract: options as Partial<Contract> });
}

/** 503 while the process shuts down: nothing was done, the same request can be sent again. */
function shuttingDown(): Response {
  return Response.json(
    {
      error: {
        code: 'shutting_down',
        message: 'The server is restarting. Send the request again in a moment.',
      },
    },
    { status: 503, headers: { 'retry-after': '2', connection: 'close', 'cache-control': 'no-store' } },
  );
}

function finish(
  result: JsonResult | Response,
  correlationId: string,
  log: pino.Logger,
  started: number,
  replayed = false,
): Response {
  const response =
    result instanceof Response
      ? result
      : Response.json(result.body, { status: result.status, headers: result.headers });
  response.headers.set('x-correlation-id', correlationId);
  response.headers.set('x-request-id', correlationId);
  if (!response.headers.has('cache-control')) response.headers.set('cache-control', 'no-store');
  if (replayed) response.headers.set('idempotent-replayed', 'true');
  log.debug({ status: response.status, ms: Math.round(performance.now() - started) }, 'request');
  return response;
}

// ---- auth -----------------------------------------------------------------------------------

/** Bearer token (bad or unknown → 401) or session cookie (stale → anonymous). */
async function resolveActor(runtime: Runtime, request: Request): Promise<Actor | null> {
  const db = runtime.database.db;
  const authorization = request.headers.get('authorization');
  if (authorization !== null) {
    const match = /^Bearer\s+(\S{1,512})$/i.exec(authorization.trim());
    const user = match?.[1] ? await userOfApiToken(db, match[1]) : null;
    if (!user) throw new HttpError(401, 'invalid_token', 'The API token is not valid.');
    return actorOf(user);
  }
  const token = sessionTokenOf(request);
  if (!token) return null;
  const user = await userOfSession(db, token);
  return user ? actorOf(user) : null;
}

/**
 * A session token as we issue them (43 base64url characters); anything else (a malformed escape,
 * a NUL, 10 KB of junk) is no session at all: the caller is treated as signed out, never a 500.
 */
function cookieToken(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return undefined;
  }
  return /^[A-Za-z0-9_-]{16,128}$/.test(value) ? value : undefined;
}

/** The session cookie's token, if the request carries one (either cookie name, see session-cookie.ts). */
export function sessionTokenOf(request: Request): string | undefined {
  const cookie = request.headers.get('cookie');
  if (!cookie) return undefined;
  const found = new Map<string, string>();
  for (const part of cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name && !found.has(name)) found.set(name, rest.join('='));
  }
  for (const name of SESSION_COOKIE_NAMES) {
    const token = cookieToken(found.get(name));
    if (token) return token;
  }
  return undefined;
}

// ---- input ----------------------------------------------------------------------------------

/** Why PostgreSQL cannot store this text, if it cannot, as the 400 says it. */
function unstorable(text: string): string | undefined {
  switch (unstorableText(text)) {
    case 'nul':
      return 'Text may not contain NUL characters.';
    case 'unpaired surrogate':
      return 'Text must be valid Unicode (it holds half of a surrogate pair, such as \\ud800).';
    default:
      return undefined;
  }
}

/** The first string (or key) PostgreSQL would refuse, with its path and why. */
function unstorablePath(
  value: unknown,
  path: string[] = [],
  depth = 0,
): { path: string[]; reason: string } | undefined {
  if (typeof value === 'string') {
    const reason = unstorable(value);
    return reason ? { path, reason } : undefined;
  }
  if (value === null || typeof value !== 'object' || depth > 32) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const reason = unstorable(key);
    if (reason) return { path: [...path, key], reason };
    const found = unstorablePath(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Text PostgreSQL cannot store (a NUL character, an unpaired surrogate such as a JSON body's
 * "\ud800") in any input string or key → 400 invalid_input (never a database error, never a 500).
 */
export function refuseUnstorableText(input: unknown): void {
  const found = unstorablePath(input);
  if (!found) return;
  const field = found.path.join('.') || undefined;
  throw new HttpError(400, 'invalid_input', field ? `${field}: ${found.reason}` : found.reason, field);
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  refuseUnstorableText(input);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw zodToHttp(result.error);
}

function zodToHttp(error: ZodError): HttpError {
  const issue = error.issues[0];
  let path = issue?.path.map(String) ?? [];
  // An unknown key: name the key itself.
  if (issue?.code === 'unrecognized_keys' && issue.keys[0]) path = [...path, issue.keys[0]];
  const field = path.join('.') || undefined;
  const detail = issue?.message ?? 'The input is not valid.';
  return new HttpError(400, 'invalid_input', field ? `${field}: ${detail}` : detail, field);
}

/**
 * Did a browser send this from another origin? `Sec-Fetch-Site: cross-site | same-site`, or an
 * `Origin` whose host is not the one the request was sent to (`null` included). A client that
 * sends neither header (curl, scripts) is not a browser and passes. `X-Forwarded-Host` is trusted
 * like Next.js does for server actions: a page on another origin cannot set it without a preflight.
 */
function isCrossOrigin(request: Request): boolean {
  const site = request.headers.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = request.headers.get('origin');
  if (origin === null) return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true; // `null` (sandboxed frames, some redirects) or garbage
  }
  const forwarded = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  const host = forwarded || request.headers.get('host') || new URL(request.url).host;
  return originHost.toLowerCase() !== host.toLowerCase();
}

const isJsonType = (contentType: string | null): boolean =>
  (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';

/**
 * Reads the body (≤ 64 KB, checked on the header and on the bytes) and parses it as JSON. With
 * `requireJsonType` (a cookie or anonymous call) a body not sent as application/json is a 415: an
 * HTML form or a "simple" cross-site fetch can only send form and text types.
 */
async function readJson(request: Request, { requireJsonType = false } = {}): Promise<unknown> {
  const tooLarge = () => new HttpError(413, 'payload_too_large', 'The request body is larger than 64 KB.');
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return undefined;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  if (requireJsonType && !isJsonType(request.headers.get('content-type'))) {
    throw new HttpError(415, 'unsupported_media_type', 'Send the body as application/json.');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'invalid_json', 'The request body is not valid JSON.');
  }
}

// ---- idempotency ----------------------------------------------------------------------------

/**
 * `http:<userId>:<METHOD> <path>:<key>`. Command ids are at most 255 characters: a long key is
 * replaced by its sha256 (still one id per key).
 */
function commandIdOf(userId: string, method: string, path: string, key: string): string {
  const base = `http:${userId}:${method} ${path}:`;
  return base.length + key.length <= 255 ? `${base}${key}` : `${base}sha256-${sha256Hex(key)}`;
}

// ---- errors ---------------------------------------------------------------------------------

const errorBody = (code: string, message: string, field?: string) => ({
  error: field === undefined ? { code, message } : { code, message, field },
});

/** Maps anything thrown to the API's error shape; only the unexpected is logged as an error. */
export function errorResult(error: unknown, correlationId: string, log: pino.Logger): JsonResult {
  const expected = (status: number, code: string, message: string, field?: string) => {
    log.info({ status, code, field }, message);
    return json(status, errorBody(code, message, field));
  };
  // By brand, never instanceof: the production bundle may hold two copies of a module.
  if (isHttpError(error)) return expected(error.status, error.code, error.message, error.field);
  if (isDomainError(error)) {
    return expected(DOMAIN_ERROR_STATUS[error.code] ?? 422, error.code, error.message, error.field);
  }
  if (isRefusal(error)) return expected(error.status, error.code, error.message, error.field);
  if (isNotFoundError(error)) return expected(404, 'not_found', error.message);
  if (isTooManyTokensError(error)) return expected(422, error.code, error.message);
  if (isTooManyAttemptsError(error)) {
    const result = expected(429, error.code, error.message);
    return { ...result, headers: { 'retry-after': String(error.retryAfterSeconds) } };
  }
  if (isForbiddenError(error)) {
    return error.hide ? expected(404, 'not_found', 'Not found.') : expected(403, 'forbidden', error.message);
  }
  if (isCommandConflictError(error) || isConcurrencyError(error)) {
    return expected(
      409,
      'concurrency_conflict',
      'The record changed while saving your request. Please try again.',
    );
  }
  if (isCommandIdReusedError(error)) {
    return expected(
      409,
      'idempotency_key_reused',
      'This Idempotency-Key was already used with a different request.',
    );
  }
  if (isEventStoreInputError(error)) return expected(400, error.code, error.message);
  if (isZodError(error)) {
    const http = zodToHttp(error);
    return expected(http.status, http.code, http.message, http.field);
  }
  if (isDatabaseUnavailable(error)) {
    // The database is down, restarting or too slow: nothing was committed, the request can be resent.
    log.warn({ err: error }, 'database unavailable');
    return json(
      503,
      errorBody(
        'database_unavailable',
        'The database is not answering right now. Please try again in a moment.',
      ),
      { 'retry-after': '2' },
    );
  }
  log.error({ err: error }, 'unexpected error in API request');
  return json(500, errorBody('internal_error', `Something went wrong. Reference: ${correlationId}`));
}

const isHttpError = (error: unknown): error is HttpError => hasErrorKind(error, 'http');

/** zod's own error, recognised by shape (zod may be bundled twice like any module). */
const isZodError = (error: unknown): error is ZodError =>
  error instanceof ZodError ||
  (error instanceof Error && error.name === 'ZodError' && Array.isArray((error as ZodError).issues));

/** The session token from Next's cookie store (server components and actions). */
export function sessionTokenFromJar(jar: {
  get(name: string): { value: string } | undefined;
}): string | undefined {
  for (const name of SESSION_COOKIE_NAMES) {
    const token = cookieToken(jar.get(name)?.value);
    if (token) return token;
  }
  return undefined;
}
