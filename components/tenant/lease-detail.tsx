'use client';
// One lease: its figures, the ledger with a running balance, each period's status, and autopay.
// Reads the hydrated `tenantKeys.lease(id)` query; refreshed after any tenant write.
import Link from 'next/link';
import { ErrorAlert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { ButtonLink } from '@/components/ui/button';
import { Card, EmptyState } from '@/components/ui/card';
import { DateText, Money, PeriodText } from '@/components/ui/locale';
import { AutopayReversalNotice } from '../lease/autopay-reversal-notice';
import { AutopayPanel } from './autopay-panel';
import { DepositSummary } from './deposit-summary';
import { addressLine, PERIOD_STATUS } from './labels';
import { errorOf, useLeaseDetail } from './queries';

const ENTRY_LABEL: Partial<Record<string, string>> = {
  rent: 'Rent',
  late_fee: 'Late fee',
  payment: 'Payment',
  reversal: 'Reversal',
};

/** Rent, fees, payments and reversals by their kind; charges, credits and waivers say what they are. */
const entryLabel = (entry: { type: string; description: string; waiver: boolean }): string =>
  (entry.waiver ? undefined : ENTRY_LABEL[entry.type]) ?? entry.description;

export function LeaseDetailView({ leaseId }: { leaseId: string }) {
  const { data, error } = useLeaseDetail(leaseId);
  if (!data) return <ErrorAlert error={errorOf(error)} />;
  const { lease, ledger, autopay } = data;
  const entries = [...ledger.entries].reverse();
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="space-y-1">
          <h1 className="text-2xl font-bold">
            {lease.propertyName}
            {lease.unitLabel ? `, unit ${lease.unitLabel}` : ''}
          </h1>
          <p className="text-muted">{addressLine(lease.address)}</p>
          <p className="text-sm text-muted">
            Lease <DateText date={lease.startDate} /> – <DateText date={lease.endDate} /> · rent{' '}
            <Money cents={lease.monthlyRentCents} /> a month · {lease.status}
          </p>
        </div>
        <div className="text-right">
          <p className="text-sm text-muted">{ledger.balanceCents < 0 ? 'Credit' : 'Balance'}</p>
          <p className="text-2xl font-bold" data-testid="lease-balance" data-cents={ledger.balanceCents}>
            <Money cents={Math.abs(ledger.balanceCents)} />
          </p>
        </div>
      </div>
      <ErrorAlert error={errorOf(error)} />
      <AutopayReversalNotice reversals={ledger.autopayReversals} />
      <DepositSummary
        deposit={ledger.deposit}
        payHref={
          lease.status === 'ended' || lease.status === 'terminated'
            ? undefined
            : `/tenant/leases/${leaseId}/pay?purpose=deposit`
        }
      />
      <div className="flex flex-wrap gap-2">
        <ButtonLink href={`/tenant/leases/${leaseId}/pay`}>Pay rent</ButtonLink>
        <ButtonLink href="/tenant" variant="secondary">
          Dashboard
        </ButtonLink>
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 lg:col-span-2">
          <Card id="periods" title="Months">
            {ledger.periods.length === 0 ? (
              <EmptyState>No rent has been charged yet. The first month appears on its due date.</EmptyState>
            ) : (
              <ScrollRegion label="Months, scrollable">
                <table className="w-full min-w-[28rem] text-sm" data-testid="periods">
                  <thead>
                    <tr className="border-b border-line text-left text-muted">
                      <th scope="col" className="py-1.5 pr-2 font-medium">
                        Month
                      </th>
                      <th scope="col" className="py-1.5 pr-2 font-medium">
                        Due
                      </th>
                      <th scope="col" className="py-1.5 pr-2 text-right font-medium">
                        Charged
                      </th>
                      <th scope="col" className="py-1.5 pr-2 text-right font-medium">
                        Paid
                      </th>
                      <th scope="col" className="py-1.5 font-medium">
                        Status
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {[...ledger.periods].reverse().map((period) => {
                      const status = PERIOD_STATUS[period.status] ?? {
                        label: period.status,
                        tone: 'neutral' as const,
                      };
                      return (
                        <tr key={period.period} className="border-b border-line">
                          <th scope="row" className="py-1.5 pr-2 text-left font-medium">
                            <PeriodText period={period.period} />
                          </th>
                          <td className="py-1.5 pr-2">
                            <DateText date={period.dueDate} />
                          </td>
                          <td className="py-1.5 pr-2 text-right">
                            <Money cents={period.chargedCents + period.lateFeeCents} />
                            {period.lateFeeCents > 0 ? (
                              <span className="block text-xs text-muted">
                                incl. <Money cents={period.lateFeeCents} /> late fee
                              </span>
                            ) : null}
                          </td>
                          <td className="py-1.5 pr-2 text-right">
                            <Money cents={period.paidCents + period.lateFeePaidCents} />
                          </td>
                          <td className="py-1.5">
                            <Badge tone={status.tone}>{status.label}</Badge>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </ScrollRegion>
            )}
          </Card>
        </div>
        <AutopayPanel leaseId={leaseId} autopay={autopay} />
      </div>
      <Card id="ledger" title="Ledger">
        {entries.length === 0 ? (
          <EmptyState>Nothing on the ledger yet.</EmptyState>
        ) : (
          // No inner scroller: on a phone the date moves under the description, so every column fits.
          <table className="w-full text-sm" data-testid="ledger">
            <caption className="sr-only">Charges, fees, payments and reversals, newest first</caption>
            <thead>
              <tr className="border-b border-line text-left text-muted">
                <th scope="col" className="hidden py-1.5 pr-2 font-medium sm:table-cell">
                  Date
                </th>
                <th scope="col" className="py-1.5 pr-2 font-medium">
                  What
                </th>
                <th scope="col" className="py-1.5 pr-2 text-right font-medium">
                  Amount
                </th>
                <th scope="col" className="py-1.5 text-right font-medium">
                  Balance
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr
                  key={`${entry.type}-${entry.ref}${entry.waiver ? '-waiver' : ''}`}
                  className="border-b border-line"
                >
                  <td className="hidden py-1.5 pr-2 whitespace-nowrap sm:table-cell">
                    <DateText date={entry.date} />
                  </td>
                  <td className="py-1.5 pr-2">
                    <span className="block text-xs text-muted sm:hidden">
                      <DateText date={entry.date} />
                    </span>
                    {entryLabel(entry)}
                    {entry.waived && !entry.waiver ? (
                      <span className="ml-1">
                        <Badge tone="neutral">waived</Badge>
                      </span>
                    ) : null}
                    {entry.period && (entry.type === 'rent' || entry.type === 'late_fee') ? (
                      <>
                        {' '}
                        · <PeriodText period={entry.period} />
                      </>
                    ) : null}
                    {entry.type === 'payment' ? (
                      <>
                        {' '}
                        ·{' '}
                        <Link
                          href={`/tenant/payments/${entry.ref}`}
                          className="text-accent-strong underline underline-offset-2"
                        >
                          receipt
                        </Link>
                      </>
                    ) : null}
                  </td>
                  <td
                    className={`py-1.5 pr-2 text-right whitespace-nowrap ${entry.amountCents < 0 ? 'text-ok' : ''}`}
                  >
                    {entry.amountCents < 0 ? '−' : '+'}
                    <Money cents={Math.abs(entry.amountCents)} />
                  </td>
                  <td className="py-1.5 text-right whitespace-nowrap">
                    <Money cents={entry.balanceCents} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}

/** A table wider than a phone: scrolls sideways, and takes keyboard focus so it can be scrolled. */
function ScrollRegion({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll it by keyboard (axe scrollable-region-focusable).
    <section aria-label={label} tabIndex={0} className="overflow-x-auto">
      {children}
    </section>
  );
}
