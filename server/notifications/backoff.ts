// Exponential backoff with jitter for retried deliveries (mail, webhooks).

/** The wait before attempt `attempts + 1`: base · 2^(attempts−1), ±20 %, at most `maxMs`. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number, random = Math.random): number {
  const exponential = baseMs * 2 ** Math.max(0, attempts - 1);
  const jitter = 0.8 + 0.4 * random();
  return Math.round(Math.min(maxMs, exponential * jitter));
}

/**
 * A `Retry-After` header (seconds or an HTTP date) in milliseconds from `now`; null when absent
 * or unreadable.
 */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
