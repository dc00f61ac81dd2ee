// /manager/leases/:leaseId: one lease of the manager's portfolio, its ledger, and its actions.
// Another manager's lease and an unknown id are the same 404.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AutopayReversalNotice } from '@/components/lease/autopay-reversal-notice';
import { AdjustmentActions, WaiveRowAction } from '@/components/manager/adjustment-actions';
import { DepositPanel } from '@/components/manager/deposit-panel';
import { makeFormat } from '@/components/manager/format';
import { LeaseActions, type LeasePayment } from '@/components/manager/lease-actions';
import { Badge } from '@/components/ui/badge';
import { Card, EmptyState } from '@/components/ui/card';
import { requestLocale } from '@/components/ui/request-locale';
import { requireRole } from '@/server/http/page-auth';
import { getLease, getLeaseLedger } from '@/server/queries/leases';
import { getRuntime } from '@/server/runtime';

export const metadata: Metadata = { title: 'Lease' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function ManagerLeasePage({ params }: { params: Promise<{ leaseId: string }> }) {
  const { leaseId } = await params;
  const actor = await requireRole('manager', `/manager/leases/${leaseId}`);
  if (!UUID.test(leaseId)) notFound();
  const db = (await getRuntime()).database.db;
  const [lease, ledger] = await Promise.all([
    getLease(db, actor, leaseId),
    getLeaseLedger(db, actor, leaseId),
  ]);
  if (!lease || !ledger) notFound();
  const f = makeFormat(await requestLocale());
  const reversed = new Set(ledger.entries.filter((e) => e.type === 'reversal').map((e) => e.ref));
  const payments: LeasePayment[] = ledger.entries
    .filter((e) => e.type === 'payment')
    .map((e) => ({
      paymentId: e.ref,
      date: e.date,
      amountCents: -e.amountCents,
      description: e.description,
      reversed: reversed.has(e.ref),
    }));
  // Deposit payments are not on the ledger; until the deposit is settled they can be reversed too.
  if (!ledger.deposit.settlement) {
    for (const p of ledger.deposit.payments) {
      payments.push({
        paymentId: p.paymentId,
        date: p.date,
        amountCents: p.amountCents,
        description: `Security deposit (${p.method})`,
        reversed: p.reversed,
      });
    }
  }
  const statusTone = lease.status === 'active' ? 'ok' : lease.status === 'terminated' ? 'bad' : 'neutral';
  const billed = lease.status === 'future' || lease.status === 'active' || lease.status === 'notice';
  // Rent is lowered by a credit, not waived; a waived item and its waiver line are done.
  const waivable = (entry: (typeof ledger.entries)[number]) =>
    !['rent', 'payment', 'reversal', 'credit', 'deposit'].includes(entry.type) &&
    !entry.waived &&
    entry.paidCents < entry.amountCents;
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <p className="text-sm text-muted">
          <Link href={`/manager/properties/${lease.propertyId}`} className="underline">
            {lease.propertyName}
          </Link>{' '}
          · unit {lease.unitLabel ?? '—'}
        </p>
        <h1 className="flex flex-wrap items-center gap-3 text-2xl font-bold tracking-tight">
          Lease of {lease.tenantName ?? 'unknown tenant'} <Badge tone={statusTone}>{lease.status}</Badge>
        </h1>
      </div>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {[
          ['Balance', f.money(lease.balanceCents), 'balance'],
          ['Monthly rent', f.money(lease.monthlyRentCents), 'rent'],
          ['Term', `${f.date(lease.startDate)} – ${f.date(lease.endDate)}`, 'term'],
          ['Next due', lease.nextDueDate ? f.date(lease.nextDueDate) : '—', 'next-due'],
        ].map(([label, value, id]) => (
          <div key={id} className="rounded-lg border border-line bg-surface p-3" data-testid={`lease-${id}`}>
            <dt className="text-sm text-muted">{label}</dt>
            <dd className="font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <AutopayReversalNotice reversals={ledger.autopayReversals} />
      <Card id="lease-actions" title="Actions">
        <LeaseActions
          leaseId={lease.leaseId}
          today={ledger.today}
          balanceCents={lease.balanceCents}
          monthlyRentCents={lease.monthlyRentCents}
          endDate={lease.endDate}
          payments={payments}
          canPay={billed || lease.balanceCents > 0}
          canChangeTerm={lease.status === 'future' || lease.status === 'active'}
        />
      </Card>
      <Card id="adjustments" title="Adjustments">
        <AdjustmentActions
          leaseId={lease.leaseId}
          today={ledger.today}
          balanceCents={lease.balanceCents}
          billed={billed}
          recurring={ledger.recurring}
        />
      </Card>
      <Card id="deposit" title="Security deposit">
        <DepositPanel
          leaseId={lease.leaseId}
          today={ledger.today}
          live={lease.status === 'future' || lease.status === 'active' || lease.status === 'notice'}
          lastDay={lease.endDate}
          deposit={ledger.deposit}
        />
      </Card>
      <Card id="ledger" title="Ledger">
        {ledger.entries.length === 0 ? (
          <EmptyState>
            Nothing has been charged or paid yet. Charges are posted by the daily billing run.
          </EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="ledger-table">
              <caption className="sr-only">Charges, payments and reversals with the running balance</caption>
              <thead>
                <tr className="border-b border-line">
                  <th scope="col" className="py-2 pr-3 font-medium">
                    Date
                  </th>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    Entry
                  </th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">
                    Amount
                  </th>
                  <th scope="col" className="py-2 pr-3 text-right font-medium">
                    Balance
                  </th>
                  <th scope="col" className="py-2 font-medium">
                    <span className="sr-only">Waive</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {ledger.entries.map((entry) => (
                  <tr
                    key={`${entry.type}-${entry.ref}${entry.waiver ? '-waiver' : ''}`}
                    className="border-b border-line last:border-0"
                    data-testid={`ledger-${entry.type}`}
                  >
                    <td className="py-2 pr-3 whitespace-nowrap">{f.date(entry.date)}</td>
                    <td className="py-2 pr-3">
                      {entry.description}
                      {entry.type === 'payment' && reversed.has(entry.ref) ? (
                        <span className="ml-2">
                          <Badge tone="bad">reversed</Badge>
                        </span>
                      ) : null}
                      {entry.waived && !entry.waiver ? (
                        <span className="ml-2">
                          <Badge tone="neutral">waived</Badge>
                        </span>
                      ) : null}
                    </td>
                    <td className="py-2 pr-3 text-right tabular-nums">{f.money(entry.amountCents)}</td>
                    <td className="py-2 pr-3 text-right tabular-nums">{f.money(entry.balanceCents)}</td>
                    <td className="py-2">
                      {waivable(entry) ? (
                        <WaiveRowAction
                          leaseId={lease.leaseId}
                          chargeId={entry.ref}
                          description={entry.description}
                          amountCents={entry.amountCents}
                          paidCents={entry.paidCents}
                          balanceCents={lease.balanceCents}
                        />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
