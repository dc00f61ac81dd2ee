// GET /manager/exports/rent-roll: every unit of the manager's portfolio as CSV, a vacant unit with
// empty tenant and lease fields (through the API wrapper: session cookie, manager only).
import { route } from '@/server/http/route';
import { getRentRoll } from '@/server/queries/rent-roll';
import { amount, csvResponse, toCsv } from '../csv';

const orEmpty = (cents: number | null): string | null => (cents === null ? null : amount(cents));

export const GET = route({ auth: ['manager'] }, async ({ actor, runtime }) => {
  const roll = await getRentRoll(runtime.database.db, actor);
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
      'market_rent',
      'occupancy',
    ],
    ...roll.map((r) => [
      r.propertyName,
      r.address.line1,
      r.address.city,
      r.unitLabel,
      r.tenantName,
      r.leaseId,
      r.startDate,
      r.endDate,
      orEmpty(r.monthlyRentCents),
      orEmpty(r.balanceCents),
      r.nextDueDate,
      amount(r.marketRentCents),
      r.leaseId ? 'leased' : 'vacant',
    ]),
  ];
  const today = new Date().toISOString().slice(0, 10);
  return csvResponse(`rent-roll-${today}.csv`, toCsv(rows));
});
