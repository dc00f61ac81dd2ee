// Read-your-writes with a streaming replica (DESIGN.md "Scaling past one machine"). After a write
// the answer carries the primary's WAL position (`Leasebook-Read-After` header and a cookie, and
// this process remembers it per user); a later read that brings it (or comes from that user) reads
// the replica only once the replica has replayed that position, waiting at most
// READ_REPLICA_WAIT_MS, else the primary. A replica that does not answer is skipped for a while.
import 'server-only';
import type { Db } from '../db/client';
import { env } from '../env';
import type { Runtime } from '../runtime';

export const READ_AFTER_HEADER = 'leasebook-read-after';
const READ_AFTER_COOKIE = 'leasebook_read_after';
export const READ_FROM_HEADER = 'leasebook-read-from';
/** A write's position is worth keeping for this long (a replica lagging more is read around). */
const READ_AFTER_MAX_AGE_S = 300;

const LSN = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i;
const REPLICA_DOWN_MS = 5_000;
const MAX_REMEMBERED = 10_000;

interface State {
  lastWriteByUser: Map<string, string>;
  replicaDownUntil: number;
}

const STATE = Symbol.for('leasebook.read-consistency');
type Holder = { [STATE]?: State };

function state(): State {
  const holder = globalThis as Holder;
  holder[STATE] ??= { lastWriteByUser: new Map(), replicaDownUntil: 0 };
  return holder[STATE];
}

const lsnValue = (lsn: string): bigint | null => {
  const match = LSN.exec(lsn);
  return match ? (BigInt(`0x${match[1]}`) << 32n) + BigInt(`0x${match[2]}`) : null;
};

/** The latest of the valid positions given (anything that is no WAL position is ignored). */
function latest(positions: readonly (string | null | undefined)[]): string | null {
  let best: { lsn: string; value: bigint } | null = null;
  for (const lsn of positions) {
    const value = lsn ? lsnValue(lsn) : null;
    if (lsn && value !== null && (best === null || value > best.value)) best = { lsn, value };
  }
  return best?.lsn ?? null;
}

function cookieValue(request: Request, name: string): string | undefined {
  for (const part of (request.headers.get('cookie') ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

/**
 * After a successful write: the position where it (and its read models) are visible, remembered
 * for `userId`, for the answer's header and cookie. Undefined without a replica.
 */
export async function positionAfterWrite(
  runtime: Runtime,
  userId: string | null,
): Promise<string | undefined> {
  const { replica, walPosition } = runtime.database;
  if (!replica || !walPosition) return undefined;
  const lsn = await walPosition();
  const remembered = state().lastWriteByUser;
  if (userId) {
    remembered.delete(userId);
    remembered.set(userId, lsn);
    if (remembered.size > MAX_REMEMBERED) remembered.delete(remembered.keys().next().value as string);
  }
  return lsn;
}

/** The Set-Cookie value that carries a write's position to the browser's next requests. */
export const readAfterCookie = (lsn: string): string =>
  `${READ_AFTER_COOKIE}=${lsn}; Path=/; Max-Age=${READ_AFTER_MAX_AGE_S}; HttpOnly; SameSite=Lax`;

/** Where a read request reads: the replica when it has what the reader wrote, else the primary. */
export async function readsFor(
  runtime: Runtime,
  request: Request,
  userId: string | null,
): Promise<{ db: Db; from: 'primary' | 'replica' }> {
  const primary = { db: runtime.database.db, from: 'primary' as const };
  const { replica } = runtime.database;
  const current = state();
  if (!replica || Date.now() < current.replicaDownUntil) return primary;
  const required = latest([
    request.headers.get(READ_AFTER_HEADER),
    cookieValue(request, READ_AFTER_COOKIE),
    userId ? current.lastWriteByUser.get(userId) : undefined,
  ]);
  try {
    if (required === null) {
      await replica.replayed(); // one cheap round trip: the replica answers
      return { db: replica.db, from: 'replica' };
    }
    const deadline = performance.now() + env().READ_REPLICA_WAIT_MS;
    for (;;) {
      if (await replica.hasReplayed(required)) return { db: replica.db, from: 'replica' };
      if (performance.now() >= deadline) return primary;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } catch {
    current.replicaDownUntil = Date.now() + REPLICA_DOWN_MS;
    return primary;
  }
}
