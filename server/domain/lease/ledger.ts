// The lease's money: ledger items and payments with their allocations. Allocation is derived
// here, deterministically, so decide, evolve and events without allocations (v1) always agree.
//
// Semantics: a payment pays open rent charges first, oldest first (due date, then posting
// order), then every other open item (late fees, other charges) oldest first; what is left is
// credit held on that payment. Credit held always goes the same way: granted credits
// (CreditGranted) first, oldest first, then payments' credit, oldest payment first, to the
// first open item in that order (so credit never pays a late fee while rent is open).
// A reversal takes back exactly what that payment paid (those items reopen) and its unused
// credit; then any other payment's credit settles reopened items. Money is never created or
// lost, so balance = charges + fees - payments + reversed - credits always holds.
//
// Cost: a fold works on a private `Books` copy opened once per batch of events. Arrays are
// copied (by reference) the first time the batch writes them, entries only when touched, and
// totals, the two open-item orders and period lines move by deltas, so one event costs O(1) in the
// history apart from the items it settles. States handed out before are never written.
import type { Allocation } from './events';
import type { CreditRecord, Lease, LedgerItem, PaymentRecord, PeriodLine } from './state';

/** What holds credit and pays items: a payment or a granted credit. */
type Creditor = Pick<PaymentRecord, 'unappliedCents' | 'allocations' | 'allocatedAt'>;

/**
 * An array the batch reads from the state until its first write copies it. Entries from
 * `base` on were appended by the batch (only charges and payments: they are append-only).
 */
type Owned<T> = { list: T[]; copied: boolean; base: number };

export type Books = {
  charges: Owned<LedgerItem>;
  payments: Owned<PaymentRecord>;
  credits: Owned<CreditRecord>;
  periods: Owned<PeriodLine>;
  /** `openRent` of the batch: open rent charges in settling order. */
  rent: OpenList;
  /** `openOther` of the batch: every other open item (late fees, charges) in settling order. */
  other: OpenList;
  creditFrom: number;
  creditsFrom: number;
  balanceCents: number;
  creditCents: number;
  /** Other entries this batch created or copied: it may write them in place. */
  fresh: Set<object>;
  /** Periods whose line changed, so callers check completions without scanning every line. */
  touched: Set<string>;
  // Id indexes, built by the first look-up past the recent entries and kept up to date after it.
  chargeAt?: Map<string, number>;
  paymentAt?: Map<string, number>;
};

/** Positions in `charges`, in settling order; entries before `head` were closed during the batch. */
type OpenList = { list: number[]; head: number };

const appendOnly = <T>(list: T[]): Owned<T> => ({ list, copied: false, base: list.length });
// Period lines are inserted in the middle at times, so a position says nothing about who made it.
const anyOrder = <T>(list: T[]): Owned<T> => ({ list, copied: false, base: Number.POSITIVE_INFINITY });

function writable<T>(array: Owned<T>): T[] {
  if (!array.copied) {
    array.list = array.list.slice();
    array.copied = true;
  }
  return array.list;
}

/** The entry at `at`, copied into the batch the first time the batch changes it. */
function touch<T extends object>(books: Books, array: Owned<T>, at: number, copy: (entry: T) => T): T {
  const list = writable(array);
  const entry = list[at] as T;
  if (at >= array.base || books.fresh.has(entry)) return entry;
  const copied = copy(entry);
  books.fresh.add(copied);
  list[at] = copied;
  return copied;
}

const copyItem = (item: LedgerItem): LedgerItem => ({ ...item });
const copyLine = (line: PeriodLine): PeriodLine => ({ ...line });
const copyCredit = (credit: CreditRecord): CreditRecord => ({
  ...credit,
  allocations: credit.allocations.slice(),
  allocatedAt: credit.allocatedAt.slice(),
});
// Allocation objects stay shared: `allocate` replaces one instead of changing it.
const copyPayment =
  (books: Books) =>
  (payment: PaymentRecord): PaymentRecord => ({
    ...payment,
    allocations: payment.allocations.slice(),
    // States written before `allocatedAt` existed (schema 1) get it looked up once.
    allocatedAt:
      (payment as Partial<PaymentRecord>).allocatedAt?.slice() ??
      payment.allocations.map((allocation) => chargeAt(books, allocation.chargeId) ?? -1),
  });

