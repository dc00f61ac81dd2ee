// POST /api/v1/maintenance-requests: a tenant files a request on their own lease.
import { assertCanReadLease, authoriseMaintenanceCommand, leaseAccessOf } from '@/server/auth/policy';
import { requestMaintenance } from '@/server/commands/maintenance';
import { json, route } from '@/server/http/route';
import { maintenanceBody } from '@/server/http/schemas';

export const POST = route(
  { auth: ['tenant'], body: maintenanceBody, idempotency: 'optional' },
  async ({ actor, body, runtime, envelope }) => {
    const lease = await leaseAccessOf(runtime, body.leaseId);
    assertCanReadLease(actor, lease);
    authoriseMaintenanceCommand(actor, 'RequestMaintenance', lease);
    const result = await requestMaintenance(runtime, body, envelope);
    return json(201, { requestId: result.requestId });
  },
);
