// The bulk path of `npm run bench:data` writes what the command path writes: one small history
// (a property with a notice, two leases billed over months, on-time, late and partial payments, an
// NSF reversal, a charge, a credit, a waiver, a renewal, a termination, autopay, a deposit paid and
// settled, a maintenance request to its rating) run once through the real commands and once through
// the bulk writer, into two databases: every stream holds the same events (ids, types, data,
// metadata, recorded times; billing's correlation id is random per run, so it is left out), the
// bulk streams verify, and the generator is deterministic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planPortfolio, runLease, runProperties } from '@/bench/data/portfolio';
import { createBulkWriter } from '@/bench/data/writer';
import { runBilling } from '@/server/commands/billing';
import type { Actor, CommandEnvelope } from '@/server/commands/handle';
import { uuidFromSeed } from '@/server/commands/ids';
import type { LeaseChange } from '@/server/commands/lease';
import { changeLease, createLease } from '@/server/commands/lease';
import { changeMaintenance, requestMaintenance } from '@/server/commands/maintenance';
import { changeProperty, registerProperty } from '@/server/commands/property';
import type { LeaseState } from '@/server/domain/lease';
import type { MaintenanceCommand } from '@/server/domain/maintenance';
import { streamHeads } from '@/server/eventstore/queries';
import { createRuntime, type Runtime } from '@/server/runtime';
import { freshDatabase, type TestDatabase } from '../support/db';

