// The billing run: for every lease, post the charges, late fees and autopay payments due as of a
// date, one command per item with an id per lease, kind and period (`billing:<lease>:rent:2027-03`),
// so any re-run, for any date and by anyone, posts only what is missing and fails nothing.
// One run at a time across processes.
import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { ForbiddenError } from '../auth/errors';
import { canRunBilling, type Actor as User } from '../auth/policy';
import type { Db } from '../db/client';
import { tryWithLock } from '../db/locks';
import { type LeaseState, leaseDecider, leaseStreamId, nextDueItem } from '../domain/lease';
import { isoDateSchema } from '../domain/shared/dates';
import { isDomainError } from '../domain/shared/errors';
import { parseInput } from '../domain/shared/validate';
import { folderOf } from '../eventstore';
import { streamHeads } from '../eventstore/queries';
import { currentCorrelationId, logger } from '../log';
import type { Runtime } from '../runtime';
import type { Actor } from './handle';
import { newUuid } from './ids';
import { changeLease } from './lease';
import { Refusal } from './refusal';
import { billingRunsTable } from './tables';

export interface BillingReport {
  asOf: string;
  leases: number;
  /** Leases that got at least one new event. */
  leasesChanged: number;
  eventsByType: Record<string, number>;
  failures: { leaseId: string; code: string; message: string }[];
  /** The run stopped between leases (shutdown); the next run posts the rest. */
  stopped?: boolean;
}

export interface BillingOptions {
  asOf: string;
  /** The decision time (defaults to the clock); the seed replays history with it. */
  now?: Date;
  actor?: Actor;
  source?: 'billing' | 'seed';
  backdate?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Asked between leases: true stops the run there (shutdown); the next run posts the rest. */
  shouldStop?: () => boolean;
  /** Records the run in `billing_runs` under this trigger (the seed's thousands of runs are not). */
  trigger?: BillingTrigger;
  /** The daily run's key (see `billing_runs.daily_key`): skipped when a run with it is done already. */
  dailyKey?: string;
}

export type BillingTrigger = 'daily' | 'api' | 'cli';

export type BillingOutcome =
  | { status: 'done'; report: BillingReport }
  | { status: 'busy' }
  | { status: 'already_done'; runId: string };

const SYSTEM: Actor = { userId: null, role: 'system', name: 'Billing run' };

/** Runs billing, or answers `busy` when another run (in any process) is under way. */
export async function runBilling(runtime: Runtime, options: BillingOptions): Promise<BillingOutcome> {
  const asOf = parseInput(isoDateSchema, options.asOf);
  const outcome = await tryWithLock(
    runtime.database,
    'billing-run',
    async (): Promise<BillingOutcome> => {
      const db = runtime.database.db;
      if (options.dailyKey) {
        const done = await doneDailyRun(db, options.dailyKey);
        if (done) return { status: 'already_done', runId: done };
      }
      if (!options.trigger) return { status: 'done', report: await bill(runtime, { ...options, asOf }) };
      const runId = await startRun(db, asOf, options.trigger, options.dailyKey);
      try {
        const report = await bill(runtime, { ...options, asOf });
        await finishRun(db, runId, report.stopped ? 'stopped' : 'done', report);
        return { status: 'done', report };
      } catch (error) {
        await finishRun(db, runId, 'failed', null).catch(() => undefined);
        throw error;
      }
    },
    {
      onLost: (error) =>
        logger('billing').error({ err: error, asOf }, 'the connection holding the billing lock was lost'),
    },
  );
  return outcome.acquired ? outcome.value : { status: 'busy' };
}

/** An admin runs billing on demand (the API); 409 while another run is under way. */
export async function runBillingAs(runtime: Runtime, user: User, asOf: string): Promise<BillingReport> {
  if (!canRunBilling(user)) throw new ForbiddenError('Only admins run billing.');
  const outcome = await runBilling(runtime, {
    asOf,
    actor: { userId: user.userId, role: user.role, name: user.name },
    source: 'billing',
    trigger: 'api',
  });
  if (outcome.status !== 'done') {
    throw new Refusal(
      409,
      'billing_run_in_progress',
      'A billing run is already under way. Try again shortly.',
    );
  }
  return outcome.report;
}

