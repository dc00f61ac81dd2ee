// Smoke: the production app serves its home page and health route, and the home page is accessible.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

test('home page explains Leasebook and shows the projections', async ({ page }, testInfo) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/ledger you can verify/i);
  await expect(page.getByRole('heading', { name: 'Events by stream type' })).toBeVisible();

  const projections = page.getByTestId('projections');
  await expect(projections.getByRole('heading', { name: 'Projections' })).toBeVisible();
  await expect(projections.getByTestId('projection-stream-stats')).toContainText('ok');

  await page.screenshot({ path: testInfo.outputPath('home-1280.png'), fullPage: true });
  await page.setViewportSize({ width: 375, height: 812 });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('home-375.png'), fullPage: true });
});

test('GET /api/v1/health is ok and lists the stream-stats projection', async ({ request }) => {
  const response = await request.get('/api/v1/health');
  expect(response.status()).toBe(200);
  expect(response.headers()['cache-control']).toContain('no-store');
  const body = await response.json();
  expect(body).toMatchObject({ status: 'ok', database: 'ok' });
  expect(body.projections).toContainEqual(
    expect.objectContaining({ name: 'stream-stats', status: 'ok', lagEvents: expect.any(Number) }),
  );
});

test('home page has no serious or critical accessibility violations', async ({ page }) => {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/');
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    const blocking = results.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(({ id, impact, help, nodes }) => ({
        id,
        impact,
        help,
        targets: nodes.map((node) => node.target),
      }));
    expect(blocking, `at ${width}px`).toEqual([]);
  }
});
