// The root layout: one header with the app's name and navigation, the page, and a footer.
import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Leasebook', template: '%s · Leasebook' },
  description:
    'Event-sourced property management: tenants pay rent, managers watch portfolio analytics, auditors verify every change.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0f766e' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="flex min-h-screen flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-10 focus:rounded focus:bg-surface focus:px-3 focus:py-2"
        >
          Skip to content
        </a>
        <header className="border-b border-line bg-surface">
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
            <nav aria-label="Main">
              <ul className="flex gap-4 text-sm font-medium">
                <li>
                  <Link href="/" className="rounded px-2 py-1 text-muted hover:text-ink hover:underline">
                    Home
                  </Link>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" className="mx-auto w-full max-w-5xl flex-1 px-4 py-8 sm:px-6 sm:py-12">
          {children}
        </main>
        <footer className="border-t border-line bg-surface">
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
