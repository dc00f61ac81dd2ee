// The auditor's timeline query (changes folded with the lease's evolve, causes, paging, upcast
// events), the feed's type filters, the export's added columns, and tamper detection by the verify
// route and the audit:verify CLI.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as feed } from '@/app/api/v1/events/route';
import { GET as exportTimeline } from '@/app/api/v1/leases/[leaseId]/export/route';
import { POST as pay } from '@/app/api/v1/leases/[leaseId]/payments/route';
import { GET as verify } from '@/app/api/v1/leases/[leaseId]/verify/route';
import { changeLease } from '@/server/commands/lease';
import { leaseStreamId } from '@/server/domain/lease';
import { auditTimelinePage, pageStartOf, recentFeedCursor } from '@/server/queries/audit-timeline';
import { CSV_COLUMNS } from '@/server/queries/lease-history';
import { auditVerify, describeReport, parseArgs } from '../../scripts/audit-verify';
import { apiWorld, call, closeWorld, today, type World } from './api-helpers';

let world: World;
let leaseId: string;
let streamId: string;
let start: string;

beforeAll(async () => {
  world = await apiWorld();
  leaseId = world.own.leaseId;
  streamId = leaseStreamId(leaseId);
  start = `${today.slice(0, 7)}-01`;
  const afterGrace = `${today.slice(0, 7)}-10`;
  const envelope = {
    actor: { userId: world.admin.id, role: 'admin' as const, name: world.admin.name },
    correlationId: randomUUID(),
    source: 'billing' as const,
    // The run that assesses the fee is the one on that day (a run ahead of today assesses none).
    now: new Date(`${afterGrace}T12:00:00.000Z`),
  };
  // v3: the late fee, caused by the v2 rent charge.
  await changeLease(world.runtime, leaseId, { type: 'PostDueItems', asOf: afterGrace }, envelope);
  // v4: a payment by the tenant through the API.
  const paid = await call(pay, '/p', {
    as: world.tenant,
    key: 'audit-pay',
    params: { leaseId },
    body: { amountCents: 50_000, method: 'card' },
  });
  expect(paid.status).toBe(201);
  // v5: a payment stored at schema v1 (dollars), as an old release wrote it.
  await world.runtime.store.append(
    streamId,
    [
      {
        type: 'PaymentReceived',
        schemaVersion: 1,
        data: { paymentId: randomUUID(), amount: 100.5, paymentDate: today, method: 'check' },
      },
    ],
    {
      expectedVersion: 4,
      metadata: {
        actor: { userId: null, role: 'system', name: 'Importer' },
        correlationId: randomUUID(),
        causationId: null,
        source: 'import',
      },
    },
  );
});
afterAll(() => closeWorld(world));

describe('auditTimelinePage', () => {
  it('lists every event with its actor, effective date, cause, upcast versions and state change', async () => {
    const page = await auditTimelinePage(world.runtime, leaseId);
    expect(page).not.toBeNull();
    if (!page) return;
    expect(page.totalEvents).toBe(5);
    expect(page.events.map((e) => e.eventType)).toEqual([
      'LeaseCreated',
      'RentCharged',
      'LateFeeAssessed',
      'PaymentReceived',
      'PaymentReceived',
    ]);
    expect(page.eventTypes).toEqual(['LateFeeAssessed', 'LeaseCreated', 'PaymentReceived', 'RentCharged']);
    const [created, charged, fee, payment, imported] = page.events;
    expect(created?.change.before).toEqual({ status: 'none', balanceCents: 0, depositHeldCents: 0 });
    expect(created?.change.after).toEqual({ status: 'active', balanceCents: 0, depositHeldCents: 0 });
    expect(charged?.effectiveDate).toBe(start.slice(0, 7));
    expect(charged?.change.after.balanceCents).toBe(150_000);
    expect(charged?.change.periods).toEqual([
      {
        period: start.slice(0, 7),
        before: null,
        after: {
          period: start.slice(0, 7),
          chargedCents: 150_000,
          paidCents: 0,
          lateFeeCents: 0,
          completed: false,
        },
      },
    ]);
    expect(fee?.cause).toEqual({ eventId: charged?.eventId, version: 2, eventType: 'RentCharged', streamId });
    expect(fee?.change.before.balanceCents).toBe(150_000);
    expect(fee?.change.after.balanceCents).toBe(155_000);
    expect(fee?.metadata.actor).toEqual({ userId: world.admin.id, role: 'admin', name: world.admin.name });
    expect(payment?.metadata.actor.role).toBe('tenant');
    expect(payment?.metadata.source).toBe('api');
    expect(payment?.effectiveDate).toBe(today);
    expect(payment?.change.after.balanceCents).toBe(105_000);
    expect(payment?.storedSchemaVersion).toBe(3);
    expect(imported?.storedSchemaVersion).toBe(1);
    expect(imported?.schemaVersion).toBe(3);
    expect(imported?.data).toMatchObject({ amountCents: 10_050, currency: 'USD', purpose: 'rent' });
    expect(imported?.change.after.balanceCents).toBe(94_950);
  });

  it('pages by aligned version ranges and folds the state before the page', async () => {
    expect(pageStartOf(1, 2)).toBe(1);
    expect(pageStartOf(4, 2)).toBe(3);
    const page = await auditTimelinePage(world.runtime, leaseId, { fromVersion: 4, pageSize: 2 });
    expect(page?.fromVersion).toBe(3);
    expect(page?.events.map((e) => e.version)).toEqual([3, 4]);
    expect(page?.events[0]?.change.before.balanceCents).toBe(150_000);
    expect(page?.events[0]?.cause?.version).toBe(2);
    expect(await auditTimelinePage(world.runtime, randomUUID())).toBeNull();
  });
});

