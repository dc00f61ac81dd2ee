// /tenant/leases/[leaseId]/pay: the pay-rent form. The idempotency key is minted here, once per
// render of the form, and travels with every submit of it.
import { randomUUID } from 'node:crypto';
import type { Metadata } from 'next';
import Link from 'next/link';
import { addressLine } from '@/components/tenant/labels';
import { PayForm } from '@/components/tenant/pay-form';
import { paymentLimit } from '@/components/tenant/payment-limit';
import { orNotFound, requireRole } from '@/server/http/page-auth';
import { getTenantLeaseDetail } from '@/server/queries/tenant-lease';
import { getRuntime } from '@/server/runtime';
import { uuidOr404 } from '../../../ids';

export const metadata: Metadata = { title: 'Pay rent' };

export default async function PayRentPage({
  params,
  searchParams,
}: {
  params: Promise<{ leaseId: string }>;
  searchParams: Promise<{ purpose?: string | string[] }>;
}) {
  const leaseId = uuidOr404((await params).leaseId);
  const initialPurpose = (await searchParams).purpose === 'deposit' ? 'deposit' : 'rent';
  const actor = await requireRole(['tenant'], `/tenant/leases/${leaseId}/pay`);
  const runtime = await getRuntime();
  const detail = await orNotFound(getTenantLeaseDetail(runtime.database.db, actor, leaseId));
  const { lease, ledger } = detail;
  const leaseName = `${lease.propertyName}${lease.unitLabel ? `, unit ${lease.unitLabel}` : ''}`;
  const closed = lease.status === 'ended' || lease.status === 'terminated';
  // A lease that is over takes no deposit payment (the deposit is settled instead).
  const depositDueCents = closed ? 0 : ledger.deposit.dueCents;
  return (
    <div className="mx-auto max-w-xl space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/tenant" className="text-accent-strong underline underline-offset-2">
          Dashboard
        </Link>
      </nav>
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{depositDueCents > 0 ? 'Make a payment' : 'Pay rent'}</h1>
        <p className="text-muted">
          {leaseName} · {addressLine(lease.address)}
        </p>
      </div>
      <div className="rounded-lg border border-line bg-surface p-4 shadow-sm sm:p-5">
        <PayForm
          leaseId={lease.leaseId}
          leaseName={leaseName}
          balanceCents={ledger.balanceCents}
          periods={ledger.periods}
          idempotencyKey={randomUUID()}
          today={ledger.today}
          limit={paymentLimit(lease.monthlyRentCents, closed, ledger.balanceCents)}
          depositDueCents={depositDueCents}
          depositHeldCents={ledger.deposit.heldCents}
          initialPurpose={initialPurpose}
        />
      </div>
    </div>
  );
}
