'use client';
// The user's locale on the client (set once by app/providers.tsx from the server's Accept-Language
// reading, so server and client render the same text), and the components that format with it.
import { createContext, type ReactNode, useContext } from 'react';
import { type DateStyle, DEFAULT_LOCALE, formatDate, formatMoney, formatPeriod } from './format';

const LocaleContext = createContext<string>(DEFAULT_LOCALE);

export function LocaleProvider({ locale, children }: { locale: string; children: ReactNode }) {
  return <LocaleContext.Provider value={locale}>{children}</LocaleContext.Provider>;
}

export const useLocale = (): string => useContext(LocaleContext);

/** An amount in cents as USD in the user's locale. */
export function Money({
  cents,
  className,
  'data-testid': testId,
}: {
  cents: number;
  className?: string;
  'data-testid'?: string;
}) {
  const locale = useLocale();
  return (
    <span className={`tabular-nums ${className ?? ''}`} data-testid={testId} data-cents={cents}>
      {formatMoney(cents, locale)}
    </span>
  );
}

/** An ISO date in the user's locale, inside a <time> element. */
export function DateText({
  date,
  style,
  className,
}: {
  date: string;
  style?: DateStyle;
  className?: string;
}) {
  const locale = useLocale();
  return (
    <time dateTime={date} className={className}>
      {formatDate(date, locale, style)}
    </time>
  );
}

/** A billing month `YYYY-MM` as "November 2026". */
export function PeriodText({ period }: { period: string }) {
  const locale = useLocale();
  return <time dateTime={period}>{formatPeriod(period, locale)}</time>;
}
