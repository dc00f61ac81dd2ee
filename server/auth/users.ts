// Users: create and look up. Emails are stored lower-case and trimmed.
import 'server-only';
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { type NewUserRow, type UserRow, users } from './tables';

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)));
  return user;
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user;
}

/** Inserts a user; an existing email keeps its row (the seed runs more than once). */
export async function insertUser(db: Executor, user: NewUserRow): Promise<void> {
  await db
    .insert(users)
    .values({ ...user, email: normaliseEmail(user.email) })
    .onConflictDoNothing({ target: users.email });
}
