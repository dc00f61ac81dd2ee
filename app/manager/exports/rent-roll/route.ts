// GET /manager/exports/rent-roll: the manager's active leases as CSV (through the API wrapper:
// session cookie, manager only).
import { route } from '@/server/http/route';
import { listLeases } from '@/server/queries/leases';
import { amount, csvResponse, toCsv } from '../csv';

export const GET = route({ auth: ['manager'] }, async ({ actor, runtime }) => {
  const leases = await listLeases(runtime.database.db, actor, { status: 'active' });
  const rows = [
    [
      'property',
      'address',
      'city',
      'unit',
      'tenant',
      'lease_id',
      'start_date',
      'end_date',
      'monthly_rent',
      'balance',
      'next_due_date',
    ],
    ...[...leases]
      .sort(
        (a, b) =>
          a.propertyName.localeCompare(b.propertyName) ||
          (a.unitLabel ?? '').localeCompare(b.unitLabel ?? ''),
      )
      .map((l) => [
        l.propertyName,
        l.address.line1,
        l.address.city,
        l.unitLabel,
        l.tenantName,
        l.leaseId,
        l.startDate,
        l.endDate,
        amount(l.monthlyRentCents),
        amount(l.balanceCents),
        l.nextDueDate,
      ]),
  ];
  const today = new Date().toISOString().slice(0, 10);
  return csvResponse(`rent-roll-${today}.csv`, toCsv(rows));
});
