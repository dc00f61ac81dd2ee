// The lease's money: ledger items and payments with their allocations. Allocation is derived
// here, deterministically, so decide, evolve and events without allocations (v1) always agree.
//
// Semantics: a payment pays open items oldest first (due date, then posting order); what is
// left is credit held on that payment. A new item first takes credit, oldest payment first.
// A reversal takes back exactly what that payment paid (those items reopen) and its unused
// credit; then any other payment's credit settles reopened items. Money is never created or
// lost, so balance = charges + fees - payments + reversed always holds.
import type { Allocation } from './events';
import type { Lease, LedgerItem, PaymentRecord, PeriodLine } from './state';

type Books = { charges: LedgerItem[]; payments: PaymentRecord[] };

function copyBooks(lease: Lease): Books {
  return {
    charges: lease.charges.map((item) => ({ ...item })),
    payments: lease.payments.map((payment) => ({
      ...payment,
      allocations: payment.allocations.map((allocation) => ({ ...allocation })),
    })),
  };
}

function allocate(payment: PaymentRecord, item: LedgerItem, amountCents: number): void {
  item.paidCents += amountCents;
  payment.unappliedCents -= amountCents;
  const existing = payment.allocations.find((allocation) => allocation.chargeId === item.chargeId);
  if (existing) existing.amountCents += amountCents;
  else
    payment.allocations.push({ chargeId: item.chargeId, kind: item.kind, period: item.period, amountCents });
}

/** Credit (oldest payment first) to open items (oldest due date first, then posting order). */
function settle({ charges, payments }: Books): void {
  // Array.prototype.sort is stable, so equal due dates keep posting order.
  const open = charges.filter((item) => item.paidCents < item.amountCents);
  open.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  let next = 0;
  for (const payment of payments) {
    if (payment.reversed) continue;
    for (let item = open[next]; payment.unappliedCents > 0 && item; item = open[next]) {
      allocate(payment, item, Math.min(payment.unappliedCents, item.amountCents - item.paidCents));
      if (item.paidCents === item.amountCents) next += 1;
    }
  }
}

function periodLines(charges: LedgerItem[]): PeriodLine[] {
  const lines = new Map<string, PeriodLine>();
  for (const item of charges) {
    const line = lines.get(item.period) ?? {
      period: item.period,
      dueDate: item.dueDate,
      chargedCents: 0,
      paidCents: 0,
      lateFeeCents: 0,
      lateFeePaidCents: 0,
      completed: false,
    };
    if (item.kind === 'rent') {
      if (line.chargedCents === 0) line.dueDate = item.dueDate;
      line.chargedCents += item.amountCents;
      line.paidCents += item.paidCents;
    } else {
      line.lateFeeCents += item.amountCents;
      line.lateFeePaidCents += item.paidCents;
    }
    line.completed = line.chargedCents > 0 && line.paidCents >= line.chargedCents;
    lines.set(item.period, line);
  }
  return [...lines.values()].sort((a, b) => (a.period < b.period ? -1 : 1));
}

/** Apply a change to the books, settle credit, and recompute every derived figure. */
function rebook(lease: Lease, change: (books: Books) => void): Lease {
  const books = copyBooks(lease);
  change(books);
  settle(books);
  const charged = books.charges.reduce((sum, item) => sum + item.amountCents, 0);
  const live = books.payments.filter((payment) => !payment.reversed);
  const paid = live.reduce((sum, payment) => sum + payment.amountCents, 0);
  return {
    ...lease,
    charges: books.charges,
    payments: books.payments,
    periods: periodLines(books.charges),
    balanceCents: charged - paid,
    creditCents: live.reduce((sum, payment) => sum + payment.unappliedCents, 0),
  };
}

export const postItem = (lease: Lease, item: LedgerItem): Lease =>
  rebook(lease, (books) => {
    books.charges.push({ ...item });
  });

export const addPayment = (lease: Lease, payment: PaymentRecord): Lease =>
  rebook(lease, (books) => {
    books.payments.push({
      ...payment,
      allocations: [],
      unappliedCents: payment.amountCents,
      reversed: false,
    });
  });

export const reversePayment = (lease: Lease, paymentId: string, reversal: PaymentRecord['reversal']): Lease =>
  rebook(lease, (books) => {
    const payment = books.payments.find((candidate) => candidate.paymentId === paymentId);
    if (!payment || payment.reversed) return;
    for (const allocation of payment.allocations) {
      const item = books.charges.find((candidate) => candidate.chargeId === allocation.chargeId);
      if (item) item.paidCents -= allocation.amountCents;
    }
    // Allocations stay on the record so readers see what the payment had settled.
    payment.unappliedCents = 0;
    payment.reversed = true;
    if (reversal) payment.reversal = reversal;
  });

/** A payment's current allocations (what a reversal of it would undo). */
export function allocationsOf(lease: Lease, paymentId: string): Allocation[] {
  const payment = lease.payments.find((candidate) => candidate.paymentId === paymentId);
  return payment ? payment.allocations.map((allocation) => ({ ...allocation })) : [];
}

/** Rent of `period` paid by payments dated on or before `date` that still stand. */
export function rentPaidBy(lease: Lease, period: string, date: string): number {
  let paid = 0;
  for (const payment of lease.payments) {
    if (payment.reversed || payment.paymentDate > date) continue;
    for (const allocation of payment.allocations) {
      if (allocation.kind === 'rent' && allocation.period === period) paid += allocation.amountCents;
    }
  }
  return paid;
}