/** Settling order within one open list: earlier due date first, then earlier posting. */
const settlesBefore = (charges: LedgerItem[], a: number, b: number): boolean => {
  const dueA = (charges[a] as LedgerItem).dueDate;
  const dueB = (charges[b] as LedgerItem).dueDate;
  return dueA < dueB || (dueA === dueB && a < b);
};

const isRent = (item: LedgerItem): boolean => item.kind === 'rent';

/**
 * The open rent charges and the other open items, in settling order. States written before
 * `openRent`/`openOther` existed (schema 3 and older, e.g. a read-model row: one `openItems`
 * list, or none) get them derived once from the items.
 */
function openPositions(lease: Lease): { rent: OpenList; other: OpenList } {
  const { openRent, openOther } = lease as Partial<Lease>;
  if (openRent && openOther) {
    return { rent: { list: openRent.slice(), head: 0 }, other: { list: openOther.slice(), head: 0 } };
  }
  const rent: number[] = [];
  const other: number[] = [];
  lease.charges.forEach((item, at) => {
    if (item.paidCents < item.amountCents) (isRent(item) ? rent : other).push(at);
  });
  const order = (a: number, b: number) => (settlesBefore(lease.charges, a, b) ? -1 : 1);
  return { rent: { list: rent.sort(order), head: 0 }, other: { list: other.sort(order), head: 0 } };
}

export function openBooks(lease: Lease): Books {
  return {
    charges: appendOnly(lease.charges),
    payments: appendOnly(lease.payments),
    // States written before CreditGranted existed (schema 2) have no credits.
    credits: appendOnly((lease as Partial<Lease>).credits ?? []),
    periods: anyOrder(lease.periods),
    ...openPositions(lease),
    creditFrom: (lease as Partial<Lease>).creditFrom ?? 0,
    creditsFrom: (lease as Partial<Lease>).creditsFrom ?? 0,
    balanceCents: lease.balanceCents,
    creditCents: lease.creditCents,
    fresh: new Set(),
    touched: new Set(),
  };
}

const openTail = ({ list, head }: OpenList): number[] => (head === 0 ? list : list.slice(head));

/** The ledger fields of the lease after the batch, as plain arrays and numbers. */
export function closeBooks(books: Books) {
  return {
    balanceCents: books.balanceCents,
    creditCents: books.creditCents,
    charges: books.charges.list,
    periods: books.periods.list,
    payments: books.payments.list,
    openRent: openTail(books.rent),
    openOther: openTail(books.other),
    creditFrom: books.creditFrom,
    credits: books.credits.list,
    creditsFrom: books.creditsFrom,
  };
}

/** Index of `period` in the sorted lines, or `-(insertion point) - 1`; the latest is tried first. */
function findLine(lines: PeriodLine[], period: string): number {
  const last = lines.length - 1;
  const latest = lines[last]?.period;
  if (latest === undefined || latest < period) return -lines.length - 1;
  if (latest === period) return last;
  let low = 0;
  let high = last;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((lines[middle] as PeriodLine).period < period) low = middle + 1;
    else high = middle;
  }
  return (lines[low] as PeriodLine).period === period ? low : -low - 1;
}

/** The period line of `item`, writable; a period's first item opens its line. */
function lineOf(books: Books, item: LedgerItem): PeriodLine {
  books.touched.add(item.period);
  const found = findLine(books.periods.list, item.period);
  if (found >= 0) return touch(books, books.periods, found, copyLine);
  const line: PeriodLine = {
    period: item.period,
    dueDate: item.dueDate,
    chargedCents: 0,
    paidCents: 0,
    lateFeeCents: 0,
    lateFeePaidCents: 0,
    completed: false,
  };
  books.fresh.add(line);
  writable(books.periods).splice(-found - 1, 0, line);
  return line;
}

/** Rent and late fees have a period line; other charges are items only (they never complete a month). */
const hasLine = (item: LedgerItem): boolean => item.kind === 'rent' || item.kind === 'late_fee';

/** Moves the item's period line (if it has one) by what was charged and paid of it. */
function addToLine(books: Books, item: LedgerItem, chargedCents: number, paidCents: number): void {
  if (!hasLine(item)) return;
  const line = lineOf(books, item);
  if (item.kind === 'rent') {
    if (line.chargedCents === 0 && chargedCents > 0) line.dueDate = item.dueDate;
    line.chargedCents += chargedCents;
    line.paidCents += paidCents;
  } else if (item.kind === 'late_fee') {
    line.lateFeeCents += chargedCents;
    line.lateFeePaidCents += paidCents;
  }
  line.completed = line.chargedCents > 0 && line.paidCents >= line.chargedCents;
}

