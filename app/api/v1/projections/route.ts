// GET /api/v1/projections (API.md): what GET /api/v1/admin/projections answers (admin).
import { projectionStatus } from '@/server/admin/overview';
import { admin } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';

export const GET = route(admin.projections, async ({ actor, runtime }) =>
  json(200, await projectionStatus(runtime, actor)),
);
