// /tenant/payments/[paymentId]: a printable receipt. Another tenant's payment is a 404.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { addressLine, chargeKindLabel, methodLabel } from '@/components/tenant/labels';
import { PrintButton } from '@/components/tenant/print-button';
import { Alert } from '@/components/ui/alert';
import { DateText, Money, PeriodText } from '@/components/ui/locale';
import { requireRole } from '@/server/http/page-auth';
import { getReceipt } from '@/server/queries/receipts';
import { getRuntime } from '@/server/runtime';
import { uuidOr404 } from '../../ids';

export const metadata: Metadata = { title: 'Receipt' };

export default async function ReceiptPage({ params }: { params: Promise<{ paymentId: string }> }) {
  const paymentId = uuidOr404((await params).paymentId);
  const actor = await requireRole(['tenant'], `/tenant/payments/${paymentId}`);
  const receipt = await getReceipt(await getRuntime(), actor, paymentId);
  if (!receipt) notFound();
  const after = receipt.balanceAfterCents;
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <nav aria-label="Breadcrumb" className="flex flex-wrap gap-4 text-sm print:hidden">
        <Link href="/tenant" className="text-accent-strong underline underline-offset-2">
          Back to the dashboard
        </Link>
        <Link
          href={`/tenant/leases/${receipt.leaseId}`}
          className="text-accent-strong underline underline-offset-2"
        >
          Lease ledger
        </Link>
      </nav>
      <article
        aria-labelledby="receipt-heading"
        data-testid="receipt"
        className="space-y-5 rounded-lg border border-line bg-surface p-5 shadow-sm print:border-0 print:shadow-none"
      >
        <header className="space-y-1">
          <p className="text-sm font-semibold text-ok">Payment received</p>
          <h1 id="receipt-heading" className="text-2xl font-bold">
            Receipt <span data-testid="receipt-number">{receipt.receiptNumber}</span>
          </h1>
          <p className="text-sm text-muted">Keep this for your records.</p>
        </header>
        {receipt.reversed ? (
          <Alert tone="error" title="This payment was reversed">
            Reason: {receipt.reversalReason ?? 'not given'}. The amount is owed again.
          </Alert>
        ) : null}
        <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2">
          <Item label="Amount">
            <Money cents={receipt.amountCents} className="text-lg font-bold" data-testid="receipt-amount" />
          </Item>
          <Item label="Date">
            <DateText date={receipt.paymentDate} style="long" />
          </Item>
          <Item label="Method">{methodLabel(receipt.method)}</Item>
          <Item label="Paid by">{receipt.tenantName ?? '—'}</Item>
          <Item label="Property">
            {receipt.propertyName}
            {receipt.unitLabel ? `, unit ${receipt.unitLabel}` : ''}
            <br />
            <span className="text-muted">{addressLine(receipt.address)}</span>
          </Item>
          <Item label="Lease">
            <span className="font-mono text-xs break-all">{receipt.leaseId}</span>
          </Item>
        </dl>
        {receipt.purpose === 'deposit' ? (
          <p className="text-sm" data-testid="receipt-deposit">
            Paid towards your <strong>security deposit</strong>: it is held apart from your rent balance and
            settled when the lease ends.
          </p>
        ) : (
          <section aria-labelledby="paid-heading" className="space-y-2">
            <h2 id="paid-heading" className="font-semibold">
              What it paid
            </h2>
            <table className="w-full text-sm">
              <thead>
                <tr className="border-b border-line text-left text-muted">
                  <th scope="col" className="py-1 font-medium">
                    Item
                  </th>
                  <th scope="col" className="py-1 text-right font-medium">
                    Amount
                  </th>
                </tr>
              </thead>
              <tbody data-testid="receipt-allocations">
                {receipt.allocations.map((a) => (
                  <tr key={a.chargeId} className="border-b border-line">
                    <td className="py-1.5">
                      {chargeKindLabel(a.kind)}, <PeriodText period={a.period} />
                    </td>
                    <td className="py-1.5 text-right">
                      <Money cents={a.amountCents} />
                    </td>
                  </tr>
                ))}
                {receipt.creditCents > 0 ? (
                  <tr className="border-b border-line">
                    <td className="py-1.5">Credit on your account</td>
                    <td className="py-1.5 text-right">
                      <Money cents={receipt.creditCents} />
                    </td>
                  </tr>
                ) : null}
              </tbody>
            </table>
          </section>
        )}
        <p
          className="flex flex-wrap justify-between gap-2 border-t border-line pt-3 font-semibold"
          data-testid="balance-after"
          data-cents={after}
        >
          <span>{after < 0 ? 'Credit after this payment' : 'Balance after this payment'}</span>
          <Money cents={Math.abs(after)} className="text-lg" />
        </p>
        <p className="text-xs text-muted">
          Payment id <span className="font-mono break-all">{receipt.paymentId}</span> · recorded{' '}
          <DateText date={receipt.recordedAt} style="medium" />
        </p>
      </article>
      <PrintButton />
    </div>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-muted">{label}</dt>
      <dd className="font-medium">{children}</dd>
    </div>
  );
}
