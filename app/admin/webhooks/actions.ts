'use server';
// Webhook endpoints from the admin page: register (the secret is answered once), delete, test.
import { z } from 'zod';
import { action } from '@/server/http/action';
import { deleteWebhook, registerWebhook, sendTestEvent } from '@/server/notifications/webhooks/endpoints';

export const registerWebhookAction = action(
  {
    name: 'registerWebhook',
    auth: ['admin'],
    input: z.strictObject({
      url: z.string().trim().min(1, 'Enter the endpoint URL.').max(2000),
      eventTypes: z.string().max(5000).optional(),
      description: z.string().max(500).optional(),
    }),
  },
  async ({ actor, input, runtime, revalidate }) => {
    const eventTypes = (input.eventTypes ?? '')
      .split(/[\s,]+/)
      .map((type) => type.trim())
      .filter(Boolean);
    const created = await registerWebhook(runtime, actor, {
      url: input.url,
      eventTypes: eventTypes.length ? eventTypes : undefined,
      description: input.description?.trim() || undefined,
    });
    revalidate('/admin/webhooks');
    return created;
  },
);

const idInput = z.strictObject({ webhookId: z.uuid() });

export const deleteWebhookAction = action(
  { name: 'deleteWebhook', auth: ['admin'], input: idInput },
  async ({ actor, input, runtime, revalidate }) => {
    await deleteWebhook(runtime, actor, input.webhookId);
    revalidate('/admin/webhooks');
    return { deleted: true };
  },
);

export const testWebhookAction = action(
  { name: 'testWebhook', auth: ['admin'], input: idInput },
  async ({ actor, input, runtime, revalidate }) => {
    const sent = await sendTestEvent(runtime, actor, input.webhookId);
    revalidate('/admin/webhooks');
    return sent;
  },
);
