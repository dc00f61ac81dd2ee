// The bench's results: medians over repeats, the one markdown table (ceiling beside every
// figure) and the issue's four targets with PASS/MISS.
import type { HttpSample } from './http';
import { median, mergeCounts } from './lib/stats';
import type { PaymentSample } from './payments';

export interface PaymentFigure {
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  ok: number;
  errors: Record<string, number>;
  repeats: number;
}

export interface LoadFigure {
  events: number;
  useSnapshots: boolean;
  snapshotVersion: number;
  ms: number;
  loads: number;
}

export interface HttpFigure {
  reqPerSec: number;
  okPerSec: number;
  p50: number;
  p99: number;
  statusCodes: Record<string, number>;
  non2xx: number;
  errors: number;
  timeouts: number;
  repeats: number;
}

export interface DatabaseResults {
  label: string;
  /** tx/s by method and connections, e.g. ceiling['postgres.js'][8]; medians over repeats. */
  ceiling: Record<string, Record<number, number>>;
  /** The reference for ratios: the best 8-connection figure of the run. */
  ceiling8: number;
  payments: Record<string, PaymentFigure>;
  loads: LoadFigure[];
}

export interface Results {
  date: string;
  quick: boolean;
  machine: { cpus: number; node: string; commit?: string; postgres?: string };
  settings: Record<string, unknown>;
  databases: Record<string, DatabaseResults>;
  http?: Record<string, HttpFigure>;
  targets: Target[];
  crashed: { scenario: string; error: string }[];
}

export interface Target {
  name: string;
  goal: string;
  measured: string;
  pass: boolean | null;
}

export function paymentFigure(samples: readonly PaymentSample[]): PaymentFigure {
  return {
    throughput: median(samples.map((s) => s.throughput)),
    p50: median(samples.map((s) => s.p50)),
    p95: median(samples.map((s) => s.p95)),
    p99: median(samples.map((s) => s.p99)),
    ok: samples.reduce((n, s) => n + s.ok, 0),
    errors: samples.reduce<Record<string, number>>((all, s) => mergeCounts(all, s.errors), {}),
    repeats: samples.length,
  };
}

export function httpFigure(samples: readonly HttpSample[]): HttpFigure {
  return {
    reqPerSec: median(samples.map((s) => s.reqPerSec)),
    okPerSec: median(samples.map((s) => s.okPerSec)),
    p50: median(samples.map((s) => s.p50)),
    p99: median(samples.map((s) => s.p99)),
    statusCodes: samples.reduce<Record<string, number>>((all, s) => mergeCounts(all, s.statusCodes), {}),
    non2xx: samples.reduce((n, s) => n + s.non2xx, 0),
    errors: samples.reduce((n, s) => n + s.errors, 0),
    timeouts: samples.reduce((n, s) => n + s.timeouts, 0),
    repeats: samples.length,
  };
}

const n0 = (x: number | undefined) =>
  x === undefined || Number.isNaN(x) ? '–' : Math.round(x).toLocaleString('en-US');
const ms = (x: number | undefined) =>
  x === undefined || Number.isNaN(x) ? '–' : x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0);
const pct = (x: number) => (Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '–');
const counts = (c: Record<string, number>) =>
  Object.entries(c)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');

export const PAYMENT_LABELS: Record<string, string> = {
  'leases-1': 'payment command, 1 lease (1 in flight)',
  'leases-8': 'payment command, 8 leases (8 in flight)',
  'leases-64': 'payment command, 64 leases (64 in flight)',
  'one-lease-25': 'payment command, 25 at once on 1 lease',
};

export const HTTP_LABELS: Record<string, string> = {
  'payments-1-lease': 'HTTP POST /payments, 1 lease, 16 conn',
  'payments-8-leases': 'HTTP POST /payments, 8 leases, 16 conn',
  me: 'HTTP GET /api/v1/me, 16 conn',
};

