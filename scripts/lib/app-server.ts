// The production app as the HTTP suites run it: `npm start` in its own process group on a free
// port, against a given database and build directory, with its log in a file.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { ROOT } from './run';

/** A cold `next build` on two shared cores can take minutes; a warm start takes seconds. */
const START_TIMEOUT_MS = 600_000;
const STOP_TIMEOUT_MS = 10_000;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export interface AppServerOptions {
  databaseUrl: string;
  /** NEXT_DIST_DIR: the build it serves (built there by `npm start` when stale). */
  distDir: string;
  /** More environment (e.g. BILLING_SCHEDULE). */
  env?: Record<string, string>;
  /** A name for its echoed output lines. */
  name?: string;
}

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

/**
 * `next build` adds its dist dir's type globs to tsconfig.json when they are missing (rewriting the
 * whole file in its own format) and points next-env.d.ts at them. Undo exactly that edit and nothing
 * else, so a run leaves the work tree as it found it and the next run's source hash (tsconfig.json is
 * a source) still matches its build. A no-op once tsconfig.json lists the .next-http globs itself.
 */
export function guardNextConfigEdits(distDir: string): () => void {
  const files = ['tsconfig.json', 'next-env.d.ts'].map((name) => path.join(ROOT, name));
  const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined);
  const [tsconfig, nextEnv] = files.map(read);
  const parse = (text: string | undefined) => {
    try {
      return text === undefined ? undefined : (JSON.parse(text) as { include?: string[] });
    } catch {
      return undefined; // Comments or a half-saved edit: not something to second-guess.
    }
  };
  return () => {
    const [tsconfigFile = '', nextEnvFile = ''] = files;
    const now = read(tsconfigFile);
    const before = parse(tsconfig);
    if (tsconfig !== undefined && now !== tsconfig && before) {
      const globs = [`${distDir}/types/**/*.ts`, `${distDir}/dev/types/**/*.ts`];
      const include = [...(before.include ?? []), ...globs.filter((g) => !before.include?.includes(g))];
      if (isDeepStrictEqual(parse(now), { ...before, include })) fs.writeFileSync(tsconfigFile, tsconfig);
    }
    const env = read(nextEnvFile);
    if (nextEnv !== undefined && env !== nextEnv && env?.includes(`./${distDir}/types/`)) {
      fs.writeFileSync(nextEnvFile, nextEnv);
    }
  };
}

/** The app server: `npm start` in its own process group, so stopping it stops next too. */
export class AppServer {
  private child: ChildProcess | undefined;
  private log: fs.WriteStream | undefined;
  private echo = true;
  exited: number | null = null;
  builtIn: string | undefined;

  constructor(
    readonly port: number,
    readonly logFile: string,
    readonly options: AppServerOptions,
  ) {}

  get baseUrl() {
    return `http://127.0.0.1:${this.port}`;
  }

  start(): void {
    this.log = fs.createWriteStream(this.logFile);
    const env = {
      ...process.env,
      DATABASE_URL: this.options.databaseUrl,
      PORT: String(this.port),
      HOST: '127.0.0.1',
      BILLING_SCHEDULE: 'off',
      NEXT_DIST_DIR: this.options.distDir,
      NEXT_TELEMETRY_DISABLED: '1',
      ...this.options.env,
    };
    this.child = spawn('npm', ['start'], {
      cwd: ROOT,
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      stream?.on('data', (chunk: Buffer) => {
        this.log?.write(chunk);
        const text = chunk.toString('utf8');
        this.builtIn ??= /leasebook: built in ([\d.]+ s)/.exec(text)?.[1];
        // The build's progress is worth seeing; once serving, the request log goes to the file only.
        if (this.echo)
          process.stdout.write(text.replace(/^(?=.)/gm, `  [${this.options.name ?? 'server'}] `));
      });
    }
    this.child.once('exit', (code, signal) => {
      this.exited = code ?? (signal ? 128 : 1);
    });
  }

  async waitUntilHealthy(): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.exited !== null) throw new Error(`the server exited (code ${this.exited}) before answering`);
      const status = await fetch(`${this.baseUrl}/api/v1/health`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) {
        this.echo = false;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`the server did not answer /api/v1/health within ${seconds(START_TIMEOUT_MS)}`);
  }

  private groupAlive(): boolean {
    const pid = this.child?.pid;
    if (pid === undefined) return false;
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  /** SIGTERM to the server's process group, SIGKILL if it is still there after a grace period. */
  async stop(): Promise<'stopped' | 'killed' | 'not running'> {
    const pid = this.child?.pid;
    if (pid === undefined || !this.groupAlive()) return 'not running';
    process.kill(-pid, 'SIGTERM');
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (Date.now() < deadline && this.groupAlive()) await new Promise((r) => setTimeout(r, 100));
    let outcome: 'stopped' | 'killed' = 'stopped';
    if (this.groupAlive()) {
      process.kill(-pid, 'SIGKILL');
      outcome = 'killed';
    }
    await new Promise<void>((resolve) => (this.log ? this.log.end(resolve) : resolve()));
    return outcome;
  }

  unexpectedErrors(): number {
    if (!fs.existsSync(this.logFile)) return 0;
    return fs
      .readFileSync(this.logFile, 'utf8')
      .split('\n')
      .filter((l) => l.includes('unexpected error')).length;
  }
}
