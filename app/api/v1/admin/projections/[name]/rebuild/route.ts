// POST /api/v1/admin/projections/:name/rebuild: starts a rebuild in the background; 202 at once.
import { startRebuild } from '@/server/admin/rebuilds';
import { admin } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';

export const POST = route(admin.adminRebuild, async ({ actor, params, runtime }) =>
  json(202, { rebuild: await startRebuild(runtime, actor, params.name) }),
);
