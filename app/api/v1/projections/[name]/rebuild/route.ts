// POST /api/v1/projections/:name/rebuild (API.md): starts a rebuild in the background; 202 at once.
import { startRebuild } from '@/server/admin/rebuilds';
import { admin } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';

export const POST = route(admin.projectionRebuild, async ({ actor, params, runtime }) =>
  json(202, { rebuild: await startRebuild(runtime, actor, params.name) }),
);
