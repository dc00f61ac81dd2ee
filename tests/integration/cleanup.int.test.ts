// Issue 13 #12: the clean-up job removes expired and idle sessions, used or expired invites,
// expired tokens, old sign-in failures and idempotency replies older than a day, and keeps the
// command-id dedupe (a command resent later still appends nothing).
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@/server/auth/passwords';
import { createApiToken, createSession, inviteTenant, userOfSession } from '@/server/auth/sessions';
import { recordFailure, retryAfterSeconds } from '@/server/auth/throttle';
import { insertUser } from '@/server/auth/users';
import { runCleanup } from '@/server/cleanup';
import { rows } from '@/server/db/client';
import type { Runtime } from '@/server/runtime';
import { newStreamId, systemMetadata, thing } from '../support/fixtures';
import { freshRuntime } from '../support/runtime';

let runtime: Runtime;
beforeAll(async () => {
  runtime = await freshRuntime();
});
afterAll(() => runtime.database.close());

const count = async (query: ReturnType<typeof sql>) =>
  Number((await rows<{ n: string }>(runtime.database.db, query))[0]?.n ?? 0);

describe('runCleanup', () => {
  it('removes what has expired and keeps what is live', async () => {
    const db = runtime.database.db;
    const userId = randomUUID();
    await insertUser(db, {
      id: userId,
      email: `clean-${userId.slice(0, 8)}@example.com`,
      name: 'Clean Up',
      role: 'manager',
      passwordHash: await hashPassword('correct horse battery'),
    });
    const long = new Date(Date.now() - 40 * 86_400_000);
    const old = await createSession(db, userId, undefined, long);
    const live = await createSession(db, userId);
    const invite = await inviteTenant(
      db,
      { name: 'Old Invite', email: `inv-${userId.slice(0, 8)}@example.com` },
      long,
    );
    await createApiToken(db, userId, 'old', 1, long);
    const liveToken = await createApiToken(db, userId, 'live');
    await recordFailure(db, ['account:someone@example.com'], long);

    const streamId = newStreamId();
    await runtime.store.append(streamId, [thing(1)], {
      expectedVersion: 0,
      metadata: systemMetadata,
      commandId: `cleanup-${streamId}`,
      requestHash: 'h',
      reply: { status: 201, body: { ok: true } },
    });
    await runtime.store.recordReply(`reply-only-${streamId}`, 'h', { status: 200, body: { ran: true } });
    await db.execute(
      sql`UPDATE processed_commands SET recorded_at = now() - interval '25 hours' WHERE command_id LIKE ${`%${streamId}`}`,
    );

    const report = await runCleanup(runtime);
    expect(report.sessions).toBeGreaterThanOrEqual(1);
    expect(report.invites).toBeGreaterThanOrEqual(1);
    expect(report.tokens).toBeGreaterThanOrEqual(1);
    expect(report.failures).toBeGreaterThanOrEqual(1);
    expect(report.repliesCleared).toBeGreaterThanOrEqual(1);
    expect(report.repliesDeleted).toBeGreaterThanOrEqual(1);

    expect(await userOfSession(db, old.token)).toBeNull();
    expect(await userOfSession(db, live.token)).not.toBeNull();
    expect(invite).not.toBeNull();
    expect(await count(sql`SELECT count(*) AS n FROM api_tokens WHERE user_id = ${userId}`)).toBe(1);
    expect(liveToken.token).toMatch(/^lb_/);
    expect(await retryAfterSeconds(db, ['account:someone@example.com'])).toBe(0);
    expect(
      await count(
        sql`SELECT count(*) AS n FROM processed_commands WHERE command_id = ${`reply-only-${streamId}`}`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`SELECT count(*) AS n FROM processed_commands WHERE command_id = ${`cleanup-${streamId}`} AND reply IS NULL`,
      ),
    ).toBe(1);

    // The command id still dedupes: the same command appends nothing.
    const again = await runtime.store.append(streamId, [thing(1)], {
      expectedVersion: 0,
      metadata: systemMetadata,
      commandId: `cleanup-${streamId}`,
      requestHash: 'h',
    });
    expect(again.duplicate).toBe(true);
    expect((await runtime.store.readStream(streamId)).length).toBe(1);
  });
});
