// /tenant/leases/[leaseId]: the lease's ledger, months and autopay. Another tenant's lease (or an
// unknown id) is the 404 page, exactly like the API.
import type { Metadata } from 'next';
import { Hydrate } from '@/components/tenant/hydrate';
import { tenantKeys } from '@/components/tenant/keys';
import { LeaseDetailView } from '@/components/tenant/lease-detail';
import { orNotFound, requireRole } from '@/server/http/page-auth';
import { getTenantLeaseDetail } from '@/server/queries/tenant-lease';
import { getRuntime } from '@/server/runtime';
import { uuidOr404 } from '../../ids';

export const metadata: Metadata = { title: 'Lease ledger' };

export default async function LeasePage({ params }: { params: Promise<{ leaseId: string }> }) {
  const leaseId = uuidOr404((await params).leaseId);
  const actor = await requireRole(['tenant'], `/tenant/leases/${leaseId}`);
  const runtime = await getRuntime();
  const detail = await orNotFound(getTenantLeaseDetail(runtime.database.db, actor, leaseId));
  return (
    <Hydrate entries={[[tenantKeys.lease(leaseId), detail]]}>
      <LeaseDetailView leaseId={leaseId} />
    </Hydrate>
  );
}
