// GET /api/metrics: Prometheus exposition. Open unless METRICS_TOKEN is set, then Bearer required.
import { timingSafeEqual } from 'node:crypto';
import { databaseGauges } from '@/server/admin/database';
import { env } from '@/server/env';
import { metricsContentType, metricsText } from '@/server/metrics';
import { notificationGauges } from '@/server/notifications/status';
import { getRuntime } from '@/server/runtime';

function authorised(request: Request): boolean {
  const expected = env().METRICS_TOKEN;
  if (!expected) return true;
  const given = /^Bearer\s+(.+)$/i.exec(request.headers.get('authorization')?.trim() ?? '')?.[1] ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  if (!authorised(request)) {
    return Response.json(
      { error: { code: 'unauthenticated', message: 'A valid metrics token is required.' } },
      { status: 401, headers: { 'www-authenticate': 'Bearer' } },
    );
  }
  const runtime = await getRuntime();
  const text = await metricsText(
    () => runtime.runner.health(),
    () => notificationGauges(runtime),
    () => databaseGauges(runtime),
  );
  return new Response(text, {
    headers: { 'content-type': metricsContentType(), 'cache-control': 'no-store' },
  });
}
