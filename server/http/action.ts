// The ONE wrapper every server action goes through (STYLE.md "One wrapper for every entry point");
// the web twin of `route()` in ./route.ts, with the same error mapping.
//
//   'use server';
//   export const payRent = action(
//     {
//       name: 'payRent',                         // logs + commandId namespace (optional, recommended)
//       auth: ['tenant'],                        // 'public' | 'signed-in' | UserRole[]
//       input: z.strictObject({ leaseId: z.uuid(), amountCents: z.int(), idempotencyKey }),
//     },
//     async ({ actor, input, runtime, envelope, correlationId, log, revalidate, redirect }) => {
//       const result = await changeLease(runtime, input.leaseId, command, envelope, { authorise: ... });
//       revalidate('/tenant');                   // optional: revalidatePath, after success only
//       return { paymentId };                    // → { ok: true, data: { paymentId } }
//     },
//   );
//
// Call it from a client component with a plain object (or pass it as a <form action>: FormData is
// turned into an object first). It always resolves to an `ActionResult<T>`:
//   { ok: true, data } | { ok: false, error: { code, message, field?, correlationId? } }
// Throw from the handler instead of returning errors: DomainError, NotFoundError, ForbiddenError,
// conflicts, `new HttpError(status, code, message, field?)` and ZodError are expected failures
// (mapped exactly like the API, see `errorResult`); anything else is logged at error level with the
// correlation id and returned as `internal_error` "Something went wrong. Reference: <id>" plus
// `correlationId`. Bad input → `invalid_input` with `field` = the path of the first bad key (unknown
// keys refused: pass a z.strictObject). Signed out → `unauthenticated`; wrong role → `forbidden`.
//
// Envelope: source 'web', a fresh correlationId per call; with an `idempotencyKey` string in the
// parsed input (use the exported `idempotencyKey` schema), commandId = `web:<userId>:<name>:<key>`
// (the key hashed if that would pass 255 characters),
// so a resubmit of the same form returns the first result and appends nothing.
// `revalidate(path)` and `redirect(path)` only record the wish: revalidatePath/redirect run after the
// try/catch (STYLE.md), and only when the handler succeeded.
import 'server-only';
import { revalidatePath } from 'next/cache';
import { cookies, headers } from 'next/headers';
import { redirect as nextRedirect, unstable_rethrow } from 'next/navigation';
import type pino from 'pino';
import { z } from 'zod';
import type { Actor } from '../auth/policy';
import { actorOf, userOfSession } from '../auth/sessions';
import type { UserRole } from '../auth/tables';
import type { CommandEnvelope } from '../commands/handle';
import { sha256Hex } from '../eventstore/canonical';
import { inFlight, isDraining } from '../lifecycle';
import { correlationIdFrom, logger, withCorrelation } from '../log';
import { getRuntime, type Runtime } from '../runtime';
import { errorResult, HttpError, refuseUnstorableText, sessionTokenFromJar } from './route';

export type ActionAuth = 'public' | 'signed-in' | readonly UserRole[];

export interface ActionError {
  code: string;
  message: string;
  /** The input field the error is about (show it next to that field). */
  field?: string;
  /** Present on unexpected errors: quote it to support; it is in the server log. */
  correlationId?: string;
}

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** 1–255 printable ASCII characters, like the API's Idempotency-Key header. */
export const idempotencyKey = z
  .string()
  .regex(/^[\x20-\x7e]{1,255}$/, 'The form key is not valid; reload the page.');

export interface ActionContext<A extends ActionAuth, S extends z.ZodType> {
  actor: A extends 'public' ? Actor | null : Actor;
  input: z.output<S>;
  runtime: Runtime;
  correlationId: string;
  /** The CommandEnvelope for a command (throws `unauthenticated` for anonymous callers). */
  envelope: CommandEnvelope;
  log: pino.Logger;
  /** revalidatePath(path) once the handler has succeeded. */
  revalidate: (...paths: string[]) => void;
  /** redirect(path) once the handler has succeeded (the caller then gets no result). */
  redirect: (path: string) => void;
}

export interface ActionOptions<A extends ActionAuth, S extends z.ZodType> {
  auth: A;
  input: S;
  /** Names the action in logs and in derived command ids. */
  name?: string;
}

export type ServerAction<S extends z.ZodType, T> = (input: z.input<S> | FormData) => Promise<ActionResult<T>>;