/** Puts an item into its open list; new items usually sort last, so that is tried first. */
function markOpen(books: Books, at: number): void {
  const charges = books.charges.list;
  const list = isRent(charges[at] as LedgerItem) ? books.rent : books.other;
  const open = list.list;
  const last = open[open.length - 1];
  if (open.length === list.head || (last !== undefined && settlesBefore(charges, last, at))) {
    open.push(at);
    return;
  }
  let low = list.head;
  let high = open.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (settlesBefore(charges, open[middle] as number, at)) low = middle + 1;
    else high = middle;
  }
  open.splice(low, 0, at);
}

/** `creditor` is already the batch's own (writable) record. */
function allocate(books: Books, creditor: Creditor, itemAt: number, amountCents: number): LedgerItem {
  const item = touch(books, books.charges, itemAt, copyItem);
  item.paidCents += amountCents;
  addToLine(books, item, 0, amountCents);
  creditor.unappliedCents -= amountCents;
  books.creditCents -= amountCents;
  const { allocations } = creditor;
  // A creditor's latest allocation is the usual one to grow; others are few (what it touched).
  let existing = allocations.length - 1;
  if (allocations[existing]?.chargeId !== item.chargeId) {
    existing = allocations.findIndex((allocation) => allocation.chargeId === item.chargeId);
  }
  const allocation = allocations[existing];
  if (allocation)
    allocations[existing] = { ...allocation, amountCents: allocation.amountCents + amountCents };
  else {
    allocations.push({ chargeId: item.chargeId, kind: item.kind, period: item.period, amountCents });
    creditor.allocatedAt.push(itemAt);
  }
  return item;
}

/**
 * The oldest granted credit with something unused, else the oldest payment still holding credit,
 * as the batch's own record; every one skipped here has none for good (credit never comes back).
 */
function nextCreditor(books: Books): Creditor | undefined {
  const credits = books.credits.list;
  while (books.creditsFrom < credits.length && (credits[books.creditsFrom]?.unappliedCents ?? 0) <= 0) {
    books.creditsFrom += 1;
  }
  if (books.creditsFrom < credits.length) return touch(books, books.credits, books.creditsFrom, copyCredit);
  const payments = books.payments.list;
  while (books.creditFrom < payments.length && (payments[books.creditFrom]?.unappliedCents ?? 0) <= 0) {
    books.creditFrom += 1;
  }
  if (books.creditFrom >= payments.length) return undefined;
  return touch(books, books.payments, books.creditFrom, copyPayment(books));
}

/** The open list settled next: rent while any rent is open, then the rest. */
const nextOpen = (books: Books): OpenList | undefined =>
  books.rent.head < books.rent.list.length
    ? books.rent
    : books.other.head < books.other.list.length
      ? books.other
      : undefined;

/**
 * Credit (granted first, then payments', oldest first) to open items: rent charges first, then
 * the others, each list oldest due date first, then posting order.
 */
function settle(books: Books): void {
  for (let list = nextOpen(books); list; list = nextOpen(books)) {
    const creditor = nextCreditor(books);
    if (!creditor) return;
    const itemAt = list.list[list.head] as number;
    const open = books.charges.list[itemAt] as LedgerItem;
    const item = allocate(
      books,
      creditor,
      itemAt,
      Math.min(creditor.unappliedCents, open.amountCents - open.paidCents),
    );
    if (item.paidCents >= item.amountCents) list.head += 1;
  }
}

export function postItem(books: Books, posted: LedgerItem): void {
  const charges = writable(books.charges);
  const item = { ...posted };
  const at = charges.length;
  charges.push(item);
  if (books.chargeAt && !books.chargeAt.has(item.chargeId)) books.chargeAt.set(item.chargeId, at);
  books.balanceCents += item.amountCents;
  addToLine(books, item, item.amountCents, item.paidCents);
  if (item.paidCents < item.amountCents) markOpen(books, at);
  settle(books);
}

