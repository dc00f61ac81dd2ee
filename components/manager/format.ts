// Formatting for the manager pages, on top of components/ui/format (money and dates in the user's
// locale): adds compact money for chart axes, percentages, counts, short months and ratings.
// Server components call makeFormat(await requestLocale()); client components call useFormat().
import { formatDate, formatMoney, formatPeriod } from '@/components/ui/format';

export interface Format {
  money: (cents: number) => string;
  moneyShort: (cents: number) => string;
  percent: (ratio: number | null) => string;
  count: (value: number) => string;
  date: (iso: string) => string;
  month: (period: string) => string;
  monthShort: (period: string) => string;
  rating: (rating: number | null) => string;
}

const cache = new Map<string, Format>();

export function makeFormat(locale: string): Format {
  const found = cache.get(locale);
  if (found) return found;
  const compact = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    notation: 'compact',
    maximumFractionDigits: 1,
  });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const integer = new Intl.NumberFormat(locale);
  const decimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const shortMonth = new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
  const format: Format = {
    money: (cents) => formatMoney(cents, locale),
    moneyShort: (cents) => compact.format(cents / 100),
    percent: (ratio) => (ratio === null ? '—' : percent.format(ratio)),
    count: (value) => integer.format(value),
    date: (iso) => formatDate(iso, locale),
    month: (period) => formatPeriod(period, locale),
    monthShort: (period) => shortMonth.format(new Date(`${period}-01T00:00:00Z`)),
    rating: (rating) => (rating === null ? '—' : `${decimal.format(rating)} / 5`),
  };
  cache.set(locale, format);
  return format;
}
