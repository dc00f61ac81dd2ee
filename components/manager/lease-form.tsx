'use client';
// Create a lease on one of a property's units. Every field is checked here with its message next
// to it; the server re-checks (an overlapping lease is refused with the rule's message under the
// start date) and the new lease's page opens on success.
import { useRouter } from 'next/navigation';
import { type FormEvent, useState, useTransition } from 'react';
import { createLeaseAction } from '@/app/manager/actions/leases';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import { checkMoney, formatDollars } from '@/components/ui/money';
import { MoneyInput } from '@/components/ui/money-input';
import type { ActionError } from '@/server/http/action';
import { type FieldErrors, text } from './confirm-action';
import { useFormat } from './use-format';

export interface LeaseFormUnit {
  unitId: string;
  label: string;
  marketRentCents: number;
  occupied: boolean;
  /** The unit's leased date ranges, to show which units are free for the chosen dates. */
  bookings: { startDate: string; endDate: string }[];
}

/** Free for [start, end] when no booking overlaps it (both ends counted). */
const freeFor = (unit: LeaseFormUnit, start: string, end: string): boolean =>
  !unit.bookings.some((b) => b.startDate <= end && start <= b.endDate);

export interface LeaseFormProps {
  propertyId: string;
  units: LeaseFormUnit[];
  unitId?: string;
  tenantEmail?: string;
  today: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function whole(value: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(value)) return null;
  const n = Number(value);
  return n >= min && n <= max ? n : null;
}

