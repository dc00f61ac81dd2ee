// Home: what Leasebook is, and the live state of its read side (stream stats, projection health).
import Link from 'next/link';
import { connection } from 'next/server';
import { ProjectionHealthTable } from '@/components/projection-health-table';
import { StreamStatsTable } from '@/components/stream-stats-table';
import { currentActor } from '@/server/http/page-auth';
import { getHomeOverview } from '@/server/queries/system-status';

const ROLES = [
  {
    title: 'Tenants',
    body: 'Pay rent by card or bank transfer, see every charge, payment and receipt, and follow maintenance requests.',
  },
  {
    title: 'Managers',
    body: 'Watch occupancy, collections and delinquency across the portfolio, post notices and record offline payments.',
  },
  {
    title: 'Auditors',
    body: 'Browse the full history of any lease, read it as of any moment, and verify that nothing was rewritten.',
  },
] as const;

const PRINCIPLES = [
  {
    title: 'Every change is an event',
    body: 'Leases, payments and repairs are recorded as immutable events in PostgreSQL. Corrections are new events; history is never edited.',
  },
  {
    title: 'Tamper-evident by construction',
    body: 'Each event carries a SHA-256 hash of the one before it in its stream. Re-computing the chain shows the first event that was altered.',
  },
  {
    title: 'Fast pages from read models',
    body: 'Projections fold the event log into tables shaped for each screen, and can be rebuilt from the first event at any time.',
  },
] as const;

export default async function HomePage() {
  // Render per request: the build must never open the database.
  await connection();
  const overview = await getHomeOverview(await currentActor());

  return (
    <div className="space-y-14">
      <section aria-labelledby="intro-heading" className="space-y-4">
        <p className="text-sm font-semibold uppercase tracking-wider text-accent">
          Event-sourced property management
        </p>
        <h1
          id="intro-heading"
          className="max-w-3xl text-3xl font-bold tracking-tight text-balance sm:text-4xl"
        >
          Property management on a ledger you can verify
        </h1>
        <p className="max-w-2xl text-lg text-muted">
          Leasebook keeps rent, leases and maintenance for tenants, property managers and auditors. It is
          event-sourced: every change is an event in an append-only log, chained by hashes, so any balance can
          be explained and any history checked.
        </p>
        <p>
          <Link
            href="/signin"
            className="inline-flex min-h-11 items-center rounded-md bg-accent px-4 py-2 font-semibold text-white hover:bg-accent-strong"
          >
            Sign in
          </Link>
        </p>
      </section>

      <section aria-labelledby="roles-heading" className="space-y-4">
        <h2 id="roles-heading" className="text-xl font-semibold">
          One record, three views
        </h2>
        <ul className="grid gap-4 sm:grid-cols-3">
          {ROLES.map((role) => (
            <li key={role.title} className="rounded-lg border border-line bg-surface p-5 shadow-sm">
              <h3 className="font-semibold">{role.title}</h3>
              <p className="mt-2 text-sm text-muted">{role.body}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="how-heading" className="space-y-4">
        <h2 id="how-heading" className="text-xl font-semibold">
          How it works
        </h2>
        <ol className="grid gap-4 sm:grid-cols-3">
          {PRINCIPLES.map((item, index) => (
            <li key={item.title} className="flex gap-3">
              <span
                aria-hidden="true"
                className="grid size-7 shrink-0 place-items-center rounded-full bg-accent-soft text-sm font-semibold text-accent-strong"
              >
                {index + 1}
              </span>
              <div>
                <h3 className="font-semibold">{item.title}</h3>
                <p className="mt-1 text-sm text-muted">{item.body}</p>
              </div>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="live-heading" data-testid="live-system" className="space-y-6">
        <div className="space-y-1">
          <h2 id="live-heading" className="text-xl font-semibold">
            Live system
          </h2>
          <p className="text-sm text-muted">Read straight from the read models as this page was rendered.</p>
        </div>
        <div className="grid gap-8 lg:grid-cols-2">
          <section aria-labelledby="streams-heading" className="space-y-3">
            <h3 id="streams-heading" className="font-semibold">
              Events by stream type
            </h3>
            <StreamStatsTable rows={overview.streamTypes} />
          </section>
          <section aria-labelledby="projections-heading" data-testid="projections" className="space-y-3">
            <h3 id="projections-heading" className="font-semibold">
              Projections
            </h3>
            <ProjectionHealthTable rows={overview.projections} />
          </section>
        </div>
      </section>
    </div>
  );
}
