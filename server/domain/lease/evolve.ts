// Folds lease events into the state. Money events go through the ledger, which derives
// allocations itself, so events stored without them (PaymentReceived v1) fold the same way.
// A batch folds on one private draft (see ledger.ts), so a long stream costs O(1) per event.
import { assertNever } from '../shared/assert-never';
import type { LeaseEvent, LeaseEventOf } from './events';
import {
  addCredit,
  addPayment,
  type Books,
  closeBooks,
  openBooks,
  postItem,
  reversePayment,
  settleDeposit,
  waiveItem,
} from './ledger';
import type { DepositPaymentRecord, Lease, LeaseState, PaymentRecord, PeriodLine } from './state';

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
    nsfFeeCents: data.nsfFeeCents ?? 0,
    depositHeldCents: 0,
    depositPayments: [],
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
    recurring: [],
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

function depositPaymentRecord({ data }: LeaseEventOf<'PaymentReceived'>): DepositPaymentRecord {
  return {
    paymentId: data.paymentId,
    amountCents: data.amountCents,
    paymentDate: data.paymentDate,
    method: data.method,
    ...(data.reference === undefined ? {} : { reference: data.reference }),
    reversed: false,
  };
}

/** A deposit payment goes to the deposit held, never to the ledger. */
function receiveDeposit(lease: Lease, event: LeaseEventOf<'PaymentReceived'>): void {
  lease.depositPayments = [...lease.depositPayments, depositPaymentRecord(event)];
  lease.depositHeldCents += event.data.amountCents;
}

/** Reversing a deposit payment takes it out of the deposit held; false when it is no deposit payment. */
function reverseDeposit(lease: Lease, { data }: LeaseEventOf<'PaymentReversed'>): boolean {
  const at = lease.depositPayments.findIndex((payment) => payment.paymentId === data.paymentId);
  if (at < 0) return false;
  const payment = lease.depositPayments[at] as DepositPaymentRecord;
  if (payment.reversed) return true;
  const depositPayments = lease.depositPayments.slice();
  depositPayments[at] = { ...payment, reversed: true, reversal: { reason: data.reason } };
  lease.depositPayments = depositPayments;
  lease.depositHeldCents -= payment.amountCents;
  return true;
}

function depositSettled(draft: Draft, { data }: LeaseEventOf<'DepositSettled'>): void {
  const { lease } = draft;
  // Deductions belong to the last month billed: the ledger lists them with the lease's end.
  const period = (lease.terminatedOn ?? lease.endDate).slice(0, 7);
  settleDeposit(booksOf(draft), {
    deductions: data.deductions.map((deduction) => ({
      chargeId: deduction.chargeId,
      kind: 'deposit',
      period,
      dueDate: data.settledOn,
      amountCents: deduction.amountCents,
      paidCents: 0,
      description: deduction.description,
    })),
    creditId: data.creditId,
    reason: 'Security deposit applied',
    toDeductionsCents: data.appliedToDeductionsCents,
    toBalanceCents: data.appliedToBalanceCents,
  });
  lease.depositSettlement = {
    settledOn: data.settledOn,
    heldCents: data.heldCents,
    deductionsCents: data.deductions.reduce((sum, deduction) => sum + deduction.amountCents, 0),
    appliedToDeductionsCents: data.appliedToDeductionsCents,
    appliedToBalanceCents: data.appliedToBalanceCents,
    refundedCents: data.refundedCents,
    refundMethod: data.refundMethod,
    creditId: data.creditId,
  };
  // Everything held was applied or refunded.
  lease.depositHeldCents = 0;
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
      if (event.data.purpose === 'deposit') {
        receiveDeposit(lease, event);
        return;
      }
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
      if (reverseDeposit(lease, event)) return;
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
      const { creditId, amountCents, reason, grantedOn } = event.data;
      addCredit(booksOf(draft), { creditId, amountCents, reason, ...(grantedOn ? { grantedOn } : {}) });
      return;
    }
    case 'ChargePosted': {
      const { chargeId, kind, period, dueDate, amountCents, description, recurringId, postedAsOf } =
        event.data;
      postItem(booksOf(draft), {
        chargeId,
        kind,
        period,
        dueDate,
        amountCents,
        paidCents: 0,
        description,
        ...(recurringId === undefined ? {} : { recurringId }),
        // Kept even when before the due date: the ledger dates a posted charge by the day it was posted.
        postedAsOf,
      });
      return;
    }
    case 'ChargeWaived':
      waiveItem(booksOf(draft), event.data.chargeId, { reason: event.data.reason, on: event.data.waivedOn });
      return;
    case 'RecurringChargeAdded': {
      const { recurringId, description, amountCents, fromPeriod, toPeriod } = event.data;
      const added = { recurringId, description, amountCents, fromPeriod, ...(toPeriod ? { toPeriod } : {}) };
      // States folded before recurring charges existed (schema 4 read-model rows) have none.
      lease.recurring = [...(lease.recurring ?? []), added];
      return;
    }
    case 'RecurringChargeRemoved': {
      const { recurringId, removedOn } = event.data;
      lease.recurring = (lease.recurring ?? []).map((charge) =>
        charge.recurringId === recurringId ? { ...charge, removedOn } : charge,
      );
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
    case 'DepositSettled':
      depositSettled(draft, event);
      return;
    default:
      assertNever(event);
  }
}

