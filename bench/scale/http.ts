// HTTP on the bench data (issue 12): `next start` on the prepared database, then autocannon at 16
// connections for GET /api/v1/me (the baseline: a session lookup), the tenant dashboard (the
// manifest's tenant) and the manager analytics (the biggest manager, a 12-month range), one after
// the other in rounds so each ratio compares runs seconds apart on the same noisy machine. The
// analytics run twice: one range for every request (what a dashboard left open asks; after the
// first answer the read cache serves it while the read models stand still) and a different range
// for every request (500 ranges in turn, more than the cache keeps: each one computed).
import autocannon from 'autocannon';
import type { BenchManifest } from '../data/manifest';
import { signIn, startApp } from '../http';
import { median } from '../lib/stats';

export interface HttpFigure {
  path: string;
  as: string;
  /** Medians over the rounds. */
  reqPerSec: number;
  p50: number;
  p99: number;
  /** Median over the rounds of this endpoint's req/s over GET /me's in the same round. */
  ratioToMe: number;
  non2xx: number;
  rounds: number;
}

const CONNECTIONS = 16;

const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const monthsBack = (today: string, months: number): string => {
  const date = new Date(`${today.slice(0, 7)}-01T00:00:00Z`);
  date.setUTCMonth(date.getUTCMonth() - months);
  return date.toISOString().slice(0, 10);
};

export async function benchHttp(
  databaseUrl: string,
  manifest: BenchManifest,
  options: { seconds: number; rounds: number; logFile: string },
): Promise<HttpFigure[]> {
  const { server, url } = await startApp({ ...process.env, DATABASE_URL: databaseUrl }, options.logFile);
  try {
    const manager = await signIn(url, manifest.bigManager.email, manifest.password);
    const tenant = await signIn(url, manifest.tenant.email, manifest.password);
    const today = new Date().toISOString().slice(0, 10);
    const targets = [
      { path: '/api/v1/me', as: 'manager', cookie: manager },
      { path: '/api/v1/dashboard/tenant', as: 'tenant', cookie: tenant },
      {
        path: `/api/v1/analytics/manager?from=${monthsBack(today, 11)}&to=${today}`,
        as: `manager (${manifest.bigManager.leases} leases)`,
        cookie: manager,
      },
      {
        path: `/api/v1/analytics/manager?from=${monthsBack(today, 11)}-n days&to=${today}-n days (a new range each request)`,
        as: `manager (${manifest.bigManager.leases} leases)`,
        cookie: manager,
        // The same range moved back one day per request, 500 in turn (all in the past: a range
        // whose first day passed its last was refused with 400 once a faster machine sent more
        // than 336 requests in a run, and those fast refusals counted as answers).
        pathOf: (i: number) =>
          `/api/v1/analytics/manager?from=${addDays(monthsBack(today, 11), -(i % 500))}&to=${addDays(today, -(i % 500))}`,
      },
    ];
    const run = async (target: (typeof targets)[number], seconds: number) => {
      let sent = 0;
      const pathOf = 'pathOf' in target ? target.pathOf : undefined;
      const result = await autocannon({
        url: `${url}${pathOf ? pathOf(0) : target.path}`,
        ...(pathOf ? { requests: [{ setupRequest: (req) => ({ ...req, path: pathOf(sent++) }) }] } : {}),
        connections: CONNECTIONS,
        duration: seconds,
        headers: { cookie: target.cookie },
        timeout: 30,
      });
      return {
        reqPerSec: result.requests.total / result.duration,
        p50: result.latency.p50,
        p99: result.latency.p99,
        non2xx: result.non2xx + result.errors + result.timeouts,
      };
    };
    for (const target of targets) await run(target, 1); // compile the routes, warm the caches
    const samples = targets.map(() => [] as Awaited<ReturnType<typeof run>>[]);
    for (let round = 0; round < options.rounds; round++) {
      for (const [i, target] of targets.entries()) samples[i]?.push(await run(target, options.seconds));
    }
    // A refusal is answered fast: counted, it would pass for throughput.
    const refused = targets.filter((_, i) => (samples[i] ?? []).some((s) => s.non2xx > 0));
    if (refused.length > 0)
      throw new Error(`non-2xx answers (or errors) from ${refused.map((t) => t.path).join(', ')}`);
    const me = samples[0] ?? [];
    return targets.map((target, i) => {
      const own = samples[i] ?? [];
      return {
        path: target.path,
        as: target.as,
        reqPerSec: median(own.map((s) => s.reqPerSec)),
        p50: median(own.map((s) => s.p50)),
        p99: median(own.map((s) => s.p99)),
        ratioToMe: median(own.map((s, round) => s.reqPerSec / (me[round]?.reqPerSec ?? Number.NaN))),
        non2xx: own.reduce((sum, s) => sum + s.non2xx, 0),
        rounds: own.length,
      };
    });
  } finally {
    await server.stop();
  }
}
