// Accounts as an admin manages them: list, create a manager or an auditor (with a first password
// the admin hands over), disable or enable an account. A disabled account cannot sign in, and its
// sessions and API tokens stop working at once (server/auth/sessions.ts checks `disabled_at`);
// disabling also deletes them.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { hashPassword } from '../auth/passwords';
import type { Actor } from '../auth/policy';
import { MIN_PASSWORD_LENGTH } from '../auth/sessions';
import { apiTokens, sessions, users } from '../auth/tables';
import { findUserByEmail, findUserById, normaliseEmail } from '../auth/users';
import { Refusal } from '../commands/refusal';
import { logger } from '../log';
import type { Runtime } from '../runtime';
import { assertAdmin } from './access';

export const createUserSchema = z.strictObject({
  email: z.email().max(254),
  name: z.string().trim().min(1).max(200),
  role: z.enum(['manager', 'auditor']),
  password: z.string().min(MIN_PASSWORD_LENGTH, `At least ${MIN_PASSWORD_LENGTH} characters.`).max(256),
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export interface UserLine {
  userId: string;
  email: string;
  name: string;
  role: string;
  disabled: boolean;
  disabledAt: string | null;
  createdAt: string;
}

export async function listUsers(runtime: Runtime, actor: Actor): Promise<{ users: UserLine[] }> {
  assertAdmin(actor);
  const found = await runtime.database.db
    .select()
    .from(users)
    .orderBy(asc(users.role), asc(users.email))
    .limit(1000);
  return {
    users: found.map((u) => ({
      userId: u.id,
      email: u.email,
      name: u.name,
      role: u.role,
      disabled: u.disabledAt !== null,
      disabledAt: u.disabledAt,
      createdAt: u.createdAt,
    })),
  };
}

export async function createUser(
  runtime: Runtime,
  actor: Actor,
  input: CreateUserInput,
): Promise<{ userId: string }> {
  assertAdmin(actor);
  const db = runtime.database.db;
  if (await findUserByEmail(db, input.email)) {
    throw new Refusal(409, 'email_taken', 'An account with that email exists already.', 'email');
  }
  const userId = randomUUID();
  const inserted = await db
    .insert(users)
    .values({
      id: userId,
      email: normaliseEmail(input.email),
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(input.password),
    })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  if (inserted.length === 0) {
    throw new Refusal(409, 'email_taken', 'An account with that email exists already.', 'email');
  }
  logger('admin').info({ userId, role: input.role, by: actor.userId }, 'user created');
  return { userId };
}

/** Disables (or enables again) an account; disabling ends its sessions and revokes its tokens. */
export async function setUserDisabled(
  runtime: Runtime,
  actor: Actor,
  userId: string,
  disabled: boolean,
): Promise<UserLine> {
  assertAdmin(actor);
  if (disabled && userId === actor.userId) {
    throw new Refusal(409, 'cannot_disable_self', 'You cannot disable your own account.');
  }
  const db = runtime.database.db;
  if (!(await findUserById(db, userId))) throw new Refusal(404, 'not_found', 'There is no such user.');
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ disabledAt: disabled ? new Date().toISOString() : null })
      .where(eq(users.id, userId));
    if (disabled) {
      await tx.delete(sessions).where(eq(sessions.userId, userId));
      await tx.delete(apiTokens).where(eq(apiTokens.userId, userId));
    }
  });
  logger('admin').info({ userId, disabled, by: actor.userId }, disabled ? 'user disabled' : 'user enabled');
  const user = (await findUserById(db, userId)) as NonNullable<Awaited<ReturnType<typeof findUserById>>>;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    disabled: user.disabledAt !== null,
    disabledAt: user.disabledAt,
    createdAt: user.createdAt,
  };
}
