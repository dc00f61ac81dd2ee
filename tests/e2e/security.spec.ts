// Issue 13 in a real browser: the nonce CSP lets every page run (no violation reported on the
// pages with the most script: sign-in, dashboards, charts, the audit timeline, the account page),
// the demo banner shows while the demo accounts are live, and the account page lists and revokes
// API tokens. (Passwords are not changed here: the demo accounts are shared by parallel specs.)
import { expect, type Page, test } from '@playwright/test';
import { DEMO, signIn } from './support/auth';

/** Collects CSP violations the page reports (the listener is installed before any page script). */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction('__reportCsp', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __reportCsp: (t: string) => void }).__reportCsp(
        `${event.violatedDirective} ${event.blockedURI}`,
      );
    });
  });
  return violations;
}

test('no page reports a CSP violation, and the app still works under the policy', async ({ page }) => {
  const violations = await watchCsp(page);
  test.setTimeout(90_000);
  await page.goto('/');
  await expect(page.getByTestId('demo-banner')).toBeVisible();
  await page.goto('/signin');
  await page.waitForLoadState('networkidle');
  await signIn(page, DEMO.manager);
  await page.goto('/manager');
  await page.waitForLoadState('networkidle');
  await page.goto('/account');
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  expect(violations).toEqual([]);
});

test('the tenant and auditor pages run under the CSP too', async ({ page }) => {
  const violations = await watchCsp(page);
  test.setTimeout(90_000);
  await signIn(page, DEMO.tenant);
  await page.goto('/tenant');
  await page.waitForLoadState('networkidle');
  await page.context().clearCookies();
  await signIn(page, DEMO.auditor);
  await page.goto('/audit');
  await page.waitForLoadState('networkidle');
  expect(violations).toEqual([]);
});

test('the account page lists API tokens and revokes one', async ({ page }) => {
  await signIn(page, DEMO.auditor);
  const name = `e2e token ${Date.now()}`;
  const made = await page.request.post('/api/v1/tokens', { data: { name, expiresInDays: 1 } });
  expect(made.status()).toBe(201);
  const { token } = await made.json();
  await page.goto('/account');
  const row = page.getByTestId('api-tokens').getByRole('row', { name: new RegExp(name) });
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: `Revoke ${name}` }).click();
  await expect(page.getByTestId('api-tokens').getByRole('row', { name: new RegExp(name) })).toHaveCount(0);
  const after = await page.request.get('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
  expect(after.status()).toBe(401);
});
