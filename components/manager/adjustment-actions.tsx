'use client';
// A manager's adjustments on one lease: post a one-off charge, grant a credit, add or remove a
// recurring charge, and waive an open charge or late fee from its ledger row. Each confirmation
// states the money effect ("Balance goes from $1,200.00 to $1,275.00").
import { useState } from 'react';
import {
  addRecurringChargeAction,
  grantCreditAction,
  postChargeAction,
  removeRecurringChargeAction,
  waiveChargeAction,
} from '@/app/manager/actions/adjustments';
import { Button } from '@/components/ui/button';
import { Field, Input, Select, Textarea } from '@/components/ui/field';
import { parseDollarsToCents } from '@/components/ui/format';
import { ConfirmAction, type FieldErrors, text } from './confirm-action';
import { useFormat } from './use-format';

const CHARGE_KINDS = [
  { value: 'fee', label: 'Fee' },
  { value: 'utility', label: 'Utility' },
  { value: 'damage', label: 'Damage' },
  { value: 'other', label: 'Other' },
] as const;
type ChargeKind = (typeof CHARGE_KINDS)[number]['value'];

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export interface RecurringChargeView {
  recurringId: string;
  description: string;
  amountCents: number;
  fromPeriod: string;
  toPeriod: string | null;
}

function amountOf(form: FormData, name: string, errors: FieldErrors, field: string, example: string) {
  const cents = parseDollarsToCents(text(form, name));
  if (cents === null || cents <= 0) errors[field] = `Enter an amount greater than zero, like ${example}.`;
  return cents ?? 0;
}

