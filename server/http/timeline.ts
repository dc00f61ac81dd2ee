// The event store as the API shows it: stored events, a lease folded as of a time or version,
// and the streamed timeline export (CSV or JSON).
import 'server-only';
import { folderOf } from '../commands/handle';
import { type LeaseState, leaseDecider, leaseStatusOn, leaseStreamId } from '../domain/lease';
import type { StoredEvent } from '../eventstore';
import type { Runtime } from '../runtime';

/** `{globalPosition, streamId, version, eventId, eventType, schemaVersion, data, metadata, recordedAt, hash}` */
export const eventBody = (event: StoredEvent) => ({
  globalPosition: event.globalPosition,
  streamId: event.streamId,
  version: event.version,
  eventId: event.eventId,
  eventType: event.eventType,
  schemaVersion: event.schemaVersion,
  data: event.data,
  metadata: event.metadata,
  recordedAt: event.recordedAt,
  hash: event.hash,
});

/** The lease folded up to a recorded instant and/or a version; null if it did not exist then. */
export async function leaseStateAt(
  runtime: Runtime,
  leaseId: string,
  at: { asOf?: string; version?: number },
) {
  const events = await runtime.store.readStream(leaseStreamId(leaseId), {
    asOf: at.asOf,
    toVersion: at.version,
  });
  const folder = folderOf(leaseDecider);
  let state: LeaseState = folder.initialState;
  for (const event of events) state = folder.evolve(state, event);
  if (state.status === 'none') return null;
  // "Ended" depends on the date: judged on the asOf day (today without one).
  const effectiveAsOf = new Date(at.asOf ?? Date.now()).toISOString();
  return {
    leaseId,
    version: events.at(-1)?.version ?? 0,
    asOf: effectiveAsOf,
    state: {
      status: leaseStatusOn(state, effectiveAsOf.slice(0, 10)),
      balanceCents: state.balanceCents,
      monthlyRentCents: state.monthlyRentCents,
      endDate: state.endDate,
      periods: state.periods.map(({ period, chargedCents, paidCents, lateFeeCents, completed }) => ({
        period,
        chargedCents,
        paidCents,
        lateFeeCents,
        completed,
      })),
    },
  };
}

export const CSV_COLUMNS = [
  'version',
  'eventType',
  'schemaVersion',
  'storedSchemaVersion',
  'recordedAt',
  'effectiveDate',
  'actorName',
  'actorRole',
  'actorUserId',
  'source',
  'correlationId',
  'causationId',
  'commandId',
  'eventId',
  'globalPosition',
  'data',
  'hash',
] as const;

const csvCell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) || /^[=+\-@\t]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

function effectiveDateOf(data: unknown): string {
  if (data && typeof data === 'object') {
    const d = data as Record<string, unknown>;
    for (const key of ['paymentDate', 'period', 'dueDate', 'effectiveDate']) {
      if (typeof d[key] === 'string') return d[key];
    }
  }
  return '';
}

export function csvRow(event: StoredEvent): string {
  const m = event.metadata;
  return `${[
    event.version,
    event.eventType,
    event.schemaVersion,
    event.storedSchemaVersion,
    event.recordedAt,
    effectiveDateOf(event.data),
    m.actor.name,
    m.actor.role,
    m.actor.userId,
    m.source,
    m.correlationId,
    m.causationId,
    m.commandId,
    event.eventId,
    event.globalPosition,
    JSON.stringify(event.data),
    event.hash,
  ]
    .map(csvCell)
    .join(',')}\r\n`;
}

const PAGE = 500;

/** Streams a lease's whole timeline, a page of events at a time. */
export function exportStream(
  runtime: Runtime,
  leaseId: string,
  format: 'csv' | 'json',
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const streamId = leaseStreamId(leaseId);
  let fromVersion = 1;
  let started = false;
  let first = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(
          encoder.encode(
            format === 'csv'
              ? `${CSV_COLUMNS.join(',')}\r\n`
              : `{"leaseId":${JSON.stringify(leaseId)},"exportedAt":"${new Date().toISOString()}","events":[`,
          ),
        );
        return;
      }
      const page = await runtime.store.readStream(streamId, { fromVersion, limit: PAGE });
      const text = page
        .map((event) => {
          if (format === 'csv') return csvRow(event);
          const item = `${first ? '' : ','}\n${JSON.stringify({ ...eventBody(event), storedSchemaVersion: event.storedSchemaVersion })}`;
          first = false;
          return item;
        })
        .join('');
      if (text) controller.enqueue(encoder.encode(text));
      const last = page.at(-1);
      if (page.length < PAGE || !last) {
        if (format === 'json') controller.enqueue(encoder.encode('\n]}\n'));
        controller.close();
        return;
      }
      fromVersion = last.version + 1;
    },
  });
}
