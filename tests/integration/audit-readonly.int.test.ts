// Auditors are strictly read-only: every write route refuses them with 403 and appends nothing, and
// the policy every command path (API and server actions) goes through refuses every command.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as runBilling } from '@/app/api/v1/billing/run/route';
import { GET as feed } from '@/app/api/v1/events/route';
import { DELETE as cancelAutopay, POST as enrolAutopay } from '@/app/api/v1/leases/[leaseId]/autopay/route';
import { GET as exportTimeline } from '@/app/api/v1/leases/[leaseId]/export/route';
import { POST as reverse } from '@/app/api/v1/leases/[leaseId]/payments/[paymentId]/reversal/route';
import { POST as pay } from '@/app/api/v1/leases/[leaseId]/payments/route';
import { POST as renew } from '@/app/api/v1/leases/[leaseId]/renewal/route';
import { GET as leaseState } from '@/app/api/v1/leases/[leaseId]/state/route';
import { POST as terminate } from '@/app/api/v1/leases/[leaseId]/termination/route';
import { GET as verify } from '@/app/api/v1/leases/[leaseId]/verify/route';
import { POST as createLease } from '@/app/api/v1/leases/route';
import { POST as cancelRequest } from '@/app/api/v1/maintenance-requests/[id]/cancel/route';
import { POST as completeRequest } from '@/app/api/v1/maintenance-requests/[id]/complete/route';
import { POST as rateRequest } from '@/app/api/v1/maintenance-requests/[id]/rating/route';
import { POST as scheduleRequest } from '@/app/api/v1/maintenance-requests/[id]/schedule/route';
import { POST as requestMaintenance } from '@/app/api/v1/maintenance-requests/route';
import { POST as postNotice } from '@/app/api/v1/properties/[propertyId]/notices/route';
import { POST as registerProperty } from '@/app/api/v1/properties/route';
import { POST as inviteTenant } from '@/app/api/v1/tenants/route';
import {
  type Actor,
  authoriseLeaseCommand,
  authoriseMaintenanceCommand,
  authoriseProperty,
} from '@/server/auth/policy';
import { rows } from '@/server/db/client';
import { apiWorld, type CallOptions, call, closeWorld, today, type World } from './api-helpers';

let world: World;
let paymentId: string;
let requestId: string;

beforeAll(async () => {
  world = await apiWorld();
  const paid = await call(pay, '/p', {
    as: world.tenant,
    key: 'ro-pay',
    params: { leaseId: world.own.leaseId },
    body: { amountCents: 10_000, method: 'card' },
  });
  paymentId = paid.body.paymentId;
  const requested = await call(requestMaintenance, '/m', {
    as: world.tenant,
    body: { leaseId: world.own.leaseId, category: 'plumbing', priority: 'normal', description: 'Leaky tap' },
  });
  expect(requested.status).toBe(201);
  requestId = requested.body.requestId;
});
afterAll(() => closeWorld(world));

const eventCount = async () =>
  Number((await rows<{ n: string }>(world.runtime.database.db, sql`SELECT count(*) AS n FROM events`))[0]?.n);

describe('auditor write attempts', () => {
  it('every write route answers 403 and appends nothing', async () => {
    const lease = () => ({ leaseId: world.own.leaseId });
    const attempts: [string, Parameters<typeof call>[0], CallOptions][] = [
      ['pay', pay, { params: lease(), key: 'a1', body: { amountCents: 100, method: 'check' } }],
      ['reverse', reverse, { params: { ...lease(), paymentId }, body: { reason: 'error' } }],
      ['renew', renew, { params: lease(), body: { newEndDate: '2099-12-31', monthlyRentCents: 160_000 } }],
      ['terminate', terminate, { params: lease(), body: { effectiveDate: today, reason: 'audit' } }],
      ['enrol autopay', enrolAutopay, { params: lease(), body: { method: 'card' } }],
      ['cancel autopay', cancelAutopay, { method: 'DELETE', params: lease() }],
      [
        'create lease',
        createLease,
        {
          body: {
            propertyId: world.own.propertyId,
            unitId: world.own.unitB,
            tenantId: world.tenant2.id,
            startDate: '2099-01-01',
            endDate: '2099-12-31',
            monthlyRentCents: 100_000,
            dueDay: 1,
            graceDays: 5,
            lateFeeCents: 5_000,
            securityDepositCents: 0,
          },
        },
      ],
      [
        'register property',
        registerProperty,
        {
          body: {
            name: 'Audit Towers',
            address: { line1: '1 Main St', city: 'Salem', state: 'OR', postalCode: '97301' },
            units: [{ label: '1', marketRentCents: 100_000 }],
          },
        },
      ],
      [
        'post notice',
        postNotice,
        { params: { propertyId: world.own.propertyId }, body: { title: 'Hi', body: 'There' } },
      ],
      [
        'invite tenant',
        inviteTenant,
        { body: { name: 'New Person', email: `new-${randomUUID()}@example.com` } },
      ],
      [
        'request maintenance',
        requestMaintenance,
        { body: { leaseId: world.own.leaseId, category: 'plumbing', priority: 'normal', description: 'x' } },
      ],
      ['schedule', scheduleRequest, { params: { id: requestId }, body: { scheduledFor: today } }],
      ['complete', completeRequest, { params: { id: requestId }, body: { resolution: 'done' } }],
      ['cancel', cancelRequest, { params: { id: requestId }, body: { reason: 'no' } }],
      ['rate', rateRequest, { params: { id: requestId }, body: { rating: 5 } }],
      ['billing run', runBilling, { body: { asOf: today } }],
    ];
    const before = await eventCount();
    for (const [name, handler, options] of attempts) {
      const res = await call(handler, `/${name}`, { ...options, as: world.auditor });
      expect(res.status, name).toBe(403);
      expect(res.body.error.code, name).toBe('forbidden');
    }
    expect(await eventCount()).toBe(before);
  });

  it('reads, verifies and exports every lease', async () => {
    for (const leaseId of [world.own.leaseId, world.other.leaseId]) {
      const params = { leaseId };
      expect((await call(leaseState, '/state', { as: world.auditor, params })).status).toBe(200);
      expect((await call(verify, '/verify', { as: world.auditor, params })).status).toBe(200);
      expect((await call(exportTimeline, '/export', { as: world.auditor, params })).status).toBe(200);
    }
    expect((await call(feed, '/events', { as: world.auditor })).status).toBe(200);
  });

  it('the policy refuses every lease, maintenance and property command for an auditor', () => {
    const auditor: Actor = { userId: world.auditor.id, role: 'auditor', name: world.auditor.name };
    const lease = {
      tenantId: world.tenant.id,
      propertyId: world.own.propertyId,
      managerId: world.manager.id,
    };
    for (const type of [
      'CreateLease',
      'ReceivePayment',
      'ReversePayment',
      'RenewLease',
      'TerminateLease',
      'PostDueItems',
      'EnrolAutopay',
      'CancelAutopay',
    ] as const) {
      expect(() => authoriseLeaseCommand(auditor, { type }, lease), type).toThrow(/not allow/);
    }
    for (const type of [
      'RequestMaintenance',
      'ScheduleMaintenance',
      'CompleteMaintenance',
      'RateMaintenance',
      'CancelMaintenance',
    ] as const) {
      expect(() => authoriseMaintenanceCommand(auditor, type, lease), type).toThrow(/not allow/);
    }
    for (const action of ['register', 'post_notice', 'create_lease'] as const) {
      expect(() => authoriseProperty(auditor, action, { managerId: world.manager.id }), action).toThrow(
        /not allow/,
      );
    }
  });
});
