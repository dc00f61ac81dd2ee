// GET /api/v1/outbox?status=pending|sent|failed: every email and its state (admin).
import { notifications } from '@/server/http/contracts';
import { json, route } from '@/server/http/route';
import { listOutbox } from '@/server/notifications/outbox';

export const GET = route(notifications.listOutbox, async ({ actor, query, runtime }) => {
  const { messages } = await listOutbox(runtime, actor, query);
  return json(200, {
    messages: messages.map(({ messageId, to, subject, status, attempts, lastError, createdAt, sentAt }) => ({
      messageId,
      to,
      subject,
      status,
      attempts,
      lastError,
      createdAt,
      sentAt,
    })),
  });
});
