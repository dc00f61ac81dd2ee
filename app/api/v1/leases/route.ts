// POST /api/v1/leases: the property's manager creates a lease. (GET /leases lives here too,
// owned by the read side.)
import { authoriseProperty, propertyManagerOf } from '@/server/auth/policy';
import { findUserById } from '@/server/auth/users';
import { createLease } from '@/server/commands/lease';
import { HttpError, json, route } from '@/server/http/route';
import { createLeaseBody } from '@/server/http/schemas';
import { listLeases } from '@/server/queries/leases';
import { leaseListQuery } from '@/server/queries/schemas';

export const POST = route(
  { auth: ['manager'], body: createLeaseBody, idempotency: 'optional' },
  async ({ actor, body, runtime, envelope }) => {
    const managerId = await propertyManagerOf(runtime, body.propertyId);
    authoriseProperty(actor, 'create_lease', managerId ? { managerId } : null);
    const tenant = await findUserById(runtime.database.db, body.tenantId);
    if (tenant?.role !== 'tenant') {
      throw new HttpError(404, 'tenant_not_found', 'No tenant has that id.', 'tenantId');
    }
    const result = await createLease(runtime, body, envelope);
    return json(201, { leaseId: result.leaseId, version: result.version });
  },
);

/** GET /api/v1/leases?status=&q=: tenant own leases, manager own portfolio, auditor (and admin) all. */
export const GET = route(
  { auth: ['tenant', 'manager', 'auditor', 'admin'], query: leaseListQuery },
  async ({ actor, query, runtime }) =>
    json(200, { leases: await listLeases(runtime.database.db, actor, query) }),
);
