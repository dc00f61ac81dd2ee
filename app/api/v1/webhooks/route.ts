// POST /api/v1/webhooks (secret answered once) · GET /api/v1/webhooks (admin).
import { notifications } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';
import { listWebhooks, registerWebhook } from '@/server/notifications/webhooks/endpoints';

export const POST = route(notifications.registerWebhook, async ({ actor, body, runtime }) =>
  json(201, await registerWebhook(runtime, actor, body)),
);

export const GET = route(notifications.listWebhooks, async ({ actor, runtime }) =>
  json(200, await listWebhooks(runtime, actor)),
);
