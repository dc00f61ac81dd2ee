// The notifications context against a real database: subscribers write each inbox entry and
// email once however often a batch is handled, the mail sender delivers to a real SMTP server and
// waits out an outage, webhooks are signed as Standard Webhooks says and retried until a 2xx,
// reminders go once per period, and a password reset works once.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { sql } from 'drizzle-orm';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '@/server/auth/passwords';
import { checkCredentials } from '@/server/auth/sessions';
import { insertUser } from '@/server/auth/users';
import { changeLease, createLease } from '@/server/commands/lease';
import { requestMaintenance } from '@/server/commands/maintenance';
import { inviteTenant, postNotice } from '@/server/commands/portfolio';
import { rows } from '@/server/db/client';
import { queueEmail } from '@/server/notifications/deliver';
import { listNotifications, markNotificationRead, setEmailPreferences } from '@/server/notifications/inbox';
import { createMailSender } from '@/server/notifications/mail/sender';
import { requestPasswordReset, resetPassword } from '@/server/notifications/password-reset';
import { sendRentReminders } from '@/server/notifications/reminders';
import { createNotificationServices, type NotificationServices } from '@/server/notifications/service';
import { listDeliveries, registerWebhook } from '@/server/notifications/webhooks/endpoints';
import { createWebhookSender } from '@/server/notifications/webhooks/sender';
import { TestMailServer } from '../support/mail-server';
import { aProperty, asManager, asTenant, freshRuntime, managerId, tenantId } from '../support/runtime';

let runtime: Awaited<ReturnType<typeof freshRuntime>>;
let services: NotificationServices;
let property: Awaited<ReturnType<typeof aProperty>>;
let leaseId: string;
const today = new Date().toISOString().slice(0, 10);
const tenant = { userId: tenantId, role: 'tenant' as const, name: 'Terry Tenant' };
const manager = { userId: managerId, role: 'manager' as const, name: 'Morgan Manager' };
const admin = { userId: randomUUID(), role: 'admin' as const, name: 'Ada Admin' };

const count = async (query: ReturnType<typeof sql>) =>
  Number((await rows<{ n: string | number }>(runtime.database.db, query))[0]?.n ?? 0);

/** Projections, then subscribers: what the app's background loop does each second. */
async function settle() {
  await runtime.runner.settle();
  await services.subscribers.catchUp();
}

async function pay(amountCents: number, paymentId = randomUUID()) {
  await changeLease(
    runtime,
    leaseId,
    { type: 'ReceivePayment', paymentId, amountCents, method: 'card', actorRole: 'tenant' },
    asTenant(),
  );
  return paymentId;
}

beforeAll(async () => {
  runtime = await freshRuntime();
  const db = runtime.database.db;
  const passwordHash = await hashPassword('correct horse battery');
  await insertUser(db, {
    id: tenantId,
    email: 'terry@example.test',
    name: 'Terry Tenant',
    role: 'tenant',
    passwordHash,
  });
  await insertUser(db, {
    id: managerId,
    email: 'morgan@example.test',
    name: 'Morgan Manager',
    role: 'manager',
    passwordHash,
  });
  await insertUser(db, {
    id: admin.userId,
    email: 'ada@example.test',
    name: 'Ada Admin',
    role: 'admin',
    passwordHash,
  });
  services = createNotificationServices(runtime, { smtpUrl: null, eventBus: null, retryFailingAfterMs: 0 });
  property = await aProperty(runtime);
  // Subscribers that start "at the end" see nothing of the history before this line.
  await runtime.runner.settle();
  await services.subscribers.initialiseAll();
  const start = `${today.slice(0, 7)}-01`;
  const lease = await createLease(
    runtime,
    {
      tenantId,
      propertyId: property.propertyId,
      unitId: property.unitA,
      startDate: start,
      endDate: `${Number(today.slice(0, 4)) + 1}-12-31`,
      monthlyRentCents: 150_000,
      dueDay: 1,
      graceDays: 5,
      lateFeeCents: 5_000,
      securityDepositCents: 0,
    },
    asManager(),
  );
  leaseId = lease.leaseId;
  await changeLease(runtime, leaseId, { type: 'PostDueItems', asOf: start }, asManager());
});
afterAll(() => runtime.database.close());

