// GET /api/v1/leases/:leaseId/export?format=csv|json: the full timeline as a streamed download.
import { assertCanAuditLease, leaseAccessOf } from '@/server/auth/policy';
import { route } from '@/server/http/route';
import { exportQuery, leaseIdParams } from '@/server/http/schemas';
import { exportStream } from '@/server/http/timeline';

export const GET = route(
  { auth: ['manager', 'auditor', 'admin'], params: leaseIdParams, query: exportQuery },
  async ({ actor, params, query, runtime, log }) => {
    assertCanAuditLease(actor, await leaseAccessOf(runtime, params.leaseId));
    log.info({ leaseId: params.leaseId, format: query.format }, 'timeline exported');
    const csv = query.format === 'csv';
    return new Response(exportStream(runtime, params.leaseId, query.format), {
      headers: {
        'content-type': csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="lease-${params.leaseId}.${query.format}"`,
      },
    });
  },
);
