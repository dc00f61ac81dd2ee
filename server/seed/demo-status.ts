// Are the demo accounts live, i.e. does any of them still sign in with the published demo
// password? While they are, every page shows a "demo data" banner and `npm start` listens on
// 127.0.0.1 unless HOST is set (API.md "Demo data"). Each distinct password hash is checked with
// argon2 once per process; the answer is cached for a few seconds, so a page costs one small read.
import 'server-only';
import { inArray } from 'drizzle-orm';
import { verifyPassword } from '../auth/passwords';
import { users } from '../auth/tables';
import type { Executor } from '../db/client';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './data';

const DEMO_EMAILS = Object.values(DEMO_ACCOUNTS).map((account) => account.email);
const CACHE_MS = 10_000;
const verdicts = new Map<string, Promise<boolean>>();
let cached: { at: number; live: Promise<boolean> } | undefined;

async function check(db: Executor): Promise<boolean> {
  const found = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(inArray(users.email, DEMO_EMAILS));
  for (const { passwordHash } of found) {
    if (!passwordHash) continue;
    let verdict = verdicts.get(passwordHash);
    if (!verdict) {
      verdict = verifyPassword(passwordHash, DEMO_PASSWORD);
      verdicts.set(passwordHash, verdict);
    }
    if (await verdict) return true;
  }
  return false;
}

export function demoAccountsLive(db: Executor, now = Date.now()): Promise<boolean> {
  if (cached && now - cached.at < CACHE_MS) return cached.live;
  const live = check(db).catch(() => false);
  cached = { at: now, live };
  return live;
}