describe('the notifications subscriber', () => {
  it('writes a receipt to the inbox and the outbox once, however often the batch is handled', async () => {
    const paymentId = await pay(120_000);
    await settle();
    const inbox = await listNotifications(runtime, tenant, { unread: true });
    const receipt = inbox.notifications.find((n) => n.kind === 'payment_receipt');
    expect(receipt).toMatchObject({
      title: 'Payment received: $1,200.00',
      link: `/tenant/payments/${paymentId}`,
    });
    expect(inbox.unread).toBeGreaterThanOrEqual(1);

    // A crash after the rows were written but before the checkpoint moved: the batch runs again.
    await runtime.database.db.execute(
      sql`UPDATE projection_checkpoints SET tx_id = '0'::xid8, global_position = 0 WHERE name = 'subscriber:notifications'`,
    );
    await settle();
    expect(await count(sql`SELECT count(*) AS n FROM notifications WHERE kind = 'payment_receipt'`)).toBe(1);
    const [email] = await rows<{ to_address: string; subject: string; text_body: string; html_body: string }>(
      runtime.database.db,
      sql`SELECT to_address, subject, text_body, html_body FROM outbox_messages WHERE kind = 'payment_receipt'`,
    );
    expect(await count(sql`SELECT count(*) AS n FROM outbox_messages WHERE kind = 'payment_receipt'`)).toBe(
      1,
    );
    expect(email?.to_address).toBe('terry@example.test');
    expect(email?.text_body).toContain('$1,200.00');
    expect(email?.text_body).toContain(`/tenant/payments/${paymentId}`);
    expect(email?.html_body).toContain('<a href=');

    await markNotificationRead(runtime, tenant, receipt?.notificationId ?? '');
    const after = await listNotifications(runtime, tenant, { unread: true });
    expect(after.notifications.some((n) => n.notificationId === receipt?.notificationId)).toBe(false);
    await expect(markNotificationRead(runtime, manager, receipt?.notificationId ?? '')).rejects.toMatchObject(
      {
        code: 'not_found',
      },
    );
  });

  it('tells the tenant about an NSF reversal, the manager about a maintenance request, tenants about a notice', async () => {
    const paymentId = await pay(10_000);
    await changeLease(runtime, leaseId, { type: 'ReversePayment', paymentId, reason: 'NSF' }, asManager());
    await requestMaintenance(
      runtime,
      { leaseId, category: 'plumbing', priority: 'high', description: 'The kitchen tap drips.' },
      asTenant(),
    );
    await postNotice(
      runtime,
      manager,
      { propertyId: property.propertyId, title: 'Water off on Friday', body: 'From 9 to 11.' },
      asManager(),
    );
    await settle();
    const tenantInbox = await listNotifications(runtime, tenant);
    expect(tenantInbox.notifications.map((n) => n.title)).toEqual(
      expect.arrayContaining([
        'Payment returned (NSF): $100.00',
        'Notice from Maple Court: Water off on Friday',
      ]),
    );
    const managerInbox = await listNotifications(runtime, manager);
    expect(managerInbox.notifications.map((n) => n.kind)).toContain('maintenance_requested');
  });

  // Autopay pays a period due on or after enrolment, so the lease starts today and falls due today
  // (a lease started on the 1st has its first, prorated period due on the 1st: before enrolment).
  // Due days are 1–28 only.
  it.skipIf(Number(today.slice(8)) > 28)(
    'tells the tenant when autopay paid, and when that payment failed',
    async () => {
      const lease = await createLease(
        runtime,
        {
          tenantId,
          propertyId: property.propertyId,
          unitId: property.unitB,
          startDate: today,
          endDate: `${Number(today.slice(0, 4)) + 1}-12-31`,
          monthlyRentCents: 200_000,
          dueDay: Number(today.slice(8)),
          graceDays: 5,
          lateFeeCents: 5_000,
          securityDepositCents: 0,
        },
        asManager(),
      );
      await changeLease(runtime, lease.leaseId, { type: 'EnrolAutopay', method: 'ach' }, asTenant());
      await changeLease(runtime, lease.leaseId, { type: 'PostDueItems', asOf: today }, asManager());
      await settle();
      const [autopay] = await rows<{ payment_id: string; amount_cents: string }>(
        runtime.database.db,
        sql`SELECT data->>'paymentId' AS payment_id, data->>'amountCents' AS amount_cents FROM events
          WHERE stream_id = ${`lease-${lease.leaseId}`} AND event_type = 'PaymentReceived'`,
      );
      expect(autopay).toBeDefined();
      await changeLease(
        runtime,
        lease.leaseId,
        { type: 'ReversePayment', paymentId: autopay?.payment_id ?? '', reason: 'NSF' },
        asManager(),
      );
      await settle();
      const kinds = (await listNotifications(runtime, tenant)).notifications
        .filter((n) => n.link.includes(lease.leaseId) || n.title.startsWith('Autopay'))
        .map((n) => [n.kind, n.title]);
      // The first period runs from today to the month's end: prorated unless today is the 1st.
      const daysInMonth = new Date(
        Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)), 0),
      ).getUTCDate();
      const days = daysInMonth - Number(today.slice(8)) + 1;
      expect(Number(autopay?.amount_cents)).toBe(Math.round((200_000 * days) / daysInMonth));
      const dollars = `$${(Number(autopay?.amount_cents) / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })}`;
      expect(kinds).toEqual(
        expect.arrayContaining([
          ['autopay_taken', `Autopay payment taken: ${dollars}`],
          ['autopay_failed', `Autopay payment failed: ${dollars}`],
        ]),
      );
    },
  );

  it('shows each subscriber with its position and no lag once caught up', async () => {
    await settle();
    const health = await services.subscribers.health();
    expect(health.map((h) => h.name).sort()).toEqual(['notifications', 'webhooks']);
    for (const subscriber of health) expect(subscriber).toMatchObject({ status: 'ok', lagEvents: 0 });
  });
});

