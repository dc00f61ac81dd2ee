// GET /api/v1/subscribers: each subscriber of the committed log with its position, lag and status (admin).
import { notifications } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';
import { listSubscribers } from '@/server/notifications/status';

export const GET = route(notifications.listSubscribers, async ({ actor, runtime }) =>
  json(200, await listSubscribers(runtime, actor)),
);
