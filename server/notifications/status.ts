// What health and metrics read of the notifications context: each subscriber's position, lag and
// status, and how many messages wait to go out per channel.
import 'server-only';
import { sql } from 'drizzle-orm';
import { ForbiddenError } from '../auth/errors';
import type { Actor } from '../auth/policy';
import { rows } from '../db/client';
import type { NotificationGauges } from '../metrics';
import type { Runtime } from '../runtime';
import { notificationServices } from './service';
import type { SubscriberHealth } from './subscribers/types';

export function subscriberHealth(runtime: Runtime): Promise<SubscriberHealth[]> {
  return notificationServices(runtime).subscribers.health();
}

/** The admin console's list of subscribers. */
export async function listSubscribers(
  runtime: Runtime,
  actor: Actor,
): Promise<{ subscribers: SubscriberHealth[] }> {
  if (actor.role !== 'admin') throw new ForbiddenError('Only admins see the subscribers.');
  return { subscribers: await subscriberHealth(runtime) };
}

export async function notificationGauges(runtime: Runtime): Promise<NotificationGauges> {
  const [subscribers, [backlog]] = await Promise.all([
    subscriberHealth(runtime),
    rows<{ email: number | string; webhook: number | string }>(
      runtime.database.db,
      sql`SELECT (SELECT count(*) FROM outbox_messages WHERE status = 'pending') AS email,
                 (SELECT count(*) FROM webhook_deliveries WHERE status = 'pending') AS webhook`,
    ),
  ]);
  return {
    subscribers,
    backlog: { email: Number(backlog?.email ?? 0), webhook: Number(backlog?.webhook ?? 0) },
  };
}
