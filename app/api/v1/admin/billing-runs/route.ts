// GET /api/v1/admin/billing-runs: billing runs, newest first (admin).
import { billingRuns } from '@/server/admin/overview';
import { admin } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';

export const GET = route(admin.adminBillingRuns, async ({ actor, query, runtime }) =>
  json(200, await billingRuns(runtime, actor, query.limit)),
);
