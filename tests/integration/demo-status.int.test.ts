// Issue 13 #2: the demo accounts count as live while any of them still has the demo password.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@/server/auth/passwords';
import { users } from '@/server/auth/tables';
import { insertUser } from '@/server/auth/users';
import { DEMO_PASSWORD } from '@/server/seed';
import { demoAccountsLive } from '@/server/seed/demo-status';
import { freshDatabase, type TestDatabase } from '../support/db';

let database: TestDatabase;
beforeAll(async () => {
  database = await freshDatabase();
});
afterAll(() => database.close());

describe('demoAccountsLive', () => {
  it('is false without demo accounts, true with the demo password, false once it is changed', async () => {
    const db = database.db;
    let clock = 1_000_000;
    const next = () => (clock += 60_000); // past the 10 s cache each time
    expect(await demoAccountsLive(db, next())).toBe(false);
    await insertUser(db, {
      id: randomUUID(),
      email: 'admin@example.com',
      name: 'Sam Patel',
      role: 'admin',
      passwordHash: await hashPassword(DEMO_PASSWORD),
    });
    expect(await demoAccountsLive(db, next())).toBe(true);
    await db
      .update(users)
      .set({ passwordHash: await hashPassword('a real password now') })
      .where(eq(users.email, 'admin@example.com'));
    expect(await demoAccountsLive(db, next())).toBe(false);
  });
});
