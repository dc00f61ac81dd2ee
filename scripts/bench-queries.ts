// Read-side latency: p50/p95 of the tenant dashboard and manager analytics queries at 1x and 10x
// a demo-sized portfolio, on a temporary PGlite (on disk) and a temporary PostgreSQL database.
//   npm run bench:queries -- [--scales 1,10] [--runs 100] [--only pglite|postgres]
// One "1x" block is 5 properties, 40 units, 30 leases and 13 months of billing runs and payments
// (on time, late, partial), written through the command path. Every block belongs to the same
// manager (as the demo's manager@example.com manages every demo property), so at 10x the
// analytics query covers 50 properties, 400 units and 300 leases: the worst case for it.
// The server comes from BENCH_DATABASE_URL or DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { insertUser } from '../server/auth/users';
import type { CommandEnvelope } from '../server/commands/handle';
import { uuidFromSeed } from '../server/commands/ids';
import { changeLease, createLease } from '../server/commands/lease';
import { registerProperty } from '../server/commands/property';
import { type Database, type OpenOptions, openDatabase } from '../server/db/client';
import { migrateDatabase } from '../server/db/migrate';
import { getManagerAnalytics } from '../server/queries/manager-analytics';
import type { Reader } from '../server/queries/scope';
import { getTenantDashboard } from '../server/queries/tenant-dashboard';
import { createRuntime, type Runtime } from '../server/runtime';

const { values } = parseArgs({
  options: {
    scales: { type: 'string', default: '1,10' },
    runs: { type: 'string', default: '100' },
    only: { type: 'string' },
  },
});
const scales = values.scales.split(',').map(Number);
const runs = Number(values.runs);
const serverUrl =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const TODAY = '2027-01-15';
const MONTHS = [
  '2026-01',
  '2026-02',
  '2026-03',
  '2026-04',
  '2026-05',
  '2026-06',
  '2026-07',
  '2026-08',
  '2026-09',
  '2026-10',
  '2026-11',
  '2026-12',
  '2027-01',
];
const MANAGER_ID = uuidFromSeed('bench:manager');
const at = (date: string) => new Date(`${date}T12:00:00.000Z`);
const envelope = (date: string, userId: string | null = MANAGER_ID): CommandEnvelope => ({
  actor: userId ? { userId, role: 'manager' } : { userId: null, role: 'system' },
  correlationId: `bench-${date}`,
  source: 'seed',
  now: at(date),
  backdate: true,
});

