// Page objects for the tenant pages (issue 5): what a tenant looks at and clicks, by role and label.
import { expect, type Locator, type Page } from '@playwright/test';

export const dollars = (cents: number): string => (cents / 100).toFixed(2);

export class TenantDashboardPage {
  constructor(readonly page: Page) {}

  async goto(): Promise<void> {
    await this.page.goto('/tenant');
    await expect(this.page.getByRole('heading', { level: 1 })).toContainText('Hello');
  }

  get leaseCards(): Locator {
    return this.page.getByTestId('lease-card');
  }

  firstLease(): Locator {
    return this.leaseCards.first();
  }

  async leaseIdOf(card: Locator): Promise<string> {
    const id = await card.getAttribute('data-lease-id');
    expect(id).toBeTruthy();
    return id as string;
  }

  /** The signed balance shown on a lease card (negative = credit), in cents. */
  async balanceOf(card: Locator): Promise<number> {
    return Number(await card.getByTestId('balance').getAttribute('data-cents'));
  }
}

export class PayRentPage {
  constructor(readonly page: Page) {}

  async goto(leaseId: string): Promise<void> {
    await this.page.goto(`/tenant/leases/${leaseId}/pay`);
    await expect(this.page.getByRole('heading', { name: 'Pay rent' })).toBeVisible();
  }

  get amount(): Locator {
    return this.page.getByLabel('Amount (USD)');
  }

  /** Fills the form and goes to the confirmation step. */
  async review(amountCents: number, method: 'Card' | 'Bank transfer (ACH)' = 'Card'): Promise<void> {
    await this.amount.fill(dollars(amountCents));
    await this.page.getByRole('radio', { name: method }).check();
    await this.page.getByRole('button', { name: 'Review payment' }).click();
    await expect(this.page.getByRole('heading', { name: 'Check and confirm' })).toBeVisible();
  }

  get payButton(): Locator {
    return this.page.getByRole('button', { name: /^Pay / });
  }

  /** Waits for the receipt page and returns the payment id from its URL. */
  async expectReceipt(amountCents: number): Promise<string> {
    await expect(this.page).toHaveURL(/\/tenant\/payments\/[0-9a-f-]{36}$/);
    await expect(this.page.getByTestId('receipt-amount')).toHaveAttribute('data-cents', String(amountCents));
    return this.page.url().split('/').at(-1) as string;
  }
}
