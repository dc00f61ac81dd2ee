// Structured JSON logs (pino). One logger; modules take a child with their name.
// Redaction (docs/security.md): passwords, tokens, secrets, cookies and authorization headers by
// key wherever they sit, and SQL parameters (drizzle puts them in an error's `params` and in its
// message: "Failed query: ... params: ..."), so no log line carries a credential or a row's values.
import 'server-only';
import pino from 'pino';
import { env } from './env';

const ROOT = Symbol.for('leasebook.logger');
type Holder = { [ROOT]?: pino.Logger };

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
  };
}

export function logger(module?: string): pino.Logger {
  const holder = globalThis as Holder;
  if (!holder[ROOT]) {
    holder[ROOT] = pino(loggerOptions(env().LOG_LEVEL));
  }
  return module ? holder[ROOT].child({ module }) : holder[ROOT];
}
