'use client';
// "Email me rent reminders": a checkbox saved as soon as it changes.
import { useState, useTransition } from 'react';
import { setEmailPreferencesAction } from './email-preferences-action';

export function EmailPreferences({ reminderEmails }: { reminderEmails: boolean }) {
  const [checked, setChecked] = useState(reminderEmails);
  const [pending, start] = useTransition();
  const [status, setStatus] = useState<string | null>(null);
  return (
    <section
      aria-labelledby="email-heading"
      className="rounded-lg border border-line bg-surface p-5 shadow-sm"
    >
      <h2 id="email-heading" className="text-lg font-semibold">
        Email
      </h2>
      <label className="mt-3 flex items-start gap-3 text-sm">
        <input
          type="checkbox"
          className="mt-0.5 size-4"
          checked={checked}
          disabled={pending}
          data-testid="reminder-emails"
          onChange={(event) => {
            const next = event.target.checked;
            setChecked(next);
            start(async () => {
              const result = await setEmailPreferencesAction({ reminderEmails: next });
              if (result.ok) setStatus(next ? 'Rent reminders will be emailed.' : 'No more reminder emails.');
              else {
                setChecked(!next);
                setStatus(result.error.message);
              }
            });
          }}
        />
        <span>
          Email me a reminder a few days before rent is due.
          <span className="block text-muted">
            Receipts, returned payments, late fees and security emails are always sent; reminders stay in your
            notifications either way.
          </span>
        </span>
      </label>
      <p role="status" className="mt-2 min-h-5 text-sm text-muted">
        {status}
      </p>
    </section>
  );
}
