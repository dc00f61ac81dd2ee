// GET /api/v1/admin/database: database size and event counts per type (admin).
import { databaseOverview } from '@/server/admin/overview';
import { admin } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';

export const GET = route(admin.adminDatabase, async ({ actor, runtime }) =>
  json(200, await databaseOverview(runtime, actor)),
);
