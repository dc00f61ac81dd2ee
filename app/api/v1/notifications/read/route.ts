// POST /api/v1/notifications/read: marks all your notifications read.
import { notifications } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';
import { markAllNotificationsRead } from '@/server/notifications/inbox';

export const POST = route(notifications.markAllNotificationsRead, async ({ actor, runtime }) => {
  await markAllNotificationsRead(runtime, actor);
  return json(200, { read: true });
});
