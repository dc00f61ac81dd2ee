'use client';
// Change the password: current one, the new one twice. Other sessions end and API tokens are revoked.
import { useActionState } from 'react';
import { Alert, ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import type { ActionResult } from '@/server/http/action';
import { changePasswordAction } from './actions';

type State = ActionResult<{ changed: boolean }> | null;

export function PasswordForm() {
  const [state, formAction, pending] = useActionState<State, FormData>(
    (_previous, form) => changePasswordAction(form),
    null,
  );
  const error = state && !state.ok ? state.error : null;
  const fieldError = (name: string) => (error?.field === name ? error.message : null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state?.ok ? (
        <Alert tone="success" role="status">
          Password changed. Your other sessions were signed out and your API tokens revoked.
        </Alert>
      ) : null}
      {error && !error.field ? <ErrorAlert error={error} /> : null}
      <Field id="currentPassword" label="Current password" error={fieldError('currentPassword')}>
        {(control) => <Input {...control} type="password" autoComplete="current-password" required />}
      </Field>
      <Field
        id="newPassword"
        label="New password"
        hint="At least 12 characters."
        error={fieldError('newPassword')}
      >
        {(control) => <Input {...control} type="password" autoComplete="new-password" required />}
      </Field>
      <Field id="confirm" label="New password again" error={fieldError('confirm')}>
        {(control) => <Input {...control} type="password" autoComplete="new-password" required />}
      </Field>
      <Button type="submit" pending={pending} pendingLabel="Changing…">
        Change password
      </Button>
    </form>
  );
}
