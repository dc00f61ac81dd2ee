// One app process for the notification specs: `npm start` (the production build, built when stale)
// in its own process group, so it can be stopped with SIGTERM or killed with SIGKILL, and restarted.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const START_TIMEOUT_MS = 600_000;

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

export class AppProcess {
  private child: ChildProcess | undefined;
  exited: number | null = null;

  constructor(
    readonly port: number,
    readonly env: Record<string, string>,
    readonly logFile: string,
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.exited = null;
    const log = fs.createWriteStream(this.logFile, { flags: 'a' });
    this.child = spawn('npm', ['start'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(this.port),
        HOST: '127.0.0.1',
        NEXT_DIST_DIR: '.next-http',
        NEXT_TELEMETRY_DISABLED: '1',
        BILLING_SCHEDULE: 'off',
        ...this.env,
      },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.pipe(log);
    this.child.stderr?.pipe(log);
    this.child.once('exit', (code, signal) => {
      this.exited = code ?? (signal ? 128 : 1);
    });
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.exited !== null) throw new Error(`the app exited (${this.exited}); see ${this.logFile}`);
      const status = await fetch(`${this.baseUrl}/api/v1/health`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    throw new Error(`the app did not answer within ${START_TIMEOUT_MS} ms`);
  }

  private alive(): boolean {
    const pid = this.child?.pid;
    if (pid === undefined) return false;
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  /** SIGKILL to the whole group: no shutdown code runs (a crash). */
  async kill(): Promise<void> {
    const pid = this.child?.pid;
    if (pid !== undefined && this.alive()) process.kill(-pid, 'SIGKILL');
    while (this.alive()) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  async stop(): Promise<void> {
    const pid = this.child?.pid;
    if (pid === undefined || !this.alive()) return;
    process.kill(-pid, 'SIGTERM');
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && this.alive()) await new Promise((resolve) => setTimeout(resolve, 100));
    if (this.alive()) await this.kill();
  }
}
