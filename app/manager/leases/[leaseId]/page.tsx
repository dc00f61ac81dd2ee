// /manager/leases/:leaseId: one lease of the manager's portfolio, its ledger, and its actions.
// Another manager's lease and an unknown id are the same 404.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
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
  const statusTone = lease.status === 'active' ? 'ok' : lease.status === 'terminated' ? 'bad' : 'neutral';
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
      <Card id="lease-actions" title="Actions">
        <LeaseActions
          leaseId={lease.leaseId}
          today={ledger.today}
          balanceCents={lease.balanceCents}
          monthlyRentCents={lease.monthlyRentCents}
          endDate={lease.endDate}
          payments={payments}
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
                  <th scope="col" className="py-2 text-right font-medium">
                    Balance
                  </th>
                </tr>
              </thead>
              <tbody>
                {ledger.entries.map((entry) => (
                  <tr key={`${entry.type}-${entry.ref}`} className="border-b border-line last:border-0">
                    <td className="py-2 pr-3 whitespace-nowrap">{f.date(entry.date)}</td>
                    <td className="py-2 pr-3">
                      {entry.description}
                      {entry.type === 'payment' && reversed.has(entry.ref) ? (
                        <span className="ml-2">
                          <Badge tone="bad">reversed</Badge>
                        </span>
                      ) : null}
                    </td>
                    <td className="py-2 pr-3 text-right tabular-nums">{f.money(entry.amountCents)}</td>
                    <td className="py-2 text-right tabular-nums">{f.money(entry.balanceCents)}</td>
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
