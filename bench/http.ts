// HTTP against the production build: a throwaway PostgreSQL database seeded with the demo
// portfolio (`npm run db:seed`), `next start` on a free port (scripts/start.ts builds into
// .next-bench when needed), a manager's session cookie, then autocannon at 16 connections.
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import autocannon, { type RequestSpec } from 'autocannon';
import { createThrowaway, type Throwaway } from './lib/databases';
import { freePort, runLogged, type Server, startLogged } from './lib/processes';
import { sleep } from './lib/stats';

export type HttpScenario = 'payments-1-lease' | 'payments-8-leases' | 'me';

export interface HttpSample {
  /** Responses per second (any status). */
  reqPerSec: number;
  /** 2xx responses per second. */
  okPerSec: number;
  p50: number;
  p99: number;
  /** Responses by status code; `errors`/`timeouts` are connection errors and timeouts. */
  statusCodes: Record<string, number>;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface HttpBench {
  url: string;
  logFile: string;
  run(scenario: HttpScenario, seconds: number): Promise<HttpSample>;
  stop(): Promise<void>;
}

const CONNECTIONS = 16;
const TSX_CLI = createRequire(import.meta.url).resolve('tsx/cli');

async function waitUntilUp(url: string, server: Server, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (server.child.exitCode !== null) throw new Error(`next start exited with ${server.child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/v1/health`);
      if (response.status < 500) return;
    } catch {}
    await sleep(500);
  }
  throw new Error(`the app did not answer within ${timeoutMs / 1000} s`);
}

/** A session cookie for the account (the demo manager by default). */
export async function signIn(
  url: string,
  email = 'manager@example.com',
  password = 'leasebook-demo',
): Promise<string> {
  const response = await fetch(`${url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200)
    throw new Error(`sign-in answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  if (!cookie) throw new Error('sign-in set no cookie');
  return cookie;
}

async function activeLeases(url: string, cookie: string, count: number): Promise<string[]> {
  const response = await fetch(`${url}/api/v1/leases?status=active`, { headers: { cookie } });
  if (response.status !== 200)
    throw new Error(`GET /leases answered ${response.status}: ${await response.text()}`);
  const { leases } = (await response.json()) as { leases: { leaseId: string }[] };
  if (leases.length < count)
    throw new Error(`the demo data has ${leases.length} active leases, need ${count}`);
  return leases.slice(0, count).map((l) => l.leaseId);
}

/**
 * `next start` through scripts/start.ts on a free port, with `env` (the database), in its own
 * build directory unless NEXT_DIST_DIR points at a build already made; answers once it is up.
 */
export async function startApp(
  env: NodeJS.ProcessEnv,
  logFile: string,
): Promise<{ server: Server; url: string }> {
  const port = await freePort();
  const server = startLogged(
    process.execPath,
    [TSX_CLI, '--conditions=react-server', 'scripts/start.ts'],
    {
      ...env,
      NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || '.next-bench',
      HOST: '127.0.0.1',
      PORT: String(port),
      BILLING_SCHEDULE: 'off',
      LOG_LEVEL: 'warn',
    },
    logFile,
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(url, server, 900_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return { server, url };
}

export async function startHttpBench(logFile: string): Promise<HttpBench> {
  const throwaway: Throwaway = await createThrowaway('postgres', 'http');
  let server: Server | undefined;
  try {
    const env = { ...process.env, DATABASE_URL: throwaway.url };
    await runLogged('npm', ['run', 'db:seed'], env, logFile);
    const app = await startApp(env, logFile);
    server = app.server;
    const url = app.url;
    const cookie = await signIn(url);
    const leases = await activeLeases(url, cookie, 8);
    const headers = { cookie, 'content-type': 'application/json' };
    const paymentPath = (leaseId: string) => `/api/v1/leases/${leaseId}/payments`;
    const body = JSON.stringify({ amountCents: 100, method: 'check' });

    const requestsOf = (scenario: HttpScenario): RequestSpec[] => {
      if (scenario === 'me') return [{ method: 'GET', path: '/api/v1/me' }];
      const paths = (scenario === 'payments-1-lease' ? leases.slice(0, 1) : leases).map(paymentPath);
      let next = 0;
      return [
        {
          method: 'POST',
          path: paths[0],
          body,
          setupRequest: (request) => ({
            ...request,
            path: paths[next++ % paths.length],
            headers: { ...headers, ...request.headers, 'idempotency-key': randomUUID() },
          }),
        },
      ];
    };

    const run = async (scenario: HttpScenario, seconds: number): Promise<HttpSample> => {
      const result = await autocannon({
        url,
        connections: CONNECTIONS,
        duration: seconds,
        headers,
        requests: requestsOf(scenario),
        timeout: 30,
      });
      const statusCodes: Record<string, number> = {};
      for (const [code, { count }] of Object.entries(result.statusCodeStats)) statusCodes[code] = count;
      return {
        reqPerSec: result.requests.total / result.duration,
        okPerSec: result['2xx'] / result.duration,
        p50: result.latency.p50,
        p99: result.latency.p99,
        statusCodes,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
      };
    };

    // Warm up: compile the routes and fill the caches before anything is timed.
    for (const leaseId of leases) {
      await fetch(`${url}${paymentPath(leaseId)}`, {
        method: 'POST',
        headers: { ...headers, 'idempotency-key': randomUUID() },
        body,
      });
    }
    await run('me', 1);

    const running = server;
    return {
      url,
      logFile,
      run,
      async stop() {
        await running.stop();
        await throwaway.drop();
      },
    };
  } catch (error) {
    await server?.stop();
    await throwaway.drop();
    throw error;
  }
}
