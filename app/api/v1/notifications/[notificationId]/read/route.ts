// POST /api/v1/notifications/:notificationId/read: marks one of your notifications read.
import { notifications } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';
import { markNotificationRead } from '@/server/notifications/inbox';

export const POST = route(notifications.markNotificationRead, async ({ actor, params, runtime }) => {
  await markNotificationRead(runtime, actor, params.notificationId);
  return json(200, { notificationId: params.notificationId, read: true });
});
