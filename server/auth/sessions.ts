// Sessions (cookie), API tokens (Bearer) and tenant invites. Every secret is 32 random bytes
// handed to the client once; only its sha256 is stored.
import 'server-only';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { hashPassword, verifyPassword } from './passwords';
import type { Actor } from './policy';
import { apiTokens, invites, sessions, type UserRow, users } from './tables';
import { findUserByEmail, findUserById, normaliseEmail } from './users';

export const SESSION_COOKIE = 'leasebook_session';
export const SESSION_DAYS = 30;
export const INVITE_DAYS = 7;
export const MIN_PASSWORD_LENGTH = 12;
const DAY_MS = 24 * 60 * 60 * 1000;
/** last_seen_at / last_used_at are refreshed at most this often per session or token. */
const TOUCH_EVERY_MS = 60_000;

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');
export const newSecret = (): string => randomBytes(32).toString('base64url');

export const actorOf = (user: UserRow): Actor => ({ userId: user.id, role: user.role, name: user.name });

// A dummy hash so an unknown email costs as much as a wrong password (no user enumeration by timing).
let dummyHash: Promise<string> | undefined;

/** The user behind an email and password, or null. */
export async function checkCredentials(
  db: Executor,
  email: string,
  password: string,
): Promise<UserRow | null> {
  const user = await findUserByEmail(db, email);
  if (!user?.passwordHash) {
    dummyHash ??= hashPassword('leasebook-timing-equaliser');
    await verifyPassword(await dummyHash, password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, password)) ? user : null;
}

/**
 * Starts a session for the user; the browser's previous session (if any) is deleted, so a
 * session id never survives a sign-in (fixation). Returns the cookie token.
 */
export async function createSession(
  db: Executor,
  userId: string,
  previousToken?: string,
  now = new Date(),
): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY_MS);
  await db.transaction(async (tx) => {
    if (previousToken) await tx.delete(sessions).where(eq(sessions.id, hashSecret(previousToken)));
    await tx.insert(sessions).values({
      id: hashSecret(token),
      userId,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
      lastSeenAt: now.toISOString(),
    });
  });
  return { token, expiresAt };
}

export async function deleteSession(db: Executor, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, hashSecret(token)));
}

/** The user of a live session, or null (unknown or expired). */
export async function userOfSession(db: Executor, token: string, now = new Date()): Promise<UserRow | null> {
  const id = hashSecret(token);
  const [found] = await db
    .select({ user: users, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, id), gt(sessions.expiresAt, now.toISOString())));
  if (!found) return null;
  if (now.getTime() - Date.parse(found.lastSeenAt) > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now.toISOString() }).where(eq(sessions.id, id));
  }
  return found.user;
}

/** Creates an API token; the returned `lb_…` string is shown once and never stored. */
export async function createApiToken(
  db: Executor,
  userId: string,
  name: string,
): Promise<{ id: string; token: string }> {
  const token = `lb_${newSecret()}`;
  const id = randomUUID();
  await db.insert(apiTokens).values({ id, userId, name, tokenHash: hashSecret(token) });
  return { id, token };
}

/** The user of an API token, or null. */
export async function userOfApiToken(db: Executor, token: string, now = new Date()): Promise<UserRow | null> {
  const [found] = await db
    .select({ user: users, tokenId: apiTokens.id, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, hashSecret(token)));
  if (!found) return null;
  if (!found.lastUsedAt || now.getTime() - Date.parse(found.lastUsedAt) > TOUCH_EVERY_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now.toISOString() }).where(eq(apiTokens.id, found.tokenId));
  }
  return found.user;
}

/**
 * Creates a tenant without a password and an invite for them, in one transaction.
 * Returns null when the email is taken.
 */
export async function inviteTenant(
  db: Executor,
  input: { name: string; email: string; invitedBy?: string },
  now = new Date(),
): Promise<{ tenantId: string; inviteToken: string } | null> {
  const tenantId = randomUUID();
  const inviteToken = newSecret();
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(users)
      .values({ id: tenantId, email: normaliseEmail(input.email), name: input.name.trim(), role: 'tenant' })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (inserted.length === 0) return null;
    await tx.insert(invites).values({
      tokenHash: hashSecret(inviteToken),
      userId: tenantId,
      invitedBy: input.invitedBy ?? null,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + INVITE_DAYS * DAY_MS).toISOString(),
    });
    return { tenantId, inviteToken };
  });
}

/**
 * Accepts an invite: sets the password, marks the invite used (one use, not after expiry).
 * Returns the user, or null when the token is unknown, used or expired.
 */
export async function acceptInvite(
  db: Executor,
  token: string,
  password: string,
  now = new Date(),
): Promise<UserRow | null> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    // Claim the invite first: of two concurrent accepts only one updates the row.
    const [claimed] = await tx
      .update(invites)
      .set({ usedAt: now.toISOString() })
      .where(
        and(
          eq(invites.tokenHash, hashSecret(token)),
          isNull(invites.usedAt),
          gt(invites.expiresAt, now.toISOString()),
        ),
      )
      .returning({ userId: invites.userId });
    if (!claimed) return null;
    await tx.update(users).set({ passwordHash }).where(eq(users.id, claimed.userId));
    return (await findUserById(tx, claimed.userId)) ?? null;
  });
}
