// Forgotten passwords: ask by email (always answered the same way, so accounts cannot be probed)
// and set a new password with the emailed token.
import 'server-only';
import { and, count, eq, gt } from 'drizzle-orm';
import { consumePasswordReset, createPasswordReset } from '../auth/password-reset';
import { passwordResets, type UserRow } from '../auth/tables';
import { findUserByEmail } from '../auth/users';
import type { Runtime } from '../runtime';
import { queuePasswordResetEmail } from './account-mail';

/** More requests than this for one account within the hour send nothing more (no mail bombing). */
const MAX_RESETS_PER_HOUR = 3;

/** Queues a reset link for the account with this email, if there is one that can sign in. */
export async function requestPasswordReset(runtime: Runtime, email: string): Promise<void> {
  const user = await findUserByEmail(runtime.database.db, email);
  // Invited tenants without a password use their invite; nobody else learns whether the account exists.
  if (!user?.passwordHash) return;
  await runtime.database.db.transaction(async (tx) => {
    const hourAgo = new Date(Date.now() - 60 * 60_000).toISOString();
    const [recent] = await tx
      .select({ n: count() })
      .from(passwordResets)
      .where(and(eq(passwordResets.userId, user.id), gt(passwordResets.createdAt, hourAgo)));
    if ((recent?.n ?? 0) >= MAX_RESETS_PER_HOUR) return;
    const token = await createPasswordReset(tx, user.id);
    await queuePasswordResetEmail(tx, { userId: user.id, name: user.name, email: user.email, token });
  });
}

/** Sets the new password; null when the token is unknown, used or expired. */
export function resetPassword(runtime: Runtime, token: string, password: string): Promise<UserRow | null> {
  return consumePasswordReset(runtime.database.db, token, password);
}
