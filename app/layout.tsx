// The root layout: one header with the app's name, the signed-in user's name, their role's links and
// sign out (or a sign-in link), the page, and a footer. Reads the session and Accept-Language, so
// every page renders per request. Role links: NAV below (manager → /manager, auditor → /audit).
import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { NotificationBell } from '@/components/notifications/notification-bell';
import { requestLocale } from '@/components/ui/request-locale';
import type { UserRole } from '@/server/auth/tables';
import { currentActor } from '@/server/http/page-auth';
import { getRuntime } from '@/server/runtime';
import { demoAccountsLive } from '@/server/seed/demo-status';
import { Providers } from './providers';
import { signOut } from './signin/actions';
import './globals.css';

/** The links each role sees in the header. */
const NAV: Record<UserRole, readonly { href: string; label: string }[]> = {
  tenant: [
    { href: '/tenant', label: 'Dashboard' },
    { href: '/tenant/maintenance', label: 'Maintenance' },
  ],
  manager: [{ href: '/manager', label: 'Portfolio' }],
  auditor: [{ href: '/audit', label: 'Audit' }],
  admin: [
    { href: '/', label: 'System' },
    { href: '/admin/outbox', label: 'Outbox' },
    { href: '/admin/webhooks', label: 'Webhooks' },
  ],
};

const LINK = 'rounded px-2 py-1 text-muted hover:text-ink hover:underline';

/** The sign-out action as a <form action> (its result is a redirect, never read). */
const signOutForm = signOut as unknown as (form: FormData) => Promise<void>;

export const metadata: Metadata = {
  title: { default: 'Leasebook', template: '%s · Leasebook' },
  description:
    'Event-sourced property management: tenants pay rent, managers watch portfolio analytics, auditors verify every change.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0f766e' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Rendered per request only. Without this, `next build` prerendering /_not-found started the
  // database query below before the cookie read made the page dynamic: a build worker opened (and,
  // killed, left locked) the embedded database the server was about to start on.
  await connection();
  const [actor, locale, demo] = await Promise.all([
    currentActor(),
    requestLocale(),
    getRuntime().then((runtime) => demoAccountsLive(runtime.database.db)),
  ]);
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-10 focus:rounded focus:bg-surface focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        {demo ? (
          <div
            role="note"
            data-testid="demo-banner"
            className="bg-warn-soft px-4 py-2 text-center text-sm font-medium text-warn print:hidden"
          >
            Demo data: the demo accounts (password “leasebook-demo”) are live. Do not expose this install; a
            real install starts with <code>npm run users:create-admin</code>.
          </div>
        ) : null}
        <header className="border-b border-line bg-surface print:hidden">
          <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
            <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight text-ink">
              <span
                aria-hidden="true"
                className="grid size-8 place-items-center rounded-md bg-accent text-white"
              >
                L
              </span>
              Leasebook
            </Link>
            <nav
              aria-label="Main"
              className="flex min-w-0 flex-wrap items-center justify-end gap-x-3 gap-y-1 text-sm"
            >
              <ul className="flex flex-wrap gap-1 font-medium sm:gap-3">
                {(actor ? NAV[actor.role] : [{ href: '/', label: 'Home' }]).map((item) => (
                  <li key={item.href}>
                    <Link href={item.href} className={LINK}>
                      {item.label}
                    </Link>
                  </li>
                ))}
              </ul>
              {actor ? (
                <div className="flex flex-wrap items-center justify-end gap-x-2 gap-y-1">
                  <NotificationBell />
                  <span className="text-ink" data-testid="signed-in-user">
                    <span className="sr-only">Signed in as </span>
                    {actor.name}
                  </span>
                  <Link href="/account" className={LINK}>
                    Account
                  </Link>
                  <form action={signOutForm}>
                    <button type="submit" className={`${LINK} font-medium`}>
                      Sign out
                    </button>
                  </form>
                </div>
              ) : (
                <Link href="/signin" className={`${LINK} font-medium`}>
                  Sign in
                </Link>
              )}
            </nav>
          </div>
        </header>
        <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 sm:px-6 sm:py-12">
          <Providers locale={locale}>{children}</Providers>
        </main>
        <footer className="border-t border-line bg-surface print:hidden">
          <div className="mx-auto flex max-w-5xl flex-col gap-1 px-4 py-6 text-sm text-muted sm:flex-row sm:justify-between sm:px-6">
            <p>Leasebook — every change is an event, every event is verifiable.</p>
            <p>
              <a href="/api/v1/health" className="underline hover:text-ink">
                System health (JSON)
              </a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