/** The batch's private copy of a lease (older state schemas brought up to date). */
function draftOf(lease: Lease): Draft {
  const { openItems: _legacy, ...rest } = lease as Lease & { openItems?: number[] };
  // A state of schema 5 or older holds no deposit yet.
  const own: Lease = {
    ...rest,
    depositHeldCents: (rest as Partial<Lease>).depositHeldCents ?? 0,
    depositPayments: (rest as Partial<Lease>).depositPayments ?? [],
  };
  return { lease: own };
}

/** Folds the events onto a lease; also the periods whose line they changed (for completions). */
export function foldOntoLease(
  lease: Lease,
  events: readonly LeaseEvent[],
): { lease: Lease; touched: Set<string> } {
  // A state of schema 3 or older (a read-model row) leaves its single `openItems` list behind
  // (the books derive `openRent` and `openOther` from its items).
  const draft = draftOf(lease);
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

/** What the lease looks like right after one event of a stepped fold (read it inside the callback only). */
export interface LeaseStep {
  /** The lease's scalar fields (status, dates, deposit held, ...); its ledger arrays may be stale. */
  lease: Lease;
  balanceCents: number;
  /** The period lines, sorted by period. */
  periods: readonly PeriodLine[];
  /** The periods whose line this event wrote. */
  touched: ReadonlySet<string>;
}

const NOTHING_TOUCHED: ReadonlySet<string> = new Set();

/**
 * `foldLease` that also shows the lease after each event (null while it does not exist yet), in
 * O(1) per event apart from what the event touches: the auditor's timeline and export read
 * before/after figures per event without copying the whole state per event.
 */
export function foldLeaseSteps(
  state: LeaseState,
  events: readonly LeaseEvent[],
  step: (index: number, view: LeaseStep | null) => void,
): LeaseState {
  let index = 0;
  let current = state;
  let draft: Draft | undefined;
  for (; index < events.length; index += 1) {
    const event = events[index] as LeaseEvent;
    if (current.status === 'none') {
      if (event.type === 'LeaseCreated') current = created(event);
      if (current.status === 'none') {
        step(index, null);
        continue;
      }
      draft = draftOf(current);
      const touched = NOTHING_TOUCHED;
      step(index, {
        lease: draft.lease,
        balanceCents: current.balanceCents,
        periods: current.periods,
        touched,
      });
      continue;
    }
    draft ??= draftOf(current);
    draft.books?.touched.clear();
    apply(draft, event);
    const { books, lease } = draft;
    step(index, {
      lease,
      balanceCents: books ? books.balanceCents : lease.balanceCents,
      periods: books ? books.periods.list : lease.periods,
      touched: books ? books.touched : NOTHING_TOUCHED,
    });
  }
  if (!draft) return current;
  if (!draft.books) return draft.lease;
  return { ...draft.lease, ...closeBooks(draft.books) };
}
