'use client';
// The tenant dashboard: each active lease with what is due and autopay, recent payments with their
// receipts, open maintenance requests and notices. Reads the hydrated `tenantKeys.dashboard` query,
// so a payment made elsewhere in the tab shows up without a reload.
import Link from 'next/link';
import { ErrorAlert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card, EmptyState } from '@/components/ui/card';
import { DateText, Money } from '@/components/ui/locale';
import type { TenantDashboard as Dashboard } from '@/server/queries/tenant-dashboard';
import { AutopayReversalNotice } from '../lease/autopay-reversal-notice';
import { DepositSummary } from './deposit-summary';
import { addressLine, methodLabel } from './labels';
import { MaintenanceSummary } from './maintenance-summary';
import { errorOf, useDashboard } from './queries';

export function TenantDashboard({ name }: { name: string }) {
  const { data, error } = useDashboard();
  if (!data) return <ErrorAlert error={errorOf(error)} />;
  return (
    <div className="space-y-8">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold sm:text-3xl">Hello, {name}</h1>
        <p className="text-muted">Your rent, payments and requests at a glance.</p>
      </div>
      <ErrorAlert error={errorOf(error)} />
      <section aria-labelledby="leases-heading" className="space-y-3">
        <h2 id="leases-heading" className="text-xl font-semibold">
          Your {data.leases.length === 1 ? 'lease' : 'leases'}
        </h2>
        {data.leases.length === 0 ? (
          <EmptyState>
            You have no active lease. When your property manager sets one up, it appears here with your rent
            and balance.
          </EmptyState>
        ) : (
          <ul className="grid gap-4 md:grid-cols-2">
            {data.leases.map((lease) => (
              <li key={lease.leaseId}>
                <LeaseCard lease={lease} />
              </li>
            ))}
          </ul>
        )}
      </section>
      <div className="grid gap-6 lg:grid-cols-2">
        <RecentPayments payments={data.recentPayments} />
        <OpenMaintenance requests={data.maintenance} />
      </div>
      <Notices notices={data.notices} />
    </div>
  );
}

type Lease = Dashboard['leases'][number];

function LeaseCard({ lease }: { lease: Lease }) {
  const owes = lease.balanceCents > 0;
  const { pastDue, closedOn } = lease;
  return (
    <article
      aria-labelledby={`lease-${lease.leaseId}`}
      data-testid="lease-card"
      data-lease-id={lease.leaseId}
      className="space-y-4 rounded-lg border border-line bg-surface p-4 shadow-sm sm:p-5"
    >
      <div>
        <h3 id={`lease-${lease.leaseId}`} className="font-semibold">
          {lease.propertyName}
          {lease.unitLabel ? `, unit ${lease.unitLabel}` : ''}
        </h3>
        <p className="text-sm text-muted">{addressLine(lease.address)}</p>
        {closedOn ? (
          <p className="mt-1 text-sm" data-testid="lease-closed">
            <Badge tone="neutral">Ended</Badge> This lease ended on <DateText date={closedOn} />; pay the
            balance left on it here.
          </p>
        ) : null}
      </div>
      <AutopayReversalNotice reversals={lease.autopayReversals} />
      {pastDue ? (
        <p
          role="status"
          className="rounded-md border border-bad bg-bad-soft px-3 py-2 text-sm"
          data-testid="past-due"
          data-cents={pastDue.amountCents}
        >
          <strong className="text-bad">
            Past due: <Money cents={pastDue.amountCents} />
          </strong>{' '}
          since <DateText date={pastDue.since} />
          {pastDue.lateFeesCents > 0 ? (
            <>
              , including <Money cents={pastDue.lateFeesCents} /> in late fees
            </>
          ) : null}
          .
        </p>
      ) : null}
      <dl className="grid grid-cols-2 gap-3 text-sm">
        <div>
          <dt className="text-muted">
            {owes ? 'Balance due' : lease.balanceCents < 0 ? 'Credit' : 'Balance'}
          </dt>
          <dd
            className={`text-xl font-bold ${owes ? 'text-bad' : 'text-ok'}`}
            data-testid="balance"
            data-cents={lease.balanceCents}
          >
            <Money cents={Math.abs(lease.balanceCents)} />
          </dd>
        </div>
        <div>
          <dt className="text-muted">Monthly rent</dt>
          <dd className="text-base font-semibold">
            <Money cents={lease.monthlyRentCents} />
          </dd>
        </div>
        <div>
          <dt className="text-muted">{pastDue ? 'Due now' : 'Next payment due'}</dt>
          <dd data-testid="next-due">
            {pastDue ? (
              <>
                <Money cents={lease.balanceCents} /> (past due since <DateText date={pastDue.since} />)
              </>
            ) : lease.nextPaymentDue ? (
              <>
                <Money cents={lease.nextPaymentDue.amountCents} /> on{' '}
                <DateText date={lease.nextPaymentDue.date} />
              </>
            ) : (
              'Nothing scheduled'
            )}
          </dd>
        </div>
        <div>
          <dt className="text-muted">Autopay</dt>
          <dd data-testid="autopay-state">
            {lease.autopay.enabled ? (
              <>
                On ({methodLabel(lease.autopay.method)})
                {lease.autopay.nextDate ? (
                  <>
                    , next <DateText date={lease.autopay.nextDate} />
                  </>
                ) : null}
              </>
            ) : (
              'Off'
            )}
          </dd>
        </div>
      </dl>
      <DepositSummary
        deposit={lease.deposit}
        payHref={closedOn ? undefined : `/tenant/leases/${lease.leaseId}/pay?purpose=deposit`}
      />
      <div className="flex flex-wrap gap-2">
        <ButtonLink href={`/tenant/leases/${lease.leaseId}/pay`}>
          {closedOn ? 'Pay balance' : 'Pay rent'}
        </ButtonLink>
        <ButtonLink href={`/tenant/leases/${lease.leaseId}`} variant="secondary">
          Ledger and autopay
        </ButtonLink>
      </div>
    </article>
  );
}

