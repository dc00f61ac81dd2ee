// What the HTTP reliability tests share: a production server (`npm start`, its own process group,
// so kill -9 takes the whole tree), a read of every read table (rm_*) to compare a rebuild with the
// live ones, and the figures the suite prints for docs/reliability.md.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import postgres from 'postgres';
import { request } from '../http/client';

export const ROOT = process.cwd();
export const DIST_DIR = process.env.LEASEBOOK_REL_DIST_DIR ?? '.next-http';
export const PG_SERVER_URL = process.env.PG_SERVER_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
export const PASSWORD = 'leasebook-demo';
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** Prints a figure the lead quotes (docs/reliability.md), one greppable line each. */
export function figure(text: string): void {
  console.log(`reliability figure: ${text}`);
}

/** Where the app keeps its data: a PostgreSQL URL, or an embedded data directory. */
export type Store = { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };

export function storeEnv(store: Store): Record<string, string> {
  return store.kind === 'postgres'
    ? { DATABASE_URL: store.url }
    : { DATABASE_URL: '', LEASEBOOK_DATA_DIR: store.dataDir };
}

export class Server {
  child: ChildProcess | undefined;
  output = '';
  port = 0;
  constructor(
    readonly store: Store,
    readonly env: Record<string, string> = {},
  ) {}
  get url() {
    return `http://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    this.port = this.port || (await freePort());
    this.output = '';
    const child = spawn('npm', ['start'], {
      cwd: ROOT,
      env: {
        ...process.env,
        ...storeEnv(this.store),
        PORT: String(this.port),
        HOST: '127.0.0.1',
        BILLING_SCHEDULE: 'off',
        CLEANUP_SCHEDULE: 'off',
        NEXT_DIST_DIR: DIST_DIR,
        NEXT_TELEMETRY_DISABLED: '1',
        LOG_LEVEL: 'warn',
        ...this.env,
      },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    for (const stream of [child.stdout, child.stderr]) stream?.on('data', (c: Buffer) => (this.output += c));
    let exited = false;
    child.once('exit', () => (exited = true));
    const deadline = Date.now() + 240_000;
    for (;;) {
      const status = await request(this.url, 'GET', '/api/v1/health').then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) return;
      if (exited || Date.now() > deadline)
        throw new Error(`the server did not start:\n${this.output.slice(-3000)}`);
      await sleep(300);
    }
  }
  alive(): boolean {
    const pid = this.child?.pid;
    if (!pid) return false;
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  }
  /** kill -9 of the whole process tree (npm, tsx, next). */
  async kill(): Promise<void> {
    const pid = this.child?.pid;
    if (pid && this.alive()) process.kill(-pid, 'SIGKILL');
    while (this.alive()) await sleep(50);
  }
  async stop(): Promise<void> {
    const pid = this.child?.pid;
    if (!pid || !this.alive()) return;
    process.kill(-pid, 'SIGTERM');
    const deadline = Date.now() + 15_000;
    while (this.alive() && Date.now() < deadline) await sleep(100);
    await this.kill();
  }
  unexpectedErrors(): string[] {
    return this.output.split('\n').filter((l) => l.includes('unexpected error'));
  }
}

export async function signIn(baseUrl: string, email: string): Promise<string> {
  const reply = await request(baseUrl, 'POST', '/api/v1/session', { body: { email, password: PASSWORD } });
  if (reply.status !== 200)
    throw new Error(`sign-in as ${email}: ${reply.status} ${JSON.stringify(reply.body)}`);
  const cookie = reply.setCookie.map((c) => c.split(';')[0]).find((c) => c?.includes('='));
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

/** Every read table (rm_*), each row as canonical JSON, sorted: equal means equal contents. */
export async function readTables(store: Store): Promise<Record<string, string[]>> {
  const query = async (run: (text: string) => Promise<Record<string, unknown>[]>) => {
    const tables = (
      await run(
        `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'rm\\_%' ORDER BY 1`,
      )
    ).map((r) => String(r.tablename));
    const out: Record<string, string[]> = {};
    for (const table of tables) {
      // updated_at is when the row was written (a rebuild writes it again), not what it says.
      const rowsOf = await run(`SELECT (to_jsonb(t) - 'updated_at')::text AS j FROM "${table}" t`);
      out[table] = rowsOf.map((r) => String(r.j)).sort();
    }
    return out;
  };
  if (store.kind === 'postgres') {
    const sql = postgres(store.url, { max: 1, onnotice: () => {} });
    try {
      return await query(async (text) => [...(await sql.unsafe(text))] as Record<string, unknown>[]);
    } finally {
      await sql.end();
    }
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const db = new PGlite({ dataDir: store.dataDir });
  try {
    await db.waitReady;
    return await query(async (text) => (await db.query<Record<string, unknown>>(text)).rows);
  } finally {
    await db.close();
  }
}

/** `npm run projections:rebuild` against the store, as a child process; resolves with its exit code. */
export function rebuildProjections(store: Store): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', 'projections:rebuild'], {
      cwd: ROOT,
      env: { ...process.env, ...storeEnv(store), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) stream?.on('data', (c: Buffer) => (output += c));
    child.once('exit', (code) => resolve({ code, output }));
  });
}

export function tempDir(name: string): string {
  const dir = path.join(ROOT, '.data', 'reliability', `${name}-${Date.now()}-${process.pid}`);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
