// POST /api/v1/webhooks/:webhookId/test: queues a WebhookTest delivery (admin).
import { notifications } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';
import { sendTestEvent } from '@/server/notifications/webhooks/endpoints';

export const POST = route(notifications.testWebhook, async ({ actor, params, runtime }) =>
  json(202, await sendTestEvent(runtime, actor, params.webhookId)),
);