function RecentPayments({ payments }: { payments: Dashboard['recentPayments'] }) {
  return (
    <Card id="payments" title="Recent payments" data-testid="recent-payments">
      {payments.length === 0 ? (
        <EmptyState>No payments yet. Use “Pay rent” on a lease to make your first one.</EmptyState>
      ) : (
        <ul className="divide-y divide-line">
          {payments.map((payment) => (
            <li
              key={payment.paymentId}
              className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm"
            >
              <span>
                <DateText date={payment.date} />
                <span className="text-muted"> · {methodLabel(payment.method)}</span>
                {payment.purpose === 'deposit' ? (
                  <span className="text-muted"> · Security deposit</span>
                ) : null}
                {payment.reversed ? (
                  <>
                    {' '}
                    <Badge tone="bad">Reversed</Badge>
                  </>
                ) : null}
              </span>
              <span className="flex items-center gap-3">
                <Money cents={payment.amountCents} className="font-semibold" />
                <Link
                  href={`/tenant/payments/${payment.paymentId}`}
                  className="text-accent-strong underline underline-offset-2"
                >
                  Receipt<span className="sr-only"> for the payment of {payment.date}</span>
                </Link>
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function OpenMaintenance({ requests }: { requests: Dashboard['maintenance'] }) {
  return (
    <Card
      id="maintenance"
      title="Open maintenance requests"
      actions={
        <Link href="/tenant/maintenance" className="text-sm text-accent-strong underline underline-offset-2">
          Request a repair
        </Link>
      }
    >
      {requests.length === 0 ? (
        <EmptyState>Nothing open. If something needs fixing, request a repair and follow it here.</EmptyState>
      ) : (
        <ul className="divide-y divide-line">
          {requests.map((request) => (
            <li key={request.requestId} className="space-y-1 py-2 text-sm">
              <MaintenanceSummary {...request} clamp />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function Notices({ notices }: { notices: Dashboard['notices'] }) {
  return (
    <Card id="notices" title="Notices">
      {notices.length === 0 ? (
        <EmptyState>No notices from your property manager right now.</EmptyState>
      ) : (
        <ul className="space-y-3">
          {notices.map((notice) => (
            <li key={notice.noticeId} className="text-sm">
              <p className="font-semibold">{notice.title}</p>
              <p className="text-muted">{notice.body}</p>
              <p className="text-xs text-muted">
                Posted <DateText date={notice.postedOn} />
                {notice.expiresOn ? (
                  <>
                    {' '}
                    · until <DateText date={notice.expiresOn} />
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
