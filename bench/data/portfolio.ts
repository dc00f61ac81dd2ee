// The large benchmark portfolio, planned deterministically from a seed: managers, ~200 properties
// with units, one lease per unit over the last five years (renewals, terminations, autopay), and
// each lease's history as dated actions run through the bulk writer in date order: billing runs,
// payments on time, late and partial, late fees, NSF reversals, charges, credits, waivers,
// maintenance with ratings, deposits paid and settled. Plus one lease with 10,000 events.
import 'server-only';
import type { Actor } from '../../server/commands/handle';
import { uuidFromSeed } from '../../server/commands/ids';
import type { LeaseState } from '../../server/domain/lease';
import { addDays, dayInPeriod, minDate, periodOf } from '../../server/domain/shared/dates';
import { isDomainError } from '../../server/domain/shared/errors';
import { mulberry32, type Rng } from '../../server/seed/prng';
import type { BulkEnvelope, BulkWriter } from './writer';

export interface PlanOptions {
  leases: number;
  seed: number;
  /** YYYY-MM-DD: the history ends on this day. */
  today: string;
  /** Events of the one long lease (0: none). */
  bigLeaseEvents: number;
}

export interface PlannedUser {
  id: string;
  email: string;
  name: string;
  role: 'tenant' | 'manager' | 'auditor' | 'admin';
}

export interface PlannedProperty {
  index: number;
  commandId: string;
  propertyId: string;
  managerIndex: number;
  name: string;
  city: string;
  timeZone: string;
  units: { unitId: string; label: string; marketRentCents: number }[];
}

export interface Plan {
  options: PlanOptions;
  users: PlannedUser[];
  managers: PlannedUser[];
  properties: PlannedProperty[];
  /** Lease index → property index and unit index. */
  unitOf: (lease: number) => { property: number; unit: number };
  tenantOf: (lease: number) => PlannedUser;
  bigTenant: PlannedUser;
}

// Every property keeps its books in UTC: a named zone costs an Intl format per "today" the deciders
// ask for, which made generation several times slower (the zone rules have their own tests).
const CITIES = [
  ['Portland', 'OR', 'UTC'],
  ['Austin', 'TX', 'UTC'],
  ['Denver', 'CO', 'UTC'],
  ['Boston', 'MA', 'UTC'],
  ['Seattle', 'WA', 'UTC'],
  ['Atlanta', 'GA', 'UTC'],
  ['Chicago', 'IL', 'UTC'],
  ['Phoenix', 'AZ', 'UTC'],
] as const;
const STREETS = ['Oak', 'Maple', 'Cedar', 'Pine', 'Elm', 'Birch', 'Willow', 'Aspen', 'Harbor', 'Summit'];
const KINDS = ['Apartments', 'Lofts', 'Court', 'Commons', 'Residences', 'Terrace'];
export const PROPERTIES = 200;
const MANAGERS = 8;
/** Manager 0 ("manager-1") holds this share of the properties: at least 2,500 of 10,000 leases. */
const BIG_MANAGER_SHARE = 0.27;
export const BENCH_PASSWORD = 'leasebook-bench';

const user = (key: string, name: string, role: PlannedUser['role']): PlannedUser => ({
  id: uuidFromSeed(`bench:user:${key}`),
  email: `${key}@bench.example.com`,
  name,
  role,
});