export function addPayment(books: Books, received: PaymentRecord): void {
  const payments = writable(books.payments);
  const payment: PaymentRecord = {
    ...received,
    allocations: [],
    allocatedAt: [],
    unappliedCents: received.amountCents,
    reversed: false,
  };
  if (books.paymentAt && !books.paymentAt.has(payment.paymentId)) {
    books.paymentAt.set(payment.paymentId, payments.length);
  }
  payments.push(payment);
  books.balanceCents -= payment.amountCents;
  books.creditCents += payment.amountCents;
  settle(books);
}

export function addCredit(
  books: Books,
  granted: Pick<CreditRecord, 'creditId' | 'amountCents' | 'reason' | 'grantedOn'>,
): void {
  const credit: CreditRecord = {
    ...granted,
    allocations: [],
    allocatedAt: [],
    unappliedCents: granted.amountCents,
  };
  writable(books.credits).push(credit);
  books.balanceCents -= credit.amountCents;
  books.creditCents += credit.amountCents;
  settle(books);
}

/**
 * DepositSettled: the deductions are posted (credit held pays them first, as any new item), then
 * the held money applied (`toDeductionsCents + toBalanceCents`) becomes a credit that pays the
 * deductions still open, in order, and then the open balance the usual way (rent first).
 */
export function settleDeposit(
  books: Books,
  settlement: {
    deductions: readonly LedgerItem[];
    creditId: string;
    reason: string;
    toDeductionsCents: number;
    toBalanceCents: number;
  },
): void {
  const posted = settlement.deductions.map((deduction) => {
    postItem(books, deduction);
    return books.charges.list.length - 1;
  });
  const appliedCents = settlement.toDeductionsCents + settlement.toBalanceCents;
  if (appliedCents <= 0) return;
  const credit: CreditRecord = {
    creditId: settlement.creditId,
    amountCents: appliedCents,
    reason: settlement.reason,
    allocations: [],
    allocatedAt: [],
    unappliedCents: appliedCents,
  };
  writable(books.credits).push(credit);
  books.balanceCents -= appliedCents;
  books.creditCents += appliedCents;
  let toDeductions = settlement.toDeductionsCents;
  for (const at of posted) {
    const item = books.charges.list[at] as LedgerItem;
    const amount = Math.min(toDeductions, item.amountCents - item.paidCents);
    if (amount <= 0) continue;
    allocate(books, credit, at, amount);
    toDeductions -= amount;
    if (item.paidCents >= item.amountCents) closeOpen(books.other, at);
  }
  settle(books);
}

/** Takes a fully paid item out of its open list (deductions paid directly, not from the head). */
function closeOpen(open: OpenList, at: number): void {
  const index = open.list.indexOf(at, open.head);
  if (index < 0) return;
  if (index === open.head) open.head += 1;
  else open.list.splice(index, 1);
}

/** First position of each id. */
function positions<T>(list: T[], idOf: (entry: T) => string): Map<string, number> {
  const at = new Map<string, number>();
  list.forEach((entry, position) => {
    const id = idOf(entry);
    if (!at.has(id)) at.set(id, position);
  });
  return at;
}

/** How far back a look-up scans before it builds an index (reversals are mostly of recent payments). */
const RECENT = 32;

const chargeIdOf = (item: LedgerItem) => item.chargeId;
const paymentIdOf = (payment: PaymentRecord) => payment.paymentId;

/**
 * Where the entry with `id` is. Ids are unique on a stream (decide refuses a repeated payment id,
 * charge ids are fresh), so the nearest match from the end is the match. Beyond the recent
 * entries one index per batch is built, so a stream of reversals stays O(1) per event.
 */
function locate<T>(
  list: T[],
  idOf: (entry: T) => string,
  id: string,
  index: () => Map<string, number>,
): number | undefined {
  const stop = Math.max(0, list.length - RECENT);
  for (let at = list.length - 1; at >= stop; at -= 1) {
    if (idOf(list[at] as T) === id) return at;
  }
  return stop === 0 ? undefined : index().get(id);
}

const chargeAt = (books: Books, chargeId: string) =>
  locate(books.charges.list, chargeIdOf, chargeId, () => {
    books.chargeAt ??= positions(books.charges.list, chargeIdOf);
    return books.chargeAt;
  });

const paymentAt = (books: Books, paymentId: string) =>
  locate(books.payments.list, paymentIdOf, paymentId, () => {
    books.paymentAt ??= positions(books.payments.list, paymentIdOf);
    return books.paymentAt;
  });

