// Password resets: a one-use token valid for an hour (only its sha256 is stored). Using it sets the
// new password and ends every session and API token of the account, as a password change does.
import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { hashPassword } from './passwords';
import { hashSecret } from './sessions';
import { apiTokens, passwordResets, sessions, type UserRow, users } from './tables';
import { findUserById } from './users';

const RESET_VALID_MS = 60 * 60_000;

/** A new reset token for the user (the caller emails it); earlier unused ones stay valid until they expire. */
export async function createPasswordReset(db: Executor, userId: string, now = new Date()): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db.insert(passwordResets).values({
    tokenHash: hashSecret(token),
    userId,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + RESET_VALID_MS).toISOString(),
  });
  return token;
}

/** Uses a reset token; null when it is unknown, used or expired. */
export async function consumePasswordReset(
  db: Executor,
  token: string,
  password: string,
  now = new Date(),
): Promise<UserRow | null> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    // Claim first: of two concurrent uses only one updates the row.
    const [claimed] = await tx
      .update(passwordResets)
      .set({ usedAt: now.toISOString() })
      .where(
        and(
          eq(passwordResets.tokenHash, hashSecret(token)),
          isNull(passwordResets.usedAt),
          gt(passwordResets.expiresAt, now.toISOString()),
        ),
      )
      .returning({ userId: passwordResets.userId });
    if (!claimed) return null;
    await tx.update(users).set({ passwordHash }).where(eq(users.id, claimed.userId));
    await tx.delete(sessions).where(eq(sessions.userId, claimed.userId));
    await tx.delete(apiTokens).where(eq(apiTokens.userId, claimed.userId));
    // Other outstanding reset links of the account are spent too.
    await tx
      .update(passwordResets)
      .set({ usedAt: now.toISOString() })
      .where(and(eq(passwordResets.userId, claimed.userId), isNull(passwordResets.usedAt)));
    return (await findUserById(tx, claimed.userId)) ?? null;
  });
}
