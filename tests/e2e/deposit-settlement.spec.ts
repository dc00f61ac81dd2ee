// The manager's security deposit journey: record the deposit on a live lease, and once the lease is
// over settle it with itemised deductions in dollars, confirmed with its money effect; the tenant
// and a tenant pays the deposit still due from the pay form's purpose choice.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { apiAs, DEMO, signIn } from './support/auth';

const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

test('a manager records a deposit, then settles it with deductions after the lease is terminated', async ({
  page,
}) => {
  const id = randomUUID().slice(0, 8);
  await signIn(page, DEMO.manager);
  // Set up through the API (the same command handlers): a property, a tenant, a lease since 2018.
  const property = await page.request.post('/api/v1/properties', {
    data: {
      name: `E2E Deposit ${id}`,
      address: { line1: '5 Test Street', city: 'Testville', state: 'OR', postalCode: '97202' },
      units: [{ label: 'D', marketRentCents: 150_000 }],
    },
  });
  expect(property.status()).toBe(201);
  const { propertyId } = (await property.json()) as { propertyId: string };
  const detail = (await (await page.request.get(`/api/v1/properties/${propertyId}`)).json()) as {
    units: { unitId: string }[];
  };
  const tenant = await page.request.post('/api/v1/tenants', {
    data: { name: `Deposit ${id}`, email: `e2e-deposit-${id}@example.com` },
  });
  const { tenantId } = (await tenant.json()) as { tenantId: string };
  const created = await page.request.post('/api/v1/leases', {
    data: {
      propertyId,
      unitId: detail.units[0]?.unitId,
      tenantId,
      startDate: '2018-01-01',
      endDate: '2030-12-31',
      monthlyRentCents: 150_000,
      dueDay: 1,
      graceDays: 5,
      lateFeeCents: 0,
      securityDepositCents: 150_000,
    },
  });
  expect(created.status()).toBe(201);
  const { leaseId } = (await created.json()) as { leaseId: string };

  // While the lease is live: the deposit panel records a deposit payment, held apart from the balance.
  await page.goto(`/manager/leases/${leaseId}`);
  const panel = page.getByTestId('deposit-panel');
  await expect(panel.getByTestId('deposit-due')).toContainText('$1,500.00');
  await expect(panel.getByTestId('settle-deposit')).toHaveCount(0);
  const record = panel.getByTestId('record-deposit');
  await record.getByLabel('Amount (USD)').fill('1500.00');
  await record.getByRole('button', { name: 'Record deposit…' }).click();
  await expect(record.getByTestId('confirm-text')).toContainText('$1,500.00');
  await record.getByRole('button', { name: 'Record deposit payment' }).click();
  // Paid in full, the panel drops its record form (and the form's success line with it) and shows
  // the deposit held, nothing still due.
  await expect(panel.getByTestId('deposit-held')).toContainText('$1,500.00');
  await expect(page.getByTestId('lease-balance')).toContainText('$0.00');
  await expect(panel.getByTestId('deposit-due')).toContainText('$0.00');

  // The lease is terminated effective yesterday: now the deposit can be settled.
  const terminated = await page.request.post(`/api/v1/leases/${leaseId}/termination`, {
    data: { effectiveDate: isoDay(-1), reason: 'Tenant moved out' },
  });
  expect(terminated.status()).toBe(201);
  await page.reload();
  const settle = page.getByTestId('settle-deposit');
  await settle.getByRole('button', { name: 'Add a deduction' }).click();
  await settle.getByRole('button', { name: 'Add a deduction' }).click();
  const rows = settle.getByTestId('deduction-row');
  await expect(rows).toHaveCount(2);
  // A deduction without a description is refused next to its field, before anything is sent.
  await rows.nth(0).getByLabel('Amount (USD)').fill('150.00');
  await settle.getByRole('button', { name: 'Review settlement…' }).click();
  await expect(rows.nth(0).getByText('Say what this deduction is for.')).toBeVisible();
  await rows.nth(0).getByLabel('Deduction 1').fill('Carpet cleaning');
  await rows.nth(1).getByLabel('Deduction 2').fill('Broken blind');
  await rows.nth(1).getByLabel('Amount (USD)').fill('50.00');
  await settle.getByLabel('Refund by').selectOption('check');
  await settle.getByRole('button', { name: 'Review settlement…' }).click();
  await expect(settle.getByTestId('confirm-text')).toContainText(
    'Held $1,500.00 pays deductions $200.00 and balance $0.00, refund $1,300.00 by check. Nothing stays owed.',
  );
  await settle.getByRole('button', { name: 'Settle deposit' }).click();
  await expect(page.getByTestId('deposit-settlement')).toContainText('$1,300.00 refunded by check');
  await expect(page.getByTestId('deposit-held')).toContainText('$0.00');
  const ledger = page.getByTestId('ledger-table');
  await expect(ledger).toContainText('Deposit deduction: Carpet cleaning');
  await expect(ledger).toContainText('Deposit deduction: Broken blind');

  // Settled once: the API refuses a second settlement.
  const again = await page.request.post(`/api/v1/leases/${leaseId}/deposit-settlement`, {
    data: { deductions: [], refundMethod: 'ach' },
  });
  expect(again.status()).toBe(422);
  expect(((await again.json()) as { error: { code: string } }).error.code).toBe('deposit_already_settled');
});

