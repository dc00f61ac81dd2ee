// The manager's adjustment journey (issue 11): on a lease of their own, post a charge, grant a
// credit, waive the charge from its ledger row (what was paid of it becomes credit), add and remove
// a recurring charge. Every confirmation states the money effect before anything is recorded.
//
// Isolation: the lease is on a property made for this test and starts next year, so the billing
// runs other specs start meanwhile post nothing on it: its balance moves only by what this test does.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { DEMO, signIn } from './support/auth';
import { expectNoSeriousA11yViolations } from './support/axe';

const today = () => new Date().toISOString().slice(0, 10);

test('a manager posts a charge, grants a credit, waives the charge and manages a recurring charge', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const id = randomUUID().slice(0, 8);
  await signIn(page, DEMO.manager);
  const property = await page.request.post('/api/v1/properties', {
    data: {
      name: `E2E Adjust ${id}`,
      address: { line1: '3 Test Street', city: 'Testville', state: 'OR', postalCode: '97203' },
      units: [{ label: 'C', marketRentCents: 130_000 }],
    },
  });
  expect(property.status()).toBe(201);
  const { propertyId } = (await property.json()) as { propertyId: string };
  const detail = (await (await page.request.get(`/api/v1/properties/${propertyId}`)).json()) as {
    units: { unitId: string }[];
  };
  const tenant = await page.request.post('/api/v1/tenants', {
    data: { name: `Adjust ${id}`, email: `e2e-adjust-${id}@example.com` },
  });
  expect(tenant.status()).toBe(201);
  const { tenantId } = (await tenant.json()) as { tenantId: string };
  const year = Number(today().slice(0, 4)) + 1;
  const start = `${year}-01-01`;
  const lease = await page.request.post('/api/v1/leases', {
    data: {
      propertyId,
      unitId: detail.units[0]?.unitId,
      tenantId,
      startDate: start,
      endDate: `${year}-12-31`,
      monthlyRentCents: 130_000,
      dueDay: 1,
      graceDays: 5,
      lateFeeCents: 5_000,
      securityDepositCents: 0,
      nsfFeeCents: 3_500,
    },
  });
  expect(lease.status()).toBe(201);
  const { leaseId } = (await lease.json()) as { leaseId: string };

  await page.goto(`/manager/leases/${leaseId}`);
  await expect(page.getByTestId('lease-balance')).toContainText('$0.00');

  // Post a charge: the confirmation says what the balance becomes.
  const charge = page.getByTestId('post-charge');
  await charge.getByLabel('Kind').selectOption('utility');
  await charge.getByLabel('Description').fill('Water, shared meter');
  await charge.getByLabel('Amount (USD)').fill('abc');
  await charge.getByRole('button', { name: 'Post charge…' }).click();
  await expect(charge.locator('#charge-amount-error')).toContainText('Enter an amount greater than zero');
  await charge.getByLabel('Amount (USD)').fill('75');
  await charge.getByLabel('Due date').fill(start);
  await charge.getByRole('button', { name: 'Post charge…' }).click();
  await expect(charge.getByTestId('confirm-text')).toContainText('Balance goes from $0.00 to $75.00');
  await charge.getByRole('button', { name: 'Post charge', exact: true }).click();
  await expect(charge.getByTestId('action-success')).toHaveText('Charge of $75.00 posted.');
  await expect(page.getByTestId('lease-balance')).toContainText('$75.00');
  const row = page.getByTestId('ledger-utility').first();
  await expect(row).toContainText('Water, shared meter');

  // Grant a credit: it pays 25.00 of the charge.
  const credit = page.getByTestId('grant-credit');
  await credit.getByLabel('Amount (USD)').fill('25.00');
  await credit.getByLabel('Reason').fill('Elevator out of service for a week');
  await credit.getByRole('button', { name: 'Grant credit…' }).click();
  await expect(credit.getByTestId('confirm-text')).toContainText('Balance goes from $75.00 to $50.00');
  await credit.getByRole('button', { name: 'Grant credit', exact: true }).click();
  await expect(credit.getByTestId('action-success')).toHaveText('Credit of $25.00 granted.');
  await expect(page.getByTestId('lease-balance')).toContainText('$50.00');

  // Waive the charge from its row: the 25.00 paid of it becomes credit.
  await row.getByRole('button', { name: 'Waive…' }).click();
  await row.getByLabel('Reason').fill('Meter was faulty');
  await row.getByRole('button', { name: 'Waive…' }).click();
  await expect(row.getByTestId('confirm-text')).toContainText(/Balance goes from \$50\.00 to -\$25\.00/);
  await expect(row.getByTestId('confirm-text')).toContainText(
    'The $25.00 already paid of it becomes credit.',
  );
  await row.getByRole('button', { name: 'Waive charge' }).click();
  await expect(page.getByTestId('lease-balance')).toContainText('-$25.00');
  await expect(page.getByTestId('ledger-utility').first()).toContainText('waived');
  await expect(page.getByTestId('ledger-utility').nth(1)).toContainText(
    'Waived: Water, shared meter (Meter was faulty)',
  );
  await expect(page.getByRole('button', { name: 'Waive…' })).toHaveCount(0);

  // A recurring charge: added (nothing charged until the billing run), listed, removed.
  const recurring = page.getByTestId('add-recurring');
  await recurring.getByLabel('Description').fill('Parking space 9');
  await recurring.getByLabel('Amount a month (USD)').fill('60');
  await recurring.getByLabel('First month').fill(`${year}-01`);
  await recurring.getByRole('button', { name: 'Add recurring charge…' }).click();
  await expect(recurring.getByTestId('confirm-text')).toContainText('at $60.00 a month');
  await recurring.getByRole('button', { name: 'Add recurring charge', exact: true }).click();
  await expect(recurring.getByTestId('action-success')).toHaveText(
    'Recurring charge "Parking space 9" added.',
  );
  const list = page.getByTestId('recurring-charges');
  await expect(list).toContainText('Parking space 9 · $60.00 a month');
  await expectNoSeriousA11yViolations(page);
  await list.getByRole('button', { name: 'Remove…' }).click();
  await expect(list.getByTestId('confirm-text')).toContainText('Stop charging "Parking space 9"');
  await list.getByRole('button', { name: 'Remove recurring charge' }).click();
  await expect(page.getByText('No recurring charges.')).toBeVisible();
  await expect(page.getByTestId('lease-balance')).toContainText('-$25.00');

  // Every adjustment is in the timeline with the manager as actor.
  const events = (await (await page.request.get(`/api/v1/leases/${leaseId}/events`)).json()) as {
    events: { eventType: string; metadata: { actor: { role: string } } }[];
  };
  const adjustments = events.events.filter((e) =>
    [
      'ChargePosted',
      'CreditGranted',
      'ChargeWaived',
      'RecurringChargeAdded',
      'RecurringChargeRemoved',
    ].includes(e.eventType),
  );
  expect(adjustments.map((e) => e.eventType)).toEqual([
    'ChargePosted',
    'CreditGranted',
    'ChargeWaived',
    'RecurringChargeAdded',
    'RecurringChargeRemoved',
  ]);
  expect(adjustments.every((e) => e.metadata.actor.role === 'manager')).toBe(true);
});
