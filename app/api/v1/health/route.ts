// GET /api/v1/health: database reachability and projection lag, for load balancers and people.
import { connection, NextResponse } from 'next/server';
import { getSystemHealth } from '@/server/queries/system-status';

export async function GET() {
  await connection();
  const health = await getSystemHealth();
  return NextResponse.json(health, {
    status: health.database === 'ok' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  });
}
