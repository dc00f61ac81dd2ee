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

/** Each unit's leased date ranges in a property (a terminated lease ends on its effective date). */
export async function bookingsOfProperty(
  db: Executor,
  propertyId: string,
): Promise<Map<string, { startDate: string; endDate: string }[]>> {
  const found = await db
    .select({
      unitId: leasesTable.unitId,
      startDate: leasesTable.startDate,
      endDate: leasesTable.endDate,
      terminatedOn: leasesTable.terminatedOn,
    })
    .from(leasesTable)
    .where(eq(leasesTable.propertyId, propertyId));
  const byUnit = new Map<string, { startDate: string; endDate: string }[]>();
  for (const lease of found) {
    const endDate =
      lease.terminatedOn && lease.terminatedOn < lease.endDate ? lease.terminatedOn : lease.endDate;
    byUnit.set(lease.unitId, [...(byUnit.get(lease.unitId) ?? []), { startDate: lease.startDate, endDate }]);
  }
  return byUnit;
}
