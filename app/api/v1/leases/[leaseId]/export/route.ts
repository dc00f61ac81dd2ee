// GET /api/v1/leases/:leaseId/export?format=csv|json: the full timeline as a streamed download.
import { leases } from '@/server/http/contracts';
import { route } from '@/server/http/route';
import { exportLeaseTimeline } from '@/server/queries/lease-history';

export const GET = route(leases.exportLease, async ({ actor, params, query, runtime, log }) => {
  const body = await exportLeaseTimeline(runtime, actor, params.leaseId, query.format);
  log.info({ leaseId: params.leaseId, format: query.format }, 'timeline exported');
  return new Response(body, {
    headers: {
      'content-type': query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="lease-${params.leaseId}.${query.format}"`,
    },
  });
});