export function table(results: Results): string {
  const lines = [
    '| database | measure | per second | p50 ms | p95 ms | p99 ms | ratio | ceiling 8 conn (/s) | outcomes |',
    '|---|---|--:|--:|--:|--:|--:|--:|---|',
  ];
  for (const db of Object.values(results.databases)) {
    const c8 = n0(db.ceiling8);
    for (const [method, levels] of Object.entries(db.ceiling)) {
      for (const [connections, tps] of Object.entries(levels)) {
        const who = db.label.startsWith('PGlite')
          ? `${connections} caller(s), 1 connection`
          : `${connections} conn`;
        lines.push(
          `| ${db.label} | ceiling: 1-row JSONB INSERT, ${method}, ${who} | ${n0(tps)} | | | | ${pct(tps / db.ceiling8)} | ${c8} | |`,
        );
      }
    }
    for (const [key, f] of Object.entries(db.payments)) {
      const outcome = `${f.ok} ok${Object.keys(f.errors).length ? `; **ERRORS ${counts(f.errors)}**` : ''}`;
      lines.push(
        `| ${db.label} | ${PAYMENT_LABELS[key] ?? key} | ${n0(f.throughput)} | ${ms(f.p50)} | ${ms(f.p95)} | ${ms(f.p99)} | ${pct(f.throughput / db.ceiling8)} | ${c8} | ${outcome} |`,
      );
    }
    const base = db.loads.find(
      (l) => l.useSnapshots && l.events === Math.min(...db.loads.map((x) => x.events)),
    );
    for (const l of db.loads) {
      const ratio = base ? `${(l.ms / base.ms).toFixed(2)}× ${base.events} ev` : '';
      const from =
        l.useSnapshots && l.snapshotVersion > 0 ? `from snapshot @${l.snapshotVersion}` : 'full fold';
      lines.push(
        `| ${db.label} | load ${l.events.toLocaleString('en-US')}-event lease, snapshots ${l.useSnapshots ? 'on' : 'off'} (${from}) | ${n0(1000 / l.ms)} | ${ms(l.ms)} | | | ${ratio} | | median of ${l.loads} loads |`,
      );
    }
  }
  if (results.http) {
    const me = results.http.me?.okPerSec ?? Number.NaN;
    const c8 = n0(results.databases.postgres?.ceiling8);
    for (const [key, f] of Object.entries(results.http)) {
      const bad = f.non2xx + f.errors + f.timeouts;
      const outcome = `${counts(f.statusCodes)}${f.errors ? `, conn errors: ${f.errors}` : ''}${f.timeouts ? `, timeouts: ${f.timeouts}` : ''}${bad ? ' **NON-2XX**' : ''}`;
      lines.push(
        `| PostgreSQL (next start) | ${HTTP_LABELS[key] ?? key} | ${n0(f.okPerSec)} 2xx (${n0(f.reqPerSec)} all) | ${ms(f.p50)} | | ${ms(f.p99)} | ${key === 'me' ? '' : `${pct(f.okPerSec / me)} of /me`} | ${c8} | ${outcome} |`,
      );
    }
  }
  return lines.join('\n');
}

export function targetsOf(results: Results): Target[] {
  const pg = results.databases.postgres;
  const targets: Target[] = [];
  const p8 = pg?.payments['leases-8'];
  targets.push({
    name: 'Payment command in process, 8 leases, PostgreSQL',
    goal: '≥ 40% of the 8-connection INSERT ceiling',
    measured:
      p8 && pg
        ? `${n0(p8.throughput)}/s = ${pct(p8.throughput / pg.ceiling8)} of ${n0(pg.ceiling8)}/s`
        : 'not run',
    pass: p8 && pg ? p8.throughput / pg.ceiling8 >= 0.4 : null,
  });
  const b = pg?.payments['one-lease-25'];
  const failed = b ? Object.values(b.errors).reduce((x, y) => x + y, 0) : 0;
  targets.push({
    name: '25 concurrent payments on one lease, PostgreSQL',
    goal: 'all succeed, p99 < 250 ms',
    measured: b
      ? `${b.ok} ok, ${failed} failed${failed ? ` (${counts(b.errors)})` : ''}, p99 ${ms(b.p99)} ms`
      : 'not run',
    pass: b ? failed === 0 && b.p99 < 250 : null,
  });
  const h8 = results.http?.['payments-8-leases'];
  const me = results.http?.me;
  const bad = h8 ? h8.non2xx + h8.errors + h8.timeouts : 0;
  targets.push({
    name: 'HTTP payments on 8 leases, 16 connections',
    goal: 'zero non-2xx, ≥ 50% of GET /api/v1/me',
    measured:
      h8 && me
        ? `${bad} non-2xx/errors (${counts(h8.statusCodes)}); ${n0(h8.okPerSec)} 2xx/s = ${pct(h8.okPerSec / me.okPerSec)} of ${n0(me.okPerSec)}/s`
        : 'not run',
    pass: h8 && me ? bad === 0 && h8.okPerSec / me.okPerSec >= 0.5 : null,
  });
  const loads = pg?.loads ?? [];
  const largest = loads.length ? Math.max(...loads.map((l) => l.events)) : 10_000;
  const big = loads.find((l) => l.useSnapshots && l.events === largest);
  const small = loads.find((l) => l.useSnapshots && l.events === Math.min(...loads.map((x) => x.events)));
  targets.push({
    name: `${largest === 10_000 ? '10,000' : `${largest.toLocaleString('en-US')} (quick run; goal is for 10,000)`}-event load with snapshots, PostgreSQL`,
    goal: '≤ 2× a 10-event stream',
    measured:
      big && small
        ? `${ms(big.ms)} ms vs ${ms(small.ms)} ms = ${(big.ms / small.ms).toFixed(2)}×`
        : 'not run',
    pass: big && small ? big.ms / small.ms <= 2 : null,
  });
  return targets;
}

export function targetsTable(targets: readonly Target[]): string {
  return [
    '| target | goal | measured | |',
    '|---|---|---|---|',
    ...targets.map(
      (t) =>
        `| ${t.name} | ${t.goal} | ${t.measured} | ${t.pass === null ? 'NOT RUN' : t.pass ? 'PASS' : 'MISS'} |`,
    ),
  ].join('\n');
}