describe('the mail sender', () => {
  it('sends to a real SMTP server, waits out an outage with backoff, and sends each message once', async () => {
    const smtp = new TestMailServer();
    await smtp.start();
    const sender = createMailSender(runtime.database.db, {
      smtpUrl: smtp.url,
      from: 'Leasebook <no-reply@leasebook.test>',
      retryBaseMs: 50,
      retryMaxMs: 200,
      messageIdDomain: 'leasebook.test',
      connectionTimeoutMs: 1_000,
    });
    try {
      await sender.sendDue();
      const sentBefore = await count(sql`SELECT count(*) AS n FROM outbox_messages WHERE status = 'sent'`);
      expect(sentBefore).toBeGreaterThan(0);
      const [receipt] = await rows<{ notification_id: string }>(
        runtime.database.db,
        sql`SELECT notification_id::text AS notification_id FROM outbox_messages
            WHERE subject = 'Payment received: $1,200.00'`,
      );
      const mail = smtp.received.find((m) => m.subject === 'Payment received: $1,200.00');
      expect(mail?.messageId).toBe(`<${receipt?.notification_id}@leasebook.test>`);
      expect(mail?.raw).toContain('Content-Type: text/html');

      await smtp.stop();
      await pay(5_000);
      await settle();
      await sender.sendDue();
      const [waiting] = await rows<{ status: string; attempts: number; last_error: string | null }>(
        runtime.database.db,
        sql`SELECT status, attempts, last_error FROM outbox_messages WHERE subject = 'Payment received: $50.00'`,
      );
      // At least one attempt failed (a loaded machine may fit a second one in after the 50 ms backoff).
      expect(waiting?.status).toBe('pending');
      expect(waiting?.attempts).toBeGreaterThanOrEqual(1);
      expect(waiting?.last_error).toMatch(/ECONNREFUSED|connect/i);

      await smtp.start();
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        await sender.sendDue();
        if (smtp.received.some((m) => m.subject === 'Payment received: $50.00')) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await sender.sendDue();
      expect(smtp.received.filter((m) => m.subject === 'Payment received: $50.00')).toHaveLength(1);
      expect(await count(sql`SELECT count(*) AS n FROM outbox_messages WHERE status = 'pending'`)).toBe(0);
    } finally {
      sender.close();
      await smtp.stop();
    }
  });

  it('fails a message at once when the mail server refuses the recipient (5xx)', async () => {
    const smtp = new TestMailServer({ refuse: /^nobody@/ });
    await smtp.start();
    const sender = createMailSender(runtime.database.db, {
      smtpUrl: smtp.url,
      from: 'x@leasebook.test',
      retryBaseMs: 10,
      retryMaxMs: 10,
      messageIdDomain: 'leasebook.test',
    });
    try {
      await runtime.database.db.transaction((tx) =>
        queueEmail(tx, {
          dedupeKey: `test:${randomUUID()}`,
          kind: 'payment_receipt',
          userId: null,
          to: 'nobody@example.test',
          subject: 'Refused',
          text: 'x',
          html: '<p>x</p>',
        }),
      );
      await sender.sendDue();
      const [refused] = await rows<{ status: string; last_error: string }>(
        runtime.database.db,
        sql`SELECT status, last_error FROM outbox_messages WHERE subject = 'Refused'`,
      );
      expect(refused?.status).toBe('failed');
      expect(refused?.last_error).toMatch(/^Refused by the mail server: .*550/);
    } finally {
      sender.close();
      await smtp.stop();
    }
  });

  it('gives a message up at its give-up time with the reason kept', async () => {
    const sender = createMailSender(runtime.database.db, {
      smtpUrl: 'smtp://127.0.0.1:1',
      from: 'x@leasebook.test',
      retryBaseMs: 10,
      retryMaxMs: 10,
      messageIdDomain: 'leasebook.test',
      connectionTimeoutMs: 500,
    });
    await pay(1_000);
    await settle();
    await runtime.database.db.execute(
      sql`UPDATE outbox_messages SET give_up_at = now() WHERE status = 'pending'`,
    );
    await sender.sendDue();
    sender.close();
    const [failed] = await rows<{ status: string; last_error: string }>(
      runtime.database.db,
      sql`SELECT status, last_error FROM outbox_messages WHERE subject = 'Payment received: $10.00'`,
    );
    expect(failed?.status).toBe('failed');
    expect(failed?.last_error).toMatch(/^Gave up after 1 attempts: /);
  });
});

