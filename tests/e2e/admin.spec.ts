// The admin console (issue 15): an admin sees every panel live, rebuilds a projection and watches
// the progress reach done, runs billing as of a date and finds it in the history, creates a
// manager and an auditor, disables the auditor and sees that account refused at sign-in. Other
// roles are refused. Other specs share the database: the billing date is in the past (nothing new
// to post), the rebuilt projection is stream-stats, and only accounts made here are disabled.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { DEMO, signIn, signInThroughForm } from './support/auth';

// A loaded machine answers a rebuild or a billing run in seconds, not milliseconds.
test.use({ actionTimeout: 30_000 });
test.describe.configure({ mode: 'serial' });

test('an admin watches projections, rebuilds one, runs billing and manages accounts', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO.admin);
  await page.goto('/admin');
  await expect(page.getByRole('heading', { name: 'Admin console' })).toBeVisible();

  // Projections and subscribers, live.
  const projections = page.getByTestId('panel-projections');
  const leases = projections.getByTestId('projection-leases');
  await expect(leases).toContainText('ok');
  await expect(leases.getByTestId('position')).toHaveText(/#\d+/);
  await expect(leases.getByTestId('lag')).toHaveText(/^\d+$/);
  await expect(projections.getByRole('cell', { name: 'subscriber' }).first()).toBeVisible();

  // A rebuild, with its progress polled until it is done.
  const stats = projections.getByTestId('projection-stream-stats');
  await stats.getByRole('button', { name: 'Rebuild stream-stats' }).click();
  await expect(stats.getByTestId('rebuild-progress')).toBeVisible({ timeout: 30_000 });
  await expect(stats.getByTestId('rebuild-status')).toHaveText('done', { timeout: 60_000 });
  await expect(stats.getByTestId('rebuild-progress')).toHaveText(/(\d+)\/\1 · done/);
  await expect(stats).toContainText('ok');

  // Billing as of a past date: nothing new is due, and the run is in the history.
  const billing = page.getByTestId('panel-billing');
  await billing.getByLabel('Run as of').fill('2026-01-15');
  await billing.getByRole('button', { name: 'Run billing' }).click();
  await expect(billing.getByRole('status')).toContainText('leases changed', { timeout: 30_000 });
  await expect(
    billing.getByTestId('billing-runs').getByRole('row').filter({ hasText: '2026-01-15' }).first(),
  ).toContainText('api');

  // Throughput chart (lazy-loaded), database figures, notifications.
  const throughput = page.getByTestId('panel-throughput');
  await expect(throughput.getByTestId('throughput-summary')).toContainText(
    'events recorded in the last hour',
  );
  await expect(throughput.locator('.recharts-responsive-container')).toBeVisible();
  const database = page.getByTestId('panel-database');
  await expect(database.getByTestId('database-size')).toHaveText(/\d+(\.\d+)? (MiB|GiB)/);
  await expect(database.getByTestId('event-types')).toContainText('PaymentReceived');
  await expect(page.getByTestId('panel-notifications').getByTestId('outbox-pending')).toHaveText(/^\d+$/);

  // Accounts: a manager and an auditor made here; the auditor is disabled.
  const users = page.getByTestId('panel-users');
  const tag = randomUUID().slice(0, 8);
  const password = 'first password here';
  const create = async (name: string, email: string, role: 'Manager' | 'Auditor') => {
    await users.getByLabel('Name').fill(name);
    await users.getByLabel('Email').fill(email);
    await users.getByLabel('Role').selectOption({ label: role });
    await users.getByLabel('First password').fill(password);
    await users.getByRole('button', { name: 'Create user' }).click();
    await expect(users.getByTestId(`user-${email}`)).toContainText('active');
  };
  const managerEmail = `e2e-manager-${tag}@example.com`;
  const auditorEmail = `e2e-auditor-${tag}@example.com`;
  await create('E2E Manager', managerEmail, 'Manager');
  await expect(users.getByTestId(`user-${managerEmail}`)).toContainText('manager');
  await create('E2E Auditor', auditorEmail, 'Auditor');

  // The auditor can sign in (in another browser) until disabled; then the session ends too.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signInThroughForm(otherPage, auditorEmail, password);
  await expect(otherPage).toHaveURL(/\/audit$/);
  await users.getByRole('button', { name: `Disable ${auditorEmail}` }).click();
  await expect(users.getByTestId(`user-${auditorEmail}`)).toContainText('disabled');
  const me = await otherPage.request.get('/api/v1/me');
  expect(me.status()).toBe(401);
  await otherPage.goto('/signin');
  await otherPage.getByLabel('Email').fill(auditorEmail);
  await otherPage.getByLabel('Password').fill(password);
  await otherPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(otherPage).toHaveURL(/\/signin/);
  await expect(otherPage.getByTestId('form-error')).toHaveText(/email or password is not right/);
  await other.close();
});

test('non-admins are refused the console and its API', async ({ page }) => {
  test.setTimeout(90_000);
  for (const who of [DEMO.manager, DEMO.auditor, DEMO.tenant]) {
    await page.context().clearCookies();
    await signIn(page, who);
    const reply = await page.goto('/admin');
    expect(reply?.status(), who).toBe(404);
    const api = await page.request.get('/api/v1/admin/projections');
    expect(api.status(), who).toBe(403);
    const rebuild = await page.request.post('/api/v1/admin/projections/leases/rebuild', {
      headers: { 'content-type': 'application/json' },
    });
    expect(rebuild.status(), who).toBe(403);
  }
  await page.context().clearCookies();
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/signin\?next=%2Fadmin/);
});
