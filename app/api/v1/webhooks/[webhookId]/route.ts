// DELETE /api/v1/webhooks/:webhookId: no more deliveries to it (admin).
import { notifications } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';
import { deleteWebhook } from '@/server/notifications/webhooks/endpoints';

export const DELETE = route(notifications.deleteWebhook, async ({ actor, params, runtime }) => {
  await deleteWebhook(runtime, actor, params.webhookId);
  return json(200, { webhookId: params.webhookId, deleted: true });
});
