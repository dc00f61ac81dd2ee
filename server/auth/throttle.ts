// Throttling of guessable secrets (API.md Conventions): 10 failed sign-ins for one account or one
// address in 15 minutes → 429 too_many_attempts with Retry-After; invite acceptance likewise per
// address. Failures are rows in auth_failures, so every app process sees the same counts.
import 'server-only';
import { and, count, eq, gt, inArray, lt, min } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { authFailures } from './tables';
import { normaliseEmail } from './users';

const MAX_FAILURES = 10;
const WINDOW_MS = 15 * 60 * 1000;

export const accountKey = (email: string) => `account:${normaliseEmail(email)}`;
export const addressKey = (address: string) => `address:${address}`;
export const inviteAddressKey = (address: string) => `invite-address:${address}`;

/**
 * The client's address: the last X-Forwarded-For entry (what the nearest proxy saw; Next.js fills
 * it from the socket when no proxy set it). Without a proxy a client can choose it, so the
 * per-account limit is the one that always holds (docs/security.md).
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for');
  const last = forwarded?.split(',').pop()?.trim();
  return last ? last.slice(0, 64) : 'unknown';
}

/** Seconds until one of `keys` may try again, or 0 when none is over the limit. */
export async function retryAfterSeconds(
  db: Executor,
  keys: readonly string[],
  now = new Date(),
): Promise<number> {
  const since = new Date(now.getTime() - WINDOW_MS).toISOString();
  const found = await db
    .select({ key: authFailures.key, failures: count(), oldest: min(authFailures.at) })
    .from(authFailures)
    .where(and(inArray(authFailures.key, [...keys]), gt(authFailures.at, since)))
    .groupBy(authFailures.key);
  let wait = 0;
  for (const row of found) {
    if (row.failures < MAX_FAILURES || !row.oldest) continue;
    // Over the limit until enough of the window's failures have aged out; the oldest first.
    const seconds = Math.ceil((Date.parse(row.oldest) + WINDOW_MS - now.getTime()) / 1000);
    wait = Math.max(wait, seconds, 1);
  }
  return wait;
}

export async function recordFailure(db: Executor, keys: readonly string[], now = new Date()): Promise<void> {
  await db.insert(authFailures).values(keys.map((key) => ({ key, at: now.toISOString() })));
}

/** A successful sign-in clears the account's failures (not the address's). */
export async function clearFailures(db: Executor, key: string): Promise<void> {
  await db.delete(authFailures).where(eq(authFailures.key, key));
}

/** The clean-up job: failures past the window count for nothing. */
export async function deleteOldFailures(db: Executor, now = new Date()): Promise<number> {
  const deleted = await db
    .delete(authFailures)
    .where(lt(authFailures.at, new Date(now.getTime() - WINDOW_MS).toISOString()))
    .returning({ id: authFailures.id });
  return deleted.length;
}
