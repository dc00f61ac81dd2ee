// Named locks that hold across app processes (PostgreSQL session-level advisory locks on a
// connection of their own, outside any transaction) while the work inside runs on other connections. PGlite has one connection and one process (its data-dir lock sees
// to that), so an in-process queue is the same guarantee there.
import 'server-only';
import type { Database } from './client';

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

const LOCK_SPACE = 'leasebook.lock';

export interface LockOptions {
  /** Told when the connection holding the lock stops answering (the lock went with it). */
  onLost?: (error: unknown) => void;
}
/** How often a held lock's connection is pinged, so a lost connection (and lock) is noticed. */
const KEEPALIVE_MS = 15_000;

/**
 * Holds the session-level advisory lock `key` on a connection reserved for it, outside any
 * transaction, while `fn` runs on other connections: no idle-in-transaction timeout can cut it, so
 * a billing run of any length keeps its lock. Answers `{ acquired: false }` when `wait` is false
 * and another session holds it.
 */
async function withSessionLock<T>(
  reserve: NonNullable<Database['reserve']>,
  key: string,
  wait: boolean,
  fn: () => Promise<T>,
  onLost: LockOptions['onLost'],
): Promise<{ acquired: true; value: T } | { acquired: false }> {
  const connection = await reserve();
  let keepAlive: NodeJS.Timeout | undefined;
  let locked = false;
  try {
    const parameters = [LOCK_SPACE, key];
    if (wait) {
      await connection.query('SELECT pg_advisory_lock(hashtext($1), hashtext($2))', parameters);
    } else {
      const [row] = await connection.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS locked',
        parameters,
      );
      if (!row?.locked) return { acquired: false };
    }
    locked = true;
    keepAlive = setInterval(() => {
      connection.query('SELECT 1').catch((error: unknown) => onLost?.(error));
    }, KEEPALIVE_MS);
    keepAlive.unref();
    return { acquired: true, value: await fn() };
  } finally {
    if (keepAlive) clearInterval(keepAlive);
    if (locked) {
      await connection
        .query('SELECT pg_advisory_unlock(hashtext($1), hashtext($2))', [LOCK_SPACE, key])
        // A broken connection has lost the lock with its session: nothing is left held.
        .catch(() => undefined);
    }
    connection.release();
  }
}

/**
 * Runs `fn` while holding the lock named `key`; waits for it. On PostgreSQL a session-level
 * advisory lock on a reserved connection (see `withSessionLock`).
 */
export async function withLock<T>(
  database: Database,
  key: string,
  fn: () => Promise<T>,
  options: LockOptions = {},
): Promise<T> {
  const { reserve } = database;
  if (database.kind === 'pglite' || !reserve) return inProcess(key, fn);
  return inProcess(key, async () => {
    const outcome = await withSessionLock(reserve, key, true, fn, options.onLost);
    if (!outcome.acquired) throw new Error(`The lock ${key} was not acquired.`);
    return outcome.value;
  });
}

/** Like withLock, but answers `{ acquired: false }` at once when another holder has it. */
export async function tryWithLock<T>(
  database: Database,
  key: string,
  fn: () => Promise<T>,
  options: LockOptions = {},
): Promise<{ acquired: true; value: T } | { acquired: false }> {
  if (queues.has(key)) return { acquired: false };
  const { reserve } = database;
  if (database.kind === 'pglite' || !reserve) return { acquired: true, value: await inProcess(key, fn) };
  return inProcess(key, () => withSessionLock(reserve, key, false, fn, options.onLost));
}