export function reversePayment(books: Books, paymentId: string, reversal: PaymentRecord['reversal']): void {
  const at = paymentAt(books, paymentId);
  if (at === undefined || books.payments.list[at]?.reversed) return;
  const payment = touch(books, books.payments, at, copyPayment(books));
  payment.allocations.forEach((allocation, k) => {
    const itemAt = payment.allocatedAt[k] ?? -1;
    if (itemAt < 0) return;
    const item = touch(books, books.charges, itemAt, copyItem);
    const wasOpen = item.paidCents < item.amountCents;
    item.paidCents -= allocation.amountCents;
    addToLine(books, item, 0, -allocation.amountCents);
    if (!wasOpen && item.paidCents < item.amountCents) markOpen(books, itemAt);
  });
  // Allocations stay on the record so readers see what the payment had settled.
  books.creditCents -= payment.unappliedCents;
  books.balanceCents += payment.amountCents;
  payment.unappliedCents = 0;
  payment.reversed = true;
  if (reversal) payment.reversal = reversal;
  settle(books);
}

/** Takes `itemAt` out of its open list (it is open, so at or after the list's head). */
function markClosed(books: Books, itemAt: number): void {
  const list = isRent(books.charges.list[itemAt] as LedgerItem) ? books.rent : books.other;
  const at = list.list.indexOf(itemAt, list.head);
  if (at >= 0) list.list.splice(at, 1);
}

/** Gives back to `creditor` what it paid of the item at `itemAt`; returns the amount. */
function release(creditor: Creditor, itemAt: number): number {
  let released = 0;
  for (let k = creditor.allocatedAt.length - 1; k >= 0; k -= 1) {
    if (creditor.allocatedAt[k] !== itemAt) continue;
    released += creditor.allocations[k]?.amountCents ?? 0;
    creditor.allocations.splice(k, 1);
    creditor.allocatedAt.splice(k, 1);
  }
  creditor.unappliedCents += released;
  return released;
}

/**
 * Waives the item `chargeId`: it stops counting toward the balance (its full amount comes off), and
 * what its payers (payments and credits) had paid of it is theirs again as credit, which then
 * settles open items in the usual order. A rare, manager-made event: it scans the payers once.
 */
export function waiveItem(books: Books, chargeId: string, waiver: { reason: string; on: string }): void {
  const itemAt = chargeAt(books, chargeId);
  if (itemAt === undefined || books.charges.list[itemAt]?.waived) return;
  const item = touch(books, books.charges, itemAt, copyItem);
  const paidCents = item.paidCents;
  if (item.paidCents < item.amountCents) markClosed(books, itemAt);
  // Each payer that paid part of it gets that part back as unused credit; the pointer past which
  // no payer holds credit moves back to it (credit normally never comes back).
  const releaseFrom = <T extends Creditor>(owned: Owned<T>, copy: (entry: T) => T): number | undefined => {
    let first: number | undefined;
    owned.list.forEach((payer, at) => {
      // A reversed payment keeps its allocations for readers, but has already taken them back.
      if ((payer as Partial<PaymentRecord>).reversed) return;
      if (!payer.allocations.some((allocation) => allocation.chargeId === chargeId)) return;
      if (release(touch(books, owned, at, copy), itemAt) > 0) first ??= at;
    });
    return first;
  };
  const credit = releaseFrom(books.credits, copyCredit);
  if (credit !== undefined) books.creditsFrom = Math.min(books.creditsFrom, credit);
  const payment = releaseFrom(books.payments, copyPayment(books));
  if (payment !== undefined) books.creditFrom = Math.min(books.creditFrom, payment);
  addToLine(books, item, -item.amountCents, -paidCents);
  item.paidCents = 0;
  item.waived = { ...waiver, paidCents };
  books.balanceCents -= item.amountCents;
  books.creditCents += paidCents;
  settle(books);
}

/** The payment with this id (decide's look-up, once per command). */
export function paymentOf(lease: Lease, paymentId: string): PaymentRecord | undefined {
  return lease.payments.find((payment) => payment.paymentId === paymentId);
}

/** A payment's current allocations (what a reversal of it would undo). */
export function allocationsOf(payment: PaymentRecord): Allocation[] {
  return payment.allocations.map((allocation) => ({ ...allocation }));
}

/** The line of `period`, found by binary search. */
export function periodLineOf(lease: Lease, period: string): PeriodLine | undefined {
  const at = findLine(lease.periods, period);
  return at >= 0 ? lease.periods[at] : undefined;
}
