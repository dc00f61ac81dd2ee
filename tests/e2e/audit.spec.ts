// The auditor's journey (issue 7): find the demo tenant's lease, read every event with its actor,
// follow a late fee to its cause, travel back before a payment, see the chain verified, download
// the CSV; the audit pages pass axe and show no action control.
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { apiAs, DEMO, signIn, signInThroughForm } from './support/auth';
import { expectNoSeriousA11yViolations } from './support/axe';
import { leaseEvents } from './support/events';
import { docScreenshot } from './support/screenshots';

const usd = (cents: number) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);

async function openTenantLease(page: import('@playwright/test').Page): Promise<string> {
  await page.goto('/audit');
  await page.getByLabel('Tenant name, property, address, unit or lease id').fill('Taylor Brooks');
  await page.getByRole('button', { name: 'Search' }).click();
  const results = page.getByTestId('lease-results');
  await results.getByRole('link', { name: 'Taylor Brooks' }).first().click();
  await expect(page).toHaveURL(/\/audit\/leases\/[0-9a-f-]{36}$/);
  return page.url().split('/').at(-1) as string;
}

test('an auditor audits the demo tenant lease end to end', async ({ page, playwright }, testInfo) => {
  await signInThroughForm(page, DEMO.auditor);
  await expect(page).toHaveURL(/\/audit$/);
  await expect(page.getByTestId('feed-event').first()).toBeVisible();

  const leaseId = await openTenantLease(page);
  const api = await apiAs(playwright.request, DEMO.auditor);
  const stored = await leaseEvents(api, leaseId);

  // Every event, each with its actor (name and role).
  const cards = page.getByTestId('timeline-event');
  await expect(cards).toHaveCount(stored.length);
  const actors = await page.getByTestId('event-actor').allTextContents();
  expect(actors).toHaveLength(stored.length);
  for (const actor of actors) expect(actor).toMatch(/Actor: .+\((tenant|manager|auditor|admin|system)\)/);

  // The late fee links to the rent charge that caused it.
  const fee = page.locator('[data-event-type="LateFeeAssessed"]').first();
  const cause = fee.getByTestId('event-cause').getByRole('link');
  await expect(cause).toContainText('RentCharged');
  await cause.click();
  await expect(page).toHaveURL(/#v\d+$/);
  const causeVersion = page.url().split('#v')[1];
  const target = page.locator(`#v${causeVersion}`);
  await expect(target).toHaveAttribute('data-event-type', 'RentCharged');
  await expect(target).toBeInViewport();

  // Readable data, and the raw JSON on demand.
  const first = cards.first();
  await first.getByRole('button', { name: 'Raw JSON and hash' }).click();
  await expect(first.locator('pre')).toContainText('"hash"');

  // The chain verifies.
  await expect(page.getByTestId('verify-banner')).toContainText(
    `Verified: ${stored.length} events, chain intact`,
  );

  // Time travel to just before the last payment: the older balance, the payment greyed.
  const payment = [...stored].reverse().find((e) => e.eventType === 'PaymentReceived');
  if (!payment) throw new Error('the demo lease has no payment');
  const before = await api.get(`/api/v1/leases/${leaseId}/state?version=${payment.version - 1}`);
  const now = await api.get(`/api/v1/leases/${leaseId}/state`);
  const olderBalance = (await before.json()).state.balanceCents as number;
  const currentBalance = (await now.json()).state.balanceCents as number;
  expect(olderBalance).not.toBe(currentBalance);
  await expect(page.getByTestId('travel-balance')).toHaveText(usd(currentBalance));
  const slider = page.getByLabel(/^Version:/);
  await slider.focus();
  await page.keyboard.press('End');
  for (let v = stored.length; v > payment.version - 1; v -= 1) await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('travel-version')).toHaveText(String(payment.version - 1));
  await expect(page.getByTestId('travel-balance')).toHaveText(usd(olderBalance));
  await expect(page.locator(`#v${payment.version}`)).toHaveAttribute('data-future', 'true');
  await expect(page.locator(`#v${payment.version - 1}`)).not.toHaveAttribute('data-future', 'true');

  // Back to now, for the screenshot.
  await page.getByRole('button', { name: 'Now' }).click();
  await expect(page.getByTestId('travel-balance')).toHaveText(usd(currentBalance));
  await page.setViewportSize({ width: 1280, height: 2200 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await docScreenshot(page, testInfo, 'audit-timeline');
  await page.setViewportSize({ width: 1280, height: 800 });

  // The CSV: one row per event plus the header.
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download CSV' }).click();
  const download = await downloading;
  const csv = fs.readFileSync(await download.path(), 'utf8');
  const lines = csv.trimEnd().split('\r\n');
  expect(lines).toHaveLength(stored.length + 1);
  expect(lines[0]).toContain('hash');
  await api.dispose();
});

test('the audit pages show no action control and pass axe', async ({ page }) => {
  test.setTimeout(90_000); // axe over the feed and a whole timeline takes its time on two busy cores
  await signIn(page, DEMO.auditor);
  await page.goto('/audit');
  await expect(page.getByTestId('feed-event').first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, '/audit');
  await openTenantLease(page);
  await expect(page.getByTestId('verify-banner')).toContainText('chain intact');
  await expectNoSeriousA11yViolations(page, 'the timeline');
  const buttons = await page.getByRole('button').allTextContents();
  for (const label of buttons) {
    expect(label).not.toMatch(
      /\b(pay|record|reverse|renew|terminate|enrol|schedule|complete|post|save|submit)\b/i,
    );
  }
});

test('a tenant cannot open the audit pages', async ({ page }) => {
  await signIn(page, DEMO.tenant);
  const response = await page.goto('/audit');
  expect(response?.status()).toBe(404);
});
