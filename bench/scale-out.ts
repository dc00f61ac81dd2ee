// npm run bench:scale-out: what a second app process and a streaming replica buy, in ONE run on
// one PostgreSQL database (issue 15, docs/scaling.md).
//   npx tsx --conditions=react-server bench/scale-out.ts [--seconds 6] [--repeats 3] [--connections 16]
// 1. Keyed payments (POST /leases/:id/payments with an Idempotency-Key, spread over the demo's
//    active leases) at the same total concurrency: one `next start` process vs two (half the
//    connections each), alternating, medians over the repeats.
// 2. Reads (GET /leases/:id as the auditor, who never writes) from a process reading the primary
//    vs a process with DATABASE_READ_URL on a hot standby made with pg_basebackup (as in
//    scripts/test-replica.ts; needs root, the standby runs as the postgres user).
// 3. Read-your-writes: a payment, then at once a read of that lease carrying the write's position,
//    on the replica process (it waits for the standby to replay the write, else reads the primary)
//    and on the primary-only process; latency of that read, and where it was served.
// Prints a JSON summary and writes it to bench/results/scale-out-<date>.json.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { AppServer, freePort } from '../scripts/lib/app-server';
import { ROOT, run } from '../scripts/lib/run';
import { median, percentile } from './lib/stats';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '6' },
    repeats: { type: 'string', default: '3' },
    connections: { type: 'string', default: '16' },
  },
});
const SECONDS = Number(values.seconds);
const REPEATS = Number(values.repeats);
const CONNECTIONS = Number(values.connections);
const PG_SERVER_URL = process.env.PG_SERVER_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const DIST_DIR = process.env.NEXT_DIST_DIR || '.next';
const HBA_MARK = '# leasebook bench:scale-out';
const database = `ops_scale_${Date.now()}_${process.pid}`;
const databaseUrl = `${PG_SERVER_URL.replace(/\/[^/]*$/, '')}/${database}`;
const server = new URL(PG_SERVER_URL);
const workDir = path.join(ROOT, '.data', 'scale-out', String(process.pid));

const bindir = () => execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
const asPostgres = (command: string, args: string[]) =>
  execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], { encoding: 'utf8', stdio: 'pipe' });

async function allowReplication(admin: postgres.Sql): Promise<() => Promise<void>> {
  const [{ hba_file: hbaFile } = { hba_file: '' }] = await admin`SHOW hba_file`;
  const text = fs.readFileSync(String(hbaFile), 'utf8');
  if (/^\s*host\s+replication\s+\S+\s+127\.0\.0\.1\/32/m.test(text)) return async () => {};
  fs.writeFileSync(
    String(hbaFile),
    `${text.trimEnd()}\nhost replication all 127.0.0.1/32 trust ${HBA_MARK}\n`,
  );
  await admin`SELECT pg_reload_conf()`;
  return async () => {
    const now = fs.readFileSync(String(hbaFile), 'utf8');
    fs.writeFileSync(
      String(hbaFile),
      now
        .split('\n')
        .filter((line) => !line.includes(HBA_MARK))
        .join('\n'),
    );
    await admin`SELECT pg_reload_conf()`;
  };
}

