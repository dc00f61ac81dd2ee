// Words for the codes the read models use.
import type { BadgeTone } from '@/components/ui/badge';

export const METHOD_LABEL: Record<string, string> = {
  card: 'Card',
  ach: 'Bank transfer (ACH)',
  check: 'Check',
  cash: 'Cash',
  money_order: 'Money order',
};

export const methodLabel = (method: string | null | undefined): string =>
  method ? (METHOD_LABEL[method] ?? method) : '—';

/** Ledger item kinds (rent, late fees, posted charges) as a tenant reads them. */
const CHARGE_KIND_LABEL: Record<string, string> = {
  rent: 'Rent',
  late_fee: 'Late fee',
  fee: 'Fee',
  utility: 'Utility',
  damage: 'Damage',
  other: 'Other charge',
  nsf_fee: 'Returned-payment (NSF) fee',
  recurring: 'Recurring charge',
};

export const chargeKindLabel = (kind: string): string => CHARGE_KIND_LABEL[kind] ?? capitalise(kind);

export const MAINTENANCE_STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  requested: { label: 'Requested', tone: 'warn' },
  scheduled: { label: 'Scheduled', tone: 'accent' },
  completed: { label: 'Completed', tone: 'ok' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
};

export const PERIOD_STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  paid: { label: 'Paid', tone: 'ok' },
  partially_paid: { label: 'Partly paid', tone: 'warn' },
  overdue: { label: 'Overdue', tone: 'bad' },
  due: { label: 'Due', tone: 'neutral' },
};

export const capitalise = (text: string): string =>
  text.charAt(0).toUpperCase() + text.slice(1).replace(/_/g, ' ');

export const addressLine = (address: { line1: string; city: string; state: string; postalCode: string }) =>
  `${address.line1}, ${address.city}, ${address.state} ${address.postalCode}`;
