// Issue 5 quality bar: axe (no serious or critical violations) on every tenant page at 1280 and
// 375 px, no sideways scrolling at 375 px, paying by keyboard alone, and the dashboard screenshots
// (test artifacts; with UPDATE_DOC_SCREENSHOTS=1 the 1280 px one replaces the README's image).
import { expect, type Page, test } from '@playwright/test';
import { PayRentPage, TenantDashboardPage } from './pages/tenant-pages';
import { DEMO, signIn } from './support/auth';
import { expectNoSeriousA11yViolations } from './support/axe';
import { docScreenshot } from './support/screenshots';

async function tenantPaths(page: Page) {
  const dashboard = new TenantDashboardPage(page);
  await dashboard.goto();
  const leaseId = await dashboard.leaseIdOf(dashboard.firstLease());
  const receipt = page.getByRole('link', { name: /^Receipt/ }).first();
  const paymentPath = await receipt.getAttribute('href');
  expect(paymentPath, 'the demo tenant has a recent payment').toBeTruthy();
  return [
    '/tenant',
    `/tenant/leases/${leaseId}`,
    `/tenant/leases/${leaseId}/pay`,
    paymentPath as string,
    '/tenant/maintenance',
  ];
}

for (const width of [1280, 375]) {
  test(`tenant pages have no serious or critical axe violations at ${width}px`, async ({ page }) => {
    test.setTimeout(120_000); // seven pages, each analysed by axe
    await page.setViewportSize({ width, height: 900 });
    for (const publicPath of ['/signin', '/invite/some-invite-token']) {
      await page.goto(publicPath);
      await expectNoSeriousA11yViolations(page, `${publicPath} at ${width}px`);
    }
    await signIn(page, DEMO.tenant);
    for (const pagePath of await tenantPaths(page)) {
      await page.goto(pagePath);
      await expect(page.locator('main h1').first()).toBeVisible();
      await expectNoSeriousA11yViolations(page, `${pagePath} at ${width}px`);
      if (width === 375) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect(overflow, `${pagePath} scrolls sideways at 375px`).toBeLessThanOrEqual(0);
      }
      if (pagePath.endsWith('/pay')) {
        // The confirmation step too.
        await new PayRentPage(page).review(100);
        await expectNoSeriousA11yViolations(page, `${pagePath} (confirm) at ${width}px`);
      }
    }
  });
}

test('a tenant can reach and use the pay form with the keyboard alone', async ({ page }) => {
  await signIn(page, DEMO.tenant);
  const dashboard = new TenantDashboardPage(page);
  await dashboard.goto();
  const payLink = dashboard.firstLease().getByRole('link', { name: 'Pay rent' });
  for (let i = 0; i < 40 && !(await payLink.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(payLink).toBeFocused();
  await page.keyboard.press('Enter');
  const pay = new PayRentPage(page);
  await expect(pay.amount).toBeVisible();
  await pay.amount.focus();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('1.00');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Check and confirm' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(pay.payButton).toBeFocused();
});

test('dashboard screenshots at 375 and 1280 px', async ({ page }, testInfo) => {
  await signIn(page, DEMO.tenant);
  const dashboard = new TenantDashboardPage(page);
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    await dashboard.goto();
    // The 1280 px one is the README's image.
    await docScreenshot(page, testInfo, width === 1280 ? 'tenant-dashboard' : `tenant-dashboard-${width}`, {
      fullPage: true,
    });
  }
});
