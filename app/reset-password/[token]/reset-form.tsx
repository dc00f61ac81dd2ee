'use client';
// The new password, twice; errors show next to the field they are about.
import Link from 'next/link';
import { useActionState } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import type { ActionResult } from '@/server/http/action';
import { resetPasswordAction } from './actions';

type State = ActionResult<{ reset: boolean }> | null;

export function ResetForm({ token }: { token: string }) {
  const [state, formAction, pending] = useActionState<State, FormData>(
    (_previous, form) => resetPasswordAction(form),
    null,
  );
  const error = state && !state.ok ? state.error : null;
  const fieldError = (name: string) => (error?.field === name ? error.message : null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {error && error.field !== 'password' && error.field !== 'confirm' ? (
        <div className="space-y-2">
          <ErrorAlert error={error} />
          {error.code === 'reset_not_found' ? (
            <Link
              href="/forgot-password"
              className="text-sm text-accent-strong underline-offset-2 hover:underline"
            >
              Ask for a new link
            </Link>
          ) : null}
        </div>
      ) : null}
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
        Set the new password
      </Button>
    </form>
  );
}
