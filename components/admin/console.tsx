'use client';
// The admin console (/admin): each panel polls its /api/v1/admin endpoint with react-query.
// Projections and subscribers (with a rebuild button and live progress), billing runs (history,
// run as of a date), the outbox and webhook deliveries, throughput over the last hour (the chart
// is loaded lazily), database size and event counts, users (create, disable, enable).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { type FormEvent, useState } from 'react';
import type {
  BillingRunLine,
  DatabaseOverview,
  NotificationsOverview,
  ProjectionLine,
} from '@/server/admin/overview';
import type { UserLine } from '@/server/admin/users';
import { Badge, type BadgeTone } from '../ui/badge';
import { Button } from '../ui/button';
import { Card } from '../ui/card';
import { Field, Input, Select } from '../ui/field';
import { adminFetch, errorText } from './api';
import type { ThroughputPoint } from './throughput-chart';

const ThroughputChart = dynamic(() => import('./throughput-chart'), {
  ssr: false,
  loading: () => <p className="grid h-full place-items-center text-sm text-muted">Loading the chart…</p>,
});

const TONE: Record<string, BadgeTone> = {
  ok: 'ok',
  done: 'ok',
  running: 'accent',
  rebuilding: 'accent',
  failing: 'bad',
  failed: 'bad',
  stopped: 'warn',
};

const Status = ({ status }: { status: string }) => <Badge tone={TONE[status] ?? 'neutral'}>{status}</Badge>;

const ErrorLine = ({ error }: { error: unknown }) =>
  error ? (
    <p role="alert" className="text-sm text-bad">
      {errorText(error)}
    </p>
  ) : null;

const th = 'px-2 py-1 text-left font-semibold';
const td = 'px-2 py-1 align-top';

export function AdminConsole({ me }: { me: string }) {
  return (
    <div className="grid gap-6">
      <ProjectionsPanel />
      <BillingPanel />
      <div className="grid gap-6 lg:grid-cols-2">
        <ThroughputPanel />
        <DatabasePanel />
      </div>
      <NotificationsPanel />
      <UsersPanel me={me} />
    </div>
  );
}

