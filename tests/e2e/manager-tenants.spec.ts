// Issue 11 pages in the browser: the manager's tenant directory (invite, copy the link, search,
// resend: the old link stops working), withdrawing a notice (the tenant stops seeing it), editing
// a property and adding a unit with the dollar field, and a payment that would leave more than a
// month of rent as credit asking to be confirmed.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { PayRentPage, TenantDashboardPage } from './pages/tenant-pages';
import { apiAs, DEMO, signIn } from './support/auth';
import { expectNoSeriousA11yViolations } from './support/axe';

const tokenOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);

test('tenant directory: invite, copy the link, search, resend; only the new link works', async ({
  page,
  context,
  playwright,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const id = randomUUID().slice(0, 8);
  const name = `Directory Tenant ${id}`;
  const email = `directory-${id}@example.com`;
  await signIn(page, DEMO.manager);
  await page.goto('/manager/tenants');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tenants');

  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Invite tenant' }).click();
  const firstLink = await page.getByTestId('invite-link').first().inputValue();
  expect(firstLink).toMatch(/\/invite\/[A-Za-z0-9_-]{20,}$/);
  await page.getByRole('button', { name: 'Copy link' }).first().click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(firstLink);

  // Search runs on the server: only the new tenant matches its unique id.
  await page.getByLabel('Search tenants').fill(id);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`q=${id}`));
  const rows = page.getByTestId('tenant-directory').getByRole('row');
  await expect(rows).toHaveCount(2); // the header and the one tenant
  const row = rows.filter({ hasText: name });
  await expect(row).toContainText(email);
  await expect(row.getByText('Invited', { exact: true })).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'tenant directory');

  // Resend: confirm, then a new link replaces the old one.
  await row.getByRole('button', { name: `Resend invite to ${name}` }).click();
  await row.getByRole('button', { name: 'Send a new link' }).click();
  const newLink = page.getByTestId('invite-link').last();
  await expect(newLink).toHaveValue(/\/invite\/[A-Za-z0-9_-]{20,}$/);
  const secondLink = await newLink.inputValue();
  expect(secondLink).not.toBe(firstLink);

  const anonymous = await playwright.request.newContext({ baseURL: new URL(page.url()).origin });
  const accept = (link: string) =>
    anonymous.post(`/api/v1/invites/${tokenOf(link)}`, { data: { password: 'a long enough password' } });
  expect((await accept(firstLink)).status()).toBe(404);
  expect((await accept(secondLink)).status()).toBe(200);
  await anonymous.dispose();

  await page.reload();
  await expect(
    page.getByTestId('tenant-directory').getByRole('row').filter({ hasText: name }).getByText('Pending'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: `Resend invite to ${name}` })).toHaveCount(0);
});

test('a manager withdraws a notice and the tenant no longer sees it', async ({ page, playwright }) => {
  const title = `E2E notice ${randomUUID().slice(0, 8)}`;
  const tenantApi = await apiAs(playwright.request, DEMO.tenant);
  const dashboard = await (await tenantApi.get('/api/v1/dashboard/tenant')).json();
  const propertyId = dashboard.leases[0].propertyId as string;

  await signIn(page, DEMO.manager);
  const posted = await page.request.post(`/api/v1/properties/${propertyId}/notices`, {
    data: { title, body: 'This notice is withdrawn by the test.' },
  });
  expect(posted.status()).toBe(201);
  const titles = async () =>
    ((await (await tenantApi.get('/api/v1/dashboard/tenant')).json()).notices as { title: string }[]).map(
      (n) => n.title,
    );
  expect(await titles()).toContain(title);

  await page.goto(`/manager/properties/${propertyId}`);
  const notice = page.getByTestId('notices-list').getByRole('listitem').filter({ hasText: title });
  await expect(notice.getByText('shown to tenants')).toBeVisible();
  await notice.getByText('Withdraw this notice').click();
  await notice.getByLabel('Reason (optional)').fill('Posted by mistake');
  await notice.getByRole('button', { name: 'Withdraw…' }).click();
  await expect(notice.getByTestId('confirm-text')).toContainText('Tenants stop seeing it');
  await notice.getByRole('button', { name: 'Withdraw notice' }).click();
  const withdrawn = page.getByTestId('notices-list').getByRole('listitem').filter({ hasText: title });
  // The action and the page's refresh are two server round trips: allow for a busy machine.
  await expect(withdrawn.getByText('withdrawn', { exact: true })).toBeVisible({ timeout: 15_000 });
  await expect(withdrawn).toContainText('Posted by mistake');
  expect(await titles()).not.toContain(title);
  await tenantApi.dispose();
});

