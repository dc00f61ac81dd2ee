'use client';
// Register a property with its units. Every field is checked with its message next to it; the
// server's refusal (e.g. a duplicate unit label) is shown next to the field it names.
import { useRouter } from 'next/navigation';
import { type FormEvent, useState, useTransition } from 'react';
import { registerPropertyAction } from '@/app/manager/actions/properties';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Input, Select } from '@/components/ui/field';
import { parseDollarsToCents } from '@/components/ui/format';
import type { ActionError } from '@/server/http/action';
import { type FieldErrors, text } from './confirm-action';

/**
 * `timeZones`: the IANA names to choose from (the server's list); `defaultTimeZone`: the one
 * preselected (the server's DEFAULT_TIME_ZONE). The zone decides the property's "today": when
 * its tenants' payments are dated and when grace periods end.
 */
export function PropertyForm({
  timeZones,
  defaultTimeZone,
}: {
  timeZones: readonly string[];
  defaultTimeZone: string;
}) {
  const router = useRouter();
  const [rows, setRows] = useState<number[]>([0]);
  const [nextRow, setNextRow] = useState(1);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<ActionError | null>(null);
  const [key] = useState(() => crypto.randomUUID());
  const [isPending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const form = new FormData(event.currentTarget);
    const next: FieldErrors = {};
    const name = text(form, 'name');
    if (!name) next.name = 'Enter the property’s name.';
    const address = {
      line1: text(form, 'line1'),
      city: text(form, 'city'),
      state: text(form, 'state'),
      postalCode: text(form, 'postalCode'),
    };
    if (!address.line1) next['address.line1'] = 'Enter the street address.';
    if (!address.city) next['address.city'] = 'Enter the city.';
    if (!address.state) next['address.state'] = 'Enter the state.';
    if (!address.postalCode) next['address.postalCode'] = 'Enter the postal code.';
    const timeZone = text(form, 'timeZone');
    if (!timeZones.includes(timeZone)) next.timeZone = 'Choose the time zone the property is in.';
    const labels = new Set<string>();
    const units = rows.map((row, index) => {
      const label = text(form, `unit-${row}-label`);
      const rent = parseDollarsToCents(text(form, `unit-${row}-rent`));
      if (!label) next[`units.${index}.label`] = 'Enter the unit’s label, like 1A.';
      else if (labels.has(label.toLowerCase()))
        next[`units.${index}.label`] = 'Each unit needs its own label.';
      labels.add(label.toLowerCase());
      if (rent === null || rent <= 0)
        next[`units.${index}.marketRentCents`] = 'Enter the market rent, like 1500.00.';
      return { label, marketRentCents: rent ?? 0 };
    });
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    startTransition(async () => {
      const result = await registerPropertyAction({ name, address, timeZone, units, idempotencyKey: key });
      if (result.ok) {
        router.push(`/manager/properties/${result.data.propertyId}`);
        return;
      }
      if (result.error.field) setErrors({ [result.error.field]: result.error.message });
      setError(result.error);
    });
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-6" aria-label="Register a property">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="name" label="Name" error={errors.name}>
          {(control) => <Input {...control} autoComplete="off" />}
        </Field>
        <Field id="line1" label="Street address" error={errors['address.line1']}>
          {(control) => <Input {...control} autoComplete="off" />}
        </Field>
        <Field id="city" label="City" error={errors['address.city']}>
          {(control) => <Input {...control} autoComplete="off" />}
        </Field>
        <div className="grid grid-cols-2 gap-4">
          <Field id="state" label="State" error={errors['address.state']}>
            {(control) => <Input {...control} autoComplete="off" maxLength={50} />}
          </Field>
          <Field id="postalCode" label="Postal code" error={errors['address.postalCode']}>
            {(control) => <Input {...control} autoComplete="off" maxLength={20} />}
          </Field>
        </div>
        <Field
          id="timeZone"
          label="Time zone"
          hint="Tenants' payment dates and the end of each grace period follow the local date here."
          error={errors.timeZone}
        >
          {(control) => (
            <Select {...control} defaultValue={defaultTimeZone}>
              {timeZones.map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll('_', ' ')}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
      <fieldset className="space-y-3">
        <legend className="font-semibold">Units</legend>
        {rows.map((row, index) => (
          <div
            key={row}
            className="grid items-start gap-3 sm:grid-cols-[1fr_1fr_auto]"
            data-testid="unit-row"
          >
            <Field
              id={`unit-${row}-label`}
              label={`Unit ${index + 1} label`}
              error={errors[`units.${index}.label`]}
            >
              {(control) => <Input {...control} autoComplete="off" />}
            </Field>
            <Field
              id={`unit-${row}-rent`}
              label={`Unit ${index + 1} market rent (USD)`}
              error={errors[`units.${index}.marketRentCents`]}
            >
              {(control) => <Input {...control} inputMode="decimal" />}
            </Field>
            <Button
              variant="ghost"
              className="sm:mt-7"
              disabled={rows.length === 1}
              onClick={() => setRows(rows.filter((r) => r !== row))}
            >
              Remove unit {index + 1}
            </Button>
          </div>
        ))}
        {errors.units ? <p className="text-sm font-medium text-bad">{errors.units}</p> : null}
        <Button
          variant="secondary"
          onClick={() => {
            setRows([...rows, nextRow]);
            setNextRow(nextRow + 1);
          }}
        >
          Add a unit
        </Button>
      </fieldset>
      <ErrorAlert error={error} />
      <Button type="submit" pending={isPending} pendingLabel="Registering…">
        Register property
      </Button>
    </form>
  );
}
