'use client';
// The actions on a lease (manager): record a payment, reverse one, renew, terminate. Each confirms
// what it will do and shows the rule's message when refused.
import {
  recordPaymentAction,
  renewLeaseAction,
  reversePaymentAction,
  terminateLeaseAction,
} from '@/app/manager/actions/leases';
import { Field, Input, Select, Textarea } from '@/components/ui/field';
import { parseDollarsToCents } from '@/components/ui/format';
import { ConfirmAction, type FieldErrors, text } from './confirm-action';
import { useFormat } from './use-format';

const PAYMENT_METHODS = [
  { value: 'check', label: 'Check' },
  { value: 'cash', label: 'Cash' },
  { value: 'money_order', label: 'Money order' },
  { value: 'card', label: 'Card' },
  { value: 'ach', label: 'ACH bank transfer' },
] as const;
type Method = (typeof PAYMENT_METHODS)[number]['value'];

const REVERSAL_REASONS = [
  { value: 'NSF', label: 'NSF (insufficient funds)' },
  { value: 'chargeback', label: 'Chargeback' },
  { value: 'error', label: 'Recorded in error' },
] as const;
type Reason = (typeof REVERSAL_REASONS)[number]['value'];

const ISO = /^\d{4}-\d{2}-\d{2}$/;

export interface LeasePayment {
  paymentId: string;
  date: string;
  amountCents: number;
  description: string;
  reversed: boolean;
}

export interface LeaseActionsProps {
  leaseId: string;
  today: string;
  balanceCents: number;
  monthlyRentCents: number;
  endDate: string;
  payments: LeasePayment[];
  /** Payments are taken while the lease is billed, or later while something is owed. */
  canPay: boolean;
  /** Renewal and termination apply to a future or active lease only. */
  canChangeTerm: boolean;
}

