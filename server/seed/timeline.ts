// The demo history as a list of dated actions: lease signings, renewals, terminations, autopay,
// billing days, payments (with a per-tenant habit), reversals, v1 imports, maintenance, notices.
// Amounts that depend on the ledger (what is owed that day) are settled when the action runs.
import type { PaymentMethod } from '../domain/lease';
import { addDays, dayInPeriod, minDate, periodOf } from '../domain/shared/dates';
import type { Action, PayStyle } from './actions';
import type { Portfolio, Profile, SeedLease } from './portfolio';
import { shiftPeriod } from './portfolio';
import type { Rng } from './prng';
import { maintenanceActions, noticeActions } from './side-actions';

type Habit = 'on-time' | 'late' | 'partial' | 'over' | 'skip';
/** Cumulative odds of each habit, per profile (the first whose bound exceeds a draw wins). */
const HABITS: Record<Profile, Partial<Record<Habit, number>>> = {
  reliable: { 'on-time': 0.92, late: 1 },
  average: { 'on-time': 0.72, late: 0.86, partial: 0.93, over: 0.97, skip: 1 },
  struggling: { 'on-time': 0.5, late: 0.75, partial: 0.9, skip: 1 },
  overpayer: { 'on-time': 0.6, over: 0.95, late: 1 },
  partial: { 'on-time': 0.4, partial: 0.85, late: 1 },
  check: { 'on-time': 0.88, late: 1 },
};

/** Scripted periods (by index from the lease's first period); the rest follow the habit. */
const SCRIPTS: Partial<Record<SeedLease['role'], Record<number, Habit>>> = {
  // tenant@example.com: a late month (late fee), then a partial payment last month, nothing yet
  // this month: an open balance today.
  tenant: { 2: 'late', 7: 'partial', 8: 'skip' },
};

/** The lease with a recurring parking charge from its first month (a plain lease in Portland). */
const PARKING_LEASE = 5;

/** The renewal adds twelve months to the lease (to the end of a month). */
const renewedEnd = (lease: SeedLease): string =>
  addDays(`${shiftPeriod(periodOf(lease.endDate), 13)}-01`, -1);

function lastBilledDay(lease: SeedLease, today: string): string {
  if (lease.role === 'renewal') return renewedEnd(lease);
  if (lease.role === 'termination') return terminationOf(today).effectiveDate;
  return lease.endDate;
}

const terminationOf = (today: string) => ({
  day: dayInPeriod(shiftPeriod(periodOf(today), -2), 25),
  effectiveDate: dayInPeriod(shiftPeriod(periodOf(today), -1), 20),
});

export function buildTimeline(portfolio: Portfolio, today: string, rng: Rng): Action[] {
  const actions: Action[] = [];
  const add = (action: Action) => {
    if (action.day <= today) actions.push(action);
  };
  noticeActions(portfolio, today, add);
  for (const lease of portfolio.leases) leaseActions(lease, today, rng, add);
  maintenanceActions(portfolio, today, add);
  return actions;
}

