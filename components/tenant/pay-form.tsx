'use client';
// Pay rent in two steps: enter (amount prefilled with the balance, card or ACH), then confirm
// exactly what will happen; the receipt follows. The idempotency key comes from the server render
// of the form, so a double click, a retry after a network error or a resubmit pays once. A
// same-amount payment in the last 24 hours must be confirmed as new; rule refusals appear next to
// the field they are about. While part of the security deposit is due, the tenant chooses what the
// payment is for: rent (the balance) or the deposit (held apart, up to what is still due).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent, useId, useRef, useState } from 'react';
import { payRent } from '@/app/tenant/actions';
import { Alert, ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import { centsToInput, formatMoney, parseDollarsToCents } from '@/components/ui/format';
import { DateText, Money, PeriodText, useLocale } from '@/components/ui/locale';
import type { ActionError } from '@/server/http/action';
import type { LedgerPeriod } from '@/server/queries/leases';
import { METHOD_LABEL } from './labels';
import type { PaymentLimit } from './payment-limit';
import { ActionFailure, invalidateTenant, unwrap } from './queries';

export interface PayFormProps {
  leaseId: string;
  leaseName: string;
  balanceCents: number;
  periods: LedgerPeriod[];
  idempotencyKey: string;
  today: string;
  /** The most the server accepts (DESIGN.md: 12 x monthly rent, or the balance of an ended lease). */
  limit: PaymentLimit;
  /** The security deposit still due and payable now (0: no purpose choice is shown). */
  depositDueCents: number;
  depositHeldCents: number;
  /** What the form starts with (a "pay the deposit" link opens it on `deposit`). */
  initialPurpose: Purpose;
}

type Method = 'card' | 'ach';
type Purpose = 'rent' | 'deposit';

export function PayForm({
  leaseId,
  leaseName,
  balanceCents,
  periods,
  idempotencyKey,
  today,
  limit,
  depositDueCents,
  depositHeldCents,
  initialPurpose,
}: PayFormProps) {
  const locale = useLocale();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [step, setStep] = useState<'edit' | 'confirm'>('edit');
  const [purpose, setPurpose] = useState<Purpose>(depositDueCents > 0 ? initialPurpose : 'rent');
  const prefill = (chosen: Purpose) => {
    const cents = chosen === 'deposit' ? depositDueCents : balanceCents;
    return cents > 0 ? centsToInput(cents) : '';
  };
  const [amountText, setAmountText] = useState(prefill(purpose));
  const forDeposit = purpose === 'deposit';
  const max: PaymentLimit = forDeposit
    ? { maxCents: depositDueCents, reason: 'the security deposit still due' }
    : limit;
  const [method, setMethod] = useState<Method>('card');
  const [inputError, setInputError] = useState<string | null>(null);
  const [duplicateConfirmed, setDuplicateConfirmed] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const methodId = useId();

  const amountCents = parseDollarsToCents(amountText);
  const pay = useMutation({
    mutationFn: async (vars: { confirmDuplicate: boolean }) =>
      unwrap(
        await payRent({
          leaseId,
          amountCents: amountCents ?? 0,
          method,
          purpose,
          idempotencyKey,
          ...(vars.confirmDuplicate ? { confirmDuplicate: true } : {}),
        }),
      ),
    onSuccess: async (data) => {
      await invalidateTenant(queryClient);
      router.push(`/tenant/payments/${data.paymentId}`);
    },
    onError: (error) => {
      // A rule about a field the confirm step does not show: back to the form, next to the field.
      if (
        error instanceof ActionFailure &&
        (error.error.field === 'amountCents' || error.error.field === 'method')
      ) {
        setStep('edit');
      }
    },
  });
  const failure: ActionError | null =
    pay.error instanceof ActionFailure
      ? pay.error.error
      : pay.error
        ? {
            code: 'network_error',
            message: 'We could not reach Leasebook. Check your connection and try again.',
          }
        : null;
  const fieldError = (field: string) => (failure?.field === field ? failure.message : null);
  const duplicate = failure?.code === 'possible_duplicate';
  // After success the page navigates away: keep the button disabled until it does.
  const busy = pay.isPending || pay.isSuccess;

  function review(event: FormEvent) {
    event.preventDefault();
    if (amountCents === null || amountCents <= 0) {
      setInputError('Enter an amount in dollars and cents, for example 250.00.');
      return;
    }
    if (amountCents > max.maxCents) {
      setInputError(`Enter at most ${formatMoney(max.maxCents, locale)}, ${max.reason}.`);
      return;
    }
    setInputError(null);
    pay.reset();
    setStep('confirm');
    requestAnimationFrame(() => headingRef.current?.focus());
  }

  if (step === 'edit') {
    const amountError = inputError ?? fieldError('amountCents');
    return (
      <form onSubmit={review} className="space-y-5" noValidate aria-label="Payment details">
        {failure && !failure.field ? <ErrorAlert error={failure} /> : null}
        {depositDueCents > 0 ? (
          <fieldset className="space-y-2" data-testid="purpose">
            <legend className="text-sm font-medium">What is this payment for?</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {(['rent', 'deposit'] as const).map((value) => (
                <label
                  key={value}
                  className="flex min-h-11 cursor-pointer items-center gap-3 rounded-md border border-line bg-surface px-3 py-2 has-checked:border-accent has-checked:bg-accent-soft"
                >
                  <input
                    type="radio"
                    name="purpose"
                    value={value}
                    checked={purpose === value}
                    onChange={() => {
                      setPurpose(value);
                      setAmountText(prefill(value));
                      setInputError(null);
                    }}
                    className="size-4 accent-accent"
                  />
                  {value === 'rent' ? 'Rent and charges' : 'Security deposit'}
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}
        <Field
          id="amount"
          label="Amount (USD)"
          hint={
            forDeposit
              ? `${formatMoney(depositDueCents, locale)} of your security deposit is still due. It is held apart from your rent balance.`
              : balanceCents > 0
                ? `Your balance is ${formatMoney(balanceCents, locale)}. You can pay part of it or all of it.`
                : 'Nothing is owed right now; a payment becomes credit for your next rent.'
          }
          error={amountError}
        >
          {(control) => (
            <Input
              {...control}
              inputMode="decimal"
              autoComplete="off"
              value={amountText}
              onChange={(event) => setAmountText(event.target.value)}
            />
          )}
        </Field>
        <fieldset
          className="space-y-2"
          aria-describedby={fieldError('method') ? `${methodId}-error` : undefined}
        >
          <legend className="text-sm font-medium">Pay with</legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {(['card', 'ach'] as const).map((value) => (
              <label
                key={value}
                className="flex min-h-11 cursor-pointer items-center gap-3 rounded-md border border-line bg-surface px-3 py-2 has-checked:border-accent has-checked:bg-accent-soft"
              >
                <input
                  type="radio"
                  name="method"
                  value={value}
                  checked={method === value}
                  onChange={() => setMethod(value)}
                  className="size-4 accent-accent"
                />
                {METHOD_LABEL[value]}
              </label>
            ))}
          </div>
          {fieldError('method') ? (
            <p id={`${methodId}-error`} role="alert" className="text-sm font-medium text-bad">
              {fieldError('method')}
            </p>
          ) : null}
        </fieldset>
        <Button type="submit">Review payment</Button>
      </form>
    );
  }

  const cents = amountCents ?? 0;
  const after = balanceCents - cents;
  const preview = allocationPreview(periods, cents);
  return (
    <section aria-labelledby="confirm-heading" className="space-y-5" data-testid="confirm-step">
      <h2 id="confirm-heading" ref={headingRef} tabIndex={-1} className="text-xl font-semibold">
        Check and confirm
      </h2>
      <dl className="divide-y divide-line rounded-md border border-line bg-surface text-sm">
        <Row label="Amount">
          <Money cents={cents} className="text-lg font-bold" />
        </Row>
        <Row label="For">{forDeposit ? 'Security deposit' : 'Rent and charges'}</Row>
        <Row label="Method">{METHOD_LABEL[method]}</Row>
        <Row label="Lease">{leaseName}</Row>
        <Row label="Date">
          <DateText date={today} /> (today)
        </Row>
        {forDeposit ? (
          <>
            <Row label="Deposit held now">
              <Money cents={depositHeldCents} />
            </Row>
            <Row label="Deposit held after">
              <Money cents={depositHeldCents + cents} />
            </Row>
            <Row label="Still due after">
              <Money cents={Math.max(0, depositDueCents - cents)} />
            </Row>
          </>
        ) : (
          <>
            <Row label="Balance now">
              <Money cents={balanceCents} />
            </Row>
            <Row label="Balance after">
              {after < 0 ? (
                <>
                  <Money cents={-after} /> credit
                </>
              ) : (
                <Money cents={after} />
              )}
            </Row>
          </>
        )}
      </dl>
      {forDeposit ? (
        <p className="text-sm text-muted">
          This goes to your security deposit, not to rent: your balance stays <Money cents={balanceCents} />.
        </p>
      ) : (
        <div className="space-y-1 text-sm">
          <p className="font-medium">What it pays (oldest first)</p>
          {preview.items.length === 0 && preview.creditCents === 0 ? (
            <p className="text-muted">Nothing is open; the whole amount becomes credit.</p>
          ) : (
            <ul className="list-inside list-disc text-muted">
              {preview.items.map((item) => (
                <li key={`${item.period}-${item.kind}`}>
                  {item.kind === 'rent' ? 'Rent' : 'Late fee'} for <PeriodText period={item.period} />:{' '}
                  <Money cents={item.amountCents} />
                </li>
              ))}
              {preview.creditCents > 0 ? (
                <li>
                  Credit for your next rent: <Money cents={preview.creditCents} />
                </li>
              ) : null}
            </ul>
          )}
        </div>
      )}
      {duplicate ? (
        <Alert tone="warning" role="alert" title="Is this a second payment?">
          <p>{failure?.message}</p>
          <label className="mt-2 flex items-center gap-2 font-medium text-ink">
            <input
              type="checkbox"
              checked={duplicateConfirmed}
              onChange={(event) => setDuplicateConfirmed(event.target.checked)}
              className="size-4 accent-accent"
            />
            Yes, this is a new payment, not a duplicate
          </label>
        </Alert>
      ) : failure ? (
        <ErrorAlert error={failure} />
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button
          onClick={() => pay.mutate({ confirmDuplicate: duplicate && duplicateConfirmed })}
          pending={busy}
          pendingLabel="Paying…"
          disabled={duplicate && !duplicateConfirmed}
        >
          Pay {formatMoney(cents, locale)}
        </Button>
        <Button variant="secondary" onClick={() => setStep('edit')} disabled={busy}>
          Change
        </Button>
      </div>
      <p className="text-xs text-muted">You will get a receipt as soon as the payment is recorded.</p>
    </section>
  );
}

function Row({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-wrap justify-between gap-2 px-3 py-2">
      <dt className="text-muted">{label}</dt>
      <dd className="text-right">{children}</dd>
    </div>
  );
}

/** The domain's rule, previewed: open items oldest first (fees with their period), rest as credit. */
function allocationPreview(periods: LedgerPeriod[], amountCents: number) {
  let left = amountCents;
  const items: { period: string; kind: 'rent' | 'late_fee'; amountCents: number }[] = [];
  const sorted = [...periods].sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0));
  for (const period of sorted) {
    for (const [kind, open] of [
      ['rent', period.chargedCents - period.paidCents],
      ['late_fee', period.lateFeeCents - period.lateFeePaidCents],
    ] as const) {
      if (left <= 0 || open <= 0) continue;
      const paid = Math.min(open, left);
      items.push({ period: period.period, kind, amountCents: paid });
      left -= paid;
    }
  }
  return { items, creditCents: Math.max(0, left) };
}
