'use client';
// The property page's forms: change the name and address, add a unit, withdraw a notice. Each is
// checked here with the domain's own zod schemas (server/domain/property/input.ts, pure), so the
// browser shows the sentences the server would answer; then a confirmation, then the action.
import {
  addUnitAction,
  changePropertyDetailsAction,
  withdrawNoticeAction,
} from '@/app/manager/actions/properties';
import { ConfirmAction, type FieldErrors, text } from '@/components/manager/confirm-action';
import { useFormat } from '@/components/manager/use-format';
import { Field, Input, Textarea } from '@/components/ui/field';
import { checkMoney } from '@/components/ui/money';
import { MoneyInput } from '@/components/ui/money-input';
import type { PropertyDetailsInput, UnitInput } from '@/server/domain/property/input';
import { fieldErrorsOf, propertyDetailsInput, unitInput } from '@/server/domain/property/input';
import type { Address } from '@/server/queries/scope';

export function PropertyDetailsForm({
  propertyId,
  name,
  address,
}: {
  propertyId: string;
  name: string;
  address: Address;
}) {
  return (
    <ConfirmAction<PropertyDetailsInput>
      testId="edit-property"
      title="Name and address"
      submitLabel="Save changes…"
      confirmLabel="Save changes"
      fields={(errors: FieldErrors) => (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id="edit-name" name="name" label="Property name" error={errors.name}>
            {(control) => <Input {...control} defaultValue={name} maxLength={200} autoComplete="off" />}
          </Field>
          <Field id="edit-line1" name="line1" label="Street address" error={errors['address.line1']}>
            {(control) => (
              <Input {...control} defaultValue={address.line1} maxLength={200} autoComplete="off" />
            )}
          </Field>
          <Field id="edit-city" name="city" label="City" error={errors['address.city']}>
            {(control) => (
              <Input {...control} defaultValue={address.city} maxLength={100} autoComplete="off" />
            )}
          </Field>
          <div className="grid grid-cols-2 gap-3">
            <Field id="edit-state" name="state" label="State" error={errors['address.state']}>
              {(control) => (
                <Input {...control} defaultValue={address.state} maxLength={100} autoComplete="off" />
              )}
            </Field>
            <Field
              id="edit-postal"
              name="postalCode"
              label="Postal code"
              error={errors['address.postalCode']}
            >
              {(control) => (
                <Input {...control} defaultValue={address.postalCode} maxLength={20} autoComplete="off" />
              )}
            </Field>
          </div>
        </div>
      )}
      validate={(form) => {
        const parsed = propertyDetailsInput.safeParse({
          name: text(form, 'name'),
          address: {
            line1: text(form, 'line1'),
            city: text(form, 'city'),
            state: text(form, 'state'),
            postalCode: text(form, 'postalCode'),
          },
        });
        return parsed.success ? { values: parsed.data } : { errors: fieldErrorsOf(parsed.error) };
      }}
      confirmText={(v) =>
        `Save “${v.name}”, ${v.address.line1}, ${v.address.city}, ${v.address.state} ${v.address.postalCode}? Tenants, leases and reports show the new name and address from now on; the history keeps the old one.`
      }
      run={(v, idempotencyKey) => changePropertyDetailsAction({ propertyId, ...v, idempotencyKey })}
      done={() => 'Name and address saved.'}
    />
  );
}

export function AddUnitForm({ propertyId }: { propertyId: string }) {
  const f = useFormat();
  return (
    <ConfirmAction<UnitInput>
      testId="add-unit"
      title="Add a unit"
      submitLabel="Add unit…"
      confirmLabel="Add unit"
      fields={(errors: FieldErrors) => (
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            id="unit-label"
            name="label"
            label="Unit label"
            hint="Like 2B; new to this property"
            error={errors.label}
          >
            {(control) => <Input {...control} maxLength={50} autoComplete="off" />}
          </Field>
          <Field
            id="unit-rent"
            name="rent"
            label="Market rent (USD)"
            hint="Per month"
            error={errors.marketRentCents}
          >
            {(control) => <MoneyInput {...control} />}
          </Field>
        </div>
      )}
      validate={(form) => {
        const rent = checkMoney(text(form, 'rent'), { what: 'the market rent', example: '1,500.00' });
        const parsed = unitInput.safeParse({
          label: text(form, 'label'),
          marketRentCents: rent.ok ? rent.cents : 0,
        });
        const errors = parsed.success ? {} : fieldErrorsOf(parsed.error);
        // The money field's own message (typing, limits) comes first: it is in dollars already.
        if (!rent.ok) errors.marketRentCents = rent.error;
        return parsed.success && rent.ok ? { values: parsed.data } : { errors };
      }}
      confirmText={(v) => `Add unit ${v.label} at a market rent of ${f.money(v.marketRentCents)} a month?`}
      run={(v, idempotencyKey) => addUnitAction({ propertyId, ...v, idempotencyKey })}
      done={(v) => `Unit ${v.label} added; it is vacant until you lease it.`}
    />
  );
}

export function WithdrawNoticeForm({
  propertyId,
  noticeId,
  title,
}: {
  propertyId: string;
  noticeId: string;
  title: string;
}) {
  return (
    <ConfirmAction<{ reason?: string }>
      testId={`withdraw-${noticeId}`}
      title={`Withdraw “${title}”`}
      variant="danger"
      submitLabel="Withdraw…"
      confirmLabel="Withdraw notice"
      backLabel="Keep the notice"
      fields={(errors: FieldErrors) => (
        <Field
          id={`withdraw-reason-${noticeId}`}
          name="reason"
          label="Reason (optional)"
          hint="For your records and the audit trail; tenants do not see it."
          error={errors.reason}
        >
          {(control) => <Textarea {...control} rows={2} maxLength={500} />}
        </Field>
      )}
      validate={(form) => {
        const reason = text(form, 'reason');
        if (reason.length > 500) return { errors: { reason: 'Keep the reason to 500 characters or fewer.' } };
        return { values: reason ? { reason } : {} };
      }}
      confirmText={() => `Withdraw “${title}”? Tenants stop seeing it at once. This cannot be undone.`}
      run={(v, idempotencyKey) => withdrawNoticeAction({ propertyId, noticeId, ...v, idempotencyKey })}
      done={() => `Notice “${title}” withdrawn.`}
    />
  );
}
