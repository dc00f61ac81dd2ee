// Issue 11, bug 8 in the browser: the create-lease form's rent follows the unit picked (until the
// manager types one), a payment over the server's limit is refused before the review step with a
// message in dollars, and the ledger is readable on a 375 px phone without an inner scroller.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { PayRentPage, TenantDashboardPage } from './pages/tenant-pages';
import { DEMO, signIn } from './support/auth';

test('the create-lease form sets the rent to the picked unit’s market rent unless edited (8a)', async ({
  page,
}) => {
  const id = randomUUID().slice(0, 8);
  await signIn(page, DEMO.manager);
  const property = await page.request.post('/api/v1/properties', {
    data: {
      name: `E2E Rents ${id}`,
      address: { line1: '3 Test Street', city: 'Testville', state: 'OR', postalCode: '97202' },
      units: [
        { label: 'A', marketRentCents: 120_000 },
        { label: 'B', marketRentCents: 175_050 },
        { label: 'C', marketRentCents: 99_900 },
      ],
    },
  });
  expect(property.status()).toBe(201);
  const { propertyId } = (await property.json()) as { propertyId: string };
  const detail = (await (await page.request.get(`/api/v1/properties/${propertyId}`)).json()) as {
    units: { unitId: string; label: string }[];
  };
  const unit = (label: string) => detail.units.find((u) => u.label === label)?.unitId as string;

  await page.goto(`/manager/leases/new?propertyId=${propertyId}`);
  const rent = page.getByLabel('Monthly rent (USD)');
  const unitSelect = page.getByLabel('Unit');
  await expect(rent).toHaveValue('1,200.00');
  await unitSelect.selectOption(unit('B'));
  await expect(rent).toHaveValue('1,750.50');
  // Once the manager types a rent, picking another unit leaves it alone.
  await rent.fill('1600.00');
  await unitSelect.selectOption(unit('C'));
  await expect(rent).toHaveValue('1600.00');
});

test('a payment over twelve months of rent is refused before the review step, in dollars (8c)', async ({
  page,
}) => {
  await signIn(page, DEMO.tenant);
  const dashboard = new TenantDashboardPage(page);
  await dashboard.goto();
  const leaseId = await dashboard.leaseIdOf(dashboard.firstLease());
  const pay = new PayRentPage(page);
  await pay.goto(leaseId);
  await pay.amount.fill('1000000000');
  await page.getByRole('button', { name: 'Review payment' }).click();
  await expect(page.getByText(/^Enter at most \$[\d,]+\.\d{2}, twelve months of rent\.$/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Check and confirm' })).toHaveCount(0);
  await expect(page.getByText(/Too big|<=/)).toHaveCount(0);
});

test('the ledger shows every column on a 375 px phone, without an inner scroller (8e)', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signIn(page, DEMO.tenant);
  const dashboard = new TenantDashboardPage(page);
  await dashboard.goto();
  const leaseId = await dashboard.leaseIdOf(dashboard.firstLease());
  await page.goto(`/tenant/leases/${leaseId}`);
  const ledger = page.getByTestId('ledger');
  await expect(ledger).toBeVisible();
  for (const name of ['What', 'Amount', 'Balance']) {
    const header = ledger.getByRole('columnheader', { name });
    await expect(header).toBeVisible();
    const box = await header.boundingBox();
    expect(box && box.x + box.width, `${name} column inside the screen`).toBeLessThanOrEqual(375);
  }
  // The figures themselves, not only the headers: every row's amount and balance are on screen.
  const rows = ledger.locator('tbody tr');
  expect(await rows.count()).toBeGreaterThan(0);
  for (const row of [rows.first(), rows.last()]) {
    for (const cell of [row.locator('td').nth(-2), row.locator('td').last()]) {
      await cell.scrollIntoViewIfNeeded();
      await expect(cell).toBeVisible();
      await expect(cell).toHaveText(/\$[\d,]+\.\d{2}/);
      const box = await cell.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= 375, 'figure inside the screen').toBe(true);
    }
  }
  // Nothing around the ledger scrolls sideways, and neither does the page.
  const hidden = await ledger.evaluate((table) => {
    let widest = 0;
    for (let el: HTMLElement | null = table.parentElement; el; el = el.parentElement) {
      widest = Math.max(widest, el.scrollWidth - el.clientWidth);
    }
    return widest;
  });
  expect(hidden).toBeLessThanOrEqual(0);
  const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(pageWidth, 'the page itself does not scroll sideways').toBeLessThanOrEqual(375);
});
