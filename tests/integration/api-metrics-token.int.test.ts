// With METRICS_TOKEN set, /api/metrics wants `Authorization: Bearer <METRICS_TOKEN>`.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { GET as metricsRoute } from '@/app/api/metrics/route';
import { apiWorld, call, closeWorld, type World } from './api-helpers';

// Read once per process by server/env.ts: set before anything asks for the environment.
process.env.METRICS_TOKEN = 'scrape-secret';

let world: World;
beforeAll(async () => {
  world = await apiWorld();
});
afterAll(() => closeWorld(world));

it('refuses a scrape without the token or with another one', async () => {
  expect(world).toBeDefined();
  expect((await call(metricsRoute, '/metrics')).status).toBe(401);
  expect((await call(metricsRoute, '/metrics', { as: { token: 'wrong' } })).status).toBe(401);
  const ok = await call(metricsRoute, '/metrics', { as: { token: 'scrape-secret' } });
  expect(ok.status).toBe(200);
  expect(ok.text).toContain('leasebook_commands_total');
});
