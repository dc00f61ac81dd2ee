// Structured JSON logs (pino). One logger; modules take a child with their name.
// Redaction (docs/security.md): passwords, tokens, secrets, cookies and authorization headers by
// key wherever they sit, and SQL parameters (drizzle puts them in an error's `params` and in its
// message: "Failed query: ... params: ..."), so no log line carries a credential or a row's values.
// Correlation: route() and action() run each request inside `withCorrelation(id, ...)`; every log
// line written while it runs (by any module's logger) carries that `correlationId`.
import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { env } from './env';

const ROOT = Symbol.for('leasebook.logger');
const CONTEXT = Symbol.for('leasebook.correlation');
type Holder = { [ROOT]?: pino.Logger; [CONTEXT]?: AsyncLocalStorage<{ correlationId: string }> };

/** One store per process (on globalThis: Next.js bundle layers share it). */
function correlationStore(): AsyncLocalStorage<{ correlationId: string }> {
  const holder = globalThis as Holder;
  holder[CONTEXT] ??= new AsyncLocalStorage();
  return holder[CONTEXT];
}

/** Runs `fn` with `correlationId` as the current request's id (for logs and event metadata). */
export function withCorrelation<T>(correlationId: string, fn: () => T): T {
  return correlationStore().run({ correlationId }, fn);
}

/** The current request's correlation id, if running inside one. */
export function currentCorrelationId(): string | undefined {
  return correlationStore().getStore()?.correlationId;
}

/** An incoming id we accept as the request's correlation id: 8–128 of [A-Za-z0-9._:-]. */
const INCOMING_ID = /^[A-Za-z0-9._:-]{8,128}$/;
const CORRELATION_HEADERS = ['x-request-id', 'x-correlation-id', 'correlation-id'] as const;

/** The caller's `X-Request-Id` / `X-Correlation-Id` / `Correlation-Id` if valid, else a fresh uuid. */
export function correlationIdFrom(headers: { get(name: string): string | null }): string {
  for (const name of CORRELATION_HEADERS) {
    const value = headers.get(name)?.trim();
    if (value && INCOMING_ID.test(value)) return value;
  }
  return randomUUID();
}

const SECRET_KEYS = [
  'password',
  'currentPassword',
  'newPassword',
  'passwordHash',
  'token',
  'inviteToken',
  'secret',
  'authorization',
  'cookie',
  'set-cookie',
  'params',
  'parameters',
];
const REDACT_PATHS = SECRET_KEYS.flatMap((key) => {
  const k = /^[A-Za-z_]\w*$/.test(key) ? key : `["${key}"]`;
  const at = (prefix: string) => (k.startsWith('[') ? `${prefix}${k}` : `${prefix}.${k}`);
  return [k.startsWith('[') ? key : k, at('*'), at('*.*'), at('*.headers'), at('err.cause')];
});

/** "params: 1,secret" (drizzle's failed-query message) → "params: [Redacted]". */
export const scrubSqlParams = (text: string): string =>
  text.replace(/(^|\n)(\s*)params: [^\n]*/g, '$1$2params: [Redacted]');

function errSerializer(error: unknown) {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  if (!serialized || typeof serialized !== 'object') return serialized;
  for (const key of ['message', 'stack']) {
    if (typeof serialized[key] === 'string') serialized[key] = scrubSqlParams(serialized[key] as string);
  }
  return serialized;
}

/** The root logger's options; tests pass a destination to read what would be written. */
export function loggerOptions(level: string): pino.LoggerOptions {
  return {
    level,
    base: { app: 'leasebook' },
    redact: { paths: REDACT_PATHS, censor: '[Redacted]' },
    serializers: { err: errSerializer },
    // The request's correlation id on every line written while it runs (unless bound already).
    mixin: (_context, _level, instance) => {
      const id = currentCorrelationId();
      if (!id) return {};
      const bound = (instance as pino.Logger | undefined)?.bindings?.();
      return bound && 'correlationId' in bound ? {} : { correlationId: id };
    },
  };
}

export function logger(module?: string): pino.Logger {
  const holder = globalThis as Holder;
  if (!holder[ROOT]) {
    holder[ROOT] = pino(loggerOptions(env().LOG_LEVEL));
  }
  return module ? holder[ROOT].child({ module }) : holder[ROOT];
}
