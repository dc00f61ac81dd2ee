// Small formatters the audit views share (plain functions: used by server and client components).

/** `2026-03-05T14:22:10.123Z` → `2026-03-05 14:22:10 UTC`: exact, and the same on server and client. */
export const utcTime = (iso: string): string => `${iso.replace('T', ' ').slice(0, 19)} UTC`;

/** An ISO instant → the `YYYY-MM-DDTHH:mm` a datetime-local input shows (in the browser's zone). */
export function toLocalInput(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** `PaymentReceived` → `Payment received`. */
export const humanType = (type: string): string =>
  type
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/^(.)(.*)$/, (_, a: string, b: string) => a + b.toLowerCase());

/** `amountCents` → `Amount`; `paymentDate` → `Payment date`. */
export const humanKey = (key: string): string => humanType(key.replace(/Cents$/, '').replace(/Id$/, 'ID'));

/** The page of a lease timeline that holds `version`, with its anchor. */
export const permalinkOf = (leaseId: string, version: number, pageSize: number): string => {
  const from = Math.floor((version - 1) / pageSize) * pageSize + 1;
  return `/audit/leases/${leaseId}${from > 1 ? `?from=${from}` : ''}#v${version}`;
};
