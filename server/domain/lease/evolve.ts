// Folds lease events into the state. Money events go through the ledger, which derives
// allocations itself, so events stored without them (PaymentReceived v1) fold the same way.
// A batch folds on one private draft (see ledger.ts), so a long stream costs O(1) per event.
import { assertNever } from '../shared/assert-never';
import type { LeaseEvent, LeaseEventOf } from './events';
import { addCredit, addPayment, type Books, closeBooks, openBooks, postItem, reversePayment } from './ledger';
import type { Lease, LeaseState, PaymentRecord } from './state';

function created({ data }: LeaseEventOf<'LeaseCreated'>): Lease {
  return {
    status: 'active',
    leaseId: data.leaseId,
    tenantId: data.tenantId,
    propertyId: data.propertyId,
    unitId: data.unitId,
    startDate: data.startDate,
    endDate: data.endDate,
    initialRentCents: data.monthlyRentCents,
    monthlyRentCents: data.monthlyRentCents,
    dueDay: data.dueDay,
    graceDays: data.graceDays,
    lateFeeCents: data.lateFeeCents,
    securityDepositCents: data.securityDepositCents,
    ...(data.timeZone === undefined ? {} : { timeZone: data.timeZone }),
    balanceCents: 0,
    creditCents: 0,
    charges: [],
    periods: [],
    payments: [],
    openRent: [],
    openOther: [],
    creditFrom: 0,
    credits: [],
    creditsFrom: 0,
    autopay: { enabled: false },
    autopayPeriods: [],
    renewals: [],
  };
}

function paymentRecord({ data }: LeaseEventOf<'PaymentReceived'>): PaymentRecord {
  // Optional keys are left out rather than set to undefined: state must survive JSON.
  return {
    paymentId: data.paymentId,
    amountCents: data.amountCents,
    paymentDate: data.paymentDate,
    method: data.method,
    ...(data.reference === undefined ? {} : { reference: data.reference }),
    ...(data.autopayPeriod === undefined ? {} : { autopayPeriod: data.autopayPeriod }),
    allocations: [],
    allocatedAt: [],
    unappliedCents: data.amountCents,
    reversed: false,
  };
}

/** The batch's own copy of the lease: its scalar fields are written in place, its books lazily. */
type Draft = { lease: Lease; books?: Books; autopayPeriods?: Set<string> };

const booksOf = (draft: Draft): Books => {
  draft.books ??= openBooks(draft.lease);
  return draft.books;
};

function apply(draft: Draft, event: LeaseEvent): void {
  const { lease } = draft;
  switch (event.type) {
    case 'LeaseCreated':
      return;
    case 'RentCharged': {
      const { chargeId, period, dueDate, amountCents, postedAsOf } = event.data;
      // Optional keys are left out rather than set to undefined: state must survive JSON.
      const late = postedAsOf !== undefined && postedAsOf > dueDate ? { postedAsOf } : {};
      postItem(booksOf(draft), {
        chargeId,
        kind: 'rent',
        period,
        dueDate,
        amountCents,
        paidCents: 0,
        ...late,
      });
      return;
    }
    case 'LateFeeAssessed': {
      const { lateFeeId, period, dueDate, amountCents } = event.data;
      postItem(booksOf(draft), {
        chargeId: lateFeeId,
        kind: 'late_fee',
        period,
        dueDate,
        amountCents,
        paidCents: 0,
      });
      return;
    }
    case 'PaymentReceived': {
      addPayment(booksOf(draft), paymentRecord(event));
      const period = event.data.autopayPeriod;
      if (period === undefined) return;
      if (!draft.autopayPeriods) {
        draft.autopayPeriods = new Set(lease.autopayPeriods);
        lease.autopayPeriods = lease.autopayPeriods.slice();
      }
      if (draft.autopayPeriods.has(period)) return;
      draft.autopayPeriods.add(period);
      lease.autopayPeriods.push(period);
      return;
    }
    case 'PaymentReversed':
      reversePayment(booksOf(draft), event.data.paymentId, { reason: event.data.reason });
      return;
    case 'MonthlyPaymentCompleted':
      // Completion is derived from the ledger; the event tells readers when it happened.
      return;
    case 'LeaseRenewed': {
      const { previousEndDate, newEndDate, monthlyRentCents, effectivePeriod } = event.data;
      lease.endDate = newEndDate;
      lease.monthlyRentCents = monthlyRentCents;
      lease.renewals = [
        ...lease.renewals,
        { previousEndDate, newEndDate, monthlyRentCents, effectivePeriod },
      ];
      return;
    }
    case 'LeaseTerminated':
      lease.status = 'terminated';
      lease.terminatedOn = event.data.effectiveDate;
      lease.terminationReason = event.data.reason;
      return;
    case 'CreditGranted': {
      const { creditId, amountCents, reason } = event.data;
      addCredit(booksOf(draft), { creditId, amountCents, reason });
      return;
    }
    case 'AutopayEnrolled': {
      const { method, capCents, enrolledOn } = event.data;
      lease.autopay = { enabled: true, method, ...(capCents === undefined ? {} : { capCents }), enrolledOn };
      return;
    }
    case 'AutopayCancelled':
      lease.autopay = { enabled: false };
      return;
    default:
      assertNever(event);
  }
}

/** Folds the events onto a lease; also the periods whose line they changed (for completions). */
export function foldOntoLease(
  lease: Lease,
  events: readonly LeaseEvent[],
): { lease: Lease; touched: Set<string> } {
  // A state of schema 3 or older (a read-model row) leaves its single `openItems` list behind
  // (the books derive `openRent` and `openOther` from its items).
  const { openItems: _legacy, ...own } = lease as Lease & { openItems?: number[] };
  const draft: Draft = { lease: own };
  for (const event of events) apply(draft, event);
  if (!draft.books) return { lease: draft.lease, touched: new Set() };
  return { lease: { ...draft.lease, ...closeBooks(draft.books) }, touched: draft.books.touched };
}

export const evolveLease = (lease: Lease, event: LeaseEvent): Lease => foldOntoLease(lease, [event]).lease;

/**
 * Folds a batch of events (a stream, or its tail after a snapshot) with one draft: the same
 * state as `events.reduce(evolve, state)`, in O(1) per event instead of copying arrays per event.
 */
export function foldLease(state: LeaseState, events: readonly LeaseEvent[]): LeaseState {
  let current = state;
  let from = 0;
  while (current.status === 'none' && from < events.length) {
    const event = events[from] as LeaseEvent;
    from += 1;
    if (event.type === 'LeaseCreated') current = created(event);
  }
  if (current.status === 'none' || from === events.length) return current;
  return foldOntoLease(current, from === 0 ? events : events.slice(from)).lease;
}

export function evolve(state: LeaseState, event: LeaseEvent): LeaseState {
  if (state.status === 'none') return event.type === 'LeaseCreated' ? created(event) : state;
  return evolveLease(state, event);
}