export function planPortfolio(options: PlanOptions): Plan {
  const rng = mulberry32(options.seed);
  const managers = Array.from({ length: MANAGERS }, (_, i) =>
    user(`manager-${i + 1}`, `Manager ${i + 1}`, 'manager'),
  );
  const unitsPerProperty = Math.ceil(options.leases / PROPERTIES);
  const bigManagerProperties = Math.ceil(PROPERTIES * BIG_MANAGER_SHARE);
  const properties: PlannedProperty[] = [];
  for (let index = 0; index < PROPERTIES; index++) {
    const [city, , timeZone] = CITIES[index % CITIES.length] as (typeof CITIES)[number];
    const commandId = `bench:${options.seed}:property:${index}`;
    const baseRent = rng.int(9, 30) * 10_000;
    // Every unit has a lease; a few vacant ones more (and the long lease's own unit in property 0).
    const count = unitsPerProperty + 2 + (index === 0 ? 1 : 0);
    const units = Array.from({ length: count }, (_, u) => ({
      unitId: uuidFromSeed(`unit:${commandId}:${u}`),
      label: `${Math.floor(u / 10) + 1}${String.fromCharCode(65 + (u % 10))}`,
      marketRentCents: baseRent + rng.int(0, 8) * 2_500,
    }));
    properties.push({
      index,
      commandId,
      propertyId: uuidFromSeed(`property:${commandId}`),
      managerIndex: index < bigManagerProperties ? 0 : 1 + ((index - bigManagerProperties) % (MANAGERS - 1)),
      name: `${rng.pick(STREETS)} ${rng.pick(KINDS)} ${index + 1}`,
      city,
      timeZone,
      units,
    });
  }
  const tenantOf = (lease: number) => user(`tenant-${lease + 1}`, `Tenant ${lease + 1}`, 'tenant');
  const bigTenant = user('tenant-long', 'Long Tenant', 'tenant');
  const users = [
    ...managers,
    user('auditor', 'Bench Auditor', 'auditor'),
    user('admin', 'Bench Admin', 'admin'),
    bigTenant,
    ...Array.from({ length: options.leases }, (_, i) => tenantOf(i)),
  ];
  return {
    options,
    users,
    managers,
    properties,
    unitOf: (lease) => ({ property: lease % PROPERTIES, unit: Math.floor(lease / PROPERTIES) }),
    tenantOf,
    bigTenant,
  };
}

const NOTICES = [
  ['Water shut-off', 'Water will be off from 9:00 to 13:00 for pipe maintenance.'],
  ['Fire alarm test', 'The fire alarms will be tested on Tuesday morning.'],
  ['Parking lot resurfacing', 'Please move cars from the lot by 8:00.'],
  ['Holiday office hours', 'The office closes at noon on the holiday.'],
] as const;

const at = (day: string, minute: number) =>
  new Date(
    `${day}T00:00:00.000Z`.replace(
      '00:00',
      `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`,
    ),
  );
const shift = (period: string, months: number): string => {
  const [y, m] = period.split('-').map(Number) as [number, number];
  const n = y * 12 + (m - 1) + months;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
};
/** The day before the same day `months` later (a term of whole months). */
const termEnd = (start: string, months: number) =>
  addDays(dayInPeriod(shift(periodOf(start), months), Math.min(Number(start.slice(8)), 28)), -1);

/** The properties' registrations and notices (notices spread over five years). */
export function runProperties(plan: Plan, writer: BulkWriter): void {
  const { today } = plan.options;
  for (const property of plan.properties) {
    const manager = plan.managers[property.managerIndex] as PlannedUser;
    const actor = { userId: manager.id, role: 'manager' as const, name: manager.name };
    const from = addDays(today, -5 * 365 - 60);
    writer.registerProperty(
      {
        name: property.name,
        address: {
          line1: `${100 + property.index} ${property.city} Avenue`,
          city: property.city,
          state: 'US',
          postalCode: `${10000 + property.index}`,
        },
        managerId: manager.id,
        timeZone: property.timeZone,
        units: property.units,
      },
      {
        actor,
        correlationId: `bench-property-${property.index}`,
        source: 'seed',
        commandId: property.commandId,
        now: at(from, 9 * 60),
      },
    );
    for (let n = 0; n < 6; n++) {
      const day = addDays(from, 30 + n * 300 + (property.index % 30));
      if (day > today) break;
      const [title, body] = NOTICES[(property.index + n) % NOTICES.length] as readonly [string, string];
      writer.changeProperty(
        property.propertyId,
        { type: 'PostNotice', title, body, expiresOn: addDays(day, 14), postedBy: manager.id },
        {
          actor,
          correlationId: `bench-notice-${property.index}-${n}`,
          source: 'seed',
          commandId: `bench:${plan.options.seed}:notice:${property.index}:${n}`,
          now: at(day, 8 * 60),
        },
      );
    }
  }
}

interface Action {
  day: string;
  minute: number;
  run: () => void;
}

export interface LeaseOutcome {
  leaseId: string;
  streams: string[];
  refusals: Record<string, number>;
}

