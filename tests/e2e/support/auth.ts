// Shared e2e helpers for signing in (issue 5/6/7 specs). The e2e database is seeded with the demo
// accounts (password `leasebook-demo`):
//
//   await signIn(page, DEMO.tenant);                  // fast: POST /api/v1/session on page.request,
//                                                     // whose cookies the browser page shares
//   await signInThroughForm(page, DEMO.manager);      // the real /signin form; waits for the home page
//   const api = await apiAs(request, DEMO.auditor);   // the test's `request` fixture, signed in
//   const api = await apiAs(playwright.request, DEMO.manager); // a NEW context (several roles in
//   ...; await api.dispose();                                  // one test); dispose it at the end
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';

export const DEMO_PASSWORD = 'leasebook-demo';

export const DEMO = {
  tenant: 'tenant@example.com',
  tenant2: 'tenant2@example.com',
  manager: 'manager@example.com',
  auditor: 'auditor@example.com',
  admin: 'admin@example.com',
} as const;

export const HOME_OF_ROLE = {
  tenant: '/tenant',
  manager: '/manager',
  auditor: '/audit',
  admin: '/',
} as const;

/** Signs the page's browser context in through the API (no UI); returns the user. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  return signInOn(page.request, email, password);
}

/** Signs in through the /signin form and waits until the role's home has loaded. */
export async function signInThroughForm(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // The password hash is slow on purpose and the home page renders after it; with the e2e
  // workers sharing 2 cores CI once saw "Signing in…" still pending at 5 s (passed on retry).
  await expect(page).not.toHaveURL(/\/signin/, { timeout: 15_000 });
}

interface RequestFactory {
  newContext(options?: { baseURL?: string }): Promise<APIRequestContext>;
}

/**
 * An API client signed in as `email`. Given the test's `request` fixture it signs that in; given
 * `playwright.request` (a factory) it returns a new context on the project's baseURL — dispose it.
 */
export async function apiAs(
  request: APIRequestContext | RequestFactory,
  email: string,
  password = DEMO_PASSWORD,
): Promise<APIRequestContext> {
  const api =
    'newContext' in request
      ? await request.newContext({ baseURL: test.info().project.use.baseURL })
      : (request as APIRequestContext);
  await signInOn(api, email, password);
  return api;
}

async function signInOn(api: APIRequestContext, email: string, password: string) {
  const response = await api.post('/api/v1/session', { data: { email, password } });
  expect(response.status(), `sign in as ${email}`).toBe(200);
  const body = (await response.json()) as { user: { id: string; name: string; email: string; role: string } };
  return body.user;
}
