// GET /api/v1/webhooks/:webhookId/deliveries: every attempt with the endpoint's answer (admin).
import { notifications } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';
import { listDeliveries } from '@/server/notifications/webhooks/endpoints';

export const GET = route(notifications.webhookDeliveries, async ({ actor, params, runtime }) =>
  json(200, await listDeliveries(runtime, actor, params.webhookId)),
);
