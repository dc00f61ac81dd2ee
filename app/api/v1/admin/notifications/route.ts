// GET /api/v1/admin/notifications: outbox and webhook deliveries by status, latest deliveries (admin).
import { notificationsOverview } from '@/server/admin/overview';
import { admin } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';

export const GET = route(admin.adminNotifications, async ({ actor, runtime }) =>
  json(200, await notificationsOverview(runtime, actor)),
);
