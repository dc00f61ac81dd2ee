// Is this error the database being unreachable (stopped, restarting, the connection cut) or too
// slow (statement timeout)? Then a request answers 503 (route.ts) and can simply be sent again:
// nothing was committed by the statement that failed.
import 'server-only';

/** SQLSTATEs: class 08 connection exception; admin/crash shutdown, cannot connect now; statement timeout; too many connections. */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '57014', '53300']);
/** postgres.js's own codes and Node's socket errors. */
const UNAVAILABLE_CODES =
  /^(CONNECTION_CLOSED|CONNECTION_ENDED|CONNECTION_DESTROYED|CONNECT_TIMEOUT|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN)$/;

export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (code.startsWith('08') && code.length === 5) return true;
      if (UNAVAILABLE_STATES.has(code) || UNAVAILABLE_CODES.test(code)) return true;
    }
    // An AggregateError (a connect to every address refused) holds the socket errors.
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