/** One 1x block: 5 properties x 8 units, 30 leases, 13 months of billing and payments. */
async function block(runtime: Runtime, b: number): Promise<string[]> {
  const leases: { leaseId: string; rent: number; habit: number }[] = [];
  const tenants: string[] = [];
  for (let p = 0; p < 5; p++) {
    const { state, propertyId } = await registerProperty(
      runtime,
      {
        name: `Bench ${b}-${p} Court`,
        address: {
          line1: `${100 + p} Elm St`,
          city: ['Portland', 'Seattle', 'Austin', 'Denver', 'Boston'][p] ?? 'Portland',
          state: 'XX',
          postalCode: `9${b}${p}00`,
        },
        managerId: MANAGER_ID,
        units: Array.from({ length: 8 }, (_, u) => ({
          label: `${p + 1}${String.fromCharCode(65 + u)}`,
          marketRentCents: 120_000 + u * 10_000,
        })),
      },
      envelope('2025-12-01'),
    );
    if (state?.status !== 'registered') throw new Error('property not registered');
    for (const [u, unit] of state.units.entries()) {
      if (u >= 6) continue; // 6 of 8 units let: 30 leases per block
      const tenantId = uuidFromSeed(`bench:tenant:${b}:${p}:${u}`);
      await insertUser(runtime.database.db, {
        id: tenantId,
        email: `bench-${b}-${p}-${u}@example.com`,
        name: `Tenant ${b}-${p}-${u}`,
        role: 'tenant',
      });
      const rent = unit.marketRentCents;
      const { leaseId } = await createLease(
        runtime,
        {
          tenantId,
          propertyId,
          unitId: unit.unitId,
          startDate: '2026-01-01',
          endDate: '2027-06-30',
          monthlyRentCents: rent,
          dueDay: 1,
          graceDays: 5,
          lateFeeCents: 5_000,
          securityDepositCents: rent,
        },
        envelope('2025-12-15'),
      );
      leases.push({ leaseId, rent, habit: (p * 8 + u) % 10 });
      tenants.push(tenantId);
    }
  }
  for (const [m, month] of MONTHS.entries()) {
    for (const { leaseId, rent, habit } of leases) {
      // habit 0-6: pays in full on the 3rd; 7: late on the 20th; 8: half on the 5th; 9: in full on the 5th, and skips every fourth month.
      const pay = (day: string, amountCents: number) =>
        changeLease(
          runtime,
          leaseId,
          {
            type: 'ReceivePayment',
            paymentId: uuidFromSeed(`bench:pay:${leaseId}:${month}`),
            amountCents,
            paymentDate: `${month}-${day}`,
            method: 'ach',
            actorRole: 'manager',
          },
          envelope(`${month}-${day}`),
        );
      if (habit <= 6) await pay('03', rent);
      else if (habit === 8) await pay('05', rent / 2);
      else if (habit === 9 && m % 4 !== 3) await pay('05', rent);
      await changeLease(
        runtime,
        leaseId,
        { type: 'PostDueItems', asOf: `${month}-10` },
        envelope(`${month}-10`, null),
      );
      if (habit === 7 && month < '2027-01') await pay('20', rent + 5_000);
    }
  }
  return tenants;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function measure(run: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 5; i++) await run(i); // warm-up: plans and caches
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await run(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function benchOne(kind: 'pglite' | 'postgres', scale: number) {
  let options: OpenOptions;
  let cleanup: () => Promise<void>;
  if (kind === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'leasebook-bench-'));
    options = { kind: 'pglite', dataDir: path.join(dir, 'data') };
    cleanup = async () => fs.rmSync(dir, { recursive: true, force: true });
  } else {
    const name = `leasebook_bench_${randomBytes(4).toString('hex')}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE "${name}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    options = { kind: 'postgres', url: url.toString(), poolMax: 4 };
    cleanup = async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    };
  }
  const database: Database = await openDatabase(options);
  try {
    await migrateDatabase(database, options);
    const runtime = createRuntime(database);
    await insertUser(database.db, {
      id: MANAGER_ID,
      email: 'bench-manager@example.com',
      name: 'Bench Manager',
      role: 'manager',
    });
    const built = performance.now();
    const tenants: string[] = [];
    for (let b = 0; b < scale; b++) {
      tenants.push(...(await block(runtime, b)));
      process.stderr.write(`  ${kind} ${scale}x: block ${b + 1}/${scale} built\n`);
    }
    const buildSeconds = (performance.now() - built) / 1000;
    const manager: Reader = { userId: MANAGER_ID, role: 'manager' };
    const dashboard = await measure((i) =>
      getTenantDashboard(
        database.db,
        { userId: tenants[(i * 7) % tenants.length] ?? '', role: 'tenant' },
        { today: TODAY },
      ),
    );
    const analytics = await measure(() =>
      getManagerAnalytics(database.db, manager, { from: '2026-01-01', to: '2026-12-31', today: TODAY }),
    );
    return { kind, scale, leases: tenants.length, buildSeconds, dashboard, analytics };
  } finally {
    await database.close();
    await cleanup();
  }
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const rows: string[] = [];
for (const kind of ['pglite', 'postgres'] as const) {
  if (values.only && values.only !== kind) continue;
  for (const scale of scales) {
    const r = await benchOne(kind, scale);
    rows.push(
      `| ${r.kind} | ${r.scale}x | ${r.leases} | ${ms(r.dashboard.p50)} | ${ms(r.dashboard.p95)} | ${ms(r.analytics.p50)} | ${ms(r.analytics.p95)} | ${r.buildSeconds.toFixed(0)} s |`,
    );
    console.log(rows.at(-1));
  }
}
console.log(
  `\n${runs} runs each after 5 warm-up runs; tenant dashboard cycles through the tenants; analytics over 2026-01-01..2026-12-31.`,
);
console.log(
  '| database | scale | leases | dashboard p50 | dashboard p95 | analytics p50 | analytics p95 | build |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
