'use client';
// Invite a tenant: creates the account without a password and shows the invite link once (only
// its hash is stored, so it cannot be shown again).
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState, useTransition } from 'react';
import { inviteTenantAction } from '@/app/manager/actions/properties';
import { Alert, ErrorAlert } from '@/components/ui/alert';
import { Button, buttonClass } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import type { ActionError } from '@/server/http/action';
import { type FieldErrors, text } from './confirm-action';
import { InviteLink } from './invite-link';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function InviteForm() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<ActionError | null>(null);
  const [invited, setInvited] = useState<{ email: string; link: string } | null>(null);
  const [isPending, startTransition] = useTransition();
  const router = useRouter();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const name = text(form, 'name');
    const email = text(form, 'email');
    const next: FieldErrors = {};
    if (!name) next.name = 'Enter the tenant’s name.';
    if (!EMAIL.test(email)) next.email = 'Enter an email address like name@example.com.';
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    startTransition(async () => {
      const result = await inviteTenantAction({ name, email });
      if (result.ok) {
        setInvited({ email: result.data.email, link: `${window.location.origin}${result.data.invitePath}` });
        formElement.reset();
        // The directory below lists the new tenant.
        router.refresh();
        return;
      }
      if (result.error.field) setErrors({ [result.error.field]: result.error.message });
      setError(result.error);
    });
  }

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Invite a tenant">
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="name" label="Name" error={errors.name}>
            {(control) => <Input {...control} autoComplete="off" />}
          </Field>
          <Field id="email" label="Email" error={errors.email}>
            {(control) => <Input {...control} type="email" autoComplete="off" />}
          </Field>
        </div>
        <ErrorAlert error={error} />
        <Button type="submit" pending={isPending} pendingLabel="Inviting…">
          Invite tenant
        </Button>
      </form>
      {invited ? (
        <Alert tone="success" role="status" title={`Invitation for ${invited.email}`}>
          <p>Send this link to the tenant. It works once, for 7 days, and is shown only now.</p>
          <InviteLink link={invited.link} />
          <p className="mt-2">
            <Link
              href={`/manager/leases/new?tenantEmail=${encodeURIComponent(invited.email)}`}
              className={buttonClass('ghost', 'px-0')}
            >
              Create a lease for {invited.email}
            </Link>
          </p>
        </Alert>
      ) : null}
    </div>
  );
}
