// Every server call the scale bench makes, in one place: when the read side or the auditor's
// functions change names or shapes, this file is the only one to fix.
import 'server-only';
import { auditTimelinePage } from '../../server/queries/audit-timeline';
import { exportStream, leaseStateAt } from '../../server/queries/lease-history';
import { listLeases } from '../../server/queries/leases';
import { cachedManagerAnalytics, getManagerAnalytics } from '../../server/queries/manager-analytics';
import { searchProperties } from '../../server/queries/properties';
import type { Reader } from '../../server/queries/scope';
import { getTenantDashboard } from '../../server/queries/tenant-dashboard';
import type { Runtime } from '../../server/runtime';
import type { BenchManifest } from '../data/manifest';

export type QueryScenario = { name: string; run: (i: number) => Promise<unknown> };

const shift = (day: string, months: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
};

export function queryScenarios(runtime: Runtime, manifest: BenchManifest): QueryScenario[] {
  const db = runtime.database.db;
  const today = manifest.today;
  const manager: Reader = { userId: manifest.bigManager.id, role: 'manager' };
  const tenant: Reader = { userId: manifest.tenant.id, role: 'tenant' };
  const big = manifest.bigLeaseId;
  const events = manifest.bigLeaseEvents;
  const scenarios: QueryScenario[] = [
    { name: 'tenant dashboard', run: () => getTenantDashboard(db, tenant, { today }) },
    {
      name: 'manager analytics (12 months, big manager)',
      run: () => getManagerAnalytics(db, manager, { from: shift(today, -12), to: today, today }),
    },
    {
      // What the API and the page run: the same answer while the read models stand still (the
      // bench writes nothing), so this is the version check and a cache hit.
      name: 'manager analytics through the read cache (read models unchanged)',
      run: () => cachedManagerAnalytics(db, manager, { from: shift(today, -12), to: today, today }),
    },
    { name: 'lease list, first page (50)', run: () => listLeases(db, manager, { limit: 50, today }) },
    {
      name: 'lease search "tenant 12"',
      run: () => listLeases(db, manager, { q: 'tenant 12', limit: 50, today }),
    },
    {
      name: 'property search "oak"',
      run: () => searchProperties(db, manager, { q: 'oak', limit: 50, today }),
    },
    {
      name: 'property search vacant, rent range',
      run: () =>
        searchProperties(db, manager, {
          vacant: true,
          minRentCents: 100_000,
          maxRentCents: 250_000,
          limit: 50,
          today,
        }),
    },
  ];
  if (big) {
    scenarios.push(
      {
        name: `audit timeline first page (${events}-event lease)`,
        run: () => auditTimelinePage(runtime, big),
      },
      {
        name: 'audit timeline last page',
        run: () => auditTimelinePage(runtime, big, { fromVersion: events }),
      },
      {
        name: 'time travel to the middle version',
        run: () => leaseStateAt(runtime, big, { version: Math.floor(events / 2) + 1 }),
      },
      { name: 'time travel to a date', run: () => leaseStateAt(runtime, big, { asOf: shift(today, -6) }) },
      { name: 'verify the chain', run: () => runtime.store.verifyStream(`lease-${big}`) },
      {
        name: 'CSV export (whole lease)',
        run: async () => {
          const reader = exportStream(runtime, big, 'csv').getReader();
          while (!(await reader.read()).done) {}
        },
      },
    );
  }
  return scenarios;
}
