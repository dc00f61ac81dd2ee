// The clean-up job: expired and idle sessions, used or expired invites, expired API tokens, failed
// sign-in attempts past their window, and idempotency replies older than 24 hours. Run by the app
// process every hour (startup.ts, CLEANUP_SCHEDULE) and harmless to run from several processes.
import 'server-only';
import { deleteExpiredSessionsAndInvites } from './auth/sessions';
import { deleteOldFailures } from './auth/throttle';
import type { Runtime } from './runtime';

export interface CleanupReport {
  sessions: number;
  invites: number;
  tokens: number;
  failures: number;
  repliesCleared: number;
  repliesDeleted: number;
}

export async function runCleanup(runtime: Runtime, now = new Date()): Promise<CleanupReport> {
  const db = runtime.database.db;
  const auth = await deleteExpiredSessionsAndInvites(db, now);
  const failures = await deleteOldFailures(db, now);
  const replies = await runtime.store.forgetOldReplies(now);
  return { ...auth, failures, repliesCleared: replies.cleared, repliesDeleted: replies.deleted };
}
