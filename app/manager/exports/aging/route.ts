// GET /manager/exports/aging?to=YYYY-MM-DD: past-due amounts per lease by age bucket as of `to`
// (default today), as CSV — the analytics' delinquency table.
import { z } from 'zod';
import { isoDateSchema, todayUtc } from '@/server/domain/shared/dates';
import { route } from '@/server/http/route';
import { cachedManagerAnalytics } from '@/server/queries/manager-analytics';
import { amount, csvResponse, toCsv } from '../csv';

const query = z.strictObject({ to: isoDateSchema.optional() });

export const GET = route({ auth: ['manager'], query }, async ({ actor, query, runtime }) => {
  const to = query.to ?? todayUtc(new Date());
  const analytics = await cachedManagerAnalytics(runtime.database.db, actor, { from: to, to });
  const names = new Map(analytics.properties.map((p) => [p.propertyId, p.name]));
  const rows = [
    [
      'as_of',
      'property',
      'unit',
      'tenant',
      'lease_id',
      'oldest_due_date',
      'current',
      'days_1_30',
      'days_31_60',
      'days_61_90',
      'days_90_plus',
      'total',
    ],
    ...analytics.delinquency.leases.map((l) => [
      analytics.asOf,
      names.get(l.propertyId) ?? '',
      l.unitLabel,
      l.tenantName,
      l.leaseId,
      l.oldestDueDate,
      amount(l.currentCents),
      amount(l.days1to30),
      amount(l.days31to60),
      amount(l.days61to90),
      amount(l.days91plus),
      amount(l.totalCents),
    ]),
    [
      analytics.asOf,
      'TOTAL',
      '',
      '',
      '',
      '',
      ...[
        analytics.delinquency.currentCents,
        analytics.delinquency.days1to30,
        analytics.delinquency.days31to60,
        analytics.delinquency.days61to90,
        analytics.delinquency.days91plus,
        analytics.delinquency.totalCents,
      ].map(amount),
    ],
  ];
  return csvResponse(`aging-${analytics.asOf}.csv`, toCsv(rows));
});