export function action<A extends ActionAuth, S extends z.ZodType, T>(
  options: ActionOptions<A, S>,
  handler: (ctx: ActionContext<A, S>) => Promise<T>,
): ServerAction<S, T> {
  const name = options.name ?? 'action';
  const run = async (raw: z.input<S> | FormData, correlationId: string): Promise<ActionResult<T>> => {
    const log = logger('web').child({ correlationId, action: name });
    let outcome: ActionResult<T>;
    const toRevalidate: string[] = [];
    let redirectTo: string | undefined;
    try {
      const runtime = await getRuntime();
      const actor = await actorFromCookie(runtime);
      if (options.auth !== 'public') {
        if (!actor) throw new HttpError(401, 'unauthenticated', 'Your session has ended. Sign in again.');
        if (options.auth !== 'signed-in' && !options.auth.includes(actor.role)) {
          throw new HttpError(403, 'forbidden', 'Your role does not allow that.');
        }
      }
      const input = parseInput(options.input, raw instanceof FormData ? formToObject(raw) : raw);
      const key = (input as { idempotencyKey?: unknown } | null)?.idempotencyKey;
      const commandId = typeof key === 'string' && actor ? webCommandId(actor.userId, name, key) : undefined;
      const ctx = {
        actor,
        input,
        runtime,
        correlationId,
        log,
        revalidate: (...paths: string[]) => {
          toRevalidate.push(...paths);
        },
        redirect: (path: string) => {
          redirectTo = path;
        },
        get envelope(): CommandEnvelope {
          if (!actor) throw new HttpError(401, 'unauthenticated', 'Your session has ended. Sign in again.');
          return {
            actor: { userId: actor.userId, role: actor.role, name: actor.name },
            correlationId,
            source: 'web',
            commandId,
          };
        },
      } as ActionContext<A, S>;
      outcome = { ok: true, data: await handler(ctx) };
    } catch (error) {
      // redirect()/notFound() thrown inside a handler are Next's control flow, not failures.
      unstable_rethrow(error);
      outcome = { ok: false, error: toActionError(error, correlationId, log) };
    }
    if (outcome.ok) {
      for (const path of toRevalidate) revalidatePath(path);
      if (redirectTo) nextRedirect(redirectTo);
    }
    return outcome;
  };
  // Like the API: an action begun before shutdown finishes; one after it is refused, nothing done.
  return (raw) =>
    isDraining()
      ? Promise.resolve<ActionResult<T>>({
          ok: false,
          error: { code: 'shutting_down', message: 'The server is restarting. Try again in a moment.' },
        })
      : inFlight(async () => {
          const correlationId = correlationIdFrom(await requestHeaders());
          return withCorrelation(correlationId, () => run(raw, correlationId));
        });
}

/** The request's headers (none outside a Next.js request, e.g. an action called by a test). */
async function requestHeaders(): Promise<{ get(name: string): string | null }> {
  try {
    return await headers();
  } catch {
    return new Headers();
  }
}

/** `web:<userId>:<name>:<key>`; past 255 characters the key is replaced by its sha256 (like the API). */
function webCommandId(userId: string, name: string, key: string): string {
  const base = `web:${userId}:${name}:`;
  return base.length + key.length <= 255 ? `${base}${key}` : `${base}sha256-${sha256Hex(key)}`;
}

/** The signed-in user behind the request's session cookie, or null. */
async function actorFromCookie(runtime: Runtime): Promise<Actor | null> {
  const token = sessionTokenFromJar(await cookies());
  if (!token) return null;
  const user = await userOfSession(runtime.database.db, token);
  return user ? actorOf(user) : null;
}

/** Form fields as an object; Next's own `$ACTION_*` fields are dropped, repeated names keep the last. */
function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) {
    if (!key.startsWith('$ACTION')) out[key] = value;
  }
  return out;
}

function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  refuseUnstorableText(input);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  let path = issue?.path.map(String) ?? [];
  if (issue?.code === 'unrecognized_keys' && issue.keys[0]) path = [...path, issue.keys[0]];
  throw new HttpError(
    400,
    'invalid_input',
    issue?.message ?? 'Please check the form.',
    path.join('.') || undefined,
  );
}

/** The API's mapping (`errorResult`), reshaped as a value for forms. */
function toActionError(error: unknown, correlationId: string, log: pino.Logger): ActionError {
  const mapped = errorResult(error, correlationId, log);
  const body = mapped.body as { error: { code: string; message: string; field?: string } };
  const result: ActionError = { code: body.error.code, message: body.error.message };
  if (body.error.field !== undefined) result.field = body.error.field;
  if (mapped.status >= 500) {
    result.message = 'Something went wrong. Please try again.';
    result.correlationId = correlationId;
  }
  return result;
}
