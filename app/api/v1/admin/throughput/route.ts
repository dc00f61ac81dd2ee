// GET /api/v1/admin/throughput: events recorded per minute over the last hour (admin).
import { eventThroughput } from '@/server/admin/overview';
import { admin } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';

export const GET = route(admin.adminThroughput, async ({ actor, runtime }) =>
  json(200, await eventThroughput(runtime, actor)),
);
