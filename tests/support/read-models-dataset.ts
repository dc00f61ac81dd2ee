// A small fixed portfolio built through the real command path, for the read-model tests.
// Every figure the tests expect is worked out by hand in the comments below; "today" is 2027-06-15.
//
// Manager A: Maple Court (Portland; 1A 1,500.00, 1B 2,000.00) and Birch House (Seattle; 2A 1,000.00).
// Manager B: Cedar Lofts (Portland; 3A 1,800.00, 3B 1,200.00).
// L1 Tess/1A 2027-01-01..12-31 rent 1,500 (due 1st, grace 5, fee 50): pays Jan 01-03, Feb 02-02
//    (reversed NSF on 06-10), Mar 1,000 on 03-03, Apr 1,500 on 04-02, May 2,150 on 05-05.
// L2 Uma/2A 2027-03-15..08-10 rent 1,500: March prorated 822.58 paid 03-15, Apr paid 04-01, May
//    unpaid, 1,000 on 06-03.
// L3 Vic/3A (manager B) 2027-01-01..12-31 rent 1,800, paid on every 1st; terminated (effective
//    2027-07-31) on 06-15.
// L4 Uma/1B 2026-06-01..2026-12-31: never billed; ended.
import { insertUser } from '@/server/auth/users';
import type { CommandEnvelope } from '@/server/commands/handle';
import { changeLease, createLease } from '@/server/commands/lease';
import { changeMaintenance, requestMaintenance } from '@/server/commands/maintenance';
import { changeProperty, registerProperty } from '@/server/commands/property';
import type { Runtime } from '@/server/runtime';
import { backdated } from './envelopes';

export const TODAY = '2027-06-15';

export const ids = {
  managerA: '00000000-0000-4000-8000-0000000000a1',
  managerB: '00000000-0000-4000-8000-0000000000b1',
  tess: '00000000-0000-4000-8000-000000000001',
  uma: '00000000-0000-4000-8000-000000000002',
  vic: '00000000-0000-4000-8000-000000000003',
  auditor: '00000000-0000-4000-8000-0000000000c1',
};

const as = (userId: string, role: 'manager' | 'tenant') => (date: string) =>
  backdated({ userId, role }, date, 'dataset');
const managerA = as(ids.managerA, 'manager');
const managerB = as(ids.managerB, 'manager');
const tenant = (userId: string) => as(userId, 'tenant');

export interface Dataset {
  maple: string;
  birch: string;
  cedar: string;
  units: Record<'1A' | '1B' | '2A' | '3A' | '3B', string>;
  leases: Record<'l1' | 'l2' | 'l3' | 'l4', string>;
  payments: Record<'l1Feb' | 'l1May' | 'l2Jun', string>;
  requests: Record<'leak' | 'sparks' | 'fridge' | 'ants' | 'door', string>;
}

async function property(
  runtime: Runtime,
  envelope: CommandEnvelope,
  name: string,
  line1: string,
  city: string,
  state: string,
  postalCode: string,
  managerId: string,
  units: { label: string; marketRentCents: number }[],
) {
  const result = await registerProperty(
    runtime,
    { name, address: { line1, city, state, postalCode }, managerId, units },
    envelope,
  );
  if (result.state?.status !== 'registered') throw new Error('property not registered');
  return { propertyId: result.propertyId, units: result.state.units.map((u) => u.unitId) };
}