export function LeaseForm({ propertyId, units, unitId, tenantEmail, today }: LeaseFormProps) {
  const f = useFormat();
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<ActionError | null>(null);
  const [key] = useState(() => crypto.randomUUID());
  const [isPending, startTransition] = useTransition();
  const firstVacant = units.find((u) => !u.occupied)?.unitId;
  const initialUnit = units.find((u) => u.unitId === unitId) ?? units.find((u) => u.unitId === firstVacant);
  const rentOf = (unit: LeaseFormUnit | undefined) => (unit ? formatDollars(unit.marketRentCents) : '');
  // The rent follows the unit picked (its market rent) until the manager types one of their own.
  const [rentInput, setRentInput] = useState({ text: rentOf(initialUnit), edited: false });
  const [dates, setDates] = useState({ start: today, end: '' });
  const datesChosen = ISO.test(dates.start) && ISO.test(dates.end) && dates.start < dates.end;
  const freeCount = datesChosen ? units.filter((u) => freeFor(u, dates.start, dates.end)).length : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const form = new FormData(event.currentTarget);
    const next: FieldErrors = {};
    const unit = text(form, 'unitId');
    if (!units.some((u) => u.unitId === unit)) next.unitId = 'Choose a unit.';
    const email = text(form, 'tenantEmail');
    if (!EMAIL.test(email)) next.tenantEmail = 'Enter the tenant’s email address (invite them first).';
    const startDate = text(form, 'startDate');
    const endDate = text(form, 'endDate');
    if (!ISO.test(startDate)) next.startDate = 'Enter the first day of the lease.';
    if (!ISO.test(endDate)) next.endDate = 'Enter the last day of the lease.';
    else if (ISO.test(startDate) && endDate <= startDate)
      next.endDate = 'The end date must be after the start date.';
    const rent = checkMoney(text(form, 'rent'), { what: 'the monthly rent', example: '1,500.00' });
    if (!rent.ok) next.monthlyRentCents = rent.error;
    const dueDay = whole(text(form, 'dueDay'), 1, 28);
    if (dueDay === null) next.dueDay = 'Enter a due day from 1 to 28.';
    const graceDays = whole(text(form, 'graceDays'), 0, 60);
    if (graceDays === null) next.graceDays = 'Enter 0 to 60 grace days.';
    const zeroOrMore = { minCents: 0, emptyCents: 0 };
    const lateFee = checkMoney(text(form, 'lateFee'), {
      what: 'the late fee',
      example: '50.00',
      ...zeroOrMore,
    });
    if (!lateFee.ok) next.lateFeeCents = lateFee.error;
    const deposit = checkMoney(text(form, 'deposit'), {
      what: 'the deposit',
      example: '1,500.00',
      ...zeroOrMore,
    });
    if (!deposit.ok) next.securityDepositCents = deposit.error;
    setErrors(next);
    if (
      Object.keys(next).length > 0 ||
      !rent.ok ||
      dueDay === null ||
      graceDays === null ||
      !lateFee.ok ||
      !deposit.ok
    ) {
      return;
    }
    startTransition(async () => {
      const result = await createLeaseAction({
        propertyId,
        unitId: unit,
        tenantEmail: email,
        startDate,
        endDate,
        monthlyRentCents: rent.cents,
        dueDay,
        graceDays,
        lateFeeCents: lateFee.cents,
        securityDepositCents: deposit.cents,
        idempotencyKey: key,
      });
      if (result.ok) {
        router.push(`/manager/leases/${result.data.leaseId}`);
        return;
      }
      if (result.error.field) setErrors({ [result.error.field]: result.error.message });
      setError(result.error);
    });
  }

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="space-y-4"
      aria-label="New lease"
      data-testid="lease-form"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          id="unitId"
          label="Unit"
          error={errors.unitId}
          hint={
            freeCount === null
              ? 'Choose the dates to see which units are free; an overlap with another lease is refused.'
              : `${freeCount} of ${units.length} units are free for these dates; an overlap is refused.`
          }
        >
          {(control) => (
            <Select
              {...control}
              defaultValue={initialUnit?.unitId}
              onChange={(e) => {
                const picked = units.find((u) => u.unitId === e.target.value);
                setRentInput((r) => (r.edited ? r : { text: rentOf(picked), edited: false }));
              }}
            >
              {units.map((u) => (
                <option key={u.unitId} value={u.unitId}>
                  {u.label} · market {f.money(u.marketRentCents)}
                  {datesChosen
                    ? freeFor(u, dates.start, dates.end)
                      ? ' · free for these dates'
                      : ' · leased for these dates'
                    : u.occupied
                      ? ' · leased today'
                      : ' · vacant'}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="tenantEmail" label="Tenant email" error={errors.tenantEmail}>
          {(control) => <Input {...control} type="email" autoComplete="off" defaultValue={tenantEmail} />}
        </Field>
        <Field id="startDate" label="Start date" error={errors.startDate}>
          {(control) => (
            <Input
              {...control}
              type="date"
              defaultValue={today}
              onChange={(e) => setDates((d) => ({ ...d, start: e.target.value }))}
            />
          )}
        </Field>
        <Field id="endDate" label="End date" error={errors.endDate}>
          {(control) => (
            <Input
              {...control}
              type="date"
              onChange={(e) => setDates((d) => ({ ...d, end: e.target.value }))}
            />
          )}
        </Field>
        <Field id="monthlyRentCents" name="rent" label="Monthly rent (USD)" error={errors.monthlyRentCents}>
          {(control) => (
            <MoneyInput
              {...control}
              value={rentInput.text}
              onTextChange={(text) => setRentInput((r) => ({ text, edited: r.edited || text !== r.text }))}
            />
          )}
        </Field>
        <Field id="dueDay" label="Due day of the month" error={errors.dueDay} hint="1 to 28">
          {(control) => <Input {...control} inputMode="numeric" defaultValue="1" />}
        </Field>
        <Field
          id="graceDays"
          label="Grace days"
          error={errors.graceDays}
          hint="Days after the due date before a late fee"
        >
          {(control) => <Input {...control} inputMode="numeric" defaultValue="5" />}
        </Field>
        <Field id="lateFeeCents" name="lateFee" label="Late fee (USD)" error={errors.lateFeeCents}>
          {(control) => <MoneyInput {...control} defaultCents={50_00} />}
        </Field>
        <Field
          id="securityDepositCents"
          name="deposit"
          label="Security deposit (USD)"
          error={errors.securityDepositCents}
        >
          {(control) => <MoneyInput {...control} defaultCents={0} />}
        </Field>
      </div>
      <ErrorAlert error={error} />
      <Button type="submit" pending={isPending} pendingLabel="Creating…">
        Create lease
      </Button>
    </form>
  );
}
