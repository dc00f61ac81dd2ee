// How amounts, dates and payment methods read in a message to a person.
import { formatUsd } from '../domain/shared/money';

export const dollars = formatUsd;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2026-12-01" → "December 1, 2026"; "2026-12" → "December 2026". */
export function longDate(date: string): string {
  const [year, month, day] = date.split('-');
  const name = MONTHS[Number(month) - 1] ?? month;
  return day ? `${name} ${Number(day)}, ${year}` : `${name} ${year}`;
}

const METHODS: Record<string, string> = {
  card: 'card',
  ach: 'bank transfer (ACH)',
  check: 'check',
  cash: 'cash',
  money_order: 'money order',
};

export const methodName = (method: string): string => METHODS[method] ?? method;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `lease-<uuid>` → the uuid, or null for a stream id that does not hold one. */
export function idOfStream(streamId: string, type: string): string | null {
  const id = streamId.startsWith(`${type}-`) ? streamId.slice(type.length + 1) : '';
  return UUID.test(id) ? id : null;
}
