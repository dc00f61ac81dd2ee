// Folds one lease event into the state. Money events go through the ledger, which derives
// allocations itself, so events stored without them (PaymentReceived v1) fold the same way.
import { assertNever } from '../shared/assert-never';
import type { LeaseEvent, LeaseEventOf } from './events';
import { addPayment, postItem, reversePayment } from './ledger';
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
    balanceCents: 0,
    creditCents: 0,
    charges: [],
    periods: [],
    payments: [],
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
    unappliedCents: data.amountCents,
    reversed: false,
  };
}

export function evolveLease(lease: Lease, event: LeaseEvent): Lease {
  switch (event.type) {
    case 'LeaseCreated':
      return lease;
    case 'RentCharged': {
      const { chargeId, period, dueDate, amountCents } = event.data;
      return postItem(lease, { chargeId, kind: 'rent', period, dueDate, amountCents, paidCents: 0 });
    }
    case 'LateFeeAssessed': {
      const { lateFeeId, period, dueDate, amountCents } = event.data;
      return postItem(lease, {
        chargeId: lateFeeId,
        kind: 'late_fee',
        period,
        dueDate,
        amountCents,
        paidCents: 0,
      });
    }
    case 'PaymentReceived': {
      const next = addPayment(lease, paymentRecord(event));
      const period = event.data.autopayPeriod;
      if (period === undefined || next.autopayPeriods.includes(period)) return next;
      return { ...next, autopayPeriods: [...next.autopayPeriods, period] };
    }
    case 'PaymentReversed':
      return reversePayment(lease, event.data.paymentId, { reason: event.data.reason });
    case 'MonthlyPaymentCompleted':
      // Completion is derived from the ledger; the event tells readers when it happened.
      return lease;
    case 'LeaseRenewed': {
      const { previousEndDate, newEndDate, monthlyRentCents, effectivePeriod } = event.data;
      return {
        ...lease,
        endDate: newEndDate,
        monthlyRentCents,
        renewals: [...lease.renewals, { previousEndDate, newEndDate, monthlyRentCents, effectivePeriod }],
      };
    }
    case 'LeaseTerminated':
      return {
        ...lease,
        status: 'terminated',
        terminatedOn: event.data.effectiveDate,
        terminationReason: event.data.reason,
      };
    case 'AutopayEnrolled': {
      const { method, capCents, enrolledOn } = event.data;
      return {
        ...lease,
        autopay: { enabled: true, method, ...(capCents === undefined ? {} : { capCents }), enrolledOn },
      };
    }
    case 'AutopayCancelled':
      return { ...lease, autopay: { enabled: false } };
    default:
      return assertNever(event);
  }
}

export function evolve(state: LeaseState, event: LeaseEvent): LeaseState {
  if (state.status === 'none') return event.type === 'LeaseCreated' ? created(event) : state;
  return evolveLease(state, event);
}