function startStandby(dir: string, port: number): () => void {
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'leasebook-scale-'));
  execFileSync(
    'pg_basebackup',
    [
      '-h',
      server.hostname,
      '-p',
      server.port || '5432',
      '-U',
      decodeURIComponent(server.username || 'postgres'),
    ].concat(['-D', dir, '-X', 'stream', '-R', '-c', 'fast']),
    { stdio: 'pipe' },
  );
  fs.writeFileSync(
    path.join(dir, 'postgresql.conf'),
    [
      `port = ${port}`,
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = '${socketDir}'`,
      'hot_standby = on',
      'max_connections = 100',
      'hot_standby_feedback = on',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(path.join(dir, 'pg_hba.conf'), 'local all all trust\nhost all all 127.0.0.1/32 trust\n');
  fs.rmSync(path.join(dir, 'postmaster.pid'), { force: true });
  execFileSync('chown', ['-R', 'postgres:postgres', dir, socketDir]);
  fs.chmodSync(dir, 0o700);
  asPostgres(path.join(bindir(), 'pg_ctl'), [
    '-D',
    dir,
    '-l',
    path.join(socketDir, 'standby.log'),
    '-w',
    'start',
  ]);
  return () => {
    try {
      asPostgres(path.join(bindir(), 'pg_ctl'), ['-D', dir, '-m', 'immediate', '-w', 'stop']);
    } catch {
      // Already stopped.
    }
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(socketDir, { recursive: true, force: true });
  };
}

async function signIn(base: string, email: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'leasebook-demo' }),
  });
  if (response.status !== 200) throw new Error(`sign-in on ${base} answered ${response.status}`);
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

interface Load {
  okPerSec: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
}

/** autocannon against `base`; payments rotate over `leases` with a fresh Idempotency-Key each. */
async function load(
  base: string,
  cookie: string,
  leases: string[],
  kind: 'pay' | 'read',
  connections: number,
) {
  let next = 0;
  const headers = { cookie, 'content-type': 'application/json' };
  const result = await autocannon({
    url: base,
    connections,
    duration: SECONDS,
    headers,
    timeout: 30,
    requests: [
      kind === 'pay'
        ? {
            method: 'POST',
            path: `/api/v1/leases/${leases[0]}/payments`,
            body: JSON.stringify({ amountCents: 100, method: 'check' }),
            setupRequest: (request) => ({
              ...request,
              path: `/api/v1/leases/${leases[next++ % leases.length]}/payments`,
              headers: { ...headers, ...request.headers, 'idempotency-key': randomUUID() },
            }),
          }
        : {
            method: 'GET',
            path: `/api/v1/leases/${leases[0]}`,
            setupRequest: (request) => ({
              ...request,
              path: `/api/v1/leases/${leases[next++ % leases.length]}`,
            }),
          },
    ],
  });
  return {
    okPerSec: result['2xx'] / result.duration,
    reqPerSec: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
  } satisfies Load;
}

/** A payment, then at once a read of the same lease carrying the write's position. */
async function readAfterWrite(base: string, cookie: string, leases: string[], rounds: number) {
  const readMs: number[] = [];
  const from: Record<string, number> = {};
  for (let i = 0; i < rounds; i += 1) {
    const leaseId = leases[i % leases.length] as string;
    const paid = await fetch(`${base}/api/v1/leases/${leaseId}/payments`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ amountCents: 100, method: 'check' }),
    });
    const version = ((await paid.json()) as { version: number }).version;
    const after = paid.headers.get('leasebook-read-after');
    const started = performance.now();
    const read = await fetch(`${base}/api/v1/leases/${leaseId}`, {
      headers: { cookie, ...(after ? { 'leasebook-read-after': after } : {}) },
    });
    const body = (await read.json()) as { version: number };
    readMs.push(performance.now() - started);
    if (body.version < version)
      throw new Error(`read-your-writes broken on ${base}: ${body.version} < ${version}`);
    const where = read.headers.get('leasebook-read-from') ?? 'primary';
    from[where] = (from[where] ?? 0) + 1;
  }
  return { p50: median(readMs), p99: percentile(readMs, 99), from };
}

/** Plain reads one at a time (no write before): the baseline for the read-after-write figures. */
async function plainReads(base: string, cookie: string, leases: string[], rounds: number) {
  const readMs: number[] = [];
  for (let i = 0; i < rounds; i += 1) {
    const started = performance.now();
    const read = await fetch(`${base}/api/v1/leases/${leases[i % leases.length]}`, { headers: { cookie } });
    await read.arrayBuffer();
    readMs.push(performance.now() - started);
  }
  return { p50: median(readMs), p99: percentile(readMs, 99) };
}

const summarise = (samples: Load[]) => ({
  okPerSecMedian: Math.round(median(samples.map((s) => s.okPerSec)) * 10) / 10,
  p50MsMedian: median(samples.map((s) => s.p50)),
  p99MsMedian: median(samples.map((s) => s.p99)),
  non2xx: samples.reduce((n, s) => n + s.non2xx, 0),
  runs: samples.map((s) => Math.round(s.okPerSec * 10) / 10),
});

async function main(): Promise<number> {
  const root = process.getuid?.() === 0;
  fs.mkdirSync(workDir, { recursive: true });
  const admin = postgres(PG_SERVER_URL, { max: 1, onnotice: () => {} });
  const cleanups: (() => unknown)[] = [];
  try {
    await admin.unsafe(`CREATE DATABASE "${database}"`);
    cleanups.push(() => admin.unsafe(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));
    if (
      (await run('npm', ['run', 'db:seed'], {
        ...process.env,
        DATABASE_URL: databaseUrl,
        LOG_LEVEL: 'warn',
      })) !== 0
    )
      throw new Error('the seed failed');
    const replicaPort = await freePort();
    const replicaUrl = `postgres://postgres@127.0.0.1:${replicaPort}/${database}`;
    if (root) {
      cleanups.push(await allowReplication(admin));
      cleanups.push(startStandby(path.join(workDir, 'standby'), replicaPort));
    } else console.warn('scale-out: not root, so no standby: the replica figures are left out');
    const ports = await Promise.all([freePort(), freePort(), freePort()]);
    const make = (name: string, port: number, env: Record<string, string> = {}) =>
      new AppServer(port, path.join(workDir, `${name}.log`), {
        databaseUrl,
        distDir: DIST_DIR,
        name,
        env: { LOG_LEVEL: 'warn', ...env },
      });
    const a = make('a', ports[0] as number);
    const b = make('b', ports[1] as number);
    const r = root ? make('r', ports[2] as number, { DATABASE_READ_URL: replicaUrl }) : undefined;
    // The first start builds if the build is stale; then the others start on it.
    a.start();
    cleanups.push(() => a.stop());
    await a.waitUntilHealthy();
    b.start();
    cleanups.push(() => b.stop());
    r?.start();
    if (r) cleanups.push(() => r.stop());
    await Promise.all([b.waitUntilHealthy(), r?.waitUntilHealthy()]);

    const manager = {
      a: await signIn(a.baseUrl, 'manager@example.com'),
      b: await signIn(b.baseUrl, 'manager@example.com'),
    };
    const listed = await fetch(`${a.baseUrl}/api/v1/leases?status=active&limit=100`, {
      headers: { cookie: manager.a },
    });
    const leases = ((await listed.json()) as { leases: { leaseId: string }[] }).leases.map((l) => l.leaseId);
    console.log(
      `scale-out: ${leases.length} active leases, ${CONNECTIONS} connections, ${SECONDS} s x ${REPEATS}`,
    );
    // Warm up both (compile routes, fill caches).
    await load(a.baseUrl, manager.a, leases, 'pay', 4);
    await load(b.baseUrl, manager.b, leases, 'pay', 4);

    const one: Load[] = [];
    const two: Load[] = [];
    const half = Math.max(1, Math.floor(CONNECTIONS / 2));
    for (let i = 0; i < REPEATS; i += 1) {
      const runOne = async () => one.push(await load(a.baseUrl, manager.a, leases, 'pay', CONNECTIONS));
      const runTwo = async () => {
        const [x, y] = await Promise.all([
          load(a.baseUrl, manager.a, leases, 'pay', half),
          load(b.baseUrl, manager.b, leases, 'pay', CONNECTIONS - half),
        ]);
        two.push({
          okPerSec: x.okPerSec + y.okPerSec,
          reqPerSec: x.reqPerSec + y.reqPerSec,
          p50: Math.max(x.p50, y.p50),
          p99: Math.max(x.p99, y.p99),
          non2xx: x.non2xx + y.non2xx,
        });
      };
      if (i % 2 === 0) {
        await runOne();
        await runTwo();
      } else {
        await runTwo();
        await runOne();
      }
      console.log(
        `scale-out: payments repeat ${i + 1}: one ${one.at(-1)?.okPerSec.toFixed(1)}/s, two ${two.at(-1)?.okPerSec.toFixed(1)}/s`,
      );
    }
    const results: Record<string, unknown> = {
      at: new Date().toISOString(),
      machine: { cpus: os.cpus().length, load1: os.loadavg()[0] },
      settings: { seconds: SECONDS, repeats: REPEATS, connections: CONNECTIONS, leases: leases.length },
      payments: { oneProcess: summarise(one), twoProcesses: summarise(two) },
    };
    await b.stop();

    if (r) {
      const auditor = {
        a: await signIn(a.baseUrl, 'auditor@example.com'),
        r: await signIn(r.baseUrl, 'auditor@example.com'),
      };
      const probe = await fetch(`${r.baseUrl}/api/v1/leases/${leases[0]}`, {
        headers: { cookie: auditor.r },
      });
      const servedBy = probe.headers.get('leasebook-read-from');
      await load(a.baseUrl, auditor.a, leases, 'read', 4);
      await load(r.baseUrl, auditor.r, leases, 'read', 4);
      const primary: Load[] = [];
      const replica: Load[] = [];
      for (let i = 0; i < REPEATS; i += 1) {
        const p = async () => primary.push(await load(a.baseUrl, auditor.a, leases, 'read', CONNECTIONS));
        const q = async () => replica.push(await load(r.baseUrl, auditor.r, leases, 'read', CONNECTIONS));
        if (i % 2 === 0) {
          await p();
          await q();
        } else {
          await q();
          await p();
        }
        console.log(
          `scale-out: reads repeat ${i + 1}: primary ${primary.at(-1)?.okPerSec.toFixed(1)}/s, replica ${replica.at(-1)?.okPerSec.toFixed(1)}/s`,
        );
      }
      const managerR = await signIn(r.baseUrl, 'manager@example.com');
      const rounds = 40;
      results.reads = {
        replicaServedBy: servedBy,
        primary: summarise(primary),
        replica: summarise(replica),
      };
      results.readYourWrites = {
        rounds,
        replicaProcess: {
          plainRead: await plainReads(r.baseUrl, auditor.r, leases, rounds),
          readAfterWrite: await readAfterWrite(r.baseUrl, managerR, leases, rounds),
        },
        primaryProcess: {
          plainRead: await plainReads(a.baseUrl, auditor.a, leases, rounds),
          readAfterWrite: await readAfterWrite(a.baseUrl, manager.a, leases, rounds),
        },
      };
    }
    console.log(JSON.stringify(results, null, 2));
    const file = path.join(
      ROOT,
      'bench',
      'results',
      `scale-out-${new Date().toISOString().slice(0, 10)}.json`,
    );
    fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
    console.log(`scale-out: written to ${path.relative(ROOT, file)}`);
    return 0;
  } catch (error) {
    console.error(`scale-out: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  } finally {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (error) {
        console.error(`scale-out: clean-up: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    await admin.end();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