type Profile = 'reliable' | 'average' | 'struggling' | 'partial' | 'autopay';
const PROFILES: [Profile, number][] = [
  ['reliable', 0.5],
  ['average', 0.78],
  ['struggling', 0.88],
  ['partial', 0.94],
  ['autopay', 1],
];
type Habit = 'on-time' | 'late' | 'partial' | 'skip';
const HABITS: Record<Profile, [Habit, number][]> = {
  reliable: [
    ['on-time', 0.95],
    ['late', 1],
  ],
  average: [
    ['on-time', 0.75],
    ['late', 0.9],
    ['partial', 0.97],
    ['skip', 1],
  ],
  struggling: [
    ['on-time', 0.45],
    ['late', 0.75],
    ['partial', 0.9],
    ['skip', 1],
  ],
  partial: [
    ['on-time', 0.35],
    ['partial', 0.85],
    ['late', 1],
  ],
  autopay: [['on-time', 1]],
};
const draw = <T>(rng: Rng, table: [T, number][]): T => {
  const r = rng.next();
  return (table.find(([, upTo]) => r < upTo) ?? (table[0] as [T, number]))[0];
};

/** One lease and its whole history (and its maintenance requests), decided in memory. */
export function runLease(plan: Plan, writer: BulkWriter, index: number): LeaseOutcome {
  const { seed, today } = plan.options;
  const rng = mulberry32((seed * 1_000_003 + index * 7_919) >>> 0);
  const { property: p, unit: u } = plan.unitOf(index);
  const property = plan.properties[p] as PlannedProperty;
  const unit = property.units[u] as PlannedProperty['units'][number];
  const manager = plan.managers[property.managerIndex] as PlannedUser;
  const tenant = plan.tenantOf(index);
  const asManager = { userId: manager.id, role: 'manager' as const, name: manager.name };
  const asTenant = { userId: tenant.id, role: 'tenant' as const, name: tenant.name };
  const k = `bench:${seed}:l${index}`;
  const env = (key: string, day: string, minute: number, actor: Actor = asManager): BulkEnvelope => ({
    actor,
    correlationId: `bench-${key}`,
    source: 'seed',
    commandId: `${k}:${key}`,
    now: at(day, minute),
  });
  const refusals: Record<string, number> = {};
  const streams: string[] = [];
  const attempt = (body: () => void) => {
    try {
      body();
    } catch (error) {
      if (!isDomainError(error)) throw error;
      refusals[error.code] = (refusals[error.code] ?? 0) + 1;
    }
  };

  const profile = draw(rng, PROFILES);
  const ago = rng.int(8, 74);
  const startDate = dayInPeriod(shift(periodOf(today), -ago), rng.pick([1, 1, 1, 1, 5, 10, 15, 20]));
  const signedOn = addDays(startDate, -rng.int(5, 20));
  const monthlyRentCents = unit.marketRentCents;
  const dueDay = rng.pick([1, 1, 1, 1, 5]);
  const graceDays = rng.pick([3, 5, 5, 5, 10]);
  let endDate = termEnd(startDate, 12);
  const { leaseId } = writer.createLease(
    {
      tenantId: tenant.id,
      propertyId: property.propertyId,
      unitId: unit.unitId,
      startDate,
      endDate,
      monthlyRentCents,
      dueDay,
      graceDays,
      lateFeeCents: rng.pick([5_000, 5_000, 7_500]),
      securityDepositCents: monthlyRentCents,
      nsfFeeCents: 3_500,
    },
    env('create', signedOn, 9 * 60),
  );
  streams.push(`lease-${leaseId}`);
  const state = () => writer.leaseState(leaseId) as Extract<LeaseState, { leaseId: string }>;

  const actions: Action[] = [];
  const add = (day: string, minute: number, run: () => void) => {
    if (day <= today) actions.push({ day, minute, run });
  };
  // Renewals while the term ends before today; a few terminations; the rest end.
  let rent = monthlyRentCents;
  let renewal = 0;
  while (endDate < today && rng.chance(0.72)) {
    const previous = endDate;
    const newEndDate = termEnd(addDays(previous, 1), 12);
    rent = Math.round((rent * 1.03) / 500) * 500;
    const r = renewal++;
    const monthly = rent;
    add(addDays(previous, -25), 9 * 60, () =>
      attempt(() =>
        writer.changeLease(
          leaseId,
          { type: 'RenewLease', newEndDate, monthlyRentCents: monthly },
          env(`renew${r}`, addDays(previous, -25), 9 * 60),
        ),
      ),
    );
    endDate = newEndDate;
  }
  let last = endDate;
  if (endDate >= today && rng.chance(0.04)) {
    const day = addDays(today, -rng.int(10, 40));
    const effectiveDate = addDays(day, 30);
    if (day > startDate) {
      add(day, 9 * 60, () =>
        attempt(() =>
          writer.changeLease(
            leaseId,
            { type: 'TerminateLease', effectiveDate, reason: 'Tenant relocating for work.' },
            env('terminate', day, 9 * 60),
          ),
        ),
      );
      last = effectiveDate;
    }
  }
  const method = rng.pick(['card', 'ach'] as const);
  const depositDay = startDate > signedOn ? startDate : signedOn;
  add(depositDay, 10 * 60, () =>
    attempt(() =>
      writer.changeLease(
        leaseId,
        {
          type: 'ReceivePayment',
          paymentId: uuidFromSeed(`payment:${k}:deposit`),
          amountCents: monthlyRentCents,
          paymentDate: depositDay,
          method,
          actorRole: 'tenant',
          purpose: 'deposit',
        },
        env('deposit', depositDay, 10 * 60, asTenant),
      ),
    ),
  );
  if (profile === 'autopay') {
    const day = addDays(signedOn, 1);
    add(day, 9 * 60, () =>
      attempt(() =>
        writer.changeLease(leaseId, { type: 'EnrolAutopay', method }, env('autopay', day, 9 * 60, asTenant)),
      ),
    );
  }
  const billing = (day: string) =>
    add(day, 6 * 60, () => {
      writer.bill(
        leaseId,
        day,
        at(day, 6 * 60),
        `billing-${day}-${uuidFromSeed(`bench:${seed}:billing:${day}`)}`,
      );
    });
  const pay = (day: string, key: string, share: number) =>
    add(day, 15 * 60, () => {
      const lease = state();
      if (lease.balanceCents <= 0) return;
      const amountCents = Math.min(
        12 * lease.monthlyRentCents,
        share >= 1 ? lease.balanceCents : Math.max(100, Math.round((lease.balanceCents * share) / 100) * 100),
      );
      const envelope = env(key, day, 15 * 60, asTenant);
      attempt(() =>
        writer.changeLease(
          leaseId,
          {
            type: 'ReceivePayment',
            paymentId: uuidFromSeed(`payment:${envelope.commandId}`),
            amountCents,
            paymentDate: day,
            method,
            actorRole: 'tenant',
          },
          envelope,
        ),
      );
    });

  const lastPeriod = periodOf(minDate(last, today));
  for (let i = 0, period = periodOf(startDate); period <= lastPeriod; i++, period = shift(period, 1)) {
    const due = i === 0 ? startDate : minDate(dayInPeriod(period, dueDay), last);
    billing(due);
    const feeDay = addDays(due, graceDays + 1);
    const key = `p${i}`;
    const habit = profile === 'autopay' ? 'on-time' : draw(rng, HABITS[profile]);
    if (habit !== 'on-time') billing(feeDay);
    if (profile !== 'autopay') {
      const onTime = addDays(due, rng.int(0, Math.min(graceDays, 4)));
      if (habit === 'on-time') pay(onTime, key, 1);
      else if (habit === 'late') pay(addDays(due, graceDays + rng.int(2, 10)), key, 1);
      else if (habit === 'partial') pay(onTime, key, 0.4 + rng.int(0, 8) * 0.05);
      // A bounced payment (NSF): reversed three days later (the NSF fee is posted), paid again.
      if (habit === 'on-time' && rng.chance(0.015)) {
        const day = addDays(onTime, 3);
        add(day, 16 * 60, () => {
          const payment = state().payments.at(-1);
          if (!payment || payment.reversed) return;
          attempt(() =>
            writer.changeLease(
              leaseId,
              { type: 'ReversePayment', paymentId: payment.paymentId, reason: 'NSF' },
              env(`${key}:reverse`, day, 16 * 60),
            ),
          );
        });
        pay(addDays(day, 2), `${key}:again`, 1);
      }
    }
    // A waived late fee now and then (when it is still open that day).
    if (habit !== 'on-time' && rng.chance(0.2)) {
      const day = addDays(feeDay, 1);
      add(day, 17 * 60, () => {
        const fee = state().charges.find(
          (c) => c.kind === 'late_fee' && c.period === period && !c.waived && c.amountCents > c.paidCents,
        );
        if (fee)
          attempt(() =>
            writer.changeLease(
              leaseId,
              { type: 'WaiveCharge', chargeId: fee.chargeId, reason: 'First late payment this year.' },
              env(`${key}:waive`, day, 17 * 60),
            ),
          );
      });
    }
    if (rng.chance(0.04)) {
      const day = addDays(due, rng.int(5, 20));
      const amountCents = rng.int(20, 150) * 100;
      const kind = rng.pick(['utility', 'utility', 'damage', 'fee'] as const);
      add(day, 17 * 60, () =>
        attempt(() =>
          writer.changeLease(
            leaseId,
            {
              type: 'PostCharge',
              chargeId: uuidFromSeed(`charge:${k}:${key}`),
              kind,
              description: `${kind} charge for ${period}`,
              amountCents,
              dueDate: addDays(day, 10),
            },
            env(`${key}:charge`, day, 17 * 60),
          ),
        ),
      );
    }
    if (rng.chance(0.02)) {
      const day = addDays(due, rng.int(1, 20));
      const amountCents = rng.int(10, 100) * 100;
      add(day, 17 * 60 + 30, () =>
        attempt(() =>
          writer.changeLease(
            leaseId,
            {
              type: 'GrantCredit',
              creditId: uuidFromSeed(`credit:${k}:${key}`),
              amountCents,
              reason: 'Goodwill credit after a repair delay.',
            },
            env(`${key}:credit`, day, 17 * 60 + 30),
          ),
        ),
      );
    }
    if (rng.chance(0.05)) maintenance(`${key}:m`, addDays(due, rng.int(0, 25)));
  }
  if (last < today) {
    pay(addDays(last, 7), 'settle', 1);
    const day = addDays(last, 10);
    const deductions = rng.chance(0.5)
      ? [{ description: 'Cleaning after move-out', amountCents: rng.int(5, 30) * 1_000 }]
      : [];
    add(day, 11 * 60, () =>
      attempt(() =>
        writer.changeLease(
          leaseId,
          { type: 'SettleDeposit', deductions, refundMethod: 'check' },
          env('deposit-settlement', day, 11 * 60),
        ),
      ),
    );
  }

  function maintenance(key: string, day: string) {
    const category = rng.pick(['plumbing', 'electrical', 'appliance', 'heating', 'cooling', 'pest'] as const);
    const priority = rng.pick(['low', 'normal', 'normal', 'high', 'urgent'] as const);
    const cancelled = rng.chance(0.1);
    const rating = rng.chance(0.8) ? rng.int(1, 5) : undefined;
    const scheduledFor = addDays(day, rng.int(1, 4));
    const completed = addDays(scheduledFor, rng.int(0, 3));
    let requestId = '';
    add(day, 18 * 60, () =>
      attempt(() => {
        requestId = writer.requestMaintenance(
          { leaseId, category, priority, description: `The ${category} needs attention.` },
          env(key, day, 18 * 60, asTenant),
        ).requestId;
        streams.push(`maintenance-${requestId}`);
      }),
    );
    const change = (
      when: string,
      suffix: string,
      actor: Actor,
      command: Parameters<BulkWriter['changeMaintenance']>[1],
    ) =>
      add(when, 18 * 60 + 30, () => {
        if (requestId)
          attempt(() =>
            writer.changeMaintenance(requestId, command, env(`${key}:${suffix}`, when, 18 * 60 + 30, actor)),
          );
      });
    if (cancelled) {
      change(addDays(day, 1), 'cancel', asManager, {
        type: 'CancelMaintenance',
        reason: 'Resolved by the tenant.',
      });
      return;
    }
    change(addDays(day, 1), 'schedule', asManager, { type: 'ScheduleMaintenance', scheduledFor });
    change(completed, 'complete', asManager, { type: 'CompleteMaintenance', resolution: 'Fixed on site.' });
    if (rating !== undefined)
      change(addDays(completed, 1), 'rate', asTenant, { type: 'RateMaintenance', rating });
  }

  actions.sort((a, b) => (a.day === b.day ? a.minute - b.minute : a.day < b.day ? -1 : 1));
  for (const action of actions) action.run();
  return { leaseId, streams, refusals };
}

