// The demo portfolio (API.md "Demo data"): accounts, contents, v1 events, integrity, determinism,
// and that billing and a second seed leave it alone.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '@/server/auth/passwords';
import { findUserByEmail } from '@/server/auth/users';
import { runBilling } from '@/server/commands/billing';
import { rows } from '@/server/db/client';
import { type Lease, leaseDecider, leaseStatusOn, leaseStreamId } from '@/server/domain/lease';
import { addDays } from '@/server/domain/shared/dates';
import { folderOf } from '@/server/eventstore';
import { createRuntime, type Runtime } from '@/server/runtime';
import {
  AlreadySeededError,
  DEMO_PASSWORD,
  isDatabaseEmpty,
  type SeedReport,
  seedDemoData,
} from '@/server/seed';
import { freshDatabase, type TestDatabase } from '../support/db';

const TODAY = '2026-11-26';

let database: TestDatabase;
let runtime: Runtime;
let report: SeedReport;

beforeAll(async () => {
  database = await freshDatabase();
  runtime = createRuntime(database);
  expect(await isDatabaseEmpty(runtime)).toBe(true);
  report = await seedDemoData(runtime, { today: TODAY });
}, 120_000);
afterAll(() => database?.close());

async function leasesOf(rt: Runtime): Promise<Lease[]> {
  const streams = await rows<{ stream_id: string }>(
    rt.database.db,
    sql`SELECT stream_id FROM streams WHERE stream_type = 'lease' ORDER BY stream_id`,
  );
  const leases: Lease[] = [];
  for (const { stream_id } of streams) {
    const { state } = await rt.store.load(stream_id, folderOf(leaseDecider));
    if (state.status !== 'none') leases.push(state);
  }
  return leases;
}

const countOf = async (query: ReturnType<typeof sql>) =>
  Number((await rows<{ n: string | number }>(database.db, query))[0]?.n ?? 0);