const manager: Actor = { userId: uuidFromSeed('bulk-test:manager'), role: 'manager', name: 'Bulk Manager' };
const tenantA: Actor = { userId: uuidFromSeed('bulk-test:tenant-a'), role: 'tenant', name: 'Tenant A' };
const tenantB: Actor = { userId: uuidFromSeed('bulk-test:tenant-b'), role: 'tenant', name: 'Tenant B' };
const at = (day: string, hour = 12) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00.000Z`);

/** The scenario's steps, as both paths can run them. */
interface Path {
  registerProperty(units: number, env: Env): Promise<{ propertyId: string; unitIds: string[] }>;
  notice(propertyId: string, env: Env): Promise<void>;
  createLease(input: Parameters<typeof createLease>[1], env: Env): Promise<string>;
  change(leaseId: string, command: LeaseChange, env: Env): Promise<void>;
  bill(asOf: string, leaseIds: string[]): Promise<void>;
  lease(leaseId: string): Promise<LeaseState>;
  request(leaseId: string, env: Env): Promise<string>;
  maintain(
    requestId: string,
    command: Exclude<MaintenanceCommand, { type: 'RequestMaintenance' }>,
    env: Env,
  ): Promise<void>;
}
type Env = { actor: Actor; key: string; day: string; hour?: number };
const envelope = ({ actor, key, day, hour }: Env) => ({
  actor,
  correlationId: `bulk-test-${key}`,
  source: 'seed' as const,
  commandId: `bulk-test:${key}`,
  now: at(day, hour),
});
const PROPERTY = {
  name: 'Bulk Test Court',
  address: { line1: '5 Test Road', city: 'Testville', state: 'NY', postalCode: '10001' },
  managerId: manager.userId as string,
  timeZone: 'America/New_York',
};
const units = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ label: `${i + 1}`, marketRentCents: 150_000 + i * 10_000 }));

function commandPath(runtime: Runtime): Path {
  const real = (env: Env): CommandEnvelope => ({ ...envelope(env), backdate: true });
  return {
    async registerProperty(n, env) {
      const r = await registerProperty(runtime, { ...PROPERTY, units: units(n) }, real(env));
      const state = r.state;
      return {
        propertyId: r.propertyId,
        unitIds: state && state.status !== 'none' ? state.units.map((u) => u.unitId) : [],
      };
    },
    async notice(propertyId, env) {
      await changeProperty(
        runtime,
        propertyId,
        { type: 'PostNotice', title: 'Water off', body: 'From 9 to 1.', postedBy: manager.userId as string },
        real(env),
      );
    },
    async createLease(input, env) {
      return (await createLease(runtime, input, real(env))).leaseId;
    },
    async change(leaseId, command, env) {
      await changeLease(runtime, leaseId, command, real(env));
    },
    async bill(asOf) {
      const outcome = await runBilling(runtime, { asOf, now: at(asOf, 6), source: 'seed', backdate: true });
      if (outcome.status !== 'done' || outcome.report.failures.length > 0)
        throw new Error(`billing ${asOf}: ${JSON.stringify(outcome)}`);
    },
    async lease(leaseId) {
      return (
        await runtime.store.load(
          `lease-${leaseId}`,
          (
            await import('@/server/eventstore')
          ).folderOf((await import('@/server/domain/lease')).leaseDecider),
        )
      ).state;
    },
    async request(leaseId, env) {
      return (
        await requestMaintenance(
          runtime,
          { leaseId, category: 'plumbing', priority: 'high', description: 'The sink leaks.' },
          real(env),
        )
      ).requestId;
    },
    async maintain(requestId, command, env) {
      await changeMaintenance(runtime, requestId, command, real(env));
    },
  };
}

function bulkPath(writer: ReturnType<typeof createBulkWriter>): Path {
  return {
    async registerProperty(n, env) {
      const r = writer.registerProperty({ ...PROPERTY, units: units(n) }, envelope(env));
      return {
        propertyId: r.propertyId,
        unitIds: r.state.status === 'none' ? [] : r.state.units.map((u) => u.unitId),
      };
    },
    async notice(propertyId, env) {
      writer.changeProperty(
        propertyId,
        { type: 'PostNotice', title: 'Water off', body: 'From 9 to 1.', postedBy: manager.userId as string },
        envelope(env),
      );
    },
    async createLease(input, env) {
      return writer.createLease(input, envelope(env)).leaseId;
    },
    async change(leaseId, command, env) {
      writer.changeLease(leaseId, command, envelope(env));
    },
    async bill(asOf, leaseIds) {
      for (const leaseId of leaseIds) writer.bill(leaseId, asOf, at(asOf, 6), `billing-${asOf}`);
    },
    async lease(leaseId) {
      return writer.leaseState(leaseId) as LeaseState;
    },
    async request(leaseId, env) {
      return writer.requestMaintenance(
        { leaseId, category: 'plumbing', priority: 'high', description: 'The sink leaks.' },
        envelope(env),
      ).requestId;
    },
    async maintain(requestId, command, env) {
      writer.changeMaintenance(requestId, command, envelope(env));
    },
  };
}

async function scenario(path: Path): Promise<void> {
  const { propertyId, unitIds } = await path.registerProperty(2, {
    actor: manager,
    key: 'property',
    day: '2025-12-01',
  });
  await path.notice(propertyId, { actor: manager, key: 'notice', day: '2025-12-02' });
  const terms = {
    monthlyRentCents: 150_000,
    dueDay: 1,
    graceDays: 5,
    lateFeeCents: 5_000,
    securityDepositCents: 150_000,
    nsfFeeCents: 3_500,
  };
  const a = await path.createLease(
    {
      tenantId: tenantA.userId as string,
      propertyId,
      unitId: unitIds[0] as string,
      startDate: '2026-01-15',
      endDate: '2026-07-14',
      ...terms,
    },
    { actor: manager, key: 'lease-a', day: '2026-01-05' },
  );
  const b = await path.createLease(
    {
      tenantId: tenantB.userId as string,
      propertyId,
      unitId: unitIds[1] as string,
      startDate: '2026-01-01',
      endDate: '2026-12-31',
      ...terms,
      monthlyRentCents: 160_000,
    },
    { actor: manager, key: 'lease-b', day: '2026-01-02' },
  );
  const leases = [a, b];
  const pay = async (
    leaseId: string,
    actor: Actor,
    key: string,
    day: string,
    amountCents: number,
    purpose?: 'deposit',
  ) =>
    path.change(
      leaseId,
      {
        type: 'ReceivePayment',
        paymentId: uuidFromSeed(`payment:bulk-test:${key}`),
        amountCents,
        paymentDate: day,
        method: 'card',
        actorRole: 'tenant',
        ...(purpose ? { purpose } : {}),
      },
      { actor, key, day, hour: 15 },
    );
  await path.bill('2026-01-02', leases);
  await pay(b, tenantB, 'b-deposit', '2026-01-02', 150_000, 'deposit');
  await pay(b, tenantB, 'b-jan', '2026-01-03', 160_000);
  await path.change(
    a,
    { type: 'EnrolAutopay', method: 'ach' },
    { actor: tenantA, key: 'a-autopay', day: '2026-01-10' },
  );
  await path.bill('2026-01-15', leases);
  await pay(a, tenantA, 'a-deposit', '2026-01-15', 150_000, 'deposit');
  await path.bill('2026-02-01', leases);
  await path.bill('2026-02-07', leases);
  const requestId = await path.request(b, { actor: tenantB, key: 'm1', day: '2026-02-08' });
  await path.maintain(
    requestId,
    { type: 'ScheduleMaintenance', scheduledFor: '2026-02-10' },
    { actor: manager, key: 'm1-schedule', day: '2026-02-09' },
  );
  await path.maintain(
    requestId,
    { type: 'CompleteMaintenance', resolution: 'New washer.' },
    { actor: manager, key: 'm1-complete', day: '2026-02-10' },
  );
  await path.maintain(
    requestId,
    { type: 'RateMaintenance', rating: 4 },
    { actor: tenantB, key: 'm1-rate', day: '2026-02-11' },
  );
  await pay(b, tenantB, 'b-feb-partial', '2026-02-09', 100_000);
  const fee =
    (await path.lease(b)).status === 'none'
      ? undefined
      : ((await path.lease(b)) as Extract<LeaseState, { leaseId: string }>).charges.find(
          (c) => c.kind === 'late_fee',
        );
  if (fee)
    await path.change(
      b,
      { type: 'WaiveCharge', chargeId: fee.chargeId, reason: 'First time.' },
      { actor: manager, key: 'b-waive', day: '2026-02-10' },
    );
  await path.change(
    b,
    {
      type: 'PostCharge',
      chargeId: uuidFromSeed('charge:bulk-test'),
      kind: 'utility',
      description: 'Water',
      amountCents: 4_200,
      dueDate: '2026-02-20',
    },
    { actor: manager, key: 'b-charge', day: '2026-02-12' },
  );
  await path.change(
    b,
    {
      type: 'GrantCredit',
      creditId: uuidFromSeed('credit:bulk-test'),
      amountCents: 2_000,
      reason: 'Repair delay.',
    },
    { actor: manager, key: 'b-credit', day: '2026-02-13' },
  );
  await path.bill('2026-03-01', leases);
  await pay(b, tenantB, 'b-mar', '2026-03-02', 230_000);
  await path.change(
    b,
    { type: 'ReversePayment', paymentId: uuidFromSeed('payment:bulk-test:b-mar'), reason: 'NSF' },
    { actor: manager, key: 'b-reverse', day: '2026-03-05' },
  );
  await path.bill('2026-03-07', leases);
  await path.change(
    a,
    { type: 'RenewLease', newEndDate: '2027-01-14', monthlyRentCents: 155_000 },
    { actor: manager, key: 'a-renew', day: '2026-03-08' },
  );
  await path.change(
    b,
    { type: 'TerminateLease', effectiveDate: '2026-03-31', reason: 'Moving away.' },
    { actor: manager, key: 'b-terminate', day: '2026-03-10' },
  );
  await path.bill('2026-04-01', leases);
  await path.change(
    b,
    {
      type: 'SettleDeposit',
      deductions: [{ description: 'Cleaning', amountCents: 10_000 }],
      refundMethod: 'check',
    },
    { actor: manager, key: 'b-settle', day: '2026-04-10' },
  );
}

type Row = Record<string, unknown>;
async function eventsByStream(runtime: Runtime): Promise<Map<string, Row[]>> {
  const out = new Map<string, Row[]>();
  for (const { streamId } of await streamHeads(runtime.database.db)) {
    const events = await runtime.store.readStream(streamId);
    out.set(
      streamId,
      events.map((e) => {
        const { correlationId, ...metadata } = e.metadata as Row;
        return {
          version: e.version,
          eventId: e.eventId,
          eventType: e.eventType,
          schemaVersion: e.storedSchemaVersion,
          data: e.data,
          recordedAt: e.recordedAt,
          metadata: String(correlationId).startsWith('billing-') ? metadata : { ...metadata, correlationId },
        };
      }),
    );
  }
  return out;
}

let commandDb: TestDatabase;
let bulkDb: TestDatabase;
let commandRuntime: Runtime;
let bulkRuntime: Runtime;

beforeAll(async () => {
  commandDb = await freshDatabase();
  bulkDb = await freshDatabase();
  commandRuntime = createRuntime(commandDb);
  bulkRuntime = createRuntime(bulkDb);
  await scenario(commandPath(commandRuntime));
  const writer = createBulkWriter({
    registry: bulkRuntime.store.registry,
    defaultTimeZone: bulkRuntime.defaultTimeZone,
    snapshotEvery: bulkRuntime.store.snapshotEvery,
  });
  await scenario(bulkPath(writer));
  await bulkDb.db.transaction(async (tx) => {
    for (const streamId of writer.pendingStreams()) await writer.write(tx, streamId);
  });
});

afterAll(async () => {
  await commandDb?.close();
  await bulkDb?.close();
});

describe('bench:data bulk writer', () => {
  it('writes, stream by stream, the events the command path writes', async () => {
    const viaCommands = await eventsByStream(commandRuntime);
    const viaBulk = await eventsByStream(bulkRuntime);
    expect([...viaBulk.keys()]).toEqual([...viaCommands.keys()]);
    const types = [...viaCommands.values()].flat().map((e) => e.eventType);
    for (const type of [
      'RentCharged',
      'PaymentReceived',
      'MonthlyPaymentCompleted',
      'LateFeeAssessed',
      'PaymentReversed',
      'ChargePosted',
      'ChargeWaived',
      'CreditGranted',
      'LeaseRenewed',
      'LeaseTerminated',
      'DepositSettled',
      'AutopayEnrolled',
      'NoticePosted',
      'MaintenanceRated',
    ])
      expect(types).toContain(type);
    for (const [streamId, events] of viaCommands) expect(viaBulk.get(streamId), streamId).toEqual(events);
  });

  it("leaves every stream verifiable (the hash chain is the store's own)", async () => {
    for (const { streamId } of await streamHeads(bulkDb.db)) {
      const result = await bulkRuntime.store.verifyStream(streamId);
      expect(result.valid, streamId).toBe(true);
    }
  });

  it('plans the same portfolio from the same seed', () => {
    const make = () => {
      const plan = planPortfolio({ leases: 3, seed: 7, today: '2026-12-01', bigLeaseEvents: 0 });
      const writer = createBulkWriter({ registry: bulkRuntime.store.registry, defaultTimeZone: 'UTC' });
      runProperties(plan, writer);
      const ids = [0, 1, 2].map((i) => runLease(plan, writer, i).leaseId);
      return { ids, events: writer.events, states: ids.map((id) => writer.leaseState(id)) };
    };
    const first = make();
    expect(first.events).toBeGreaterThan(100);
    expect(make()).toEqual(first);
  });
});
