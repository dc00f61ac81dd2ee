// History "imported from the previous system": PaymentReceived at schema version 1 (a dollar
// float, no currency, no allocations), appended straight to the store with source `import`, as
// the older release wrote it. The domain decides the payment first, so it is valid and the
// MonthlyPaymentCompleted it causes is recorded too; evolve derives the allocations on read.
import { uuidFromSeed } from '../commands/ids';
import { type LeaseEvent, leaseDecider, leaseStreamId } from '../domain/lease';
import type { NewEvent } from '../eventstore';
import { folderOf } from '../eventstore/folder';
import type { Runtime } from '../runtime';
import type { SeedLease } from './portfolio';

const IMPORT_ACTOR = { userId: null, role: 'system', name: 'Import from previous system' } as const;

/** Appends one v1 payment paying what is owed on `day`; false when nothing was owed. */
export async function appendV1Payment(
  runtime: Runtime,
  lease: SeedLease,
  day: string,
  recordedAt: Date,
  key: string,
): Promise<boolean> {
  const streamId = leaseStreamId(lease.leaseId);
  const loaded = await runtime.store.load(streamId, folderOf(leaseDecider));
  if (loaded.state.status === 'none') throw new Error(`Seed lease ${lease.leaseId} does not exist.`);
  const amountCents = loaded.state.balanceCents;
  if (amountCents <= 0) return false;
  const commandId = `seed:${key}`;
  const paymentId = uuidFromSeed(`payment:${commandId}`);
  let n = 0;
  const decided = leaseDecider.decide(
    {
      type: 'ReceivePayment',
      paymentId,
      amountCents,
      paymentDate: day,
      method: 'check',
      actorRole: 'manager',
    },
    loaded.state,
    { now: recordedAt, newId: () => uuidFromSeed(`${commandId}:id:${n++}`) },
  );
  const events = decided.map((event: LeaseEvent, index): NewEvent => {
    const eventId = uuidFromSeed(`${commandId}:event:${index}`);
    if (event.type !== 'PaymentReceived') return { type: event.type, data: event.data, eventId };
    const { paymentDate, method } = event.data;
    // An older release stored dollars as a float.
    const v1 = { paymentId, amount: event.data.amountCents / 100, paymentDate, method };
    return { type: 'PaymentReceived', schemaVersion: 1, data: v1, eventId };
  });
  const result = await runtime.store.append(streamId, events, {
    expectedVersion: loaded.version,
    commandId,
    metadata: {
      actor: IMPORT_ACTOR,
      correlationId: `seed-import-${lease.index}`,
      causationId: null,
      source: 'import',
    },
    recordedAt: recordedAt.toISOString(),
  });
  await runtime.runner.waitFor(result.cursor);
  return !result.duplicate;
}
