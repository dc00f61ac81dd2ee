// GET /api/v1/dashboard/tenant: the signed-in tenant's dashboard read model.
import { operations } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';
import { getTenantDashboard } from '@/server/queries/tenant-dashboard';

export const GET = route(operations.tenantDashboard, async ({ actor, reads }) =>
  json(200, await getTenantDashboard(reads, actor)),
);
