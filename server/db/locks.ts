// Named locks that hold across app processes (PostgreSQL advisory locks) while the work inside
// runs on other connections. PGlite has one connection and one process (its data-dir lock sees
// to that), so an in-process queue is the same guarantee there.
import 'server-only';
import { sql } from 'drizzle-orm';
import type { Database } from './client';
import { rows } from './client';

const queues = new Map<string, Promise<unknown>>();

function inProcess<T>(key: string, fn: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(fn);
  const settled = next.catch(() => {});
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}

/**
 * Runs `fn` while holding the lock named `key`; waits for it. On PostgreSQL the lock lives in a
 * transaction kept open on one pooled connection until `fn` settles (the session timeouts bound it).
 */
export async function withLock<T>(database: Database, key: string, fn: () => Promise<T>): Promise<T> {
  if (database.kind === 'pglite') return inProcess(key, fn);
  return inProcess(key, () =>
    database.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('leasebook.lock'), hashtext(${key}))`);
      return fn();
    }),
  );
}

/** Like withLock, but answers `{ acquired: false }` at once when another holder has it. */
export async function tryWithLock<T>(
  database: Database,
  key: string,
  fn: () => Promise<T>,
): Promise<{ acquired: true; value: T } | { acquired: false }> {
  if (database.kind === 'pglite') {
    if (queues.has(key)) return { acquired: false };
    return { acquired: true, value: await inProcess(key, fn) };
  }
  if (queues.has(key)) return { acquired: false };
  return inProcess(key, () =>
    database.db.transaction(async (tx) => {
      const [row] = await rows<{ locked: boolean }>(
        tx,
        sql`SELECT pg_try_advisory_xact_lock(hashtext('leasebook.lock'), hashtext(${key})) AS locked`,
      );
      if (!row?.locked) return { acquired: false as const };
      return { acquired: true as const, value: await fn() };
    }),
  );
}
