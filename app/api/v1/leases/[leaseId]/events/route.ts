// GET /api/v1/leases/:leaseId/events?fromVersion=&limit=: the lease's events, upcast.
import { leaseStreamId } from '@/server/domain/lease';
import { json, readableLease, route } from '@/server/http/route';
import { leaseEventsQuery, leaseIdParams } from '@/server/http/schemas';
import { eventBody } from '@/server/http/timeline';

export const GET = route(
  { auth: 'signed-in', params: leaseIdParams, query: leaseEventsQuery },
  async ({ actor, params, query, runtime }) => {
    await readableLease(runtime, actor, params.leaseId);
    const events = await runtime.store.readStream(leaseStreamId(params.leaseId), {
      fromVersion: query.fromVersion,
      limit: query.limit ?? 1000,
    });
    return json(200, { events: events.map(eventBody) });
  },
);