function ChargeForm({
  leaseId,
  today,
  balanceCents,
}: {
  leaseId: string;
  today: string;
  balanceCents: number;
}) {
  const f = useFormat();
  return (
    <ConfirmAction<{ kind: ChargeKind; description: string; amountCents: number; dueDate: string }>
      testId="post-charge"
      title="Post a charge"
      submitLabel="Post charge…"
      confirmLabel="Post charge"
      fields={(errors) => (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="charge-kind" name="kind" label="Kind" error={errors.kind}>
            {(control) => (
              <Select {...control} defaultValue="fee">
                {CHARGE_KINDS.map((k) => (
                  <option key={k.value} value={k.value}>
                    {k.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field id="charge-amount" name="amount" label="Amount (USD)" error={errors.amountCents}>
            {(control) => <Input {...control} inputMode="decimal" />}
          </Field>
          <Field id="charge-description" name="description" label="Description" error={errors.description}>
            {(control) => <Input {...control} maxLength={200} />}
          </Field>
          <Field id="charge-due" name="dueDate" label="Due date" error={errors.dueDate}>
            {(control) => <Input {...control} type="date" defaultValue={today} />}
          </Field>
        </div>
      )}
      validate={(form) => {
        const errors: FieldErrors = {};
        const kind = text(form, 'kind') as ChargeKind;
        if (!CHARGE_KINDS.some((k) => k.value === kind)) errors.kind = 'Choose the kind of charge.';
        const description = text(form, 'description');
        if (!description) errors.description = 'Say what the charge is for.';
        const amountCents = amountOf(form, 'amount', errors, 'amountCents', '75.00');
        const dueDate = text(form, 'dueDate');
        if (!ISO.test(dueDate)) errors.dueDate = 'Enter the date it is due.';
        return Object.keys(errors).length > 0
          ? { errors }
          : { values: { kind, description, amountCents, dueDate } };
      }}
      confirmText={(v) =>
        `Post a ${v.kind} charge "${v.description}" of ${f.money(v.amountCents)}, due ${f.date(v.dueDate)}? Balance goes from ${f.money(
          balanceCents,
        )} to ${f.money(balanceCents + v.amountCents)}. Payments pay rent first, then charges like this one.`
      }
      run={(v, idempotencyKey) => postChargeAction({ leaseId, ...v, idempotencyKey })}
      done={(v) => `Charge of ${f.money(v.amountCents)} posted.`}
    />
  );
}

function CreditForm({ leaseId, balanceCents }: { leaseId: string; balanceCents: number }) {
  const f = useFormat();
  return (
    <ConfirmAction<{ amountCents: number; reason: string }>
      testId="grant-credit"
      title="Grant a credit"
      submitLabel="Grant credit…"
      confirmLabel="Grant credit"
      fields={(errors) => (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="credit-amount" name="amount" label="Amount (USD)" error={errors.amountCents}>
            {(control) => <Input {...control} inputMode="decimal" />}
          </Field>
          <Field id="credit-reason" name="reason" label="Reason" error={errors.reason}>
            {(control) => <Textarea {...control} rows={2} maxLength={500} />}
          </Field>
        </div>
      )}
      validate={(form) => {
        const errors: FieldErrors = {};
        const amountCents = amountOf(form, 'amount', errors, 'amountCents', '50.00');
        const reason = text(form, 'reason');
        if (!reason) errors.reason = 'Say why the credit is granted.';
        return Object.keys(errors).length > 0 ? { errors } : { values: { amountCents, reason } };
      }}
      confirmText={(v) =>
        `Grant a credit of ${f.money(v.amountCents)} ("${v.reason}")? Balance goes from ${f.money(balanceCents)} to ${f.money(
          balanceCents - v.amountCents,
        )}. It pays open rent first, then other open items; what is left is used by later charges.`
      }
      run={(v, idempotencyKey) => grantCreditAction({ leaseId, ...v, idempotencyKey })}
      done={(v) => `Credit of ${f.money(v.amountCents)} granted.`}
    />
  );
}

function RecurringForm({ leaseId, today }: { leaseId: string; today: string }) {
  const f = useFormat();
  return (
    <ConfirmAction<{ description: string; amountCents: number; fromPeriod: string; toPeriod?: string }>
      testId="add-recurring"
      title="Add a recurring charge"
      submitLabel="Add recurring charge…"
      confirmLabel="Add recurring charge"
      fields={(errors) => (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="rec-description" name="description" label="Description" error={errors.description}>
            {(control) => <Input {...control} maxLength={200} placeholder="Parking space 12" />}
          </Field>
          <Field id="rec-amount" name="amount" label="Amount a month (USD)" error={errors.amountCents}>
            {(control) => <Input {...control} inputMode="decimal" />}
          </Field>
          <Field id="rec-from" name="fromPeriod" label="First month" error={errors.fromPeriod}>
            {(control) => <Input {...control} type="month" defaultValue={today.slice(0, 7)} />}
          </Field>
          <Field
            id="rec-to"
            name="toPeriod"
            label="Last month (optional)"
            hint="Empty: until the lease ends or it is removed"
            error={errors.toPeriod}
          >
            {(control) => <Input {...control} type="month" />}
          </Field>
        </div>
      )}
      validate={(form) => {
        const errors: FieldErrors = {};
        const description = text(form, 'description');
        if (!description) errors.description = 'Say what is charged every month.';
        const amountCents = amountOf(form, 'amount', errors, 'amountCents', '60.00');
        const fromPeriod = text(form, 'fromPeriod');
        if (!MONTH.test(fromPeriod)) errors.fromPeriod = 'Enter the first month (YYYY-MM).';
        const toPeriod = text(form, 'toPeriod');
        if (toPeriod && !MONTH.test(toPeriod))
          errors.toPeriod = 'Enter the last month (YYYY-MM) or leave it empty.';
        else if (toPeriod && toPeriod < fromPeriod)
          errors.toPeriod = 'The last month cannot be before the first.';
        if (Object.keys(errors).length > 0) return { errors };
        return { values: { description, amountCents, fromPeriod, ...(toPeriod ? { toPeriod } : {}) } };
      }}
      confirmText={(v) =>
        `Charge "${v.description}" at ${f.money(v.amountCents)} a month from ${f.month(v.fromPeriod)}${
          v.toPeriod ? ` to ${f.month(v.toPeriod)}` : ''
        }? Each month is charged with its rent (a partial month prorated like the rent), so the balance rises by up to ${f.money(
          v.amountCents,
        )} per month when the billing run posts it; months already due are posted by the next run.`
      }
      run={(v, idempotencyKey) => addRecurringChargeAction({ leaseId, ...v, idempotencyKey })}
      done={(v) => `Recurring charge "${v.description}" added.`}
    />
  );
}

function RecurringList({
  leaseId,
  recurring,
}: {
  leaseId: string;
  recurring: readonly RecurringChargeView[];
}) {
  const f = useFormat();
  if (recurring.length === 0) return <p className="text-sm text-muted">No recurring charges.</p>;
  return (
    <ul className="space-y-3" data-testid="recurring-charges">
      {recurring.map((r) => (
        <li key={r.recurringId} className="rounded-md border border-line p-3">
          <ConfirmAction<Record<string, never>>
            testId={`remove-recurring-${r.recurringId}`}
            title={`${r.description} · ${f.money(r.amountCents)} a month · from ${f.month(r.fromPeriod)}${
              r.toPeriod ? ` to ${f.month(r.toPeriod)}` : ''
            }`}
            submitLabel="Remove…"
            confirmLabel="Remove recurring charge"
            variant="danger"
            fields={() => null}
            validate={() => ({ values: {} })}
            confirmText={() =>
              `Stop charging "${r.description}" (${f.money(r.amountCents)} a month)? Months not billed yet are not charged; what is already posted stays on the ledger, and the balance does not change now.`
            }
            run={(_v, idempotencyKey) =>
              removeRecurringChargeAction({ leaseId, recurringId: r.recurringId, idempotencyKey })
            }
            done={() => `Recurring charge "${r.description}" removed.`}
          />
        </li>
      ))}
    </ul>
  );
}

export interface AdjustmentActionsProps {
  leaseId: string;
  today: string;
  balanceCents: number;
  /** Recurring charges apply only while the lease is billed (future, active, notice). */
  billed: boolean;
  recurring: readonly RecurringChargeView[];
}

export function AdjustmentActions(props: AdjustmentActionsProps) {
  const box = 'rounded-lg border border-line bg-surface p-4 shadow-sm';
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <div className={box}>
        <ChargeForm leaseId={props.leaseId} today={props.today} balanceCents={props.balanceCents} />
      </div>
      <div className={box}>
        <CreditForm leaseId={props.leaseId} balanceCents={props.balanceCents} />
      </div>
      {props.billed ? (
        <div className={box}>
          <RecurringForm leaseId={props.leaseId} today={props.today} />
        </div>
      ) : null}
      <div className={box}>
        <h3 className="mb-3 font-semibold">Recurring charges</h3>
        <RecurringList leaseId={props.leaseId} recurring={props.recurring} />
      </div>
    </div>
  );
}

/** "Waive…" on an open charge's ledger row: the reason, then a confirmation with the money effect. */
export function WaiveRowAction(props: {
  leaseId: string;
  chargeId: string;
  description: string;
  amountCents: number;
  paidCents: number;
  balanceCents: number;
}) {
  const f = useFormat();
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)} data-testid={`waive-${props.chargeId}`}>
        Waive…
      </Button>
    );
  }
  const paid =
    props.paidCents > 0 ? ` The ${f.money(props.paidCents)} already paid of it becomes credit.` : '';
  return (
    <ConfirmAction<{ reason: string }>
      testId={`waive-form-${props.chargeId}`}
      title={`Waive ${props.description}`}
      submitLabel="Waive…"
      confirmLabel="Waive charge"
      variant="danger"
      fields={(errors) => (
        <Field id={`waive-reason-${props.chargeId}`} name="reason" label="Reason" error={errors.reason}>
          {(control) => <Textarea {...control} rows={2} maxLength={500} />}
        </Field>
      )}
      validate={(form) => {
        const reason = text(form, 'reason');
        return reason ? { values: { reason } } : { errors: { reason: 'Say why it is waived.' } };
      }}
      confirmText={() =>
        `Waive ${props.description} (${f.money(props.amountCents)})? Balance goes from ${f.money(props.balanceCents)} to ${f.money(
          props.balanceCents - props.amountCents,
        )}.${paid} This cannot be undone.`
      }
      run={(v, idempotencyKey) =>
        waiveChargeAction({
          leaseId: props.leaseId,
          chargeId: props.chargeId,
          reason: v.reason,
          idempotencyKey,
        })
      }
      done={() => `${props.description} waived.`}
    />
  );
}
