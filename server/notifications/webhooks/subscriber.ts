// The webhooks subscriber: for every committed event, one delivery row per active endpoint whose
// filter takes the event type (unique per endpoint and event). The webhook sender does the HTTP
// part. An endpoint gets the events recorded after it was registered.
import 'server-only';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rows } from '../../db/client';
import { env } from '../../env';
import type { StoredEvent } from '../../eventstore';
import type { Subscriber } from '../subscribers/types';

/** The event as in the feed (GET /events): what a delivery's body holds. */
export const feedEvent = (event: StoredEvent) => ({
  globalPosition: event.globalPosition,
  streamId: event.streamId,
  version: event.version,
  eventId: event.eventId,
  eventType: event.eventType,
  schemaVersion: event.schemaVersion,
  data: event.data,
  metadata: event.metadata,
  recordedAt: event.recordedAt,
  hash: event.hash,
});

export const webhooksSubscriber: Subscriber = {
  name: 'webhooks',
  startAt: 'end',
  afterProjections: false,
  async handleBatch(tx, events) {
    const endpoints = await rows<{ id: string; event_types: string[] | null; created_at: string }>(
      tx,
      sql`SELECT id::text AS id, event_types,
            to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at
          FROM webhook_endpoints WHERE status = 'active'`,
    );
    if (endpoints.length === 0) return;
    const giveUpMs = env().WEBHOOK_GIVE_UP_AFTER_MS;
    for (const event of events) {
      for (const endpoint of endpoints) {
        const types =
          typeof endpoint.event_types === 'string' ? JSON.parse(endpoint.event_types) : endpoint.event_types;
        if (Array.isArray(types) && types.length > 0 && !types.includes(event.eventType)) continue;
        if (event.recordedAt < endpoint.created_at) continue;
        await tx.execute(
          sql`INSERT INTO webhook_deliveries (id, endpoint_id, event_id, event_type, payload, give_up_at)
              VALUES (${randomUUID()}, ${endpoint.id}::uuid, ${event.eventId}::uuid, ${event.eventType},
                ${JSON.stringify(feedEvent(event))}, now() + ${`${giveUpMs} milliseconds`}::interval)
              ON CONFLICT (endpoint_id, event_id) DO NOTHING`,
        );
      }
    }
  },
};