function ProjectionsPanel() {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ['admin', 'projections'],
    queryFn: () => adminFetch<{ projections: ProjectionLine[] }>('/admin/projections'),
    refetchInterval: 1000,
  });
  const rebuild = useMutation({
    mutationFn: (name: string) => adminFetch(`/admin/projections/${name}/rebuild`, { method: 'POST' }),
    onSettled: () => client.invalidateQueries({ queryKey: ['admin', 'projections'] }),
  });
  return (
    <Card id="projections" title="Projections and subscribers" data-testid="panel-projections">
      <ErrorLine error={query.error ?? rebuild.error} />
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b border-line">
              <th className={th}>Name</th>
              <th className={th}>Kind</th>
              <th className={th}>Position</th>
              <th className={th}>Lag</th>
              <th className={th}>Status</th>
              <th className={th}>Last error</th>
              <th className={th}>Rebuild</th>
            </tr>
          </thead>
          <tbody>
            {(query.data?.projections ?? []).map((p) => (
              <tr
                key={`${p.kind}-${p.name}`}
                className="border-b border-line"
                data-testid={`projection-${p.name}`}
              >
                <td className={`${td} font-medium`}>{p.name}</td>
                <td className={td}>{p.kind}</td>
                <td className={td} data-testid="position">
                  #{p.position}
                </td>
                <td className={td} data-testid="lag">
                  {p.lagEvents}
                </td>
                <td className={td}>
                  <Status status={p.status} />
                </td>
                <td className={`${td} max-w-xs break-words text-bad`}>{p.lastError ?? ''}</td>
                <td className={td}>
                  {p.kind === 'projection' ? (
                    <div className="flex flex-wrap items-center gap-2">
                      <Button
                        variant="secondary"
                        pending={
                          p.rebuild?.status === 'running' ||
                          (rebuild.isPending && rebuild.variables === p.name)
                        }
                        pendingLabel="Rebuilding…"
                        onClick={() => rebuild.mutate(p.name)}
                        aria-label={`Rebuild ${p.name}`}
                      >
                        Rebuild
                      </Button>
                      {p.rebuild ? (
                        <span data-testid="rebuild-progress" className="text-xs">
                          <progress
                            max={Math.max(p.rebuild.total, 1)}
                            value={Math.min(p.rebuild.processed, Math.max(p.rebuild.total, 1))}
                            className="mr-1 align-middle"
                          />
                          {p.rebuild.processed}/{p.rebuild.total} ·{' '}
                          <span data-testid="rebuild-status">{p.rebuild.status}</span>
                          {p.rebuild.error ? <span className="block text-bad">{p.rebuild.error}</span> : null}
                        </span>
                      ) : null}
                    </div>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

function BillingPanel() {
  const client = useQueryClient();
  const [asOf, setAsOf] = useState(() => new Date().toISOString().slice(0, 10));
  const runs = useQuery({
    queryKey: ['admin', 'billing-runs'],
    queryFn: () => adminFetch<{ runs: BillingRunLine[] }>('/admin/billing-runs?limit=20'),
    refetchInterval: 5000,
  });
  const run = useMutation({
    mutationFn: (date: string) =>
      adminFetch<{ leasesChanged: number }>('/billing/run', { method: 'POST', body: { asOf: date } }),
    onSettled: () => client.invalidateQueries({ queryKey: ['admin', 'billing-runs'] }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    run.mutate(asOf);
  };
  return (
    <Card id="billing" title="Billing runs" data-testid="panel-billing">
      <form onSubmit={submit} className="mb-3 flex flex-wrap items-end gap-3">
        <Field id="billing-as-of" label="Run as of">
          {(control) => (
            <Input {...control} type="date" value={asOf} onChange={(e) => setAsOf(e.target.value)} required />
          )}
        </Field>
        <Button type="submit" pending={run.isPending} pendingLabel="Running…">
          Run billing
        </Button>
        {run.data ? (
          <p role="status" className="text-sm text-ok">
            Done: {run.data.leasesChanged} leases changed.
          </p>
        ) : null}
      </form>
      <ErrorLine error={run.error ?? runs.error} />
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="billing-runs">
          <thead>
            <tr className="border-b border-line">
              <th className={th}>As of</th>
              <th className={th}>Trigger</th>
              <th className={th}>Status</th>
              <th className={th}>Started</th>
              <th className={th}>Leases changed</th>
              <th className={th}>Events</th>
              <th className={th}>Failures</th>
            </tr>
          </thead>
          <tbody>
            {(runs.data?.runs ?? []).map((r) => (
              <tr key={r.runId} className="border-b border-line">
                <td className={td}>{r.asOf}</td>
                <td className={td}>{r.trigger}</td>
                <td className={td}>
                  <Status status={r.status} />
                </td>
                <td className={td}>{r.startedAt.replace('T', ' ').slice(0, 19)}</td>
                <td className={td}>{r.leasesChanged ?? '–'}</td>
                <td className={td}>{r.events ?? '–'}</td>
                <td className={td}>{r.failures ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

function ThroughputPanel() {
  const query = useQuery({
    queryKey: ['admin', 'throughput'],
    queryFn: () => adminFetch<{ minutes: ThroughputPoint[] }>('/admin/throughput'),
    refetchInterval: 15_000,
  });
  const minutes = query.data?.minutes ?? [];
  const total = minutes.reduce((n, m) => n + m.events, 0);
  const summary = `${total} events recorded in the last hour; at most ${Math.max(0, ...minutes.map((m) => m.events))} in one minute.`;
  return (
    <Card id="throughput" title="Event throughput, last hour" data-testid="panel-throughput">
      <ErrorLine error={query.error} />
      <p className="mb-2 text-sm text-muted" data-testid="throughput-summary">
        {query.data ? summary : 'Loading…'}
      </p>
      <div role="img" aria-label={summary} className="h-56 w-full min-w-0">
        {query.data ? <ThroughputChart minutes={minutes} /> : null}
      </div>
    </Card>
  );
}

const bytes = (n: number | null) =>
  n === null
    ? 'unknown'
    : n >= 1 << 30
      ? `${(n / (1 << 30)).toFixed(2)} GiB`
      : `${(n / (1 << 20)).toFixed(1)} MiB`;

function DatabasePanel() {
  const query = useQuery({
    queryKey: ['admin', 'database'],
    queryFn: () => adminFetch<DatabaseOverview>('/admin/database'),
    refetchInterval: 30_000,
  });
  const data = query.data;
  return (
    <Card id="database" title="Database" data-testid="panel-database">
      <ErrorLine error={query.error} />
      {data ? (
        <>
          <dl className="mb-3 grid grid-cols-3 gap-2 text-sm">
            <div>
              <dt className="text-muted">Size ({data.kind})</dt>
              <dd data-testid="database-size">{bytes(data.sizeBytes)}</dd>
            </div>
            <div>
              <dt className="text-muted">Events</dt>
              <dd data-testid="database-events">{data.events}</dd>
            </div>
            <div>
              <dt className="text-muted">Streams</dt>
              <dd>{data.streams}</dd>
            </div>
          </dl>
          <div className="max-h-56 overflow-y-auto">
            <table className="w-full text-sm" data-testid="event-types">
              <thead>
                <tr className="border-b border-line">
                  <th className={th}>Event type</th>
                  <th className={th}>Count</th>
                </tr>
              </thead>
              <tbody>
                {data.eventTypes.map((t) => (
                  <tr key={t.eventType} className="border-b border-line">
                    <td className={td}>{t.eventType}</td>
                    <td className={td}>{t.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </Card>
  );
}

function NotificationsPanel() {
  const query = useQuery({
    queryKey: ['admin', 'notifications'],
    queryFn: () => adminFetch<NotificationsOverview>('/admin/notifications'),
    refetchInterval: 5000,
  });
  const data = query.data;
  return (
    <Card id="notifications" title="Outbox and webhook deliveries" data-testid="panel-notifications">
      <ErrorLine error={query.error} />
      {data ? (
        <>
          <dl className="mb-3 grid grid-cols-2 gap-2 text-sm sm:grid-cols-4">
            <div>
              <dt className="text-muted">Emails pending</dt>
              <dd data-testid="outbox-pending">{data.outbox.pending}</dd>
            </div>
            <div>
              <dt className="text-muted">Emails sent / failed</dt>
              <dd>
                {data.outbox.sent} / {data.outbox.failed}
              </dd>
            </div>
            <div>
              <dt className="text-muted">Webhook deliveries pending</dt>
              <dd data-testid="webhooks-pending">{data.webhooks.pending}</dd>
            </div>
            <div>
              <dt className="text-muted">Delivered / failed ({data.webhooks.endpoints} endpoints)</dt>
              <dd>
                {data.webhooks.delivered} / {data.webhooks.failed}
              </dd>
            </div>
          </dl>
          <p className="mb-2 text-sm">
            <a className="text-accent-strong underline" href="/admin/outbox">
              Every email
            </a>{' '}
            ·{' '}
            <a className="text-accent-strong underline" href="/admin/webhooks">
              Webhook endpoints
            </a>
          </p>
          {data.deliveries.length > 0 ? (
            <table className="w-full text-sm">
              <thead>
                <tr className="border-b border-line">
                  <th className={th}>Endpoint</th>
                  <th className={th}>Event</th>
                  <th className={th}>Status</th>
                  <th className={th}>Attempts</th>
                  <th className={th}>Last error</th>
                </tr>
              </thead>
              <tbody>
                {data.deliveries.map((d) => (
                  <tr key={d.deliveryId} className="border-b border-line">
                    <td className={`${td} break-all`}>{d.url}</td>
                    <td className={td}>{d.eventType}</td>
                    <td className={td}>
                      <Status status={d.status} />
                    </td>
                    <td className={td}>{d.attempts}</td>
                    <td className={`${td} text-bad`}>{d.lastError ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="text-sm text-muted">No webhook deliveries yet.</p>
          )}
        </>
      ) : null}
    </Card>
  );
}

function UsersPanel({ me }: { me: string }) {
  const client = useQueryClient();
  const users = useQuery({
    queryKey: ['admin', 'users'],
    queryFn: () => adminFetch<{ users: UserLine[] }>('/admin/users'),
  });
  const refresh = () => client.invalidateQueries({ queryKey: ['admin', 'users'] });
  const create = useMutation({
    mutationFn: (body: { email: string; name: string; role: string; password: string }) =>
      adminFetch<{ userId: string }>('/admin/users', { method: 'POST', body }),
    onSuccess: refresh,
  });
  const disable = useMutation({
    mutationFn: (input: { userId: string; disabled: boolean }) =>
      adminFetch(`/admin/users/${input.userId}/disable`, {
        method: 'POST',
        body: { disabled: input.disabled },
      }),
    onSettled: refresh,
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    create.mutate(
      {
        email: String(form.get('email') ?? ''),
        name: String(form.get('name') ?? ''),
        role: String(form.get('role') ?? 'manager'),
        password: String(form.get('password') ?? ''),
      },
      { onSuccess: () => (event.target as HTMLFormElement).reset() },
    );
  };
  return (
    <Card id="users" title="Users" data-testid="panel-users">
      <form
        onSubmit={submit}
        className="mb-4 grid gap-3 sm:grid-cols-5 sm:items-end"
        aria-label="Create a user"
      >
        <Field id="user-name" label="Name" name="name">
          {(control) => <Input {...control} required maxLength={200} />}
        </Field>
        <Field id="user-email" label="Email" name="email">
          {(control) => <Input {...control} type="email" required />}
        </Field>
        <Field id="user-role" label="Role" name="role">
          {(control) => (
            <Select {...control} defaultValue="manager">
              <option value="manager">Manager</option>
              <option value="auditor">Auditor</option>
            </Select>
          )}
        </Field>
        <Field id="user-password" label="First password" name="password" hint="At least 12 characters">
          {(control) => (
            <Input {...control} type="password" minLength={12} required autoComplete="new-password" />
          )}
        </Field>
        <Button type="submit" pending={create.isPending} pendingLabel="Creating…">
          Create user
        </Button>
      </form>
      {create.isSuccess ? (
        <p role="status" className="mb-2 text-sm text-ok">
          User created.
        </p>
      ) : null}
      <ErrorLine error={create.error ?? disable.error ?? users.error} />
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="users">
          <thead>
            <tr className="border-b border-line">
              <th className={th}>Name</th>
              <th className={th}>Email</th>
              <th className={th}>Role</th>
              <th className={th}>Status</th>
              <th className={th}>
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {(users.data?.users ?? []).map((u) => (
              <tr key={u.userId} className="border-b border-line" data-testid={`user-${u.email}`}>
                <td className={td}>{u.name}</td>
                <td className={td}>{u.email}</td>
                <td className={td}>{u.role}</td>
                <td className={td}>
                  <Badge tone={u.disabled ? 'bad' : 'ok'}>{u.disabled ? 'disabled' : 'active'}</Badge>
                </td>
                <td className={td}>
                  {u.userId === me ? null : (
                    <Button
                      variant={u.disabled ? 'secondary' : 'danger'}
                      pending={disable.isPending && disable.variables?.userId === u.userId}
                      onClick={() => disable.mutate({ userId: u.userId, disabled: !u.disabled })}
                      aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.email}`}
                    >
                      {u.disabled ? 'Enable' : 'Disable'}
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