function leaseActions(lease: SeedLease, today: string, rng: Rng, add: (action: Action) => void): void {
  const k = `l${lease.index}`;
  const pay = (day: string, key: string, style: PayStyle, by: 'tenant' | 'manager', method: PaymentMethod) =>
    add({ kind: 'pay', day, key, lease, style, by, method });
  add({ kind: 'createLease', day: lease.signedOn, key: `${k}:create`, lease });
  // The security deposit is paid on the start date (or on signing, for a tenancy onboarded late).
  const byCheck = lease.profile === 'check';
  add({
    kind: 'deposit',
    day: [lease.startDate, lease.signedOn].sort().at(-1) as string,
    key: `${k}:deposit`,
    lease,
    by: byCheck ? 'manager' : 'tenant',
    method: byCheck ? 'check' : lease.method,
  });
  const last = lastBilledDay(lease, today);
  let autopayFrom: string | undefined;
  if (lease.role === 'renewal') {
    const newEndDate = renewedEnd(lease);
    const rent = Math.round((lease.monthlyRentCents * 1.04) / 500) * 500;
    add({
      kind: 'renew',
      day: dayInPeriod(periodOf(lease.endDate), 5),
      key: `${k}:renew`,
      lease,
      newEndDate,
      monthlyRentCents: rent,
    });
  }
  if (lease.role === 'termination') {
    const { day, effectiveDate } = terminationOf(today);
    const reason = 'Tenant relocating for work; early termination agreed with the manager.';
    add({ kind: 'terminate', day, key: `${k}:terminate`, lease, effectiveDate, reason });
  }
  if (lease.index === PARKING_LEASE) {
    add({
      kind: 'recurring',
      day: lease.signedOn,
      key: `${k}:parking`,
      lease,
      description: 'Parking space P4',
      amountCents: 7_500,
      fromPeriod: periodOf(lease.startDate),
    });
  }
  if (lease.role === 'tenant2') {
    autopayFrom = addDays(lease.startDate, 62);
    add({ kind: 'autopay', day: autopayFrom, key: `${k}:autopay`, lease, method: 'ach' });
  }
  if (lease.role === 'autopay-cap') {
    autopayFrom = addDays(lease.signedOn, 1);
    const capCents = lease.monthlyRentCents + 10_000;
    add({ kind: 'autopay', day: autopayFrom, key: `${k}:autopay`, lease, method: 'card', capCents });
  }
  const first = periodOf(lease.startDate);
  for (
    let i = 0, period = first;
    period <= periodOf(minDate(last, today));
    i++, period = shiftPeriod(period, 1)
  ) {
    const due = i === 0 ? lease.startDate : minDate(dayInPeriod(period, lease.dueDay), last);
    // Billing runs on every due date; on the day after grace only where a fee is expected
    // (any other fee would be assessed by the next run, still with its rule's due date).
    add({ kind: 'billing', day: due, key: 'billing' });
    const feeDay = () => add({ kind: 'billing', day: addDays(due, lease.graceDays + 1), key: 'billing' });
    if (autopayFrom !== undefined && due >= autopayFrom) {
      // Last month's autopay payment of the capped lease bounced: NSF fee, and it is not retried.
      if (lease.role === 'autopay-cap' && shiftPeriod(period, 1) === periodOf(minDate(last, today))) {
        add({ kind: 'reverseAutopay', day: addDays(due, 3), key: `${k}:reverse-autopay`, lease, period });
      }
      continue;
    }
    const key = `${k}:p${i}`;
    if (lease.role === 'import' && i < (lease.index === 1 ? 3 : 2)) {
      add({ kind: 'import', day: addDays(due, rng.int(0, 2)), key, lease });
      continue;
    }
    if (lease.role === 'reversal' && i === 3) {
      // A check that bounced: recorded by the manager, reversed (NSF, which posts the NSF fee), the
      // late fee it caused waived, then paid again late.
      feeDay();
      pay(addDays(due, 1), key, { type: 'full' }, 'manager', 'check');
      add({ kind: 'reverse', day: addDays(due, 4), key: `${k}:reverse`, lease, paymentKey: key });
      add({
        kind: 'waive',
        day: addDays(due, lease.graceDays + 2),
        key: `${k}:waive`,
        lease,
        period,
        reason: 'Late only because the bank returned the check; first time in the tenancy.',
      });
      pay(addDays(due, lease.graceDays + 3), `${key}:again`, { type: 'full' }, 'tenant', lease.method);
      continue;
    }
    // The over-payer's latest payments leave a credit on the lease today.
    const credit =
      lease.profile === 'overpayer' && shiftPeriod(period, 2) > periodOf(today) ? 'over' : undefined;
    const habit = SCRIPTS[lease.role]?.[i] ?? credit ?? drawHabit(lease.profile, rng);
    const byManager = lease.profile === 'check';
    const method: PaymentMethod = byManager
      ? rng.pick(['check', 'check', 'money_order', 'cash'])
      : lease.method;
    const by = byManager ? 'manager' : 'tenant';
    const onTime = addDays(due, rng.int(0, Math.min(lease.graceDays, 4)));
    if (habit === 'late' || habit === 'partial' || habit === 'skip') feeDay();
    if (habit === 'late') {
      pay(addDays(due, lease.graceDays + rng.int(2, 10)), key, { type: 'full' }, by, method);
    } else if (habit === 'partial') {
      const fraction = lease.role === 'tenant' ? 0.6 : 0.4 + rng.int(0, 7) * 0.05;
      pay(onTime, key, { type: 'partial', fraction }, by, method);
    } else if (habit === 'over') {
      pay(onTime, key, { type: 'over', extraCents: rng.int(2, 20) * 1000 }, by, method);
    } else if (habit === 'on-time') {
      pay(onTime, key, { type: 'full' }, by, method);
    }
  }
  // A lease that has ended is settled a week later.
  if (last < today) pay(addDays(last, 7), `${k}:settle`, { type: 'full' }, 'tenant', lease.method);
  // The ended lease's deposit is settled with two deductions, the rest refunded by check; the
  // terminated one is left for the manager to settle (the demo of the settlement form).
  if (lease.role === 'ended') {
    add({
      kind: 'settleDeposit',
      day: addDays(last, 10),
      key: `${k}:deposit-settlement`,
      lease,
      deductions: DEPOSIT_DEDUCTIONS,
      refundMethod: 'check',
    });
  }
}

const DEPOSIT_DEDUCTIONS = [
  { description: 'Carpet cleaning after move-out', amountCents: 15_000 },
  { description: 'Patch and paint bedroom wall', amountCents: 8_500 },
];

function drawHabit(profile: Profile, rng: Rng): Habit {
  const r = rng.next();
  const found = Object.entries(HABITS[profile]).find(([, upTo]) => r < upTo);
  return (found?.[0] ?? 'on-time') as Habit;
}
