// The record of billing runs (billing_runs): the daily run happens once per key (each property
// zone's local date) across processes, every recorded run ends done, stopped or failed with its
// report, and a run stopped by a shutdown is not taken for done.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBilling } from '@/server/commands/billing';
import { rows } from '@/server/db/client';
import { createRuntime, type Runtime } from '@/server/runtime';
import { freshDatabase, type TestDatabase } from '../support/db';
import { aLease, aProperty } from '../support/runtime';

let database: TestDatabase;
let runtime: Runtime;

beforeAll(async () => {
  database = await freshDatabase();
  runtime = createRuntime(database);
  const { propertyId, unitA } = await aProperty(runtime);
  await aLease(runtime, { propertyId, unitId: unitA });
});
afterAll(() => database?.close());

const runsOf = (key: string) =>
  rows<{
    trigger: string;
    status: string;
    as_of: string;
    report: { leases: number } | null;
    finished: boolean;
  }>(
    database.db,
    sql`SELECT trigger, status, as_of::text, report, finished_at IS NOT NULL AS finished
        FROM billing_runs WHERE daily_key = ${key} ORDER BY started_at`,
  );

describe('billing runs', () => {
  it('the daily run is done once per key; a new key runs again', async () => {
    const key = 'UTC=2027-04-01';
    const first = await runBilling(runtime, { asOf: '2027-04-01', trigger: 'daily', dailyKey: key });
    expect(first.status).toBe('done');
    const second = await runBilling(runtime, { asOf: '2027-04-01', trigger: 'daily', dailyKey: key });
    expect(second.status).toBe('already_done');
    expect(await runsOf(key)).toEqual([
      {
        trigger: 'daily',
        status: 'done',
        as_of: '2027-04-01',
        report: expect.objectContaining({ leases: 1 }),
        finished: true,
      },
    ]);
    const next = await runBilling(runtime, {
      asOf: '2027-04-01',
      trigger: 'daily',
      dailyKey: 'UTC=2027-04-02',
    });
    expect(next.status).toBe('done');
  });

  it('a run stopped between leases is recorded as stopped, and the daily key runs again', async () => {
    const key = 'UTC=2027-05-01';
    const stopped = await runBilling(runtime, {
      asOf: '2027-05-01',
      trigger: 'daily',
      dailyKey: key,
      shouldStop: () => true,
    });
    expect(stopped).toMatchObject({ status: 'done', report: { stopped: true, leasesChanged: 0 } });
    expect((await runsOf(key)).map((run) => run.status)).toEqual(['stopped']);
    expect((await runBilling(runtime, { asOf: '2027-05-01', trigger: 'daily', dailyKey: key })).status).toBe(
      'done',
    );
    expect((await runsOf(key)).map((run) => run.status)).toEqual(['stopped', 'done']);
  });

  it('runs without a trigger (the seed, tests) leave no record; api and cli runs do', async () => {
    const count = async () =>
      Number(
        (await rows<{ n: number }>(database.db, sql`SELECT count(*)::int AS n FROM billing_runs`))[0]?.n,
      );
    const before = await count();
    await runBilling(runtime, { asOf: '2027-06-01' });
    expect(await count()).toBe(before);
    await runBilling(runtime, { asOf: '2027-06-01', trigger: 'cli' });
    expect(await count()).toBe(before + 1);
  });
});
