'use client';
// The email to send a reset link to; the answer never says whether the account exists.
import { useActionState } from 'react';
import { Alert, ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import type { ActionResult } from '@/server/http/action';
import { requestPasswordResetAction } from './actions';

type State = ActionResult<{ sent: boolean }> | null;

export function ForgotForm() {
  const [state, formAction, pending] = useActionState<State, FormData>(
    (_previous, form) => requestPasswordResetAction(form),
    null,
  );
  if (state?.ok) {
    return (
      <Alert tone="success" role="status" title="Check your email">
        If an account has that address, a link to choose a new password is on its way. It works once, for one
        hour.
      </Alert>
    );
  }
  const error = state && !state.ok ? state.error : null;
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {error && error.field !== 'email' ? <ErrorAlert error={error} /> : null}
      <Field id="email" label="Email" error={error?.field === 'email' ? error.message : null}>
        {(control) => <Input {...control} type="email" autoComplete="email" required />}
      </Field>
      <Button type="submit" pending={pending} pendingLabel="Sending…" className="w-full">
        Email me a reset link
      </Button>
    </form>
  );
}
