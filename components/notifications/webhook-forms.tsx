'use client';
// The admin's webhook controls: register an endpoint (its secret is shown once, right here), send
// an endpoint a test event, delete it.
import { useActionState, useState, useTransition } from 'react';
import { deleteWebhookAction, registerWebhookAction, testWebhookAction } from '@/app/admin/webhooks/actions';
import { Alert, ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field, Input } from '@/components/ui/field';
import type { ActionResult } from '@/server/http/action';

type Registered = ActionResult<{ webhookId: string; secret: string }> | null;

export function RegisterWebhookForm() {
  const [state, formAction, pending] = useActionState<Registered, FormData>(
    (_previous, form) => registerWebhookAction(form),
    null,
  );
  const error = state && !state.ok ? state.error : null;
  return (
    <div className="space-y-4">
      {state?.ok ? (
        <Alert tone="success" role="status" title="Endpoint registered">
          <p>Copy its signing secret now; it is not shown again.</p>
          <code data-testid="webhook-secret" className="mt-2 block break-all rounded bg-paper p-2 text-ink">
            {state.data.secret}
          </code>
        </Alert>
      ) : null}
      <form action={formAction} className="space-y-4" noValidate>
        {error && error.field !== 'url' ? <ErrorAlert error={error} /> : null}
        <Field
          id="url"
          label="Endpoint URL"
          hint="https:// (plain http only on localhost or 127.0.0.1)."
          error={error?.field === 'url' ? error.message : null}
        >
          {(control) => (
            <Input {...control} type="url" placeholder="https://example.com/leasebook" required />
          )}
        </Field>
        <Field
          id="eventTypes"
          label="Event types"
          hint="Comma-separated, e.g. PaymentReceived, PaymentReversed. Empty: every event."
        >
          {(control) => <Input {...control} />}
        </Field>
        <Field id="description" label="Description (optional)">
          {(control) => <Input {...control} maxLength={500} />}
        </Field>
        <Button type="submit" pending={pending} pendingLabel="Registering…">
          Register endpoint
        </Button>
      </form>
    </div>
  );
}

export function WebhookActions({ webhookId }: { webhookId: string }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const run = (kind: 'test' | 'delete') =>
    start(async () => {
      const result =
        kind === 'test' ? await testWebhookAction({ webhookId }) : await deleteWebhookAction({ webhookId });
      setMessage(
        result.ok
          ? {
              tone: 'success',
              text: kind === 'test' ? 'Test event queued; it shows in the log below.' : 'Deleted.',
            }
          : { tone: 'error', text: result.error.message },
      );
    });
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button variant="secondary" pending={pending} onClick={() => run('test')}>
        Send test event
      </Button>
      <Button
        variant="danger"
        disabled={pending}
        onClick={() => {
          if (window.confirm('Delete this endpoint? Deliveries to it stop; its log is kept.')) run('delete');
        }}
      >
        Delete
      </Button>
      {message ? (
        <span role="status" className={`text-sm ${message.tone === 'success' ? 'text-ok' : 'text-bad'}`}>
          {message.text}
        </span>
      ) : null}
    </div>
  );
}
