// A PRIVATE PostgreSQL cluster for the tests that restart the database: initdb into a temporary
// directory as the `postgres` OS user (the tests run as root in CI), started with pg_ctl on a free
// port and a socket directory of its own, removed afterwards. The machine's cluster is never touched.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './harness';

function bindir(): string {
  for (const dir of [
    '/usr/lib/postgresql/15/bin',
    '/usr/lib/postgresql/16/bin',
    '/usr/lib/postgresql/17/bin',
  ]) {
    if (fs.existsSync(path.join(dir, 'initdb'))) return dir;
  }
  return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
}

const asPostgres = (command: string, args: string[]) =>
  execFileSync('runuser', ['-u', 'postgres', '--', path.join(bindir(), command), ...args], {
    encoding: 'utf8',
    stdio: 'pipe',
  });

export class PrivateCluster {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leasebook-rel-pg-'));
  port = 0;
  get serverUrl() {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }
  url(database: string) {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }
  async create(): Promise<void> {
    this.port = await freePort();
    execFileSync('chown', ['postgres:postgres', this.dir]);
    asPostgres('initdb', ['-D', path.join(this.dir, 'data'), '-U', 'postgres', '-A', 'trust', '--no-sync']);
    fs.appendFileSync(
      path.join(this.dir, 'data', 'postgresql.conf'),
      [
        `port = ${this.port}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${this.dir}'`,
        'fsync = off',
        'max_connections = 100',
        '',
      ].join('\n'),
    );
    this.start();
  }
  start(): void {
    asPostgres('pg_ctl', [
      '-D',
      path.join(this.dir, 'data'),
      '-l',
      path.join(this.dir, 'server.log'),
      '-w',
      'start',
    ]);
  }
  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    asPostgres('pg_ctl', ['-D', path.join(this.dir, 'data'), '-m', mode, '-w', 'stop']);
  }
  remove(): void {
    try {
      this.stop('immediate');
    } catch {
      // Not running.
    }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
