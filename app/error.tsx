'use client';
// The short apology shown when a page fails; the digest matches the server log entry.

export default function ErrorPage({ error, retry }: { error: unknown; retry: () => void }) {
  const digest =
    typeof error === 'object' && error !== null && 'digest' in error ? String(error.digest) : undefined;
  return (
    <section aria-labelledby="error-heading" className="mx-auto max-w-xl space-y-4 py-12 text-center">
      <h1 id="error-heading" className="text-2xl font-bold">
        Sorry, something went wrong
      </h1>
      <p className="text-muted">
        We could not show this page. Please try again in a moment.
        {digest ? (
          <>
            {' '}
            If it keeps happening, quote reference <code className="font-mono text-ink">{digest}</code>.
          </>
        ) : null}
      </p>
      <button
        type="button"
        onClick={() => retry()}
        className="rounded-md bg-accent px-4 py-2 font-medium text-white hover:bg-accent-strong"
      >
        Try again
      </button>
    </section>
  );
}