describe('webhooks', () => {
  it('signs each delivery as Standard Webhooks says and retries until a 2xx', async () => {
    const received: { id: string; status: number; verified: boolean; type: string }[] = [];
    let calls = 0;
    let secret = '';
    const server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let verified = false;
        try {
          new Webhook(secret).verify(body, request.headers as Record<string, string>);
          verified = true;
        } catch {}
        calls += 1;
        const status = calls <= 2 ? 500 : 200;
        received.push({
          id: String(request.headers['webhook-id']),
          status,
          verified,
          type: String(request.headers['leasebook-event-type']),
        });
        response.writeHead(status, status === 500 ? { 'retry-after': '0' } : {}).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const registered = await registerWebhook(runtime, admin, {
        url: `http://127.0.0.1:${port}/hook`,
        eventTypes: ['PaymentReceived'],
      });
      secret = registered.secret;
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      const paymentId = await pay(2_000);
      await settle();
      const sender = createWebhookSender(runtime.database.db, {
        retryBaseMs: 20,
        retryMaxMs: 50,
        timeoutMs: 2_000,
      });
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline && !received.some((r) => r.status === 200)) {
        await sender.sendDue();
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await sender.sendDue();
      expect(received.map((r) => r.status)).toEqual([500, 500, 200]);
      expect(received.every((r) => r.verified && r.type === 'PaymentReceived')).toBe(true);
      expect(new Set(received.map((r) => r.id)).size).toBe(1);
      const { deliveries } = await listDeliveries(runtime, admin, registered.webhookId);
      expect(deliveries.map((d) => [d.attempt, d.status, d.responseStatus])).toEqual([
        [3, 'delivered', 200],
        [2, 'retrying', 500],
        [1, 'retrying', 500],
      ]);
      const [event] = await rows<{ event_id: string }>(
        runtime.database.db,
        sql`SELECT event_id::text AS event_id FROM events WHERE event_type = 'PaymentReceived' AND data->>'paymentId' = ${paymentId}`,
      );
      expect(received[0]?.id).toBe(event?.event_id);
    } finally {
      server.close();
    }
  });

  it('disables an endpoint that answers 410 Gone and ends its delivery', async () => {
    const server = http.createServer((_request, response) => response.writeHead(410).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const { webhookId } = await registerWebhook(runtime, admin, { url: `http://127.0.0.1:${port}/gone` });
      await pay(3_000);
      await settle();
      await createWebhookSender(runtime.database.db, {
        retryBaseMs: 10,
        retryMaxMs: 10,
        timeoutMs: 2_000,
      }).sendDue();
      const [endpoint] = await rows<{ status: string; disabled_reason: string }>(
        runtime.database.db,
        sql`SELECT status, disabled_reason FROM webhook_endpoints WHERE id = ${webhookId}`,
      );
      expect(endpoint).toMatchObject({
        status: 'disabled',
        disabled_reason: 'The endpoint answered 410 Gone.',
      });
      const { deliveries } = await listDeliveries(runtime, admin, webhookId);
      expect(deliveries.every((d) => d.status === 'failed' && d.responseStatus === 410)).toBe(true);
      expect(deliveries.length).toBeGreaterThan(0);
    } finally {
      server.close();
    }
  });

  it('refuses a plain-http endpoint that is not on loopback', async () => {
    await expect(registerWebhook(runtime, admin, { url: 'http://example.com/hook' })).rejects.toMatchObject({
      name: 'ZodError',
    });
    await expect(registerWebhook(runtime, tenant, { url: 'https://example.com/hook' })).rejects.toMatchObject(
      {
        code: 'forbidden',
      },
    );
  });
});