export async function buildDataset(runtime: Runtime): Promise<Dataset> {
  const db = runtime.database.db;
  await insertUser(db, { id: ids.managerA, email: 'ma@example.com', name: 'Morgan A', role: 'manager' });
  await insertUser(db, { id: ids.managerB, email: 'mb@example.com', name: 'Blake B', role: 'manager' });
  await insertUser(db, { id: ids.tess, email: 'tess@example.com', name: 'Tess Tenant', role: 'tenant' });
  await insertUser(db, { id: ids.uma, email: 'uma@example.com', name: 'Uma Renter', role: 'tenant' });
  await insertUser(db, { id: ids.vic, email: 'vic@example.com', name: 'Vic Lodger', role: 'tenant' });
  await insertUser(db, { id: ids.auditor, email: 'au@example.com', name: 'Ada Auditor', role: 'auditor' });

  const start = '2026-05-01';
  const maple = await property(
    runtime,
    managerA(start),
    'Maple Court',
    '12 Maple St',
    'Portland',
    'OR',
    '97201',
    ids.managerA,
    [
      { label: '1A', marketRentCents: 150_000 },
      { label: '1B', marketRentCents: 200_000 },
    ],
  );
  const birch = await property(
    runtime,
    managerA(start),
    'Birch House',
    '400 Birch Ave',
    'Seattle',
    'WA',
    '98101',
    ids.managerA,
    [{ label: '2A', marketRentCents: 100_000 }],
  );
  const cedar = await property(
    runtime,
    managerB(start),
    'Cedar Lofts',
    '9 Cedar Rd',
    'Portland',
    'OR',
    '97205',
    ids.managerB,
    [
      { label: '3A', marketRentCents: 180_000 },
      { label: '3B', marketRentCents: 120_000 },
    ],
  );
  const [u1A = '', u1B = ''] = maple.units;
  const [u2A = ''] = birch.units;
  const [u3A = '', u3B = ''] = cedar.units;

  const terms = { dueDay: 1, graceDays: 5, lateFeeCents: 5_000, securityDepositCents: 0 };
  const lease = async (
    envelope: CommandEnvelope,
    input: Omit<Parameters<typeof createLease>[1], keyof typeof terms>,
  ) => (await createLease(runtime, { ...terms, ...input }, envelope)).leaseId;
  const l4 = await lease(managerA(start), {
    tenantId: ids.uma,
    propertyId: maple.propertyId,
    unitId: u1B,
    startDate: '2026-06-01',
    endDate: '2026-12-31',
    monthlyRentCents: 200_000,
  });
  const created = '2026-12-15';
  const l1 = await lease(managerA(created), {
    tenantId: ids.tess,
    propertyId: maple.propertyId,
    unitId: u1A,
    startDate: '2027-01-01',
    endDate: '2027-12-31',
    monthlyRentCents: 150_000,
  });
  const l2 = await lease(managerA(created), {
    tenantId: ids.uma,
    propertyId: birch.propertyId,
    unitId: u2A,
    startDate: '2027-03-15',
    endDate: '2027-08-10',
    monthlyRentCents: 150_000,
  });
  const l3 = await lease(managerB(created), {
    tenantId: ids.vic,
    propertyId: cedar.propertyId,
    unitId: u3A,
    startDate: '2027-01-01',
    endDate: '2027-12-31',
    monthlyRentCents: 180_000,
  });

  const bill = async (asOf: string) => {
    for (const leaseId of [l1, l2, l3]) {
      await changeLease(
        runtime,
        leaseId,
        { type: 'PostDueItems', asOf },
        { ...managerA(asOf), actor: { userId: null, role: 'system' } },
      );
    }
  };
  const pay = async (
    leaseId: string,
    date: string,
    amountCents: number,
    method: 'check' | 'ach' | 'card' = 'check',
  ) => {
    const paymentId = crypto.randomUUID();
    await changeLease(
      runtime,
      leaseId,
      { type: 'ReceivePayment', paymentId, amountCents, paymentDate: date, method, actorRole: 'manager' },
      leaseId === l3 ? managerB(date) : managerA(date),
    );
    return paymentId;
  };

  await bill('2027-01-01');
  await pay(l1, '2027-01-03', 150_000);
  await pay(l3, '2027-01-01', 180_000);
  await bill('2027-02-01');
  const l1Feb = await pay(l1, '2027-02-02', 150_000, 'ach');
  await pay(l3, '2027-02-01', 180_000);
  await bill('2027-03-01');
  await pay(l1, '2027-03-03', 100_000);
  await pay(l3, '2027-03-01', 180_000);
  await bill('2027-03-10');
  await bill('2027-03-15');
  await pay(l2, '2027-03-15', 82_258, 'card');
  await bill('2027-04-01');
  await pay(l1, '2027-04-02', 150_000);
  await pay(l2, '2027-04-01', 150_000, 'card');
  await pay(l3, '2027-04-01', 180_000);
  await bill('2027-04-10');
  await bill('2027-05-01');
  await pay(l3, '2027-05-01', 180_000);
  const l1May = await pay(l1, '2027-05-05', 215_000);
  await bill('2027-05-10');
  await bill('2027-06-01');
  await pay(l3, '2027-06-01', 180_000);
  const l2Jun = await pay(l2, '2027-06-03', 100_000, 'ach');
  await changeLease(
    runtime,
    l1,
    { type: 'ReversePayment', paymentId: l1Feb, reason: 'NSF' },
    managerA('2027-06-10'),
  );
  await bill(TODAY);
  await changeLease(
    runtime,
    l1,
    { type: 'EnrolAutopay', method: 'ach', capCents: 200_000 },
    tenant(ids.tess)(TODAY),
  );
  await changeLease(
    runtime,
    l3,
    { type: 'TerminateLease', effectiveDate: '2027-07-31', reason: 'Moving abroad' },
    managerB(TODAY),
  );

  // Notices: one current (through 06-20), one expired (05-01), one without expiry, one withdrawn.
  await changeProperty(
    runtime,
    maple.propertyId,
    { type: 'PostNotice', title: 'Old news', body: 'Gone.', expiresOn: '2027-05-01', postedBy: ids.managerA },
    managerA('2027-04-01'),
  );
  await changeProperty(
    runtime,
    maple.propertyId,
    {
      type: 'PostNotice',
      title: 'Water shut-off',
      body: 'Friday 9-11.',
      expiresOn: '2027-06-20',
      postedBy: ids.managerA,
    },
    managerA('2027-06-01'),
  );
  await changeProperty(
    runtime,
    birch.propertyId,
    { type: 'PostNotice', title: 'Welcome', body: 'Hello.', postedBy: ids.managerA },
    managerA('2027-03-15'),
  );
  // A notice posted and then withdrawn: tenants never see it again, the read model keeps it.
  const withdrawnId = '00000000-0000-4000-8000-00000000a11d';
  await changeProperty(
    runtime,
    maple.propertyId,
    {
      type: 'PostNotice',
      noticeId: withdrawnId,
      title: 'Wrong building',
      body: 'Oops.',
      postedBy: ids.managerA,
    },
    managerA('2027-06-02'),
  );
  await changeProperty(
    runtime,
    maple.propertyId,
    { type: 'WithdrawNotice', noticeId: withdrawnId, reason: 'Posted by mistake', withdrawnBy: ids.managerA },
    managerA('2027-06-02'),
  );

  // Maintenance: Tess's leak (rated 4) and open fridge; Uma's sparks (rated 2) and cancelled ants;
  // Vic's door (manager B, rated 5).
  const request = async (leaseId: string, who: string, date: string, category: string, priority: string) =>
    (
      await requestMaintenance(
        runtime,
        { leaseId, category, priority, description: `${category} problem` },
        tenant(who)(date),
      )
    ).requestId;
  const finish = async (requestId: string, date: string, who: string, rating: number, manager = managerA) => {
    await changeMaintenance(
      runtime,
      requestId,
      { type: 'ScheduleMaintenance', scheduledFor: date },
      manager(date),
    );
    await changeMaintenance(
      runtime,
      requestId,
      { type: 'CompleteMaintenance', resolution: 'Fixed.' },
      manager(date),
    );
    await changeMaintenance(
      runtime,
      requestId,
      { type: 'RateMaintenance', rating, comment: `${rating} stars` },
      tenant(who)(date),
    );
  };
  const leak = await request(l1, ids.tess, '2027-04-18', 'plumbing', 'urgent');
  await finish(leak, '2027-04-20', ids.tess, 4);
  const sparks = await request(l2, ids.uma, '2027-05-10', 'electrical', 'normal');
  await finish(sparks, '2027-05-12', ids.uma, 2);
  const fridge = await request(l1, ids.tess, '2027-06-12', 'appliance', 'high');
  const ants = await request(l2, ids.uma, '2027-06-01', 'pest', 'low');
  await changeMaintenance(
    runtime,
    ants,
    { type: 'CancelMaintenance', reason: 'Gone by themselves.' },
    managerA('2027-06-02'),
  );
  const door = await request(l3, ids.vic, '2027-02-01', 'structural', 'normal');
  await finish(door, '2027-02-03', ids.vic, 5, managerB);

  return {
    maple: maple.propertyId,
    birch: birch.propertyId,
    cedar: cedar.propertyId,
    units: { '1A': u1A, '1B': u1B, '2A': u2A, '3A': u3A, '3B': u3B },
    leases: { l1, l2, l3, l4 },
    payments: { l1Feb, l1May, l2Jun },
    requests: { leak, sparks, fridge, ants, door },
  };
}
