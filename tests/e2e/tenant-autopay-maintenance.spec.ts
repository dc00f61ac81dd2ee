// Issue 5: autopay enrol/cancel with the next autopay date, and a maintenance request filed by the
// tenant, completed by the manager through the API and rated by the tenant.
import { expect, test } from '@playwright/test';
import { TenantDashboardPage } from './pages/tenant-pages';
import { apiAs, DEMO, signIn } from './support/auth';

test('a tenant enrols in autopay and cancels it', async ({ page }) => {
  await signIn(page, DEMO.tenant);
  const dashboard = new TenantDashboardPage(page);
  await dashboard.goto();
  const card = dashboard.firstLease();
  await card.getByRole('link', { name: 'Ledger and autopay' }).click();
  const panel = page.getByTestId('autopay-panel');
  await expect(panel.getByRole('heading', { name: 'Autopay' })).toBeVisible();

  // Start from "off" whatever an earlier run left.
  const cancel = panel.getByRole('button', { name: 'Cancel autopay' });
  if (await cancel.isVisible()) {
    await cancel.click();
    await expect(panel.getByTestId('autopay-status')).toContainText('Autopay is off');
  }

  await panel.getByLabel('Pay with').selectOption('ach');
  await panel.getByLabel('Monthly cap (optional, USD)').fill('2500.00');
  await panel.getByRole('button', { name: 'Turn on autopay' }).click();
  await expect(panel.getByTestId('autopay-status')).toContainText('Autopay is on');
  await expect(panel.getByTestId('autopay-status')).toContainText('Bank transfer (ACH)');
  await expect(panel.getByTestId('autopay-status')).toContainText('2,500.00');
  await expect(panel.getByTestId('autopay-next-date')).toHaveText(/\d{4}|\w+ \d{1,2}/);

  await page.getByRole('link', { name: 'Dashboard' }).first().click();
  await expect(dashboard.firstLease().getByTestId('autopay-state')).toContainText('On (Bank transfer (ACH))');

  await dashboard.firstLease().getByRole('link', { name: 'Ledger and autopay' }).click();
  await page.getByTestId('autopay-panel').getByRole('button', { name: 'Cancel autopay' }).click();
  await expect(page.getByTestId('autopay-panel').getByTestId('autopay-status')).toContainText(
    'Autopay is off',
  );
  await page.getByRole('link', { name: 'Dashboard' }).first().click();
  await expect(dashboard.firstLease().getByTestId('autopay-state')).toHaveText('Off');
});

test('a maintenance request is filed by the tenant, completed by the manager and rated', async ({
  page,
  playwright,
}) => {
  await signIn(page, DEMO.tenant);
  await page.goto('/tenant/maintenance');
  await expect(page.getByRole('heading', { name: 'Maintenance', level: 1 })).toBeVisible();
  const description = `Kitchen tap drips (e2e ${Date.now()})`;
  await page.getByLabel('Category').selectOption('plumbing');
  await page.getByLabel('Priority').selectOption('high');
  await page.getByLabel('What is wrong?').fill(description);
  await page.getByRole('button', { name: 'Send request' }).click();
  await expect(page.getByRole('status')).toContainText('Request sent');

  const item = page.getByTestId('maintenance-request').filter({ hasText: description });
  await expect(item).toContainText('Requested');
  const requestId = await item.getAttribute('data-request-id');
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);

  // The open request is on the dashboard too.
  await page.getByRole('link', { name: 'Dashboard' }).first().click();
  await expect(page.locator('#maintenance')).toContainText('Kitchen tap drips');

  const manager = await apiAs(playwright.request, DEMO.manager);
  try {
    const completed = await manager.post(`/api/v1/maintenance-requests/${requestId}/complete`, {
      data: { resolution: 'Replaced the washer.' },
    });
    expect(completed.status()).toBe(201);
  } finally {
    await manager.dispose();
  }

  await page.goto('/tenant/maintenance');
  const done = page.getByTestId('maintenance-request').filter({ hasText: description });
  await expect(done).toContainText('Completed');
  await done.getByRole('radio', { name: '4 out of 5' }).check();
  await done.getByLabel('Comment (optional)').fill('Quick and tidy.');
  await done.getByRole('button', { name: 'Send rating' }).click();
  await expect(done.getByTestId('rating')).toContainText('You rated it 4 out of 5');
});