describe('GET /leases/:leaseId/export with the change columns', () => {
  it('has one CSV row per event plus the header, with before → after', async () => {
    const res = await call(exportTimeline, '/export?format=csv', { as: world.auditor, params: { leaseId } });
    const lines = res.text.trimEnd().split('\r\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(CSV_COLUMNS).toEqual(
      expect.arrayContaining(['hash', 'balanceBeforeCents', 'balanceAfterCents', 'causationId']),
    );
    expect(lines[3]).toMatch(/^3,LateFeeAssessed,.*,active,active,150000,155000,/);
    const json = await call(exportTimeline, '/export?format=json', {
      as: world.auditor,
      params: { leaseId },
    });
    const doc = JSON.parse(json.text);
    expect(doc.events[4]).toMatchObject({ storedSchemaVersion: 1, schemaVersion: 3, effectiveDate: today });
    expect(doc.events[4].change.after.balanceCents).toBe(94_950);
  });
});

describe('GET /events filters', () => {
  it('filters the feed by event type and stream type', async () => {
    const fees = await call(feed, '/events?eventTypes=LateFeeAssessed', { as: world.auditor });
    expect(fees.status).toBe(200);
    expect(fees.body.events.length).toBeGreaterThan(0);
    expect(fees.body.events.every((e: { eventType: string }) => e.eventType === 'LateFeeAssessed')).toBe(
      true,
    );
    const two = await call(feed, '/events?eventTypes=LateFeeAssessed,LeaseCreated&streamTypes=lease', {
      as: world.auditor,
    });
    expect(new Set(two.body.events.map((e: { eventType: string }) => e.eventType))).toEqual(
      new Set(['LateFeeAssessed', 'LeaseCreated']),
    );
    const properties = await call(feed, '/events?streamTypes=property', { as: world.auditor });
    expect(properties.body.events.length).toBe(2);
    expect(
      properties.body.events.every((e: { streamId: string }) => e.streamId.startsWith('property-')),
    ).toBe(true);
    const bad = await call(feed, '/events?eventTypes=drop%20table', { as: world.auditor });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toMatch(/^eventTypes/);
  });

  it('starts the activity feed a given number of events before the end', async () => {
    const cursor = await recentFeedCursor(world.runtime.database.db, 3);
    const tail = await world.runtime.store.readAll({ after: cursor });
    expect(tail.events).toHaveLength(3);
    expect(tail.events.at(-1)?.streamId).toBe(streamId);
  });
});

describe('tampering', () => {
  it('the verify route and the CLI report the first broken version', async () => {
    const intact = await call(verify, '/verify', { as: world.auditor, params: { leaseId } });
    expect(intact.body).toEqual({ streamId, events: 5, valid: true });
    expect((await auditVerify(world.runtime.store, { all: true })).broken).toEqual([]);

    const db = world.runtime.database.db;
    await db.execute(sql`ALTER TABLE events DISABLE TRIGGER USER`);
    try {
      await db.execute(
        sql`UPDATE events SET data = jsonb_set(data, '{amountCents}', '1'::jsonb) WHERE stream_id = ${streamId} AND version = 3`,
      );
    } finally {
      await db.execute(sql`ALTER TABLE events ENABLE TRIGGER USER`);
    }

    const broken = await call(verify, '/verify', { as: world.auditor, params: { leaseId } });
    expect(broken.body).toEqual({ streamId, events: 5, valid: false, firstInvalidVersion: 3 });

    const one = await auditVerify(world.runtime.store, { lease: leaseId });
    expect(one.broken).toEqual([{ streamId, events: 5, valid: false, firstInvalidVersion: 3 }]);
    const progress: number[] = [];
    const all = await auditVerify(world.runtime.store, { all: true }, (done) => progress.push(done));
    expect(all.broken.map((r) => r.streamId)).toEqual([streamId]);
    expect(progress.at(-1)).toBe(all.streams);
    expect(describeReport(all)[0]).toBe(`BROKEN ${streamId}: chain broken at version 3`);

    // The real CLI (a separate process) needs a database it can reach: the PostgreSQL run only.
    const options = world.runtime.testDatabase.options;
    if (options.kind === 'postgres') {
      const run = promisify(execFile);
      const failure = await run(
        'npx',
        ['tsx', '--conditions=react-server', 'scripts/audit-verify.ts', '--', '--lease', leaseId],
        {
          env: { ...process.env, DATABASE_URL: options.url, LOG_LEVEL: 'silent' },
        },
      ).catch((error: { code: number; stdout: string }) => error);
      expect('code' in failure ? failure.code : 0).toBe(1);
      expect(failure.stdout).toContain(`chain broken at version 3`);
    }
  });

  it('parses the CLI arguments', () => {
    expect(parseArgs(['--', '--all'])).toEqual({ all: true });
    expect(parseArgs(['--lease', leaseId])).toEqual({ lease: leaseId });
    expect(parseArgs(['--lease', 'nope'])).toBeNull();
    expect(parseArgs([])).toBeNull();
  });
});