async function bill(runtime: Runtime, options: BillingOptions): Promise<BillingReport> {
  const log = logger('billing');
  const streams = await streamHeads(runtime.database.db, { streamType: 'lease' });
  const report: BillingReport = {
    asOf: options.asOf,
    leases: streams.length,
    leasesChanged: 0,
    eventsByType: {},
    failures: [],
  };
  // Run from a request (the admin's button, the API): that request's id; else (daily) a fresh one.
  const correlationId = currentCorrelationId() ?? `billing-${options.asOf}-${newUuid()}`;
  // One decision time for the whole run: each item is planned and decided at the same instant.
  const now = options.now ?? new Date();
  for (const [index, { streamId }] of streams.entries()) {
    if (options.shouldStop?.()) {
      log.info({ asOf: options.asOf, done: index, leases: streams.length }, 'billing run stopped early');
      report.stopped = true;
      break;
    }
    const leaseId = streamId.slice('lease-'.length);
    try {
      const posted = await billLease(runtime, leaseId, { ...options, now }, correlationId);
      if (posted.length > 0) report.leasesChanged += 1;
      for (const eventType of posted) {
        report.eventsByType[eventType] = (report.eventsByType[eventType] ?? 0) + 1;
      }
    } catch (error) {
      // One lease's refusal must not stop the others' billing.
      const code = isDomainError(error) ? error.code : 'error';
      const message = error instanceof Error ? error.message : String(error);
      report.failures.push({ leaseId, code, message });
      log.warn({ leaseId, code, err: error }, 'billing skipped a lease');
    }
    options.onProgress?.(index + 1, streams.length);
  }
  // The seed replays a year of daily runs: those are debug noise, a real run is worth a line.
  const level = options.source === 'seed' ? 'debug' : 'info';
  log[level]({ ...report, failures: report.failures.length }, 'billing run finished');
  return report;
}

/**
 * Bills one lease item by item: the next item due names the command (`billing:<lease>:<item>`),
 * and the decider posts it only if it is still the next one due. Returns the new events' types.
 */
async function billLease(
  runtime: Runtime,
  leaseId: string,
  options: BillingOptions & { now: Date },
  correlationId: string,
): Promise<string[]> {
  const streamId = leaseStreamId(leaseId);
  const load = async (): Promise<LeaseState> =>
    (
      runtime.streams.cached<LeaseState>(streamId) ??
      (await runtime.store.load(streamId, folderOf(leaseDecider)))
    ).state;
  let state = await load();
  const posted: string[] = [];
  const tried = new Set<string>();
  while (state.status !== 'none') {
    const item = nextDueItem(options.asOf, state, options.now);
    // An item tried once and still next (a payment changed the lease meanwhile): leave it to the next run.
    if (item === null || tried.has(item)) break;
    tried.add(item);
    const result = await changeLease(
      runtime,
      leaseId,
      { type: 'PostDueItems', asOf: options.asOf, item },
      {
        actor: options.actor ?? SYSTEM,
        correlationId,
        source: options.source ?? 'billing',
        commandId: `billing:${leaseId}:${item}`,
        now: options.now,
        backdate: options.backdate,
      },
    );
    if (!result.duplicate) posted.push(...result.events.map((event) => event.eventType));
    state = result.state ?? (await load());
  }
  return posted;
}

// ---- the runs' record (billing_runs) ------------------------------------------------------------

async function doneDailyRun(db: Db, dailyKey: string): Promise<string | null> {
  const [found] = await db
    .select({ runId: billingRunsTable.runId })
    .from(billingRunsTable)
    .where(and(eq(billingRunsTable.dailyKey, dailyKey), eq(billingRunsTable.status, 'done')))
    .limit(1);
  return found?.runId ?? null;
}

async function startRun(db: Db, asOf: string, trigger: BillingTrigger, dailyKey?: string): Promise<string> {
  const runId = newUuid();
  await db
    .insert(billingRunsTable)
    .values({ runId, asOf, trigger, status: 'running', dailyKey: dailyKey ?? null });
  return runId;
}

async function finishRun(db: Db, runId: string, status: string, report: BillingReport | null): Promise<void> {
  await db
    .update(billingRunsTable)
    .set({ status, report, finishedAt: sql`now()` })
    .where(eq(billingRunsTable.runId, runId));
}
