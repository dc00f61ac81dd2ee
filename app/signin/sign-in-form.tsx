'use client';
// The sign-in form: email and password; a wrong pair shows one clear message, not which was wrong.
import { useActionState, useState } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import type { ActionResult } from '@/server/http/action';
import { signIn } from './actions';

type State = ActionResult<{ home: string }> | null;

export function SignInForm({ next }: { next?: string }) {
  const [state, formAction, pending] = useActionState<State, FormData>(
    (_previous, form) => signIn(form),
    null,
  );
  // Controlled, so a failed attempt keeps the email (React resets uncontrolled fields after an action).
  const [email, setEmail] = useState('');
  const error = state && !state.ok ? state.error : null;
  const fieldError = (name: string) => (error?.field === name ? error.message : null);
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {error && !error.field ? <ErrorAlert error={error} /> : null}
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <Field id="email" label="Email" error={fieldError('email')}>
        {(control) => (
          <Input
            {...control}
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        )}
      </Field>
      <Field id="password" label="Password" error={fieldError('password')}>
        {(control) => <Input {...control} type="password" autoComplete="current-password" required />}
      </Field>
      <Button type="submit" pending={pending} pendingLabel="Signing in…" className="w-full">
        Sign in
      </Button>
    </form>
  );
}
