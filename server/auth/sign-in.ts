// The two doors that take a guessable secret from anyone: signing in with a password and
// accepting an invite. Both are throttled (throttle.ts) before any password hashing happens, so
// an anonymous caller cannot make the server burn argon2 time without limit.
import 'server-only';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { TooManyAttemptsError } from './errors';
import { hashPassword } from './passwords';
import { changePassword, checkCredentials, hashSecret } from './sessions';
import { invites, type UserRow, users } from './tables';
import {
  accountKey,
  addressKey,
  clearFailures,
  inviteAddressKey,
  recordFailure,
  retryAfterSeconds,
} from './throttle';
import { findUserById } from './users';

/** The user behind an email and password, or null; throws TooManyAttemptsError when throttled. */
export async function signInWithPassword(
  db: Executor,
  input: { email: string; password: string; address: string },
  now = new Date(),
): Promise<UserRow | null> {
  const keys = [accountKey(input.email), addressKey(input.address)];
  const wait = await retryAfterSeconds(db, keys, now);
  if (wait > 0) throw new TooManyAttemptsError(wait);
  const user = await checkCredentials(db, input.email, input.password);
  if (!user) {
    await recordFailure(db, keys, now);
    return null;
  }
  await clearFailures(db, accountKey(input.email));
  return user;
}

/**
 * Accepts an invite: sets the password, marks the invite used (one use, not after expiry).
 * The token is looked up before the password is hashed; an unknown, used or expired token counts
 * as a failure for the address. Returns the user, or null.
 */
export async function acceptInvite(
  db: Executor,
  input: { token: string; password: string; address: string },
  now = new Date(),
): Promise<UserRow | null> {
  const key = inviteAddressKey(input.address);
  const wait = await retryAfterSeconds(db, [key], now);
  if (wait > 0) throw new TooManyAttemptsError(wait);
  const tokenHash = hashSecret(input.token);
  const open = and(
    eq(invites.tokenHash, tokenHash),
    isNull(invites.usedAt),
    gt(invites.expiresAt, now.toISOString()),
  );
  const [found] = await db.select({ userId: invites.userId }).from(invites).where(open);
  if (!found) {
    await recordFailure(db, [key], now);
    return null;
  }
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    // Claim the invite: of two concurrent accepts only one updates the row.
    const [claimed] = await tx
      .update(invites)
      .set({ usedAt: now.toISOString() })
      .where(open)
      .returning({ userId: invites.userId });
    if (!claimed) return null;
    await tx.update(users).set({ passwordHash }).where(eq(users.id, claimed.userId));
    return (await findUserById(tx, claimed.userId)) ?? null;
  });
}

/**
 * Changes the signed-in user's password (sessions.ts `changePassword`), throttled like a sign-in on
 * the same account: a stolen session cannot be used to guess the current password. False when the
 * current password is wrong.
 */
export async function changeOwnPassword(
  db: Executor,
  input: { userId: string; currentPassword: string; newPassword: string; keepSessionToken?: string },
  now = new Date(),
): Promise<boolean> {
  const user = await findUserById(db, input.userId);
  if (!user) return false;
  const keys = [accountKey(user.email)];
  const wait = await retryAfterSeconds(db, keys, now);
  if (wait > 0) throw new TooManyAttemptsError(wait);
  const changed = await changePassword(db, input);
  if (!changed) await recordFailure(db, keys, now);
  return changed;
}
