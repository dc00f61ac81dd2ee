// Issue 5: signing in and out, where each role lands, and that a tenant cannot open another
// tenant's lease or receipt (the 404 page, as for an unknown id).
import { expect, test } from '@playwright/test';
import { apiAs, DEMO, signIn, signInThroughForm } from './support/auth';

async function firstLeaseOf(request: Parameters<typeof apiAs>[0], email: string) {
  const api = await apiAs(request, email);
  try {
    const dashboard = await (await api.get('/api/v1/dashboard/tenant')).json();
    return {
      leaseId: dashboard.leases[0].leaseId as string,
      paymentId: dashboard.recentPayments[0]?.paymentId as string | undefined,
    };
  } finally {
    await api.dispose();
  }
}

test('bad credentials show a clear error; good ones land on the tenant home; sign out ends it', async ({
  page,
}) => {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(DEMO.tenant);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('form-error')).toHaveText(/email or password is not right/);
  await expect(page).toHaveURL(/\/signin/);

  await page.getByLabel('Password').fill('leasebook-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/tenant$/);
  await expect(page.getByTestId('signed-in-user')).toBeVisible();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin$/);
  await page.goto('/tenant');
  await expect(page).toHaveURL(/\/signin\?next=%2Ftenant$/);
});

test('sign-in honours next and sends a signed-out visitor back there', async ({ page }) => {
  await page.goto('/tenant/maintenance');
  await expect(page).toHaveURL(/\/signin\?next=%2Ftenant%2Fmaintenance$/);
  await page.getByLabel('Email').fill(DEMO.tenant);
  await page.getByLabel('Password').fill('leasebook-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/tenant\/maintenance$/);
});

test('another role signing in lands on its own home', async ({ page }) => {
  await signInThroughForm(page, DEMO.manager);
  await expect(page).toHaveURL(/\/manager$/);
});

test("another tenant's lease and receipt URLs give the 404 page", async ({ page, playwright }) => {
  const theirs = await firstLeaseOf(playwright.request, DEMO.tenant);
  await signIn(page, DEMO.tenant2);

  for (const path of [
    `/tenant/leases/${theirs.leaseId}`,
    `/tenant/leases/${theirs.leaseId}/pay`,
    ...(theirs.paymentId ? [`/tenant/payments/${theirs.paymentId}`] : []),
    '/tenant/leases/not-a-uuid',
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole('heading', { name: 'We could not find that page' })).toBeVisible();
  }
});

test('tenant pages are a 404 for other roles', async ({ page }) => {
  await signIn(page, DEMO.manager);
  const response = await page.goto('/tenant');
  expect(response?.status()).toBe(404);
});

test('an invited tenant sets a password (at least 12 characters) and lands on an empty dashboard', async ({
  page,
  playwright,
}) => {
  const manager = await apiAs(playwright.request, DEMO.manager);
  let inviteToken: string;
  try {
    const created = await manager.post('/api/v1/tenants', {
      data: {
        name: 'Invited E2e Tenant',
        email: `invited-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`,
      },
    });
    expect(created.status()).toBe(201);
    inviteToken = (await created.json()).inviteToken;
  } finally {
    await manager.dispose();
  }

  await page.goto(`/invite/${inviteToken}`);
  await page.getByLabel('New password').fill('too-short');
  await page.getByLabel('Repeat the password').fill('too-short');
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(page.locator('#password-error')).toHaveText('Use at least 12 characters.');

  await page.getByLabel('New password').fill('a-long-enough-password');
  await page.getByLabel('Repeat the password').fill('a-long-enough-password');
  await page.getByRole('button', { name: 'Set password and sign in' }).click();
  await expect(page).toHaveURL(/\/tenant$/);
  await expect(page.getByText('You have no active lease.')).toBeVisible();
  await expect(page.getByText('No payments yet.')).toBeVisible();
});
