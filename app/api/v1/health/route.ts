// GET /api/v1/health: database reachability, projection and subscriber lag, for load balancers and
// people (an admin also sees the subscribers' positions and last errors).
import { operations } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';
import { getSystemHealth } from '@/server/queries/system-status';

export const GET = route(operations.health, async ({ actor }) => {
  const health = await getSystemHealth(actor);
  return json(health.database === 'ok' ? 200 : 503, health);
});
