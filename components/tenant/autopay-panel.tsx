'use client';
// Autopay on one lease: enrol (card or ACH, optional cap) or cancel, with the next autopay date.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { cancelAutopay, enrolAutopay } from '@/app/tenant/actions';
import type { LeaseDetail } from '@/app/tenant/data';
import { Alert, ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, Select } from '@/components/ui/field';
import { DateText, Money } from '@/components/ui/locale';
import { checkMoney } from '@/components/ui/money';
import { MoneyInput } from '@/components/ui/money-input';
import { METHOD_LABEL, methodLabel } from './labels';
import { ActionFailure, errorOf, invalidateTenant, unwrap } from './queries';

export function AutopayPanel({ leaseId, autopay }: { leaseId: string; autopay: LeaseDetail['autopay'] }) {
  const queryClient = useQueryClient();
  const [method, setMethod] = useState<'card' | 'ach'>('card');
  const [capText, setCapText] = useState('');
  const [capError, setCapError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const enrol = useMutation({
    mutationFn: async (capCents: number | undefined) =>
      unwrap(await enrolAutopay({ leaseId, method, capCents })),
    onSuccess: async () => {
      setDone('Autopay is on.');
      await invalidateTenant(queryClient);
    },
  });
  const cancel = useMutation({
    mutationFn: async () => unwrap(await cancelAutopay({ leaseId })),
    onSuccess: async () => {
      setDone('Autopay is off. Pay each month with “Pay rent”.');
      await invalidateTenant(queryClient);
    },
  });
  const failure = errorOf(enrol.error ?? cancel.error);
  const capServerError =
    enrol.error instanceof ActionFailure && enrol.error.error.field === 'capCents'
      ? enrol.error.error.message
      : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    cancel.reset();
    let capCents: number | undefined;
    if (capText.trim() !== '') {
      const cap = checkMoney(capText, { what: 'a cap', example: '1,500.00' });
      if (!cap.ok) {
        setCapError(`${cap.error} Or leave it empty for no cap.`);
        return;
      }
      capCents = cap.cents;
    }
    setCapError(null);
    enrol.mutate(capCents);
  }

  return (
    <Card id="autopay" title="Autopay" data-testid="autopay-panel">
      <div className="space-y-4">
        {done ? (
          <Alert tone="success" role="status">
            {done}
          </Alert>
        ) : null}
        {failure && !capServerError ? <ErrorAlert error={failure} /> : null}
        {autopay?.enabled ? (
          <div className="space-y-3">
            <p data-testid="autopay-status">
              Autopay is <strong>on</strong>: {methodLabel(autopay.method)}
              {autopay.capCents ? (
                <>
                  , up to <Money cents={autopay.capCents} /> a month
                </>
              ) : null}
              .
            </p>
            <p>
              Next autopay:{' '}
              {autopay.nextDate ? (
                <strong data-testid="autopay-next-date">
                  <DateText date={autopay.nextDate} style="long" />
                </strong>
              ) : (
                'no further charges are scheduled'
              )}
            </p>
            <Button
              variant="secondary"
              onClick={() => {
                setDone(null);
                enrol.reset();
                cancel.mutate();
              }}
              pending={cancel.isPending}
              pendingLabel="Cancelling…"
            >
              Cancel autopay
            </Button>
          </div>
        ) : (
          <form onSubmit={submit} className="space-y-4" noValidate aria-label="Enrol in autopay">
            <p className="text-sm text-muted" data-testid="autopay-status">
              Autopay is off. When on, the open balance is paid automatically on each due date.
            </p>
            <Field id="autopay-method" label="Pay with">
              {(control) => (
                <Select
                  {...control}
                  value={method}
                  onChange={(event) => setMethod(event.target.value === 'ach' ? 'ach' : 'card')}
                >
                  <option value="card">{METHOD_LABEL.card}</option>
                  <option value="ach">{METHOD_LABEL.ach}</option>
                </Select>
              )}
            </Field>
            <Field
              id="autopay-cap"
              label="Monthly cap (optional, USD)"
              hint="Autopay never pays more than this in one go. Leave empty for no cap."
              error={capError ?? capServerError}
            >
              {(control) => <MoneyInput {...control} value={capText} onTextChange={setCapText} />}
            </Field>
            <Button type="submit" pending={enrol.isPending} pendingLabel="Turning on…">
              Turn on autopay
            </Button>
          </form>
        )}
      </div>
    </Card>
  );
}
