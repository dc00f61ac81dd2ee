// 404 for any unknown path.
import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Page not found' };

export default function NotFound() {
  return (
    <section aria-labelledby="not-found-heading" className="mx-auto max-w-xl space-y-4 py-12 text-center">
      <p className="text-sm font-semibold text-accent">404</p>
      <h1 id="not-found-heading" className="text-2xl font-bold">
        We could not find that page
      </h1>
      <p className="text-muted">The address may be mistyped, or the page may have moved.</p>
      <Link
        href="/"
        className="inline-block rounded-md bg-accent px-4 py-2 font-medium text-white hover:bg-accent-strong"
      >
        Back to the home page
      </Link>
    </section>
  );
}