describe('the demo accounts', () => {
  it.each([
    ['manager@example.com', 'manager'],
    ['tenant@example.com', 'tenant'],
    ['tenant2@example.com', 'tenant'],
    ['auditor@example.com', 'auditor'],
    ['admin@example.com', 'admin'],
  ])('%s exists as %s with the demo password', async (email, role) => {
    const user = await findUserByEmail(database.db, email);
    expect(user?.role).toBe(role);
    expect(await verifyPassword(user?.passwordHash ?? '', DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(user?.passwordHash ?? '', 'wrong-password')).toBe(false);
  });

  it('tenant@example.com has exactly one active lease, with an open balance and some history', async () => {
    const tenant = await findUserByEmail(database.db, 'tenant@example.com');
    const mine = (await leasesOf(runtime)).filter((lease) => lease.tenantId === tenant?.id);
    const active = mine.filter((lease) => leaseStatusOn(lease, TODAY) === 'active');
    expect(active).toHaveLength(1);
    const [lease] = active as [Lease];
    expect(lease.balanceCents).toBeGreaterThan(0);
    expect(lease.charges.some((item) => item.kind === 'late_fee')).toBe(true);
    expect(lease.payments.length).toBeGreaterThan(0);
  });

  it('shows security deposits: held on tenant@example.com’s lease, settled on an ended lease', async () => {
    const tenant = await findUserByEmail(database.db, 'tenant@example.com');
    const leases = await leasesOf(runtime);
    const [mine] = leases.filter((l) => l.tenantId === tenant?.id && leaseStatusOn(l, TODAY) === 'active');
    expect(mine?.securityDepositCents).toBeGreaterThan(0);
    expect(mine?.depositHeldCents).toBe(mine?.securityDepositCents);
    const settled = leases.filter((l) => l.depositSettlement !== undefined);
    expect(settled).toHaveLength(1);
    const [ended] = settled as [Lease];
    expect(leaseStatusOn(ended, TODAY)).toBe('ended');
    expect(ended.depositSettlement).toMatchObject({
      deductionsCents: 23_500,
      appliedToDeductionsCents: 23_500,
      appliedToBalanceCents: 0,
      refundedCents: ended.securityDepositCents - 23_500,
      refundMethod: 'check',
    });
    expect(ended.balanceCents).toBe(0);
    // A terminated lease is left for the manager to settle.
    expect(leases.some((l) => leaseStatusOn(l, TODAY) === 'terminated' && l.depositHeldCents > 0)).toBe(true);
  });

  it('tenant2@example.com has an active lease in another property', async () => {
    const [one, two] = await Promise.all(
      ['tenant@example.com', 'tenant2@example.com'].map((email) => findUserByEmail(database.db, email)),
    );
    const leases = await leasesOf(runtime);
    const active = (id?: string) =>
      leases.filter((lease) => lease.tenantId === id && leaseStatusOn(lease, TODAY) === 'active');
    expect(active(two?.id)).toHaveLength(1);
    expect(active(two?.id)[0]?.propertyId).not.toBe(active(one?.id)[0]?.propertyId);
  });

  it('the manager manages every demo property', async () => {
    const manager = await findUserByEmail(database.db, 'manager@example.com');
    const managed = await countOf(
      sql`SELECT count(*) AS n FROM events WHERE event_type = 'PropertyRegistered' AND data->>'managerId' = ${manager?.id ?? ''}`,
    );
    expect(managed).toBe(report.properties);
  });
});

describe('the portfolio', () => {
  it('has about 5 properties in different cities, 40 units and 30 leases', async () => {
    expect(report).toMatchObject({ properties: 5, units: 40, billingFailures: [] });
    expect(report.leases).toBeGreaterThanOrEqual(28);
    expect(report.leases).toBeLessThanOrEqual(35);
    const cities = await countOf(
      sql`SELECT count(DISTINCT data->'address'->>'city') AS n FROM events WHERE event_type = 'PropertyRegistered'`,
    );
    expect(cities).toBe(5);
    expect(await countOf(sql`SELECT count(*) AS n FROM streams WHERE stream_type = 'lease'`)).toBe(
      report.leases,
    );
    const leases = await leasesOf(runtime);
    const vacant =
      40 - new Set(leases.filter((l) => leaseStatusOn(l, TODAY) === 'active').map((l) => l.unitId)).size;
    expect(vacant).toBeGreaterThan(0);
    expect(new Set(leases.map((lease) => lease.dueDay)).size).toBeGreaterThan(2);
  });

  it('has history of every kind', async () => {
    const types = await rows<{ event_type: string }>(
      database.db,
      sql`SELECT DISTINCT event_type FROM events`,
    );
    const seen = types.map((row) => row.event_type);
    for (const type of [
      'RentCharged',
      'PaymentReceived',
      'LateFeeAssessed',
      'PaymentReversed',
      'LeaseRenewed',
      'LeaseTerminated',
      'AutopayEnrolled',
      'MonthlyPaymentCompleted',
      'MaintenanceRequested',
      'MaintenanceScheduled',
      'MaintenanceCompleted',
      'MaintenanceRated',
      'MaintenanceCancelled',
      'NoticePosted',
      'ChargePosted',
      'ChargeWaived',
      'RecurringChargeAdded',
    ]) {
      expect(seen, type).toContain(type);
    }
    const autopaid = await countOf(
      sql`SELECT count(*) AS n FROM events WHERE event_type = 'PaymentReceived' AND data->>'autopayPeriod' IS NOT NULL`,
    );
    expect(autopaid).toBeGreaterThan(0);
  });

  it('shows an NSF fee caused by its reversal, a waived late fee and a recurring parking charge', async () => {
    const leases = await leasesOf(runtime);
    const nsf = leases.flatMap((l) => l.charges).filter((item) => item.kind === 'nsf_fee');
    expect(nsf.length).toBeGreaterThan(0);
    const waived = leases.flatMap((l) => l.charges).filter((item) => item.waived);
    expect(waived.map((item) => item.kind)).toEqual(['late_fee']);
    const parking = leases.find((l) => (l.recurring ?? []).length > 0);
    expect(parking?.recurring[0]).toMatchObject({ description: 'Parking space P4', amountCents: 7_500 });
    const posted = parking?.charges.filter((item) => item.kind === 'recurring') ?? [];
    // Charged with the rent of every period billed so far.
    expect(posted.length).toBe(parking?.periods.filter((line) => line.chargedCents > 0).length);
    const [fee] = await rows<{ causation: string; reversal: string }>(
      database.db,
      sql`SELECT f.metadata->>'causationId' AS causation, r.event_id::text AS reversal
          FROM events f JOIN events r ON r.stream_id = f.stream_id AND r.event_type = 'PaymentReversed'
          WHERE f.event_type = 'ChargePosted' AND f.data->>'kind' = 'nsf_fee'`,
    );
    expect(fee?.causation).toBe(fee?.reversal);
    // A bounced autopay payment: reversed for NSF, its period never paid by autopay again.
    const bouncedOn = leases.filter((l) =>
      l.payments.some((p) => p.autopayPeriod !== undefined && p.reversal?.reason === 'NSF'),
    );
    expect(bouncedOn).toHaveLength(1);
    const lease = bouncedOn[0] as Lease;
    const bounced = lease.payments.find((p) => p.reversal?.reason === 'NSF');
    expect(lease.payments.filter((p) => p.autopayPeriod === bounced?.autopayPeriod)).toHaveLength(1);
    expect(lease.charges.filter((item) => item.kind === 'nsf_fee').length).toBeGreaterThan(0);
  });

  it('was recorded over the past year, by the seed, the billing run and an import', async () => {
    const [span] = await rows<{ first: string; last: string }>(
      database.db,
      sql`SELECT min(recorded_at AT TIME ZONE 'UTC')::date::text AS first,
                 max(recorded_at AT TIME ZONE 'UTC')::date::text AS last FROM events`,
    );
    const [first = '', last = ''] = [span?.first, span?.last];
    expect(first < addDays(TODAY, -330)).toBe(true);
    // Nothing recorded after the seeding day, and the history reaches up to it.
    expect(last <= TODAY && last >= addDays(TODAY, -7)).toBe(true);
    const sources = await rows<{ source: string }>(
      database.db,
      sql`SELECT DISTINCT metadata->>'source' AS source FROM events ORDER BY 1`,
    );
    expect(sources.map((row) => row.source)).toEqual(['import', 'seed']);
  });

  it('contains PaymentReceived v1 events that read back as v3 with integer cents, for rent', async () => {
    const streams = await rows<{ stream_id: string }>(
      database.db,
      sql`SELECT DISTINCT stream_id FROM events WHERE event_type = 'PaymentReceived' AND schema_version = 1`,
    );
    expect(streams.length).toBeGreaterThanOrEqual(2);
    let v1 = 0;
    for (const { stream_id } of streams) {
      for (const event of await runtime.store.readStream(stream_id)) {
        if (event.storedSchemaVersion !== 1 || event.eventType !== 'PaymentReceived') continue;
        v1 += 1;
        expect(event.schemaVersion).toBe(3);
        expect(event.metadata.source).toBe('import');
        const data = event.data as { amountCents: number; currency: string; purpose: string };
        expect(data.purpose).toBe('rent');
        expect(Number.isInteger(data.amountCents) && data.amountCents > 0).toBe(true);
        expect(data.currency).toBe('USD');
      }
    }
    expect(v1).toBe(report.importedV1Events);
  });

  it('every lease stream verifies, and every read model is caught up', async () => {
    const streams = await rows<{ stream_id: string }>(database.db, sql`SELECT stream_id FROM streams`);
    for (const { stream_id } of streams) {
      expect(await runtime.store.verifyStream(stream_id), stream_id).toMatchObject({ valid: true });
    }
    for (const health of await runtime.runner.health()) {
      expect(health, health.name).toMatchObject({ status: 'ok', lagEvents: 0 });
    }
  });
});

describe('afterwards', () => {
  it('a billing run as of the same day appends nothing', async () => {
    const before = await countOf(sql`SELECT count(*) AS n FROM events`);
    const outcome = await runBilling(runtime, { asOf: TODAY });
    expect(outcome.status).toBe('done');
    if (outcome.status === 'done') expect(outcome.report).toMatchObject({ leasesChanged: 0, failures: [] });
    expect(await countOf(sql`SELECT count(*) AS n FROM events`)).toBe(before);
  });

  it('a second seed refuses and writes nothing', async () => {
    const before = await countOf(sql`SELECT count(*) AS n FROM events`);
    await expect(seedDemoData(runtime, { today: TODAY })).rejects.toBeInstanceOf(AlreadySeededError);
    expect(await countOf(sql`SELECT count(*) AS n FROM events`)).toBe(before);
    expect(await isDatabaseEmpty(runtime)).toBe(false);
  });

  it('is deterministic: another database seeded for the same day holds the same portfolio', async () => {
    const other = await freshDatabase();
    try {
      const otherRuntime = createRuntime(other);
      const otherReport = await seedDemoData(otherRuntime, { today: TODAY });
      const { durationMs: _a, ...first } = report;
      const { durationMs: _b, ...second } = otherReport;
      expect(second).toEqual(first);
      const summary = async (rt: Runtime) => {
        const result = [];
        for (const lease of await leasesOf(rt)) {
          const events = await rt.store.readStream(leaseStreamId(lease.leaseId));
          result.push({
            leaseId: lease.leaseId,
            unitId: lease.unitId,
            tenantId: lease.tenantId,
            balanceCents: lease.balanceCents,
            types: events.map((event) => event.eventType),
            // Ids and data too: every id a seeded command creates derives from its command id.
            ids: events.map((event) => event.eventId),
            data: events.map((event) => event.data),
            recordedOn: events.map((event) => event.recordedAt.slice(0, 10)),
          });
        }
        return result;
      };
      expect(await summary(otherRuntime)).toEqual(await summary(runtime));
    } finally {
      await other.close();
    }
  }, 120_000);
});
