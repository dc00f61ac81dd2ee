// Generates the benchmark portfolio into an open, migrated, empty database: users, properties,
// leases with their histories, the long lease; written lease by lease (one transaction each, a few
// leases at once) so memory stays flat. Read models are left to the projections (see bench-data).
import 'server-only';
import { hashPassword } from '../../server/auth/passwords';
import { insertUser } from '../../server/auth/users';
import type { Database } from '../../server/db/client';
import type { Runtime } from '../../server/runtime';
import type { BenchManifest } from './manifest';
import {
  BENCH_PASSWORD,
  type PlanOptions,
  planPortfolio,
  runBigLease,
  runLease,
  runProperties,
} from './portfolio';
import { type BulkWriter, createBulkWriter } from './writer';

export interface GenerateProgress {
  leases: number;
  events: number;
}

export async function generatePortfolio(
  runtime: Runtime,
  options: PlanOptions & { lanes?: number; onProgress?: (progress: GenerateProgress) => void },
): Promise<Omit<BenchManifest, 'createdAt' | 'projectionSeconds'>> {
  const started = performance.now();
  const database: Database = runtime.database;
  const plan = planPortfolio(options);
  const writer = createBulkWriter({
    registry: runtime.store.registry,
    defaultTimeZone: runtime.defaultTimeZone,
    snapshotEvery: runtime.store.snapshotEvery,
  });
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  await database.db.transaction(async (tx) => {
    for (const user of plan.users) await insertUser(tx, { ...user, passwordHash });
  });

  runProperties(plan, writer);
  const propertyStreams = writer.pendingStreams();
  await database.db.transaction(async (tx) => {
    for (const streamId of propertyStreams) await writer.write(tx, streamId);
  });

  const refusals: Record<string, number> = {};
  let written = 0;
  let leasesDone = 0;
  const writeLease = async (streams: string[]) => {
    await database.db.transaction(async (tx) => {
      for (const streamId of streams) written += await writer.write(tx, streamId);
    });
    for (const streamId of streams) writer.forget(streamId);
  };
  const bigLease = options.bigLeaseEvents > 0 ? runBigLease(plan, writer, options.bigLeaseEvents) : undefined;
  if (bigLease) await writeLease(bigLease.streams);

  let next = 0;
  let tenantLease = '';
  const lane = async () => {
    for (;;) {
      const index = next++;
      if (index >= options.leases) return;
      const outcome = runLease(plan, writer, index);
      if (index === 0) tenantLease = outcome.leaseId;
      for (const [code, n] of Object.entries(outcome.refusals)) refusals[code] = (refusals[code] ?? 0) + n;
      await writeLease(outcome.streams);
      leasesDone += 1;
      options.onProgress?.({ leases: leasesDone, events: written });
    }
  };
  const lanes = database.kind === 'pglite' ? 1 : (options.lanes ?? 6);
  await Promise.all(Array.from({ length: lanes }, lane));
  checkAllWritten(writer);

  const bigManager = plan.managers[0];
  const tenant = plan.tenantOf(0);
  const auditor = plan.users.find((u) => u.role === 'auditor');
  if (!bigManager || !auditor) throw new Error('unreachable');
  const bigManagerLeases = Array.from({ length: options.leases }, (_, i) => plan.unitOf(i).property).filter(
    (p) => plan.properties[p]?.managerIndex === 0,
  ).length;
  return {
    seed: options.seed,
    today: options.today,
    leases: options.leases + (bigLease ? 1 : 0),
    properties: plan.properties.length,
    units: plan.properties.reduce((sum, p) => sum + p.units.length, 0),
    events: writer.events,
    commands: writer.commands,
    bigLeaseId: bigLease?.leaseId ?? '',
    bigLeaseEvents: options.bigLeaseEvents,
    bigManager: { id: bigManager.id, email: bigManager.email, leases: bigManagerLeases + (bigLease ? 1 : 0) },
    tenant: { id: tenant.id, email: tenant.email, leaseId: tenantLease },
    auditor: { id: auditor.id, email: auditor.email },
    password: BENCH_PASSWORD,
    refusals,
    writeSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

function checkAllWritten(writer: BulkWriter): void {
  const left = writer.pendingStreams();
  if (left.length > 0) throw new Error(`${left.length} streams were decided but not written.`);
}
