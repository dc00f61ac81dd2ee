'use client';
// The security deposit on the manager's lease page: required, held and still due; a form to record a
// deposit payment while the lease is live; and once it is over, the settlement (itemised deductions
// in dollars, refund method), confirmed with the money effect the server computes for it.
import { useRouter } from 'next/navigation';
import { type FormEvent, useId, useState, useTransition } from 'react';
import { previewDepositSettlementAction, settleDepositAction } from '@/app/manager/actions/deposit';
import { recordPaymentAction } from '@/app/manager/actions/leases';
import { Alert, ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import { parseDollarsToCents } from '@/components/ui/format';
import type { ActionError } from '@/server/http/action';
import type { DepositView } from '@/server/queries/leases';
import { ConfirmAction, type FieldErrors, text } from './confirm-action';
import { useFormat } from './use-format';

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const METHODS = [
  { value: 'check', label: 'Check' },
  { value: 'cash', label: 'Cash' },
  { value: 'money_order', label: 'Money order' },
  { value: 'card', label: 'Card' },
  { value: 'ach', label: 'ACH bank transfer' },
] as const;
type Method = (typeof METHODS)[number]['value'];
const REFUND_LABEL = { check: 'by check', ach: 'by ACH bank transfer' } as const;
type RefundMethod = keyof typeof REFUND_LABEL;

export interface DepositPanelProps {
  leaseId: string;
  today: string;
  /** future, active or notice: takes deposit payments, cannot be settled yet. */
  live: boolean;
  /** The day the lease ends (its end or termination effective date). */
  lastDay: string;
  deposit: DepositView;
}

export function DepositPanel({ leaseId, today, live, lastDay, deposit }: DepositPanelProps) {
  const f = useFormat();
  const { requiredCents, heldCents, dueCents, settlement } = deposit;
  return (
    <div className="space-y-4" data-testid="deposit-panel">
      <dl className="grid grid-cols-3 gap-3 text-sm">
        {[
          ['Required', requiredCents, 'required'],
          ['Held', heldCents, 'held'],
          ['Still due', dueCents, 'due'],
        ].map(([label, cents, id]) => (
          <div
            key={id}
            className="rounded-md border border-line p-2"
            data-testid={`deposit-${id}`}
            data-cents={cents}
          >
            <dt className="text-muted">{label}</dt>
            <dd className="font-semibold tabular-nums">{f.money(Number(cents))}</dd>
          </div>
        ))}
      </dl>
      {settlement ? (
        <p className="text-sm" data-testid="deposit-settlement">
          Settled on {f.date(settlement.settledOn)}: of {f.money(settlement.heldCents)} held,{' '}
          {f.money(settlement.appliedToDeductionsCents)} paid deductions of{' '}
          {f.money(settlement.deductionsCents)} and {f.money(settlement.appliedToBalanceCents)} paid the
          balance; {f.money(settlement.refundedCents)} refunded {REFUND_LABEL[settlement.refundMethod]}.
        </p>
      ) : live ? (
        <>
          <p className="text-sm text-muted">
            The deposit is settled after the lease is over (it runs through {f.date(lastDay)}).
          </p>
          {dueCents > 0 ? <DepositPaymentForm leaseId={leaseId} today={today} dueCents={dueCents} /> : null}
        </>
      ) : (
        <SettlementForm leaseId={leaseId} heldCents={heldCents} />
      )}
    </div>
  );
}

function DepositPaymentForm({
  leaseId,
  today,
  dueCents,
}: {
  leaseId: string;
  today: string;
  dueCents: number;
}) {
  const f = useFormat();
  return (
    <ConfirmAction<{ amountCents: number; paymentDate: string; method: Method }>
      testId="record-deposit"
      title="Record a deposit payment"
      submitLabel="Record deposit…"
      confirmLabel="Record deposit payment"
      fields={(errors: FieldErrors) => (
        <div className="grid gap-3 sm:grid-cols-3">
          <Field
            id="deposit-amount"
            name="amount"
            label="Amount (USD)"
            error={errors.amountCents}
            hint={`${f.money(dueCents)} still due`}
          >
            {(control) => (
              <Input {...control} inputMode="decimal" defaultValue={(dueCents / 100).toFixed(2)} />
            )}
          </Field>
          <Field id="deposit-date" name="paymentDate" label="Payment date" error={errors.paymentDate}>
            {(control) => <Input {...control} type="date" defaultValue={today} max={today} />}
          </Field>
          <Field id="deposit-method" name="method" label="Method" error={errors.method}>
            {(control) => (
              <Select {...control} defaultValue="check">
                {METHODS.map((m) => (
                  <option key={m.value} value={m.value}>
                    {m.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
      )}
      validate={(form) => {
        const errors: FieldErrors = {};
        const amountCents = parseDollarsToCents(text(form, 'amount'));
        if (amountCents === null || amountCents <= 0)
          errors.amountCents = 'Enter an amount greater than zero, like 750.00.';
        else if (amountCents > dueCents)
          errors.amountCents = `Enter at most ${f.money(dueCents)}, the deposit still due.`;
        const paymentDate = text(form, 'paymentDate');
        if (!ISO.test(paymentDate)) errors.paymentDate = 'Enter the date the payment was received.';
        else if (paymentDate > today) errors.paymentDate = 'A payment cannot be dated in the future.';
        const method = text(form, 'method') as Method;
        if (!METHODS.some((m) => m.value === method)) errors.method = 'Choose how it was paid.';
        if (Object.keys(errors).length > 0 || amountCents === null) return { errors };
        return { values: { amountCents, paymentDate, method } };
      }}
      confirmText={(v) =>
        `Record ${f.money(v.amountCents)} received on ${f.date(v.paymentDate)} towards the security deposit? It is held apart: the balance does not change.`
      }
      run={(v, idempotencyKey) => recordPaymentAction({ leaseId, ...v, purpose: 'deposit', idempotencyKey })}
      done={(v) => `Deposit payment of ${f.money(v.amountCents)} recorded.`}
    />
  );
}

type Row = { key: number; description: string; amount: string };
type Deduction = { description: string; amountCents: number };
type Preview = {
  appliedToDeductionsCents: number;
  appliedToBalanceCents: number;
  refundedCents: number;
  owedCents: number;
};

function SettlementForm({ leaseId, heldCents }: { leaseId: string; heldCents: number }) {
  const f = useFormat();
  const router = useRouter();
  const headingId = useId();
  const [rows, setRows] = useState<Row[]>([]);
  const [nextKey, setNextKey] = useState(1);
  const [refundMethod, setRefundMethod] = useState<RefundMethod>('check');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState<{ deductions: Deduction[]; preview: Preview } | null>(null);
  const [error, setError] = useState<ActionError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [key] = useState(() => crypto.randomUUID());
  const [isPending, startTransition] = useTransition();

  const update = (rowKey: number, change: Partial<Row>) =>
    setRows((current) => current.map((row) => (row.key === rowKey ? { ...row, ...change } : row)));

  function review(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const found: Record<string, string> = {};
    const deductions: Deduction[] = [];
    rows.forEach((row, index) => {
      const amountCents = parseDollarsToCents(row.amount);
      if (!row.description.trim()) found[`${row.key}-description`] = 'Say what this deduction is for.';
      if (amountCents === null || amountCents <= 0)
        found[`${row.key}-amount`] = 'Enter an amount like 150.00.';
      else deductions[index] = { description: row.description.trim(), amountCents };
    });
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    startTransition(async () => {
      const result = await previewDepositSettlementAction({ leaseId, deductions, refundMethod });
      if (!result.ok) return setError(result.error);
      setPending({ deductions, preview: result.data });
    });
  }

  function confirm() {
    if (!pending) return;
    startTransition(async () => {
      const result = await settleDepositAction({
        leaseId,
        deductions: pending.deductions,
        refundMethod,
        idempotencyKey: key,
      });
      setPending(null);
      if (!result.ok) return setError(result.error);
      setDone('Deposit settled.');
      router.refresh();
    });
  }

  const deductionsCents = pending ? pending.deductions.reduce((sum, d) => sum + d.amountCents, 0) : 0;
  return (
    <section aria-labelledby={headingId} className="space-y-3" data-testid="settle-deposit">
      <h3 id={headingId} className="font-semibold">
        Settle the deposit
      </h3>
      <p className="text-sm text-muted">
        Itemise what is deducted (each is charged on the ledger). The {f.money(heldCents)} held pays the
        deductions first, then any open balance; the rest is refunded. This is done once.
      </p>
      <form onSubmit={review} noValidate className="space-y-3" aria-labelledby={headingId}>
        <fieldset disabled={pending !== null || isPending} className="space-y-3">
          <legend className="sr-only">Deductions</legend>
          {rows.length === 0 ? <p className="text-sm">No deductions: everything held is refunded.</p> : null}
          {rows.map((row, index) => (
            <div
              key={row.key}
              className="grid items-end gap-2 sm:grid-cols-[1fr_10rem_auto]"
              data-testid="deduction-row"
            >
              <Field
                id={`deduction-${row.key}-description`}
                label={`Deduction ${index + 1}`}
                error={errors[`${row.key}-description`]}
              >
                {(control) => (
                  <Input
                    {...control}
                    maxLength={200}
                    value={row.description}
                    onChange={(event) => update(row.key, { description: event.target.value })}
                  />
                )}
              </Field>
              <Field
                id={`deduction-${row.key}-amount`}
                label="Amount (USD)"
                error={errors[`${row.key}-amount`]}
              >
                {(control) => (
                  <Input
                    {...control}
                    inputMode="decimal"
                    value={row.amount}
                    onChange={(event) => update(row.key, { amount: event.target.value })}
                  />
                )}
              </Field>
              <Button
                variant="secondary"
                onClick={() => setRows((current) => current.filter((r) => r.key !== row.key))}
              >
                Remove<span className="sr-only"> deduction {index + 1}</span>
              </Button>
            </div>
          ))}
          <Button
            variant="secondary"
            onClick={() => {
              setRows((current) => [...current, { key: nextKey, description: '', amount: '' }]);
              setNextKey((n) => n + 1);
            }}
          >
            Add a deduction
          </Button>
          <Field id="refund-method" label="Refund by">
            {(control) => (
              <Select
                {...control}
                value={refundMethod}
                onChange={(event) => setRefundMethod(event.target.value as RefundMethod)}
              >
                <option value="check">Check</option>
                <option value="ach">ACH bank transfer</option>
              </Select>
            )}
          </Field>
        </fieldset>
        {pending === null ? (
          <Button type="submit" variant="secondary" pending={isPending}>
            Review settlement…
          </Button>
        ) : null}
      </form>
      {pending ? (
        <div
          role="alertdialog"
          aria-labelledby={`${headingId}-confirm`}
          className="space-y-3 rounded-md border border-warn bg-warn-soft p-3"
        >
          <p id={`${headingId}-confirm`} className="text-sm text-ink" data-testid="confirm-text">
            Held {f.money(heldCents)} pays deductions {f.money(pending.preview.appliedToDeductionsCents)}
            {deductionsCents > pending.preview.appliedToDeductionsCents
              ? ` (of ${f.money(deductionsCents)})`
              : ''}{' '}
            and balance {f.money(pending.preview.appliedToBalanceCents)}, refund{' '}
            {f.money(pending.preview.refundedCents)} {REFUND_LABEL[refundMethod]}.
            {pending.preview.owedCents > 0
              ? ` ${f.money(pending.preview.owedCents)} stays owed on the ledger.`
              : ' Nothing stays owed.'}{' '}
            This cannot be undone.
          </p>
          <div className="flex gap-2">
            <Button variant="danger" onClick={confirm} pending={isPending} autoFocus>
              Settle deposit
            </Button>
            <Button variant="secondary" onClick={() => setPending(null)} disabled={isPending}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
      <ErrorAlert error={error} />
      {done ? (
        <Alert tone="success" role="status">
          <span data-testid="action-success">{done}</span>
        </Alert>
      ) : null}
    </section>
  );
}
