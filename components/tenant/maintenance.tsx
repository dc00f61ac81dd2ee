'use client';
// Maintenance for a tenant: file a request (lease, category, priority, description), follow each
// request's status, and rate it once completed. Reads the hydrated `tenantKeys.maintenance` query.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { fileMaintenance, rateMaintenance } from '@/app/tenant/actions';
import { Alert, ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, EmptyState } from '@/components/ui/card';
import { Field, Select, Textarea } from '@/components/ui/field';
import type { TenantMaintenanceRequest } from '@/server/queries/tenant-maintenance';
import { capitalise } from './labels';
import { MaintenanceSummary } from './maintenance-summary';
import { ActionFailure, errorOf, invalidateTenant, unwrap, useMaintenance } from './queries';

type FileInput = Parameters<typeof fileMaintenance>[0];

export interface MaintenanceLease {
  leaseId: string;
  label: string;
}

export function TenantMaintenance({
  leases,
  categories,
  priorities,
  formKey,
}: {
  leases: MaintenanceLease[];
  categories: readonly string[];
  priorities: readonly string[];
  /** Idempotency key minted by the server render: a resubmit files one request. */
  formKey: string;
}) {
  const { data, error } = useMaintenance();
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">Maintenance</h1>
        <p className="text-muted">Request a repair, follow it, and tell us how it went.</p>
      </div>
      <div className="grid gap-6 lg:grid-cols-5">
        <div className="lg:col-span-2">
          <RequestForm leases={leases} categories={categories} priorities={priorities} initialKey={formKey} />
        </div>
        <div className="lg:col-span-3">
          <Card id="requests" title="Your requests">
            <ErrorAlert error={errorOf(error)} />
            {!data ? null : data.length === 0 ? (
              <EmptyState>No requests yet. Use the form to report something that needs fixing.</EmptyState>
            ) : (
              <ul className="divide-y divide-line" data-testid="maintenance-list">
                {data.map((request) => (
                  <RequestItem key={request.requestId} request={request} />
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}

function RequestForm({
  leases,
  categories,
  priorities,
  initialKey,
}: {
  leases: MaintenanceLease[];
  categories: readonly string[];
  priorities: readonly string[];
  initialKey: string;
}) {
  const queryClient = useQueryClient();
  const [key, setKey] = useState(initialKey);
  const [leaseId, setLeaseId] = useState(leases[0]?.leaseId ?? '');
  const [category, setCategory] = useState(categories[0] ?? '');
  const [priority, setPriority] = useState(priorities.includes('normal') ? 'normal' : (priorities[0] ?? ''));
  const [description, setDescription] = useState('');
  const [filed, setFiled] = useState(false);
  const file = useMutation({
    mutationFn: async () =>
      // category and priority come from the server's own lists; the action validates them again.
      unwrap(
        await fileMaintenance({ leaseId, category, priority, description, idempotencyKey: key } as FileInput),
      ),
    onSuccess: async () => {
      setFiled(true);
      setDescription('');
      // A new key for the next request: this one is spent.
      setKey(crypto.randomUUID());
      await invalidateTenant(queryClient);
    },
  });
  const failure = file.error instanceof ActionFailure ? file.error.error : errorOf(file.error);
  const fieldError = (field: string) => (failure?.field === field ? failure.message : null);

  if (leases.length === 0) {
    return (
      <Card id="new-request" title="Request a repair">
        <EmptyState>You need an active lease to request a repair.</EmptyState>
      </Card>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setFiled(false);
    file.mutate();
  }

  return (
    <Card id="new-request" title="Request a repair">
      <form onSubmit={submit} className="space-y-4" noValidate aria-label="Request a repair">
        {filed ? (
          <Alert tone="success" role="status">
            Request sent. You can follow it in the list.
          </Alert>
        ) : null}
        {failure && !failure.field ? <ErrorAlert error={failure} /> : null}
        {leases.length > 1 ? (
          <Field id="m-lease" label="Home" error={fieldError('leaseId')}>
            {(control) => (
              <Select {...control} value={leaseId} onChange={(event) => setLeaseId(event.target.value)}>
                {leases.map((lease) => (
                  <option key={lease.leaseId} value={lease.leaseId}>
                    {lease.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        ) : null}
        <Field id="m-category" label="Category" error={fieldError('category')}>
          {(control) => (
            <Select {...control} value={category} onChange={(event) => setCategory(event.target.value)}>
              {categories.map((value) => (
                <option key={value} value={value}>
                  {capitalise(value)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field id="m-priority" label="Priority" error={fieldError('priority')}>
          {(control) => (
            <Select {...control} value={priority} onChange={(event) => setPriority(event.target.value)}>
              {priorities.map((value) => (
                <option key={value} value={value}>
                  {capitalise(value)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field
          id="m-description"
          label="What is wrong?"
          hint="Where it is and what happens. For emergencies (gas, flooding) also call your manager."
          error={fieldError('description')}
        >
          {(control) => (
            <Textarea
              {...control}
              rows={4}
              value={description}
              onChange={(event) => setDescription(event.target.value)}
            />
          )}
        </Field>
        <Button type="submit" pending={file.isPending} pendingLabel="Sending…">
          Send request
        </Button>
      </form>
    </Card>
  );
}

function RequestItem({ request }: { request: TenantMaintenanceRequest }) {
  return (
    <li
      className="space-y-2 py-3 text-sm"
      data-testid="maintenance-request"
      data-request-id={request.requestId}
    >
      <MaintenanceSummary {...request} />
      {request.status === 'completed' && request.rating === null ? (
        <RateForm requestId={request.requestId} />
      ) : null}
      {request.rating !== null ? (
        <p data-testid="rating">
          You rated it {request.rating} out of 5{request.comment ? `: “${request.comment}”` : '.'}
        </p>
      ) : null}
    </li>
  );
}

function RateForm({ requestId }: { requestId: string }) {
  const queryClient = useQueryClient();
  const [rating, setRating] = useState<number | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const rate = useMutation({
    mutationFn: async () =>
      unwrap(
        await rateMaintenance({
          requestId,
          rating: rating ?? 0,
          ...(comment.trim() ? { comment: comment.trim() } : {}),
        }),
      ),
    onSuccess: () => invalidateTenant(queryClient),
  });
  const failure = errorOf(rate.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (rating === null) {
      setError('Choose a rating from 1 to 5.');
      return;
    }
    setError(null);
    rate.mutate();
  }

  return (
    <form
      onSubmit={submit}
      className="space-y-3 rounded-md bg-paper p-3"
      aria-label="Rate this repair"
      noValidate
    >
      <fieldset aria-describedby={error ? `rate-${requestId}-error` : undefined}>
        <legend className="font-medium">How did it go?</legend>
        <div className="mt-2 flex flex-wrap gap-2">
          {[1, 2, 3, 4, 5].map((value) => (
            <label
              key={value}
              className="flex min-h-11 min-w-11 cursor-pointer items-center justify-center gap-1 rounded-md border border-line bg-surface px-2 has-checked:border-accent has-checked:bg-accent-soft"
            >
              <input
                type="radio"
                name={`rating-${requestId}`}
                value={value}
                checked={rating === value}
                onChange={() => setRating(value)}
                className="size-4 accent-accent"
              />
              {value}
              <span className="sr-only"> out of 5</span>
            </label>
          ))}
        </div>
        {error ? (
          <p id={`rate-${requestId}-error`} role="alert" className="mt-1 text-sm font-medium text-bad">
            {error}
          </p>
        ) : null}
      </fieldset>
      <Field id={`comment-${requestId}`} label="Comment (optional)">
        {(control) => (
          <Textarea {...control} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
        )}
      </Field>
      <ErrorAlert error={failure} />
      <Button type="submit" pending={rate.isPending} pendingLabel="Saving…">
        Send rating
      </Button>
    </form>
  );
}
