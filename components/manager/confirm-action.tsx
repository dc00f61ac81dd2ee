'use client';
// Two-step actions: the form collects and checks the values, then a confirmation says exactly what
// will happen; only "Confirm" calls the server action. A refusal shows the rule's message (next
// to its field when the server names one); success refreshes the page's server data in place.
import { useRouter } from 'next/navigation';
import { type FormEvent, type ReactNode, useId, useState, useTransition } from 'react';
import { Alert, ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import type { ActionError, ActionResult } from '@/server/http/action';

export type FieldErrors = Record<string, string>;

export interface ConfirmActionProps<V> {
  /** The form's accessible name and its submit label. */
  title: string;
  submitLabel: string;
  confirmLabel?: string;
  /** The button that backs out of the confirmation (default "Cancel"). */
  backLabel?: string;
  variant?: 'primary' | 'danger';
  /** Renders the fields with the current field errors. */
  fields: (errors: FieldErrors) => ReactNode;
  /** Reads and checks the form: values, or an error per field. */
  validate: (form: FormData) => { values: V } | { errors: FieldErrors };
  /** The sentence the confirmation shows. */
  confirmText: (values: V) => string;
  run: (values: V, idempotencyKey: string) => Promise<ActionResult<unknown>>;
  /** Shown after a success. */
  done: (values: V) => string;
  testId?: string;
}

export function ConfirmAction<V>(props: ConfirmActionProps<V>) {
  const {
    title,
    submitLabel,
    confirmLabel = 'Confirm',
    backLabel = 'Cancel',
    variant = 'primary',
    fields,
    validate,
    confirmText,
    run,
    done,
  } = props;
  const router = useRouter();
  const headingId = useId();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pendingValues, setPendingValues] = useState<V | null>(null);
  const [error, setError] = useState<ActionError | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [isPending, startTransition] = useTransition();
  const [formKey, setFormKey] = useState(0);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSuccess(null);
    setError(null);
    const checked = validate(new FormData(event.currentTarget));
    if ('errors' in checked) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setPendingValues(checked.values);
  }

  function confirm() {
    const values = pendingValues;
    if (values === null) return;
    startTransition(async () => {
      const result = await run(values, key);
      if (result.ok) {
        setPendingValues(null);
        setSuccess(done(values));
        setKey(crypto.randomUUID());
        setFormKey((n) => n + 1);
        router.refresh();
      } else {
        setPendingValues(null);
        if (result.error.field) setErrors({ [result.error.field]: result.error.message });
        setError(result.error);
      }
    });
  }

  return (
    <section aria-labelledby={headingId} className="space-y-3" data-testid={props.testId}>
      <h3 id={headingId} className="font-semibold">
        {title}
      </h3>
      <form key={formKey} onSubmit={onSubmit} noValidate className="space-y-3" aria-labelledby={headingId}>
        <fieldset disabled={pendingValues !== null || isPending} className="space-y-3">
          {fields(errors)}
        </fieldset>
        {pendingValues === null ? (
          <Button type="submit" variant={variant === 'danger' ? 'danger' : 'secondary'}>
            {submitLabel}
          </Button>
        ) : null}
      </form>
      {pendingValues !== null ? (
        <div
          role="alertdialog"
          aria-labelledby={`${headingId}-confirm`}
          className="space-y-3 rounded-md border border-warn bg-warn-soft p-3"
        >
          <p id={`${headingId}-confirm`} className="text-sm text-ink" data-testid="confirm-text">
            {confirmText(pendingValues)}
          </p>
          <div className="flex gap-2">
            <Button variant={variant} onClick={confirm} pending={isPending} autoFocus>
              {confirmLabel}
            </Button>
            <Button variant="secondary" onClick={() => setPendingValues(null)} disabled={isPending}>
              {backLabel}
            </Button>
          </div>
        </div>
      ) : null}
      <ErrorAlert error={error} />
      {success ? (
        <Alert tone="success" role="status">
          <span data-testid="action-success">{success}</span>
        </Alert>
      ) : null}
    </section>
  );
}

/** A FormData text value, trimmed ('' when absent). */
export const text = (form: FormData, name: string): string => String(form.get(name) ?? '').trim();
