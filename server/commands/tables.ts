// Tables of the command side that are not events. Billing runs: one row per run (daily, API, CLI),
// so the daily run happens once per date across processes and an admin can see the history. A run
// is operations bookkeeping; what it posted is in the event store.
import { date, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const billingRunsTable = pgTable(
  'billing_runs',
  {
    runId: uuid('run_id').primaryKey(),
    asOf: date('as_of', { mode: 'string' }).notNull(),
    /** `daily` (the scheduler), `api` (POST /billing/run) or `cli` (npm run billing). */
    trigger: text('trigger').notNull(),
    /**
     * A daily run's key: each property time zone with its local date (`America/Chicago=2027-03-01
     * UTC=2027-03-02`); the scheduler runs once per key across processes.
     */
    dailyKey: text('daily_key'),
    /** `running`, `done`, `stopped` (shutdown, between leases) or `failed`. */
    status: text('status').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, precision: 3, mode: 'string' })
      .notNull()
      .defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true, precision: 3, mode: 'string' }),
    /** The run's report (leases, leases changed, events by type, failures), once it ends. */
    report: jsonb('report'),
  },
  (t) => [
    index('billing_runs_daily_idx').on(t.dailyKey, t.status),
    index('billing_runs_started_idx').on(t.startedAt),
  ],
);
