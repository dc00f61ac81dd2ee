// What the tenant's lease pages read, shared by the server components (first render) and the
// `loadLease` action (client refreshes): the lease, its ledger, and the dashboard's autopay and
// next-due figures. Unknown and not-yours leases alike throw NotFoundError (→ the 404 page).
import 'server-only';
import { NotFoundError } from '@/server/auth/errors';
import type { Actor } from '@/server/auth/policy';
import type { Executor } from '@/server/db/client';
import { getLease, getLeaseLedger } from '@/server/queries/leases';
import { getTenantDashboard } from '@/server/queries/tenant-dashboard';

export async function loadLeaseDetail(db: Executor, actor: Actor, leaseId: string) {
  const lease = await getLease(db, actor, leaseId);
  const ledger = lease ? await getLeaseLedger(db, actor, leaseId) : null;
  if (!lease || !ledger) throw new NotFoundError('That lease does not exist.');
  const dashboard = await getTenantDashboard(db, actor);
  const current = dashboard.leases.find((l) => l.leaseId === leaseId) ?? null;
  return {
    lease,
    ledger,
    autopay: current?.autopay ?? null,
    nextPaymentDue: current?.nextPaymentDue ?? null,
  };
}

export type LeaseDetail = Awaited<ReturnType<typeof loadLeaseDetail>>;
