// GET /api/v1/admin/projections: projections and subscribers, with any rebuild's progress (admin).
import { projectionStatus } from '@/server/admin/overview';
import { admin } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';

export const GET = route(admin.adminProjections, async ({ actor, runtime }) =>
  json(200, await projectionStatus(runtime, actor)),
);
