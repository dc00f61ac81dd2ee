// The auditor's timeline on a lease with 10,000 events: appends them to one lease stream in a temp
// database (valid lease events: small payments and autopay enrol/cancel toggles, snapshots every
// 100 like the command path), then times the timeline page query, time travel, verification and
// the CSV export.
//   npx tsx --conditions=react-server scripts/bench-audit-timeline.ts [--events 10000] [--runs 5]
//       [--url postgres://...] [--keep]
// Without --url: an in-memory PGlite. With --url: a new database on that server; --keep leaves it
// (with an auditor bench-auditor@example.com / leasebook-bench) for timing the page over HTTP.
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { hashPassword } from '../server/auth/passwords';
import { insertUser } from '../server/auth/users';
import type { CommandEnvelope } from '../server/commands/handle';
import { changeLease, createLease } from '../server/commands/lease';
import { registerProperty } from '../server/commands/property';
import { type OpenOptions, openDatabase } from '../server/db/client';
import { migrateDatabase } from '../server/db/migrate';
import { leaseDecider, leaseStreamId } from '../server/domain/lease';
import type { NewEvent } from '../server/eventstore';
import { folderOf } from '../server/eventstore';
import { auditTimelinePage } from '../server/queries/audit-timeline';
import { exportStream, leaseStateAt } from '../server/queries/lease-history';
import { createRuntime } from '../server/runtime';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '5' },
    url: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const total = Number(values.events);
const runs = Number(values.runs);

const envelope = (role: 'manager' | 'admin', userId: string): CommandEnvelope => ({
  actor: { userId, role, name: `Bench ${role}` },
  correlationId: randomUUID(),
  source: 'import',
});

async function time(label: string, fn: () => Promise<unknown>): Promise<void> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await fn();
    ms.push(performance.now() - started);
  }
  const sorted = [...ms].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  console.log(
    `${label.padEnd(44)} first ${ms[0]?.toFixed(0).padStart(6)} ms   median ${median.toFixed(0).padStart(6)} ms`,
  );
}

async function openTarget(): Promise<{ options: OpenOptions; drop: () => Promise<void> }> {
  if (!values.url) return { options: { kind: 'pglite' }, drop: async () => {} };
  const name = `leasebook_audit10k_${randomBytes(4).toString('hex')}`;
  const admin = postgres(values.url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE "${name}"`);
  const url = new URL(values.url);
  url.pathname = `/${name}`;
  console.log(`database: ${url}`);
  return {
    options: { kind: 'postgres', url: url.toString() },
    drop: async () => {
      if (!values.keep) await admin.unsafe(`DROP DATABASE "${name}" WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function main(): Promise<void> {
  const target = await openTarget();
  const database = await openDatabase(target.options);
  try {
    await migrateDatabase(database, target.options);
    const runtime = createRuntime(database, { projections: [] });
    const managerId = randomUUID();
    const tenantId = randomUUID();
    const { propertyId, state } = await registerProperty(
      runtime,
      {
        name: 'Bench Court',
        address: { line1: '1 Bench St', city: 'Portland', state: 'OR', postalCode: '97201' },
        managerId,
        units: [{ label: '1A', marketRentCents: 150_000 }],
      },
      envelope('manager', managerId),
    );
    const unitId = state?.status === 'registered' ? state.units[0]?.unitId : undefined;
    if (!unitId) throw new Error('no unit');
    const { leaseId } = await createLease(
      runtime,
      {
        tenantId,
        propertyId,
        unitId,
        startDate: '2026-01-01',
        endDate: '2036-12-31',
        monthlyRentCents: 150_000,
        dueDay: 1,
        graceDays: 5,
        lateFeeCents: 5_000,
        securityDepositCents: 0,
      },
      envelope('manager', managerId),
    );
    await changeLease(
      runtime,
      leaseId,
      { type: 'PostDueItems', asOf: '2026-03-01' },
      envelope('admin', managerId),
    );
    const streamId = leaseStreamId(leaseId);
    const folder = folderOf(leaseDecider);
    let version = (await runtime.store.readStream(streamId)).length;

    const appendStarted = performance.now();
    const metadata = {
      actor: { userId: null, role: 'system' as const, name: 'Bench importer' },
      correlationId: randomUUID(),
      causationId: null,
      source: 'import' as const,
    };
    while (version < total) {
      const batch: NewEvent[] = [];
      for (let i = version; i < Math.min(total, version + 100); i += 1) {
        if (i % 2 === 0) {
          batch.push({
            type: 'PaymentReceived',
            data: {
              paymentId: randomUUID(),
              amountCents: 100,
              currency: 'USD',
              paymentDate: '2026-03-01',
              method: 'card',
            },
          });
        } else if (i % 4 === 1) {
          batch.push({ type: 'AutopayEnrolled', data: { method: 'ach', enrolledOn: '2026-03-01' } });
        } else {
          batch.push({ type: 'AutopayCancelled', data: { cancelledOn: '2026-03-01' } });
        }
      }
      const previous = version;
      const appended = await runtime.store.append(streamId, batch, { expectedVersion: version, metadata });
      version = appended.version;
      const loaded = await runtime.store.load(streamId, folder);
      await runtime.store.snapshotIfDue(streamId, folder, previous, version, loaded.state);
    }
    console.log(
      `lease ${leaseId}: ${version} events appended in ${((performance.now() - appendStarted) / 1000).toFixed(1)} s`,
    );

    if (values.keep && target.options.kind === 'postgres') {
      await insertUser(database.db, {
        id: randomUUID(),
        email: 'bench-auditor@example.com',
        name: 'Bench Auditor',
        role: 'auditor',
        passwordHash: await hashPassword('leasebook-bench'),
      });
    }

    const mid = Math.floor(total / 2) + 1;
    await time('timeline page 1 (v1–200)', () => auditTimelinePage(runtime, leaseId));
    await time(`timeline page at v${mid}`, () => auditTimelinePage(runtime, leaseId, { fromVersion: mid }));
    await time(`timeline last page (v${total})`, () =>
      auditTimelinePage(runtime, leaseId, { fromVersion: total }),
    );
    await time('state now (time travel: snapshot + tail)', () => leaseStateAt(runtime, leaseId, {}));
    await time(`state at version ${mid}`, () => leaseStateAt(runtime, leaseId, { version: mid }));
    await time('verify the chain', () => runtime.store.verifyStream(streamId));
    await time('CSV export (whole timeline)', async () => {
      const reader = exportStream(runtime, leaseId, 'csv').getReader();
      while (!(await reader.read()).done) {}
    });
    const page = await auditTimelinePage(runtime, leaseId, { fromVersion: mid });
    console.log(
      `page payload: ${(JSON.stringify(page).length / 1024).toFixed(0)} KiB for ${page?.events.length} events`,
    );
  } finally {
    await database.close();
    await target.drop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
