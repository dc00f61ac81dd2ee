// POST /api/v1/leases: the property's manager creates a lease. GET: the leases the caller may see.
import { openLease } from '@/server/commands/leasing';
import { leases } from '@/server/http/contracts';
import { createdLeaseReply } from '@/server/http/replies';
import { json, route } from '@/server/http/route';
import { listLeases } from '@/server/queries/leases';

export const POST = route(leases.createLease, async ({ actor, body, runtime, replyWith, replied }) => {
  const { tenantId, ...terms } = body;
  const envelope = replyWith(201, createdLeaseReply);
  return replied(await openLease(runtime, actor, { ...terms, tenant: { id: tenantId } }, envelope));
});

/**
 * GET /api/v1/leases?status=&q=&propertyId=&limit=&cursor=: tenant own leases, manager own
 * portfolio, auditor (and admin) all; a page at a time, `next` the cursor of the following page.
 */
export const GET = route(leases.listLeases, async ({ actor, query, reads }) =>
  json(200, await listLeases(reads, actor, query)),
);