/**
 * The long lease: rent billed monthly as usual, and twice a day a small metered charge and its
 * payment, until the stream holds `events` events (the auditor's 10,000-event figures).
 */
export function runBigLease(plan: Plan, writer: BulkWriter, events: number): LeaseOutcome {
  const { seed, today } = plan.options;
  const property = plan.properties[0] as PlannedProperty;
  const unit = property.units.at(-1) as PlannedProperty['units'][number];
  const manager = plan.managers[property.managerIndex] as PlannedUser;
  const tenant = plan.bigTenant;
  const asTenant = { userId: tenant.id, role: 'tenant' as const, name: tenant.name };
  const asManager = { userId: manager.id, role: 'manager' as const, name: manager.name };
  const k = `bench:${seed}:long`;
  const env = (
    key: string,
    day: string,
    minute: number,
    actor: typeof asTenant | typeof asManager,
  ): BulkEnvelope => ({
    actor,
    correlationId: `bench-${key}`,
    source: 'seed',
    commandId: `${k}:${key}`,
    now: at(day, minute),
  });
  // About 4.2 events a day: start far enough back to reach `events` by today.
  const startDate = dayInPeriod(periodOf(addDays(today, -Math.ceil(events / 4.2) - 60)), 1);
  const { leaseId } = writer.createLease(
    {
      tenantId: tenant.id,
      propertyId: property.propertyId,
      unitId: unit.unitId,
      startDate,
      endDate: addDays(today, 365),
      monthlyRentCents: unit.marketRentCents,
      dueDay: 1,
      graceDays: 5,
      lateFeeCents: 5_000,
      securityDepositCents: 0,
    },
    env('create', addDays(startDate, -7), 9 * 60, asManager),
  );
  const version = () => {
    const s = writer.leaseState(leaseId);
    return s;
  };
  let count = 1;
  const refusals: Record<string, number> = {};
  const track = (eventTypes: string[]) => {
    count += eventTypes.length;
  };
  for (let day = startDate; day <= today && count < events; day = addDays(day, 1)) {
    if (day.endsWith('-01'))
      track(
        writer.bill(
          leaseId,
          day,
          at(day, 6 * 60),
          `billing-${day}-${uuidFromSeed(`bench:${seed}:billing:${day}`)}`,
        ),
      );
    for (const [slot, minute] of [
      [0, 9 * 60],
      [1, 19 * 60],
    ] as const) {
      if (count >= events) break;
      const key = `${day}:${slot}`;
      const amountCents = 100 + ((dayNumberOf(day) * 37 + slot * 101) % 900);
      track(
        writer.changeLease(
          leaseId,
          {
            type: 'PostCharge',
            chargeId: uuidFromSeed(`charge:${k}:${key}`),
            kind: 'utility',
            description: 'Metered utility',
            amountCents,
            dueDate: day,
          },
          env(`${key}:charge`, day, minute, asManager),
        ).eventTypes,
      );
      if (count >= events) break;
      const lease = version();
      const balance = lease && lease.status !== 'none' ? lease.balanceCents : 0;
      if (balance <= 0) continue;
      const envelope = env(`${key}:pay`, day, minute + 30, asTenant);
      track(
        writer.changeLease(
          leaseId,
          {
            type: 'ReceivePayment',
            paymentId: uuidFromSeed(`payment:${envelope.commandId}`),
            amountCents: Math.min(balance, amountCents + (slot === 1 ? unit.marketRentCents : 0)),
            paymentDate: day,
            method: 'card',
            actorRole: 'tenant',
          },
          envelope,
        ).eventTypes,
      );
    }
  }
  return { leaseId, streams: [`lease-${leaseId}`], refusals };
}

const dayNumberOf = (day: string) => Math.floor(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
