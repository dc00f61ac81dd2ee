// Sessions (cookie), API tokens (Bearer) and tenant invites. Every secret is 32 random bytes
// handed to the client once; only its sha256 is stored.
import 'server-only';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, gt, isNotNull, lte, ne, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { TooManyTokensError } from './errors';
import { hashPassword, verifyPassword } from './passwords';
import type { Actor } from './policy';
import { apiTokens, invites, sessions, type UserRow, users } from './tables';
import { findUserByEmail, normaliseEmail } from './users';

export const SESSION_COOKIE = 'leasebook_session';
/** Absolute lifetime of a session; it also ends after SESSION_IDLE_MINUTES without a request. */
export const SESSION_DAYS = 30;
const SESSION_IDLE_MINUTES = 30;
/** API tokens: 1–365 days (default 90), at most this many live ones per user. */
const TOKEN_DEFAULT_DAYS = 90;
export const MAX_LIVE_TOKENS = 20;
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
  const found = await findUserByEmail(db, email);
  // A disabled account is refused exactly like an unknown one (same cost, same answer).
  const user = found?.disabledAt ? undefined : found;
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

/** Every session of the user but `keepToken`'s (all of them without it): "sign out everywhere". */
export async function deleteUserSessions(db: Executor, userId: string, keepToken?: string): Promise<void> {
  await db
    .delete(sessions)
    .where(
      keepToken
        ? and(eq(sessions.userId, userId), ne(sessions.id, hashSecret(keepToken)))
        : eq(sessions.userId, userId),
    );
}

/** The user of a live session, or null (unknown, expired, or idle for SESSION_IDLE_MINUTES). */
export async function userOfSession(db: Executor, token: string, now = new Date()): Promise<UserRow | null> {
  const id = hashSecret(token);
  const idleSince = new Date(now.getTime() - SESSION_IDLE_MINUTES * 60_000).toISOString();
  const [found] = await db
    .select({ user: users, lastSeenAt: sessions.lastSeenAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(eq(sessions.id, id), gt(sessions.expiresAt, now.toISOString()), gt(sessions.lastSeenAt, idleSince)),
    );
  if (!found || found.user.disabledAt) return null;
  if (now.getTime() - Date.parse(found.lastSeenAt) > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now.toISOString() }).where(eq(sessions.id, id));
  }
  return found.user;
}

export interface ApiTokenInfo {
  tokenId: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string;
}

/** When a token stops working (tokens made before expiry existed: 90 days after creation). */
const expiryOf = (row: { createdAt: string; expiresAt: string | null }): string =>
  row.expiresAt ?? new Date(Date.parse(row.createdAt) + TOKEN_DEFAULT_DAYS * DAY_MS).toISOString();

/**
 * Creates an API token; the returned `lb_…` string is shown once and never stored. Throws
 * TooManyTokensError when the user already has MAX_LIVE_TOKENS live tokens.
 */
export async function createApiToken(
  db: Executor,
  userId: string,
  name: string,
  expiresInDays = TOKEN_DEFAULT_DAYS,
  now = new Date(),
): Promise<{ id: string; token: string; expiresAt: string }> {
  const token = `lb_${newSecret()}`;
  const id = randomUUID();
  const expiresAt = new Date(now.getTime() + expiresInDays * DAY_MS).toISOString();
  return db.transaction(async (tx) => {
    // One creation at a time per user, so two concurrent requests cannot both pass the cap.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('leasebook.tokens'), hashtext(${userId}))`);
    const live = await listApiTokens(tx, userId, now);
    if (live.length >= MAX_LIVE_TOKENS) throw new TooManyTokensError(MAX_LIVE_TOKENS);
    await tx
      .insert(apiTokens)
      .values({ id, userId, name, tokenHash: hashSecret(token), createdAt: now.toISOString(), expiresAt });
    return { id, token, expiresAt };
  });
}

/** The user's live (unexpired) tokens, newest first. */
export async function listApiTokens(db: Executor, userId: string, now = new Date()): Promise<ApiTokenInfo[]> {
  const found = await db.select().from(apiTokens).where(eq(apiTokens.userId, userId));
  return found
    .map((row) => ({
      tokenId: row.id,
      name: row.name,
      createdAt: new Date(row.createdAt).toISOString(),
      lastUsedAt: row.lastUsedAt ? new Date(row.lastUsedAt).toISOString() : null,
      expiresAt: new Date(expiryOf(row)).toISOString(),
    }))
    .filter((token) => Date.parse(token.expiresAt) > now.getTime())
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Revokes one of the user's tokens; false when it is not theirs or does not exist. */
export async function revokeApiToken(db: Executor, userId: string, tokenId: string): Promise<boolean> {
  const deleted = await db
    .delete(apiTokens)
    .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId)))
    .returning({ id: apiTokens.id });
  return deleted.length > 0;
}

/** The user of a live API token, or null (unknown, revoked or expired). */
export async function userOfApiToken(db: Executor, token: string, now = new Date()): Promise<UserRow | null> {
  const [found] = await db
    .select({
      user: users,
      tokenId: apiTokens.id,
      lastUsedAt: apiTokens.lastUsedAt,
      createdAt: apiTokens.createdAt,
      expiresAt: apiTokens.expiresAt,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, hashSecret(token)));
  if (!found || found.user.disabledAt || Date.parse(expiryOf(found)) <= now.getTime()) return null;
  if (!found.lastUsedAt || now.getTime() - Date.parse(found.lastUsedAt) > TOUCH_EVERY_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now.toISOString() }).where(eq(apiTokens.id, found.tokenId));
  }
  return found.user;
}

/**
 * Changes the password after checking the current one; every other session of the user ends and
 * every API token is revoked, in one transaction. False when the current password is wrong.
 */
export async function changePassword(
  db: Executor,
  input: { userId: string; currentPassword: string; newPassword: string; keepSessionToken?: string },
): Promise<boolean> {
  const [user] = await db.select().from(users).where(eq(users.id, input.userId));
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) return false;
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, input.userId));
    await deleteUserSessions(tx, input.userId, input.keepSessionToken);
    await tx.delete(apiTokens).where(eq(apiTokens.userId, input.userId));
  });
  return true;
}

/** The clean-up job: sessions past their lifetime or idle timeout, invites past their expiry. */
export async function deleteExpiredSessionsAndInvites(
  db: Executor,
  now = new Date(),
): Promise<{ sessions: number; invites: number; tokens: number }> {
  const idleSince = new Date(now.getTime() - SESSION_IDLE_MINUTES * 60_000).toISOString();
  const deadSessions = await db
    .delete(sessions)
    .where(or(lte(sessions.expiresAt, now.toISOString()), lte(sessions.lastSeenAt, idleSince)))
    .returning({ id: sessions.id });
  const deadInvites = await db
    .delete(invites)
    .where(or(lte(invites.expiresAt, now.toISOString()), isNotNull(invites.usedAt)))
    .returning({ token: invites.tokenHash });
  const deadTokens = await db
    .delete(apiTokens)
    .where(lte(apiTokens.expiresAt, now.toISOString()))
    .returning({ id: apiTokens.id });
  return { sessions: deadSessions.length, invites: deadInvites.length, tokens: deadTokens.length };
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
