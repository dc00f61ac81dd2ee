// The one database module: postgres.js when DATABASE_URL is set, otherwise embedded PGlite.
// Both go through the same Drizzle schema; raw SQL goes through `rows()` so results look alike.
import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type ExtractTablesWithRelations, is, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite, PgliteSession } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { env } from '../env';
import { lockDataDir } from './data-dir-lock';
import { withPreparedStatements } from './pglite-prepared';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that runs SQL: the database or an open transaction. */
export type Executor = Db | Tx;

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  db: Db;
  /** Where the data lives (data directory, or server URL without the password). */
  location: string;
  /**
   * PostgreSQL only: one pooled connection of its own until released, outside any transaction
   * (session-level advisory locks live on it; no idle-in-transaction timeout applies to it).
   */
  reserve?: () => Promise<ReservedConnection>;
  /** PostgreSQL with DATABASE_READ_URL: the streaming replica the read side may use. */
  replica?: Replica;
  /** PostgreSQL only: the primary's current WAL position (after a write: where it is visible). */
  walPosition?: () => Promise<string>;
  close(): Promise<void>;
}

export interface Replica {
  db: Db;
  /** The WAL position the replica has replayed (null if it is not in recovery, i.e. no replica). */
  replayed(): Promise<string | null>;
  /** Whether the replica has replayed `lsn` (compared by the server as pg_lsn). */
  hasReplayed(lsn: string): Promise<boolean>;
}

export interface ReservedConnection {
  query<T extends Record<string, unknown>>(
    text: string,
    parameters?: readonly (string | number)[],
  ): Promise<T[]>;
  release(): void;
}

