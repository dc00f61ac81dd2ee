// The notifications endpoints as API.md says: the inbox and marking read (own only), the outbox and
// webhooks (admin only, bad input refused), password reset (202 whatever the email, one use), and
// the subscribers in /health (positions for admins only).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as health } from '@/app/api/v1/health/route';
import { POST as pay } from '@/app/api/v1/leases/[leaseId]/payments/route';
import { POST as markRead } from '@/app/api/v1/notifications/[notificationId]/read/route';
import { GET as inbox } from '@/app/api/v1/notifications/route';
import { GET as outbox } from '@/app/api/v1/outbox/route';
import { POST as confirmReset } from '@/app/api/v1/password-reset/[token]/route';
import { POST as requestReset } from '@/app/api/v1/password-reset/route';
import { GET as subscribers } from '@/app/api/v1/subscribers/route';
import { GET as deliveries } from '@/app/api/v1/webhooks/[webhookId]/deliveries/route';
import { DELETE as deleteWebhook } from '@/app/api/v1/webhooks/[webhookId]/route';
import { POST as createWebhook, GET as listWebhooks } from '@/app/api/v1/webhooks/route';
import { createNotificationServices } from '@/server/notifications/service';
import { apiWorld, call, closeWorld, type World } from './api-helpers';

let world: World;
beforeAll(async () => {
  world = await apiWorld();
  await world.runtime.runner.settle();
  const services = createNotificationServices(world.runtime, { smtpUrl: null, eventBus: null });
  await services.subscribers.initialiseAll();
  const paid = await call(pay, `/leases/${world.own.leaseId}/payments`, {
    as: world.tenant,
    key: randomUUID(),
    params: { leaseId: world.own.leaseId },
    body: { amountCents: 4_200, method: 'card' },
  });
  expect(paid.status).toBe(201);
  await world.runtime.runner.settle();
  await services.subscribers.catchUp();
});
afterAll(() => closeWorld(world));

describe('GET /notifications · POST /notifications/:id/read', () => {
  it('answers the own inbox with the unread count, and marks one read', async () => {
    const res = await call(inbox, '/notifications?unread=true', { as: world.tenant });
    expect(res.status).toBe(200);
    expect(res.body.unread).toBe(1);
    const [entry] = res.body.notifications;
    expect(Object.keys(entry).sort()).toEqual([
      'body',
      'createdAt',
      'kind',
      'link',
      'notificationId',
      'readAt',
      'title',
    ]);
    expect(entry).toMatchObject({ kind: 'payment_receipt', title: 'Payment received: $42.00', readAt: null });
    const other = await call(markRead, `/notifications/${entry.notificationId}/read`, {
      method: 'POST',
      as: world.tenant2,
      params: { notificationId: entry.notificationId },
    });
    expect(other.status).toBe(404);
    const mine = await call(markRead, `/notifications/${entry.notificationId}/read`, {
      method: 'POST',
      as: world.tenant,
      params: { notificationId: entry.notificationId },
    });
    expect(mine.status).toBe(200);
    expect((await call(inbox, '/notifications?unread=true', { as: world.tenant })).body).toEqual({
      notifications: [],
      unread: 0,
    });
    expect((await call(inbox, '/notifications?unread=maybe', { as: world.tenant })).status).toBe(400);
    expect((await call(inbox, '/notifications')).status).toBe(401);
  });
});

describe('GET /outbox', () => {
  it('lists the queued receipt for an admin, in the contract shape; 403 for anyone else', async () => {
    const res = await call(outbox, '/outbox?status=pending', { as: world.admin });
    expect(res.status).toBe(200);
    expect(res.body.messages).toHaveLength(1);
    expect(Object.keys(res.body.messages[0]).sort()).toEqual(
      ['attempts', 'createdAt', 'lastError', 'messageId', 'sentAt', 'status', 'subject', 'to'].sort(),
    );
    expect(res.body.messages[0]).toMatchObject({ to: world.tenant.email, status: 'pending', attempts: 0 });
    expect((await call(outbox, '/outbox', { as: world.manager })).status).toBe(403);
    expect((await call(outbox, '/outbox?status=lost', { as: world.admin })).status).toBe(400);
  });
});

describe('webhooks', () => {
  it('registers (secret once), lists, logs and deletes; refuses bad input and other roles', async () => {
    const created = await call(createWebhook, '/webhooks', {
      as: world.admin,
      body: {
        url: 'https://hooks.example.com/leasebook',
        eventTypes: ['PaymentReceived'],
        description: 'books',
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ webhookId: expect.any(String), secret: expect.stringMatching(/^whsec_/) });
    const listed = await call(listWebhooks, '/webhooks', { as: world.admin });
    expect(listed.body.webhooks).toContainEqual(
      expect.objectContaining({
        webhookId: created.body.webhookId,
        eventTypes: ['PaymentReceived'],
        status: 'active',
      }),
    );
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
    const log = await call(deliveries, `/webhooks/${created.body.webhookId}/deliveries`, {
      as: world.admin,
      params: { webhookId: created.body.webhookId },
    });
    expect(log.body).toEqual({ deliveries: [] });
    for (const body of [
      { url: 'http://hooks.example.com/x' },
      { url: 'ftp://x' },
      { url: 'https://x.test', extra: 1 },
    ]) {
      expect((await call(createWebhook, '/webhooks', { as: world.admin, body })).status).toBe(400);
    }
    expect(
      (await call(createWebhook, '/webhooks', { as: world.manager, body: { url: 'https://x.test' } })).status,
    ).toBe(403);
    const params = { webhookId: created.body.webhookId };
    expect(
      (await call(deleteWebhook, '/webhooks/x', { method: 'DELETE', as: world.admin, params })).status,
    ).toBe(200);
    expect(
      (await call(deleteWebhook, '/webhooks/x', { method: 'DELETE', as: world.admin, params })).status,
    ).toBe(404);
  });
});

describe('password reset', () => {
  it('answers 202 whether or not the account exists, and the token works once', async () => {
    const unknown = await call(requestReset, '/password-reset', { body: { email: 'nobody@example.test' } });
    const known = await call(requestReset, '/password-reset', { body: { email: world.tenant.email } });
    expect([unknown.status, known.status]).toEqual([202, 202]);
    expect(unknown.body).toEqual(known.body);
    const bad = await call(confirmReset, '/password-reset/nope', {
      body: { password: 'long enough password' },
      params: { token: 'nope' },
    });
    expect(bad.status).toBe(404);
    const short = await call(confirmReset, '/password-reset/nope', {
      body: { password: 'short' },
      params: { token: 'nope' },
    });
    expect(short.status).toBe(400);
  });
});

describe('subscribers in /health and GET /subscribers', () => {
  it('shows lag and status to anyone, positions and errors to admins', async () => {
    const anonymous = await call(health, '/health');
    expect(anonymous.body.subscribers).toContainEqual({ name: 'notifications', status: 'ok', lagEvents: 0 });
    const admin = await call(health, '/health', { as: world.admin });
    expect(admin.body.subscribers).toContainEqual(
      expect.objectContaining({ name: 'notifications', position: expect.any(String), lastError: null }),
    );
    const listed = await call(subscribers, '/subscribers', { as: world.admin });
    expect(listed.body.subscribers.map((s: { name: string }) => s.name).sort()).toEqual([
      'notifications',
      'webhooks',
    ]);
    expect((await call(subscribers, '/subscribers', { as: world.tenant })).status).toBe(403);
  });
});
