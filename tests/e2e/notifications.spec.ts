// Notifications in the browser (embedded database, no SMTP_URL: mail stays in the outbox): a
// tenant's payment shows up under the bell and opening it marks it read; the admin reads the
// outbox and manages webhooks; "Forgot password?" queues a reset email whose body stays hidden;
// the tenant turns reminder emails off.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { apiAs, DEMO, signIn } from './support/auth';
import { expectNoSeriousA11yViolations } from './support/axe';

test('a payment appears under the bell; opening it marks it read', async ({ page }) => {
  await signIn(page, DEMO.tenant);
  const leases = await (await page.request.get('/api/v1/leases')).json();
  const leaseId = leases.leases[0].leaseId as string;
  const amountCents = 100 + Math.floor(Math.random() * 800);
  const paid = await page.request.post(`/api/v1/leases/${leaseId}/payments`, {
    headers: { 'idempotency-key': randomUUID() },
    data: { amountCents, method: 'card' },
  });
  expect(paid.status()).toBe(201);
  const title = `Payment received: $${(amountCents / 100).toFixed(2)}`;
  // The subscriber reacts in the background, within a few seconds.
  await expect
    .poll(
      async () => {
        const inbox = await (await page.request.get('/api/v1/notifications?unread=true')).json();
        return inbox.notifications.map((n: { title: string }) => n.title);
      },
      { timeout: 20_000 },
    )
    .toContain(title);

  await page.goto('/tenant');
  const bell = page.getByTestId('notification-bell');
  await expect(bell).toHaveAccessibleName(/Notifications, \d+ unread/);
  await bell.click();
  const panel = page.getByRole('region', { name: 'Notifications' });
  await expect(
    panel.getByRole('link', { name: new RegExp(title.replace(/[$.]/g, '\\$&')) }).first(),
  ).toBeVisible();
  await expectNoSeriousA11yViolations(page, '/tenant with the notifications open');
  await panel
    .getByRole('link', { name: new RegExp(title.replace(/[$.]/g, '\\$&')) })
    .first()
    .click();
  await expect(page).toHaveURL(/\/tenant\/payments\//);
  await expect
    .poll(async () => {
      const inbox = await (await page.request.get('/api/v1/notifications?unread=true')).json();
      return inbox.notifications.map((n: { title: string }) => n.title);
    })
    .not.toContain(title);
});

test('the tenant turns rent reminder emails off and it stays off', async ({ page }) => {
  await signIn(page, DEMO.tenant2);
  await page.goto('/tenant');
  const box = page.getByTestId('reminder-emails');
  await expect(box).toBeChecked();
  await box.uncheck();
  await expect(page.getByRole('status').filter({ hasText: 'No more reminder emails.' })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('reminder-emails')).not.toBeChecked();
  await page.getByTestId('reminder-emails').check();
  await expect(page.getByRole('status').filter({ hasText: 'Rent reminders will be emailed.' })).toBeVisible();
});

test('forgot password queues a reset email the outbox does not show; the admin reads the outbox', async ({
  page,
  playwright,
}) => {
  await page.goto('/signin');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel('Email').fill(DEMO.manager);
  await page.getByRole('button', { name: 'Email me a reset link' }).click();
  await expect(page.getByText('Check your email')).toBeVisible();

  const admin = await apiAs(playwright.request, DEMO.admin);
  const outbox = await (await admin.get('/api/v1/outbox?status=pending')).json();
  expect(outbox.messages).toContainEqual(
    expect.objectContaining({
      to: DEMO.manager,
      subject: 'Reset your Leasebook password',
      status: 'pending',
    }),
  );
  await admin.dispose();

  await signIn(page, DEMO.admin);
  await page.goto('/admin/outbox?status=pending');
  await expect(page.getByRole('heading', { name: 'Outbox', level: 1 })).toBeVisible();
  await expect(page.getByText('SMTP_URL is not set')).toBeVisible();
  const reset = page.getByRole('listitem').filter({ hasText: 'Reset your Leasebook password' }).first();
  await expect(reset).toContainText('The body holds a secret link and is not shown.');
  await expectNoSeriousA11yViolations(page, '/admin/outbox');
});

test('the admin registers a webhook, sees its secret once and sends a test event', async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.goto('/admin/webhooks');
  await page.getByLabel('Endpoint URL').fill('http://127.0.0.1:9/leasebook-e2e');
  await page.getByLabel('Event types').fill('PaymentReceived, PaymentReversed');
  await page.getByRole('button', { name: 'Register endpoint' }).click();
  await expect(page.getByTestId('webhook-secret')).toHaveText(/^whsec_[A-Za-z0-9+/]{43}=$/);
  const endpoint = page.getByRole('listitem').filter({ hasText: 'http://127.0.0.1:9/leasebook-e2e' }).first();
  await expect(endpoint).toContainText('PaymentReceived, PaymentReversed');
  await endpoint.getByRole('button', { name: 'Send test event' }).click();
  await expect(endpoint.getByRole('status')).toHaveText('Test event queued; it shows in the log below.');
  await expectNoSeriousA11yViolations(page, '/admin/webhooks');

  await page.getByLabel('Endpoint URL').fill('http://example.com/hook');
  await page.getByRole('button', { name: 'Register endpoint' }).click();
  await expect(page.getByText(/must use https/)).toBeVisible();
});