test('a tenant pays part of the deposit still due: held apart, with its own receipt', async ({
  page,
  playwright,
}) => {
  const id = randomUUID().slice(0, 8);
  const manager = await apiAs(playwright.request, DEMO.manager);
  const property = await manager.post('/api/v1/properties', {
    data: {
      name: `E2E Tenant Deposit ${id}`,
      address: { line1: '6 Test Street', city: 'Testville', state: 'OR', postalCode: '97202' },
      units: [{ label: 'T', marketRentCents: 120_000 }],
    },
  });
  const { propertyId } = (await property.json()) as { propertyId: string };
  const detail = (await (await manager.get(`/api/v1/properties/${propertyId}`)).json()) as {
    units: { unitId: string }[];
  };
  const email = `e2e-deposit-tenant-${id}@example.com`;
  const invited = await manager.post('/api/v1/tenants', { data: { name: `Deposit Tenant ${id}`, email } });
  const { tenantId, inviteToken } = (await invited.json()) as { tenantId: string; inviteToken: string };
  const created = await manager.post('/api/v1/leases', {
    data: {
      propertyId,
      unitId: detail.units[0]?.unitId,
      tenantId,
      startDate: '2018-01-01',
      endDate: '2030-12-31',
      monthlyRentCents: 120_000,
      dueDay: 1,
      graceDays: 5,
      lateFeeCents: 0,
      securityDepositCents: 100_000,
    },
  });
  expect(created.status()).toBe(201);
  const { leaseId } = (await created.json()) as { leaseId: string };
  await manager.dispose();
  const password = `deposit-pass-${id}`;
  expect((await page.request.post(`/api/v1/invites/${inviteToken}`, { data: { password } })).status()).toBe(
    200,
  );
  await signIn(page, email, password);

  await page.goto('/tenant');
  const card = page.locator(`[data-testid="lease-card"][data-lease-id="${leaseId}"]`);
  await expect(card.getByTestId('deposit-held')).toHaveAttribute('data-due-cents', '100000');
  await card.getByRole('link', { name: 'pay the deposit' }).click();
  await expect(page.getByRole('heading', { name: 'Make a payment' })).toBeVisible();
  await expect(page.getByRole('radio', { name: 'Security deposit' })).toBeChecked();
  const amount = page.getByLabel('Amount (USD)');
  await expect(amount).toHaveValue('1,000.00');
  // More than the deposit still due is refused before the review step, in dollars.
  await amount.fill('1000.01');
  await page.getByRole('button', { name: 'Review payment' }).click();
  await expect(page.getByText('Enter at most $1,000.00, the security deposit still due.')).toBeVisible();
  await amount.fill('400.00');
  await page.getByRole('button', { name: 'Review payment' }).click();
  const confirm = page.getByTestId('confirm-step');
  await expect(confirm).toContainText('Security deposit');
  await expect(confirm).toContainText('Deposit held after');
  await expect(confirm).toContainText('$400.00');
  await page.getByRole('button', { name: 'Pay $400.00' }).click();
  await expect(page.getByTestId('receipt-deposit')).toBeVisible();
  await expect(page.getByTestId('receipt-amount')).toHaveText('$400.00');

  await page.goto('/tenant');
  await expect(card.getByTestId('deposit-held')).toHaveAttribute('data-held-cents', '40000');
  await expect(card.getByTestId('deposit-held')).toHaveAttribute('data-due-cents', '60000');
  await expect(card.getByTestId('balance')).toHaveAttribute('data-cents', '0');
});
