// The demo portfolio (API.md "Demo data", issue 3 item 6): five properties in five cities, forty
// units, thirty-odd leases and a year of history lived day by day through the command API:
// billing runs, on-time, late, partial and over-payments, a bounced check, a renewal, a
// termination, autopay, maintenance in every state, notices, and v1 events from an "import".
// Deterministic: a fixed-seed PRNG, ids derived from command ids, dates relative to `today`.
import 'server-only';
import { sql } from 'drizzle-orm';
import { hashPassword } from '../auth/passwords';
import { insertUser } from '../auth/users';
import type { Actor } from '../commands/handle';
import { registerProperty } from '../commands/property';
import { rows } from '../db/client';
import { addDays, isIsoDate } from '../domain/shared/dates';
import { eventCountsByType, hasEvents, streamsWithStoredVersion } from '../eventstore/queries';
import type { Runtime } from '../runtime';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, PROPERTIES } from './data';
import { recordingClock, runHistory, seedingDay, seedingRuntime } from './history';
import { buildPortfolio } from './portfolio';
import { mulberry32 } from './prng';
import type { RunContext } from './run-actions';
import { buildTimeline } from './timeline';

export { DEMO_PASSWORD } from './data';

const SEED = 20_261_126;

export interface SeedProgress {
  phase: 'accounts' | 'properties' | 'history' | 'projections' | 'done';
  done: number;
  total: number;
  /** The day of history being written (phase `history`). */
  day?: string;
}

export interface SeedOptions {
  /** YYYY-MM-DD; the history ends on this day (default: today, UTC). */
  today?: string;
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedReport {
  today: string;
  from: string;
  durationMs: number;
  users: number;
  properties: number;
  units: number;
  leases: number;
  maintenanceRequests: number;
  notices: number;
  payments: number;
  billingRuns: number;
  /** PaymentReceived events written at schema version 1 (read back as the current version). */
  importedV1Events: number;
  events: number;
  eventsByType: Record<string, number>;
  billingFailures: RunContext['billingFailures'];
}

export class AlreadySeededError extends Error {
  constructor() {
    super('The demo data is already seeded: the demo accounts (manager@example.com, ...) exist.');
    this.name = 'AlreadySeededError';
  }
}

const count = async (runtime: Runtime, query: ReturnType<typeof sql>): Promise<number> =>
  Number((await rows<{ n: string | number }>(runtime.database.db, query))[0]?.n ?? 0);

/** No events and no users: a database nobody has used yet. */
export async function isDatabaseEmpty(runtime: Runtime): Promise<boolean> {
  if (await hasEvents(runtime.database.db)) return false;
  const users = await count(runtime, sql`SELECT count(*) AS n FROM (SELECT 1 FROM users LIMIT 1) u`);
  return users === 0;
}

export async function seedDemoData(runtime: Runtime, options: SeedOptions = {}): Promise<SeedReport> {
  const started = performance.now();
  const today = options.today ?? seedingDay(new Date());
  if (!isIsoDate(today))
    throw new Error(`seedDemoData: today must be a date written YYYY-MM-DD, got "${today}".`);
  const emails = Object.values(DEMO_ACCOUNTS).map((account) => account.email);
  const taken = await count(
    runtime,
    sql`SELECT count(*) AS n FROM users WHERE email IN (${sql.join(
      emails.map((email) => sql`${email}`),
      sql`, `,
    )})`,
  );
  if (taken > 0) throw new AlreadySeededError();
  const progress = options.onProgress ?? (() => {});
  const rng = mulberry32(SEED);
  const portfolio = buildPortfolio(today, rng);
  const timeline = buildTimeline(portfolio, today, rng);
  const from = addDays(today, -365);
  const ctx: RunContext = {
    runtime: seedingRuntime(runtime),
    portfolio,
    at: recordingClock(),
    tally: { payments: 0, paymentsSkipped: 0, billingRuns: 0, imported: 0 },
    billingFailures: [],
  };

  // One hash for every account keeps seeding fast (argon2 is slow on purpose).
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const [i, user] of portfolio.users.entries()) {
    await insertUser(runtime.database.db, { ...user, passwordHash });
    progress({ phase: 'accounts', done: i + 1, total: portfolio.users.length });
  }

  const manager: Actor = { userId: portfolio.manager.id, role: 'manager', name: portfolio.manager.name };
  for (const property of portfolio.properties) {
    const { name, address, timeZone } = PROPERTIES[property.index] as (typeof PROPERTIES)[number];
    const registered = await registerProperty(
      runtime,
      { name, address, timeZone, managerId: portfolio.manager.id, units: property.units },
      {
        actor: manager,
        correlationId: `seed-property-${property.index}`,
        source: 'seed',
        commandId: property.commandId,
        now: ctx.at(addDays(from, -30), 9 * 60),
        backdate: true,
      },
    );
    if (registered.propertyId !== property.propertyId)
      throw new Error('Seed property id is not the planned one.');
    progress({ phase: 'properties', done: property.index + 1, total: portfolio.properties.length });
  }

  await runHistory(ctx, timeline, today, (p) => progress({ phase: 'history', ...p }));

  progress({ phase: 'projections', done: 0, total: 1 });
  // Settle, not one catch-up: the last commands' after-commit steps may still hold events behind
  // the commit horizon, and a single pass would leave them for the background runner.
  await runtime.runner.settle(60_000);
  const importedV1Events = await checkImportedEvents(runtime);
  const eventsByType = await eventCountsByType(runtime.database.db, { sources: ['seed', 'import'] });
  progress({ phase: 'done', done: 1, total: 1 });
  return {
    today,
    from,
    durationMs: Math.round(performance.now() - started),
    users: portfolio.users.length,
    properties: portfolio.properties.length,
    units: portfolio.properties.reduce((sum, property) => sum + property.units.length, 0),
    leases: portfolio.leases.length,
    maintenanceRequests: eventsByType.MaintenanceRequested ?? 0,
    notices: eventsByType.NoticePosted ?? 0,
    payments: ctx.tally.payments + ctx.tally.imported,
    billingRuns: ctx.tally.billingRuns,
    importedV1Events,
    events: Object.values(eventsByType).reduce((sum, n) => sum + n, 0),
    eventsByType,
    billingFailures: ctx.billingFailures,
  };
}

/** The v1 events must read back at the current version (integer cents, purpose rent) through the upcasters. */
async function checkImportedEvents(runtime: Runtime): Promise<number> {
  const streams = await streamsWithStoredVersion(runtime.database.db, 'PaymentReceived', 1);
  let found = 0;
  for (const streamId of streams) {
    for (const event of await runtime.store.readStream(streamId)) {
      if (event.eventType !== 'PaymentReceived' || event.storedSchemaVersion !== 1) continue;
      const data = event.data as { amountCents?: unknown; purpose?: unknown };
      if (event.schemaVersion !== 3 || !Number.isInteger(data.amountCents) || data.purpose !== 'rent') {
        throw new Error(`Imported event ${event.eventId} does not read back as PaymentReceived v3.`);
      }
      found += 1;
    }
  }
  return found;
}
