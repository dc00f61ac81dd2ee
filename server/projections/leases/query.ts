// Queries over the leases read table.
import 'server-only';
import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { UnitLease } from '../../domain/lease';
import { leasesTable } from './tables';

/** Every lease of a unit, for the overlap rule (terminated ones end on their effective date). */
export async function leasesOfUnit(db: Executor, unitId: string): Promise<UnitLease[]> {
  const found = await db
    .select({
      leaseId: leasesTable.leaseId,
      startDate: leasesTable.startDate,
      endDate: leasesTable.endDate,
      terminatedOn: leasesTable.terminatedOn,
    })
    .from(leasesTable)
    .where(eq(leasesTable.unitId, unitId));
  return found.map(({ terminatedOn, ...lease }) => (terminatedOn ? { ...lease, terminatedOn } : lease));
}
