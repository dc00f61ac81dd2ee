// GET /api/v1/notifications?unread=true: the signed-in user's inbox and unread count.
import { notifications } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';
import { listNotifications } from '@/server/notifications/inbox';

export const GET = route(notifications.listNotifications, async ({ actor, query, runtime }) =>
  json(200, await listNotifications(runtime, actor, query)),
);
