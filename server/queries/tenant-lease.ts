// What the tenant's lease pages read, for the server components (first render) and the
// `loadLease` action (client refreshes) alike: the lease, its ledger, and the dashboard's autopay
// and next-due figures. Unknown and not-yours leases alike throw NotFoundError (→ 404).
import 'server-only';
import { NotFoundError } from '../auth/errors';
import type { Executor } from '../db/client';
import { getLease, getLeaseLedger } from './leases';
import type { Reader } from './scope';
import { getTenantDashboard } from './tenant-dashboard';

export async function getTenantLeaseDetail(db: Executor, reader: Reader, leaseId: string) {
  const lease = await getLease(db, reader, leaseId);
  const ledger = lease ? await getLeaseLedger(db, reader, leaseId) : null;
  if (!lease || !ledger) throw new NotFoundError('That lease does not exist.');
  const dashboard = await getTenantDashboard(db, reader);
  const current = dashboard.leases.find((l) => l.leaseId === leaseId) ?? null;
  return {
    lease,
    ledger,
    autopay: current?.autopay ?? null,
    nextPaymentDue: current?.nextPaymentDue ?? null,
  };
}

export type TenantLeaseDetail = Awaited<ReturnType<typeof getTenantLeaseDetail>>;
