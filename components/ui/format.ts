// Money and date formatting with Intl, shared by server and client components. Money is integer
// cents in USD; dates are ISO `YYYY-MM-DD` (formatted in UTC so the day never shifts).

export const DEFAULT_LOCALE = 'en-US';

/** A BCP 47 tag Intl accepts, or the default. */
function supportedLocale(tag: string | null | undefined): string {
  if (!tag) return DEFAULT_LOCALE;
  try {
    const [canonical] = Intl.getCanonicalLocales(tag);
    return canonical && Intl.NumberFormat.supportedLocalesOf(canonical).length > 0
      ? canonical
      : DEFAULT_LOCALE;
  } catch {
    return DEFAULT_LOCALE;
  }
}

/** The first usable language of an Accept-Language header (by q-value). */
export function localeFromAcceptLanguage(header: string | null | undefined): string {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { tag: tag.trim(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.tag && entry.tag !== '*' && Number.isFinite(entry.q) && entry.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const locale = supportedLocale(tag);
    if (locale !== DEFAULT_LOCALE || tag.toLowerCase().startsWith('en')) return locale;
  }
  return DEFAULT_LOCALE;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** 123456 → "$1,234.56" (en-US) / "1.234,56 $" (de-DE). */
export function formatMoney(cents: number, locale: string): string {
  let format = moneyFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' });
    moneyFormats.set(locale, format);
  }
  return format.format(cents / 100);
}

export type DateStyle = 'medium' | 'long' | 'short';

/** "2026-11-26" → "Nov 26, 2026" (medium). Also accepts a full ISO timestamp. */
export function formatDate(iso: string, locale: string, style: DateStyle = 'medium'): string {
  const date = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' }).format(date);
}

/** "2026-11" → "November 2026". */
export function formatPeriod(period: string, locale: string): string {
  const date = new Date(`${period}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return period;
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}