export type OpenOptions =
  | {
      kind: 'postgres';
      url: string;
      poolMax?: number;
      statementTimeoutMs?: number;
      idleInTransactionTimeoutMs?: number;
      /** Called as each statement is sent (tests count a command's round trips with it). */
      onQuery?: (text: string, parameters?: readonly unknown[]) => void;
      /** A streaming replica for the read side. */
      readUrl?: string;
    }
  /** `dataDir` undefined = in memory. `loadDataDir` starts from a dump (tests). */
  | { kind: 'pglite'; dataDir?: string; loadDataDir?: Blob };

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.kind === 'postgres') {
    const client = postgres(options.url, {
      max: options.poolMax ?? 10,
      onnotice: () => {},
      // postgres.js keeps queries queued while it reconnects with backoff (up to connect_timeout,
      // 30 s by default): with the server down a request must fail fast (503), not wait for it.
      connect_timeout: Math.max(1, Math.min(5, Math.round((options.statementTimeoutMs ?? 30_000) / 1000))),
      backoff: reconnectDelaySeconds,
      ...(options.onQuery
        ? {
            debug: (_connection: number, text: string, parameters: unknown[]) =>
              options.onQuery?.(text, parameters),
          }
        : {}),
      connection: {
        application_name: 'leasebook',
        statement_timeout: options.statementTimeoutMs ?? 30_000,
        idle_in_transaction_session_timeout: options.idleInTransactionTimeoutMs ?? 60_000,
      },
    });
    const db = drizzlePostgres(preparing(client), { schema }) as unknown as Db;
    const url = new URL(options.url);
    url.password = '';
    const reserve = async (): Promise<ReservedConnection> => {
      const connection = await client.reserve();
      return {
        query: async <T extends Record<string, unknown>>(
          text: string,
          parameters: readonly (string | number)[] = [],
        ) => [...(await connection.unsafe(text, [...parameters]))] as unknown as T[],
        release: () => connection.release(),
      };
    };
    const replica = options.readUrl ? openReplica(options.readUrl, options) : undefined;
    return {
      kind: 'postgres',
      db,
      location: url.toString(),
      reserve,
      replica: replica?.replica,
      walPosition: async () => {
        const [row] = await client.unsafe('SELECT pg_current_wal_lsn()::text AS lsn', [], { prepare: true });
        return String(row?.lsn);
      },
      close: async () => {
        await Promise.all([client.end({ timeout: 5 }), replica?.close()]);
      },
    };
  }
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : undefined;
  let release = () => {};
  if (dataDir) {
    release = lockDataDir(dataDir);
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  }
  try {
    const client = new PGlite({ dataDir, loadDataDir: options.loadDataDir });
    await client.waitReady;
    const db = drizzlePglite(withPreparedStatements(client), { schema }) as unknown as Db;
    return {
      kind: 'pglite',
      db,
      location: dataDir ?? 'memory',
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}

function openReplica(
  url: string,
  options: Extract<OpenOptions, { kind: 'postgres' }>,
): { replica: Replica; close: () => Promise<void> } {
  const client = postgres(url, {
    max: options.poolMax ?? 10,
    onnotice: () => {},
    // A replica that is down must not hold a request up: the read goes to the primary instead.
    connect_timeout: 2,
    backoff: reconnectDelaySeconds,
    connection: {
      application_name: 'leasebook-read',
      statement_timeout: options.statementTimeoutMs ?? 30_000,
    },
  });
  const db = drizzlePostgres(preparing(client), { schema }) as unknown as Db;
  const replica: Replica = {
    db,
    replayed: async () => {
      const [row] = await client.unsafe('SELECT pg_last_wal_replay_lsn()::text AS lsn', [], {
        prepare: true,
      });
      return row?.lsn === null || row?.lsn === undefined ? null : String(row.lsn);
    },
    hasReplayed: async (lsn) => {
      const [row] = await client.unsafe(
        'SELECT coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) AS ok',
        [lsn],
        { prepare: true },
      );
      return row?.ok === true;
    },
  };
  return { replica, close: () => client.end({ timeout: 5 }) };
}

/**
 * Drizzle runs every raw statement unprepared, and postgres.js then describes an unprepared
 * statement with parameters before it binds it: two round trips per statement, and a transaction's
 * statements cannot be pipelined. Prepared (and cached per connection, as postgres.js does), a
 * statement costs one round trip and statements sent together go out together.
 */
/**
 * The wait before postgres.js tries a lost connection again, in seconds. Its default grows as
 * 3^retries / 100 up to 20 s, and a query queued for a connection waits it out: during a restart
 * of PostgreSQL a request took 24 s to get its 503 (the reliability suite's restart test). Capped
 * at half a second, a queued query is tried (and fails fast, or runs) soon after each failure, and
 * the app is back within half a second of the server.
 */
const reconnectDelaySeconds = (retries: number): number => Math.min(0.05 * 2 ** retries, 0.5);

function preparing(client: postgres.Sql): postgres.Sql {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (query: string, parameters?: never[], queryOptions?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, parameters, { ...queryOptions, prepare: true });
      }
      if (property === 'begin' || property === 'savepoint') {
        return (...args: unknown[]) => {
          const last = args.length - 1;
          const work = args[last] as (inner: postgres.Sql) => unknown;
          args[last] = (inner: postgres.Sql) => work(preparing(inner));
          return (Reflect.get(target, property, receiver) as (...a: unknown[]) => unknown).apply(
            target,
            args,
          );
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The options the app process uses, from the environment. */
export function appDatabaseOptions(): OpenOptions {
  const e = env();
  if (e.DATABASE_URL) {
    return {
      kind: 'postgres',
      url: e.DATABASE_URL,
      poolMax: e.DB_POOL_MAX,
      statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: e.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      ...(e.DATABASE_READ_URL ? { readUrl: e.DATABASE_READ_URL } : {}),
    };
  }
  return { kind: 'pglite', dataDir: e.LEASEBOOK_DATA_DIR };
}

// Next.js may load this module once per bundle layer; the handle lives on globalThis so the
// process never opens the embedded database twice.
const HANDLE = Symbol.for('leasebook.database');
type Holder = { [HANDLE]?: Promise<Database> };

/** The app's shared database handle, opened on first use. */
export function getDatabase(): Promise<Database> {
  const holder = globalThis as Holder;
  if (!holder[HANDLE]) {
    holder[HANDLE] = openDatabase(appDatabaseOptions()).catch((error: unknown) => {
      delete holder[HANDLE];
      throw error;
    });
  }
  return holder[HANDLE];
}

/**
 * Whether SQL through this executor runs on embedded PGlite: one WebAssembly process that parses
 * every returned value in JavaScript, so a query returning many rows may answer in another form
 * there (one JSON value) where the server's rows cost less.
 */
export function isEmbedded(executor: Executor): boolean {
  return is(executor._.session, PgliteSession);
}

/** Runs raw SQL and returns its rows, whichever driver is underneath. */
export async function rows<T extends Record<string, unknown>>(executor: Executor, query: SQL): Promise<T[]> {
  const result = (await executor.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