function PaymentForm({
  leaseId,
  today,
  balanceCents,
}: Pick<LeaseActionsProps, 'leaseId' | 'today' | 'balanceCents'>) {
  const f = useFormat();
  return (
    <ConfirmAction<{ amountCents: number; paymentDate: string; method: Method; reference?: string }>
      testId="record-payment"
      title="Record a payment"
      submitLabel="Record payment…"
      confirmLabel="Record payment"
      fields={(errors: FieldErrors) => (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            id="pay-amount"
            name="amount"
            label="Amount (USD)"
            error={errors.amountCents}
            hint={`Balance ${f.money(balanceCents)}`}
          >
            {(control) => (
              <Input
                {...control}
                inputMode="decimal"
                defaultValue={balanceCents > 0 ? (balanceCents / 100).toFixed(2) : ''}
              />
            )}
          </Field>
          <Field id="pay-date" name="paymentDate" label="Payment date" error={errors.paymentDate}>
            {(control) => <Input {...control} type="date" defaultValue={today} max={today} />}
          </Field>
          <Field id="pay-method" name="method" label="Method" error={errors.method}>
            {(control) => (
              <Select {...control} defaultValue="check">
                {PAYMENT_METHODS.map((m) => (
                  <option key={m.value} value={m.value}>
                    {m.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field
            id="pay-reference"
            name="reference"
            label="Reference (optional)"
            hint="Check number, receipt…"
            error={errors.reference}
          >
            {(control) => <Input {...control} maxLength={200} />}
          </Field>
        </div>
      )}
      validate={(form) => {
        const errors: FieldErrors = {};
        const amountCents = parseDollarsToCents(text(form, 'amount'));
        if (amountCents === null || amountCents <= 0)
          errors.amountCents = 'Enter an amount greater than zero, like 1250.00.';
        const paymentDate = text(form, 'paymentDate');
        if (!ISO.test(paymentDate)) errors.paymentDate = 'Enter the date the payment was received.';
        else if (paymentDate > today) errors.paymentDate = 'A payment cannot be dated in the future.';
        const method = text(form, 'method') as Method;
        if (!PAYMENT_METHODS.some((m) => m.value === method)) errors.method = 'Choose how it was paid.';
        const reference = text(form, 'reference');
        if (Object.keys(errors).length > 0 || amountCents === null) return { errors };
        return { values: { amountCents, paymentDate, method, ...(reference ? { reference } : {}) } };
      }}
      confirmText={(v) =>
        `Record a ${PAYMENT_METHODS.find((m) => m.value === v.method)?.label.toLowerCase()} payment of ${f.money(
          v.amountCents,
        )} received on ${f.date(v.paymentDate)}? It is applied to the oldest open charges first.`
      }
      run={(v, idempotencyKey) => recordPaymentAction({ leaseId, ...v, idempotencyKey })}
      done={(v) => `Payment of ${f.money(v.amountCents)} recorded.`}
    />
  );
}

function ReverseForm({ leaseId, payments }: Pick<LeaseActionsProps, 'leaseId' | 'payments'>) {
  const f = useFormat();
  const open = payments.filter((p) => !p.reversed);
  if (open.length === 0) {
    return (
      <section aria-labelledby="reverse-none" className="space-y-3" data-testid="reverse-payment">
        <h3 id="reverse-none" className="font-semibold">
          Reverse a payment
        </h3>
        <p className="text-sm text-muted">There is no payment to reverse.</p>
      </section>
    );
  }
  return (
    <ConfirmAction<{ paymentId: string; reason: Reason }>
      testId="reverse-payment"
      title="Reverse a payment"
      submitLabel="Reverse payment…"
      confirmLabel="Reverse payment"
      variant="danger"
      fields={(errors) => (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="rev-payment" name="paymentId" label="Payment" error={errors.paymentId}>
            {(control) => (
              <Select {...control} defaultValue={open[open.length - 1]?.paymentId}>
                {open.map((p) => (
                  <option key={p.paymentId} value={p.paymentId}>
                    {f.date(p.date)} · {f.money(p.amountCents)} · {p.description}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field id="rev-reason" name="reason" label="Reason" error={errors.reason}>
            {(control) => (
              <Select {...control} defaultValue="NSF">
                {REVERSAL_REASONS.map((r) => (
                  <option key={r.value} value={r.value}>
                    {r.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
      )}
      validate={(form) => {
        const paymentId = text(form, 'paymentId');
        const reason = text(form, 'reason') as Reason;
        const errors: FieldErrors = {};
        if (!open.some((p) => p.paymentId === paymentId)) errors.paymentId = 'Choose the payment to reverse.';
        if (!REVERSAL_REASONS.some((r) => r.value === reason)) errors.reason = 'Choose why it is reversed.';
        return Object.keys(errors).length > 0 ? { errors } : { values: { paymentId, reason } };
      }}
      confirmText={(v) => {
        const p = open.find((x) => x.paymentId === v.paymentId);
        return `Reverse the payment of ${p ? f.money(p.amountCents) : ''} from ${p ? f.date(p.date) : ''} (${
          REVERSAL_REASONS.find((r) => r.value === v.reason)?.label
        })? What it paid becomes due again and the balance rises by the amount. This cannot be undone.`;
      }}
      run={(v, idempotencyKey) => reversePaymentAction({ leaseId, ...v, idempotencyKey })}
      done={() => 'Payment reversed.'}
    />
  );
}

function RenewForm({
  leaseId,
  endDate,
  monthlyRentCents,
}: Pick<LeaseActionsProps, 'leaseId' | 'endDate' | 'monthlyRentCents'>) {
  const f = useFormat();
  return (
    <ConfirmAction<{ newEndDate: string; monthlyRentCents: number }>
      testId="renew-lease"
      title="Renew"
      submitLabel="Renew…"
      confirmLabel="Renew lease"
      fields={(errors) => (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="renew-end" name="newEndDate" label="New end date" error={errors.newEndDate}>
            {(control) => <Input {...control} type="date" min={endDate} />}
          </Field>
          <Field id="renew-rent" name="rent" label="Monthly rent (USD)" error={errors.monthlyRentCents}>
            {(control) => (
              <Input {...control} inputMode="decimal" defaultValue={(monthlyRentCents / 100).toFixed(2)} />
            )}
          </Field>
        </div>
      )}
      validate={(form) => {
        const errors: FieldErrors = {};
        const newEndDate = text(form, 'newEndDate');
        if (!ISO.test(newEndDate)) errors.newEndDate = 'Enter the new end date.';
        else if (newEndDate <= endDate)
          errors.newEndDate = `The new end date must be after ${f.date(endDate)}.`;
        const rent = parseDollarsToCents(text(form, 'rent'));
        if (rent === null || rent <= 0) errors.monthlyRentCents = 'Enter the monthly rent, like 1500.00.';
        return Object.keys(errors).length > 0 || rent === null
          ? { errors }
          : { values: { newEndDate, monthlyRentCents: rent } };
      }}
      confirmText={(v) =>
        `Extend the lease to ${f.date(v.newEndDate)} at ${f.money(v.monthlyRentCents)} a month (from the next period not yet charged)?`
      }
      run={(v, idempotencyKey) => renewLeaseAction({ leaseId, ...v, idempotencyKey })}
      done={(v) => `Lease renewed to ${f.date(v.newEndDate)}.`}
    />
  );
}

function TerminateForm({ leaseId, today }: Pick<LeaseActionsProps, 'leaseId' | 'today'>) {
  const f = useFormat();
  return (
    <ConfirmAction<{ effectiveDate: string; reason: string }>
      testId="terminate-lease"
      title="Terminate"
      submitLabel="Terminate…"
      confirmLabel="Terminate lease"
      variant="danger"
      fields={(errors) => (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="term-date" name="effectiveDate" label="Effective date" error={errors.effectiveDate}>
            {(control) => <Input {...control} type="date" defaultValue={today} />}
          </Field>
          <Field id="term-reason" name="reason" label="Reason" error={errors.reason}>
            {(control) => <Textarea {...control} rows={2} maxLength={500} />}
          </Field>
        </div>
      )}
      validate={(form) => {
        const errors: FieldErrors = {};
        const effectiveDate = text(form, 'effectiveDate');
        if (!ISO.test(effectiveDate)) errors.effectiveDate = 'Enter the date the lease ends.';
        const reason = text(form, 'reason');
        if (!reason) errors.reason = 'Say why the lease is terminated.';
        return Object.keys(errors).length > 0 ? { errors } : { values: { effectiveDate, reason } };
      }}
      confirmText={(v) =>
        `Terminate the lease effective ${f.date(v.effectiveDate)}? Nothing is charged after that date and the month containing it is prorated. This cannot be undone.`
      }
      run={(v, idempotencyKey) => terminateLeaseAction({ leaseId, ...v, idempotencyKey })}
      done={(v) => `Lease terminated effective ${f.date(v.effectiveDate)}.`}
    />
  );
}

export function LeaseActions(props: LeaseActionsProps) {
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      {props.canPay ? (
        <div className="rounded-lg border border-line bg-surface p-4 shadow-sm">
          <PaymentForm leaseId={props.leaseId} today={props.today} balanceCents={props.balanceCents} />
        </div>
      ) : null}
      <div className="rounded-lg border border-line bg-surface p-4 shadow-sm">
        <ReverseForm leaseId={props.leaseId} payments={props.payments} />
      </div>
      {props.canChangeTerm ? (
        <>
          <div className="rounded-lg border border-line bg-surface p-4 shadow-sm">
            <RenewForm
              leaseId={props.leaseId}
              endDate={props.endDate}
              monthlyRentCents={props.monthlyRentCents}
            />
          </div>
          <div className="rounded-lg border border-line bg-surface p-4 shadow-sm">
            <TerminateForm leaseId={props.leaseId} today={props.today} />
          </div>
        </>
      ) : null}
    </div>
  );
}
