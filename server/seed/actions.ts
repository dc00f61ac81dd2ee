// The kinds of action the demo history is made of, and the time of day each is recorded at.
import type { PaymentMethod } from '../domain/lease';
import type { NOTICES } from './data';
import type { SeedLease } from './portfolio';

/** How much a payment is, decided against the balance on the day. */
export type PayStyle =
  | { type: 'full' }
  | { type: 'partial'; fraction: number }
  | { type: 'over'; extraCents: number };
export type MaintenanceStep =
  | { step: 'request'; text: number }
  | { step: 'schedule'; scheduledFor: string }
  | { step: 'complete'; resolution: number }
  | { step: 'rate'; rating: number; comment?: string }
  | { step: 'cancel'; reason: string };

export type Action = { day: string; key: string } & (
  | { kind: 'notice'; property: number; notice: keyof typeof NOTICES; expiresOn?: string }
  | { kind: 'createLease'; lease: SeedLease }
  | { kind: 'renew'; lease: SeedLease; newEndDate: string; monthlyRentCents: number }
  | { kind: 'terminate'; lease: SeedLease; effectiveDate: string; reason: string }
  | { kind: 'autopay'; lease: SeedLease; method: 'card' | 'ach'; capCents?: number }
  | { kind: 'billing' }
  | { kind: 'pay'; lease: SeedLease; style: PayStyle; by: 'tenant' | 'manager'; method: PaymentMethod }
  | { kind: 'import'; lease: SeedLease }
  | { kind: 'reverse'; lease: SeedLease; paymentKey: string }
  | { kind: 'waive'; lease: SeedLease; period: string; reason: string }
  | { kind: 'reverseAutopay'; lease: SeedLease; period: string }
  | { kind: 'recurring'; lease: SeedLease; description: string; amountCents: number; fromPeriod: string }
  | { kind: 'deposit'; lease: SeedLease; by: 'tenant' | 'manager'; method: PaymentMethod }
  | {
      kind: 'settleDeposit';
      lease: SeedLease;
      deductions: { description: string; amountCents: number }[];
      refundMethod: 'check' | 'ach';
    }
  | ({ kind: 'maintenance'; request: number; lease: SeedLease } & MaintenanceStep)
);

/** Minutes after midnight (UTC) each kind of action is recorded at, in this order within a day. */
export const SLOT: Record<Action['kind'], number> = {
  notice: 9 * 60,
  createLease: 10 * 60,
  renew: 10 * 60 + 30,
  terminate: 10 * 60 + 30,
  autopay: 11 * 60,
  billing: 12 * 60,
  import: 14 * 60,
  pay: 15 * 60,
  deposit: 15 * 60 + 10,
  reverse: 15 * 60 + 30,
  waive: 15 * 60 + 45,
  reverseAutopay: 15 * 60 + 30,
  recurring: 10 * 60 + 45,
  settleDeposit: 15 * 60 + 50,
  maintenance: 16 * 60,
};
