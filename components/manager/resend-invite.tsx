'use client';
// Resend a tenant's invite: after a confirmation, a new one-use, 7-day link replaces the old one
// (which stops working at once) and is shown here, once, to copy.
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { resendInviteAction } from '@/app/manager/actions/properties';
import { Alert, ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { ActionError } from '@/server/http/action';
import { InviteLink } from './invite-link';

export function ResendInvite({ tenantId, tenantName }: { tenantId: string; tenantName: string }) {
  const router = useRouter();
  const [step, setStep] = useState<'idle' | 'confirm'>('idle');
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<ActionError | null>(null);
  const [isPending, startTransition] = useTransition();

  function resend() {
    setError(null);
    startTransition(async () => {
      const result = await resendInviteAction({ tenantId });
      setStep('idle');
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setLink(`${window.location.origin}${result.data.invitePath}`);
      router.refresh();
    });
  }

  return (
    <div className="space-y-2" data-testid={`resend-${tenantId}`}>
      {step === 'idle' ? (
        <Button variant="secondary" className="min-h-9 px-3" onClick={() => setStep('confirm')}>
          {link ? 'Resend again' : 'Resend invite'}
          <span className="sr-only"> to {tenantName}</span>
        </Button>
      ) : (
        <div role="alertdialog" aria-labelledby={`resend-${tenantId}-text`} className="space-y-2">
          <p id={`resend-${tenantId}-text`} className="text-sm">
            Send {tenantName} a new link? It replaces the one sent before, which stops working.
          </p>
          <div className="flex flex-wrap gap-2">
            <Button className="min-h-9 px-3" pending={isPending} pendingLabel="Sending…" onClick={resend}>
              Send a new link
            </Button>
            <Button
              variant="ghost"
              className="min-h-9 px-3"
              disabled={isPending}
              onClick={() => setStep('idle')}
            >
              Keep the old link
            </Button>
          </div>
        </div>
      )}
      <ErrorAlert error={error} />
      {link ? (
        <Alert tone="success" role="status" title="New invite link">
          <p>Send it to {tenantName}. It works once, for 7 days, and is shown only now.</p>
          <InviteLink link={link} id={`invite-link-${tenantId}`} />
        </Alert>
      ) : null}
    </div>
  );
}
