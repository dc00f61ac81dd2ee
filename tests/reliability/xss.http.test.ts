// HTML and JavaScript in every free-text field a user can write (tenant name, property name and
// unit label, charge description, credit reason, notice title and body, maintenance description)
// is rendered literally: Chromium (/usr/bin/chromium, as playwright.config.ts) opens the pages that
// show them, no dialog fires, no injected element exists, and the literal text is visible.
import { randomUUID } from 'node:crypto';
import { chromium } from '@playwright/test';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumPath } from '../../scripts/lib/chromium';
import { request } from '../http/client';
import { figure, Server, signIn } from './harness';

const pgUrl = process.env.LEASEBOOK_REL_PG_URL ?? '';
let server: Server | undefined;
afterAll(() => server?.kill());

const payload = (tag: string) =>
  `<img src=x onerror=alert('${tag}')><script>alert('${tag}')</script>"'><b>${tag}</b>`;

describe('HTML/JS in free-text fields', () => {
  it('is shown as text: no dialog, no injected element, the literal visible', async () => {
    if (!pgUrl) throw new Error('run through npm run test:reliability');
    server = new Server({ kind: 'postgres', url: pgUrl });
    await server.start();
    const base = server.url;
    const manager = await signIn(base, 'manager@example.com');
    const tenant = await signIn(base, 'tenant@example.com');
    const ok = (reply: { status: number; body: unknown }, what: string) =>
      expect(reply.status, `${what}: ${JSON.stringify(reply.body)}`).toBeLessThan(300);

    const fields: { field: string; text: string; page: string; cookie: string }[] = [];
    const tenantName = payload('tenantname');
    ok(
      await request(base, 'POST', '/api/v1/tenants', {
        cookie: manager,
        body: { name: tenantName, email: `xss-${randomUUID().slice(0, 8)}@example.com` },
      }),
      'tenant',
    );
    fields.push({ field: 'tenant name', text: tenantName, page: '/manager/tenants', cookie: manager });

    const propertyName = payload('propname');
    const made = await request(base, 'POST', '/api/v1/properties', {
      cookie: manager,
      body: {
        name: propertyName,
        address: { line1: payload('line1'), city: 'Portland', state: 'OR', postalCode: '97201' },
        units: [{ label: `<i>u</i>"'`, marketRentCents: 100_000 }],
      },
    });
    ok(made, 'property');
    const propertyPage = `/manager/properties/${made.body.propertyId}`;
    fields.push({ field: 'property name', text: propertyName, page: propertyPage, cookie: manager });
    fields.push({ field: 'street address', text: payload('line1'), page: propertyPage, cookie: manager });
    fields.push({ field: 'unit label', text: `<i>u</i>"'`, page: propertyPage, cookie: manager });

    const tenantLease = (await request(base, 'GET', '/api/v1/leases', { cookie: tenant })).body.leases[0];
    const leasePage = `/manager/leases/${tenantLease.leaseId}`;
    const chargeText = payload('charge');
    ok(
      await request(base, 'POST', `/api/v1/leases/${tenantLease.leaseId}/charges`, {
        cookie: manager,
        body: {
          kind: 'fee',
          description: chargeText,
          amountCents: 500,
          dueDate: new Date().toISOString().slice(0, 10),
        },
      }),
      'charge',
    );
    fields.push({ field: 'charge description', text: chargeText, page: leasePage, cookie: manager });
    fields.push({
      field: 'charge description (tenant)',
      text: chargeText,
      page: `/tenant/leases/${tenantLease.leaseId}`,
      cookie: tenant,
    });
    const creditText = payload('credit');
    ok(
      await request(base, 'POST', `/api/v1/leases/${tenantLease.leaseId}/credits`, {
        cookie: manager,
        body: { amountCents: 100, reason: creditText },
      }),
      'credit',
    );
    fields.push({ field: 'credit reason', text: creditText, page: leasePage, cookie: manager });

    const noticeTitle = payload('noticetitle');
    const noticeBody = payload('noticebody');
    ok(
      await request(base, 'POST', `/api/v1/properties/${tenantLease.propertyId}/notices`, {
        cookie: manager,
        body: { title: noticeTitle, body: noticeBody },
      }),
      'notice',
    );
    fields.push({ field: 'notice title', text: noticeTitle, page: '/tenant', cookie: tenant });
    fields.push({ field: 'notice body', text: noticeBody, page: '/tenant', cookie: tenant });

    const maintenanceText = payload('maintenance');
    ok(
      await request(base, 'POST', '/api/v1/maintenance-requests', {
        cookie: tenant,
        body: {
          leaseId: tenantLease.leaseId,
          category: 'plumbing',
          priority: 'normal',
          description: maintenanceText,
        },
      }),
      'maintenance',
    );
    fields.push({
      field: 'maintenance description (manager)',
      text: maintenanceText,
      page: '/manager/maintenance',
      cookie: manager,
    });
    fields.push({
      field: 'maintenance description (tenant)',
      text: maintenanceText,
      page: '/tenant/maintenance',
      cookie: tenant,
    });

    const browser = await chromium.launch({
      executablePath: chromiumPath(),
    });
    const dialogs: string[] = [];
    try {
      for (const f of fields) {
        const context = await browser.newContext();
        const [name, value] = f.cookie.split('=') as [string, string];
        await context.addCookies([{ name, value, url: base }]);
        const page = await context.newPage();
        page.on('dialog', (d) => {
          dialogs.push(`${f.field} on ${f.page}: ${d.message()}`);
          void d.dismiss();
        });
        const response = await page.goto(`${base}${f.page}`, { waitUntil: 'networkidle' });
        expect.soft(response?.status(), f.page).toBe(200);
        // biome-ignore lint/performance/useDomNodeTextContent: what is shown, not what the DOM holds
        const text = await page.evaluate(() => document.body.innerText);
        expect.soft(text.includes(f.text), `${f.field}: the literal text on ${f.page}`).toBe(true);
        expect
          .soft(await page.locator('img[src="x"]').count(), `${f.field}: an injected <img> on ${f.page}`)
          .toBe(0);
        await context.close();
      }
    } finally {
      await browser.close();
    }
    expect(dialogs).toEqual([]);
    figure(
      `XSS: ${fields.length} free-text fields × their pages in Chromium, 0 dialogs, every literal visible`,
    );
  });
});