test('a manager renames a property and adds a unit priced in dollars', async ({ page }) => {
  const id = randomUUID().slice(0, 8);
  await signIn(page, DEMO.manager);
  const created = await page.request.post('/api/v1/properties', {
    data: {
      name: `E2E Edit ${id}`,
      address: { line1: '5 Old Road', city: 'Testville', state: 'OR', postalCode: '97202' },
      units: [{ label: 'A', marketRentCents: 100_000 }],
    },
  });
  const { propertyId } = (await created.json()) as { propertyId: string };
  await page.goto(`/manager/properties/${propertyId}`);

  // Add a unit: the dollar field refuses a typo with a message in dollars, then reads "1,234.5".
  const addUnit = page.getByTestId('add-unit');
  await addUnit.getByLabel('Unit label').fill('B');
  await addUnit.getByLabel('Market rent (USD)').fill('12,34');
  await addUnit.getByRole('button', { name: 'Add unit…' }).click();
  await expect(addUnit.getByText('Enter the market rent in dollars and cents, like 1,500.00.')).toBeVisible();
  await addUnit.getByLabel('Market rent (USD)').fill('1,234.5');
  await addUnit.getByRole('button', { name: 'Add unit…' }).click();
  await expect(addUnit.getByTestId('confirm-text')).toHaveText(
    'Add unit B at a market rent of $1,234.50 a month?',
  );
  await addUnit.getByRole('button', { name: 'Add unit', exact: true }).click();
  await expect(addUnit.getByTestId('action-success')).toContainText('Unit B added');
  const units = page.getByTestId('units-table');
  await expect(units.getByRole('row').filter({ hasText: '$1,234.50' })).toContainText('vacant');

  // Rename: the browser's message is the server's ("Enter the property name."), then it saves.
  const edit = page.getByTestId('edit-property');
  await edit.getByLabel('Property name').fill(' ');
  await edit.getByRole('button', { name: 'Save changes…' }).click();
  await expect(edit.getByText('Enter the property name.')).toBeVisible();
  await edit.getByLabel('Property name').fill(`E2E Renamed ${id}`);
  await edit.getByLabel('City').fill('Newtown');
  await edit.getByRole('button', { name: 'Save changes…' }).click();
  await edit.getByRole('button', { name: 'Save changes', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`E2E Renamed ${id}`);
  await expect(page.getByText('5 Old Road, Newtown, OR 97202')).toBeVisible();
  await expectNoSeriousA11yViolations(page, 'property page');
});

test('a payment leaving more than a month of rent as credit must be confirmed', async ({ page }) => {
  await signIn(page, DEMO.tenant);
  const dashboard = new TenantDashboardPage(page);
  await dashboard.goto();
  const leaseId = await dashboard.leaseIdOf(dashboard.firstLease());
  const pay = new PayRentPage(page);
  await pay.goto(leaseId);
  const balance = await pay.amount.inputValue();
  expect(balance).toMatch(/^[\d,]+\.\d{2}$/);
  // Far more than the balance, under the twelve-month limit.
  await pay.amount.fill('9,000');
  await page.getByRole('button', { name: 'Review payment' }).click();
  await expect(page.getByTestId('credit-warning')).toContainText('more than one month of rent');
  const payButton = page.getByRole('button', { name: /^Pay \$/ });
  await expect(payButton).toBeDisabled();
  await page.getByLabel(/^Yes, pay \$9,000\.00 and keep/).check();
  await expect(payButton).toBeEnabled();
  // Not paid: the test goes back instead.
  await page.getByRole('button', { name: 'Change' }).click();
  await expect(pay.amount).toHaveValue('9,000.00');
});
