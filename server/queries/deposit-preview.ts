// What settling a lease's deposit with these deductions would do, before the manager confirms:
// the domain's own split (deductions first, then the balance, the rest refunded) over the lease as
// the read model holds it. Null for an unknown lease and one the reader may not see alike.
import 'server-only';
import { sql } from 'drizzle-orm';
import { type Executor, rows } from '../db/client';
import { type DepositSplit, depositOf, depositSplit, type Lease } from '../domain/lease';
import { leaseScope, type Reader } from './scope';

export async function previewDepositSettlement(
  db: Executor,
  reader: Reader,
  leaseId: string,
  deductions: readonly { amountCents: number }[],
): Promise<(DepositSplit & { balanceBeforeCents: number; settled: boolean }) | null> {
  const [row] = await rows<{ lease: string }>(
    db,
    sql`SELECT l.state::text AS lease FROM rm_leases l JOIN rm_properties p ON p.property_id = l.property_id
        WHERE l.lease_id = ${leaseId} AND ${leaseScope(reader)}`,
  );
  if (!row) return null;
  const lease = JSON.parse(row.lease) as Lease;
  const deductionsCents = deductions.reduce((sum, deduction) => sum + deduction.amountCents, 0);
  return {
    ...depositSplit(lease, deductionsCents),
    balanceBeforeCents: lease.balanceCents,
    settled: depositOf(lease).settlement !== undefined,
  };
}
