'use client';
// The invited tenant chooses a password (twice); errors show next to the field they are about.
import { useActionState } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import type { ActionResult } from '@/server/http/action';
import { acceptInviteAction } from './actions';

type State = ActionResult<{ home: string }> | null;

export function InviteForm({ token }: { token: string }) {
  const [state, formAction, pending] = useActionState<State, FormData>(
    (_previous, form) => acceptInviteAction(form),
    null,
  );
  const error = state && !state.ok ? state.error : null;
  const fieldError = (name: string) => (error?.field === name ? error.message : null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {error && error.field !== 'password' && error.field !== 'confirm' ? <ErrorAlert error={error} /> : null}
      <input type="hidden" name="token" value={token} />
      <Field id="password" label="New password" hint="At least 12 characters." error={fieldError('password')}>
        {(control) => (
          <Input {...control} type="password" autoComplete="new-password" minLength={12} required />
        )}
      </Field>
      <Field id="confirm" label="Repeat the password" error={fieldError('confirm')}>
        {(control) => <Input {...control} type="password" autoComplete="new-password" required />}
      </Field>
      <Button type="submit" pending={pending} pendingLabel="Saving…" className="w-full">
        Set password and sign in
      </Button>
    </form>
  );
}
