// The skeleton every manager page shows while it renders on the server (each loading.tsx).
export function ManagerLoading() {
  return (
    <div role="status" aria-live="polite" className="space-y-4" data-testid="manager-loading">
      <p className="sr-only">Loading…</p>
      <div aria-hidden="true" className="h-8 w-64 animate-pulse rounded bg-line" />
      <div aria-hidden="true" className="grid grid-cols-2 gap-3 md:grid-cols-4">
        {['a', 'b', 'c', 'd'].map((k) => (
          <div key={k} className="h-24 animate-pulse rounded-lg bg-line" />
        ))}
      </div>
      <div aria-hidden="true" className="h-64 animate-pulse rounded-lg bg-line" />
    </div>
  );
}