describe('rent reminders', () => {
  it('reminds once per period, by email only while the tenant wants reminder emails', async () => {
    const due = `${today.slice(0, 7)}-01`;
    // The next due date is the 1st of next month; "today" is a few days before it.
    const next = new Date(`${due}T00:00:00Z`);
    next.setUTCMonth(next.getUTCMonth() + 1);
    const twoDaysBefore = new Date(next.getTime() - 2 * 86_400_000 + 12 * 3_600_000);
    await setEmailPreferences(runtime, tenant, { reminderEmails: false });
    expect(await sendRentReminders(runtime, twoDaysBefore, 3)).toBeGreaterThanOrEqual(1);
    expect(await sendRentReminders(runtime, twoDaysBefore, 3)).toBe(0);
    const link = `/tenant/leases/${leaseId}`;
    expect(
      await count(
        sql`SELECT count(*) AS n FROM notifications WHERE kind = 'rent_reminder' AND link = ${link}`,
      ),
    ).toBe(1);
    expect(await count(sql`SELECT count(*) AS n FROM outbox_messages WHERE kind = 'rent_reminder'`)).toBe(0);
  });
});

describe('invitations', () => {
  it('emails the invite link with the tenant account, in one transaction', async () => {
    const invited = await inviteTenant(runtime, manager, { name: 'Ivy Invitee', email: 'Ivy@Example.test' });
    const [mail] = await rows<{ to_address: string; text_body: string; sensitive: boolean; kind: string }>(
      runtime.database.db,
      sql`SELECT to_address, text_body, sensitive, kind FROM outbox_messages WHERE user_id = ${invited.tenantId}`,
    );
    expect(mail).toMatchObject({ to_address: 'ivy@example.test', kind: 'invitation', sensitive: true });
    expect(mail?.text_body).toContain(`/invite/${encodeURIComponent(invited.inviteToken)}`);
    expect(mail?.text_body).toContain('Morgan Manager invited you');
    await expect(
      inviteTenant(runtime, manager, { name: 'Ivy Again', email: 'ivy@example.test' }),
    ).rejects.toMatchObject({
      code: 'email_taken',
    });
    expect(await count(sql`SELECT count(*) AS n FROM outbox_messages WHERE kind = 'invitation'`)).toBe(1);
  });
});

describe('password reset', () => {
  it('emails a one-use link and says nothing about unknown accounts', async () => {
    await requestPasswordReset(runtime, 'nobody@example.test');
    expect(await count(sql`SELECT count(*) AS n FROM outbox_messages WHERE kind = 'password_reset'`)).toBe(0);
    await requestPasswordReset(runtime, 'Terry@Example.test');
    const [mail] = await rows<{ text_body: string; sensitive: boolean }>(
      runtime.database.db,
      sql`SELECT text_body, sensitive FROM outbox_messages WHERE kind = 'password_reset'`,
    );
    expect(mail?.sensitive).toBe(true);
    const token = decodeURIComponent(/\/reset-password\/([^\s]+)/.exec(mail?.text_body ?? '')?.[1] ?? '');
    expect(await resetPassword(runtime, token, 'a brand new passphrase')).toMatchObject({ id: tenantId });
    expect(await resetPassword(runtime, token, 'another new passphrase')).toBeNull();
    expect(
      await checkCredentials(runtime.database.db, 'terry@example.test', 'a brand new passphrase'),
    ).toBeTruthy();
  });
});
