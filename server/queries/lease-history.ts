// A lease's history as the API shows it: its stored events, the lease folded as of a time or
// version, the hash chain verified, and the streamed timeline export (CSV or JSON); plus the
// global event feed. Each read authorises itself through the policy (server/auth/policy.ts).
import 'server-only';
import { ForbiddenError, NotFoundError } from '../auth/errors';
import {
  type Actor,
  assertCanAuditLease,
  assertCanReadLease,
  canReadEventFeed,
  leaseAccessOf,
} from '../auth/policy';
import {
  depositOf,
  type Lease,
  type LeaseState,
  leaseDecider,
  leaseStatusOn,
  leaseStreamId,
} from '../domain/lease';
import type { StoredEvent } from '../eventstore';
import { folderOf } from '../eventstore/folder';
import { versionRecordedBy } from '../eventstore/queries';
import type { Runtime } from '../runtime';
import { effectiveDateOf, foldWithChanges, type StateChange } from './audit-timeline';

/** `{globalPosition, streamId, version, eventId, eventType, schemaVersion, data, metadata, recordedAt, hash}` */
const eventBody = (event: StoredEvent) => ({
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

/**
 * The lease folded up to a recorded instant and/or a version; null if it did not exist then.
 * A stream's recorded times never go backwards, so "recorded by asOf" is a version prefix, and
 * the fold can start from the latest snapshot below it (a 10,000-event lease stays fast).
 * Unauthorised (CLIs and benches): requests go through `getLeaseStateAt`.
 */
/** The deposit as the state API shows it: required, held, and how it was settled (once settled). */
function depositFields(lease: Lease) {
  const { requiredCents, heldCents, settlement } = depositOf(lease);
  return {
    depositRequiredCents: requiredCents,
    depositHeldCents: heldCents,
    ...(settlement
      ? {
          depositSettlement: {
            settledOn: settlement.settledOn,
            heldCents: settlement.heldCents,
            deductionsCents: settlement.deductionsCents,
            appliedToDeductionsCents: settlement.appliedToDeductionsCents,
            appliedToBalanceCents: settlement.appliedToBalanceCents,
            refundedCents: settlement.refundedCents,
            refundMethod: settlement.refundMethod,
          },
        }
      : {}),
  };
}

export async function leaseStateAt(
  runtime: Runtime,
  leaseId: string,
  at: { asOf?: string; version?: number },
) {
  const streamId = leaseStreamId(leaseId);
  let toVersion = at.version;
  if (at.asOf !== undefined) {
    const recorded = await versionRecordedBy(runtime.database.db, streamId, at.asOf);
    toVersion = toVersion === undefined ? recorded : Math.min(toVersion, recorded);
  }
  const { state, version } = await runtime.store.load(streamId, folderOf(leaseDecider), { toVersion });
  if (state.status === 'none') return null;
  // "Ended" depends on the date: judged on the asOf day (today without one).
  const effectiveAsOf = new Date(at.asOf ?? Date.now()).toISOString();
  return {
    leaseId,
    version,
    asOf: effectiveAsOf,
    state: {
      status: leaseStatusOn(state, effectiveAsOf.slice(0, 10)),
      balanceCents: state.balanceCents,
      monthlyRentCents: state.monthlyRentCents,
      endDate: state.endDate,
      ...depositFields(state),
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
  'statusBefore',
  'statusAfter',
  'balanceBeforeCents',
  'balanceAfterCents',
  'periodChanges',
  'depositHeldBeforeCents',
  'depositHeldAfterCents',
] as const;

const csvCell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) || /^[=+\-@\t]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** `2026-03 paid 0→150000, completed false→true; …`: the periods an event changed. */
const periodChangesText = (change: StateChange): string =>
  change.periods
    .map(({ period, before, after }) => {
      const parts = (['chargedCents', 'paidCents', 'lateFeeCents', 'completed'] as const)
        .filter((key) => before?.[key] !== after?.[key])
        .map((key) => `${key} ${before?.[key] ?? '-'}→${after?.[key] ?? '-'}`);
      return `${period} ${parts.join(', ')}`;
    })
    .join('; ');

function csvRow(event: StoredEvent, change: StateChange): string {
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
    change.before.status,
    change.after.status,
    change.before.balanceCents,
    change.after.balanceCents,
    periodChangesText(change),
    change.before.depositHeldCents,
    change.after.depositHeldCents,
  ]
    .map(csvCell)
    .join(',')}\r\n`;
}

const PAGE = 500;

/** Streams a lease's whole timeline, a page of events at a time (unauthorised: CLIs and benches). */
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
  // The state is folded across pages so every row carries the change its event made.
  let state: LeaseState = folderOf(leaseDecider).initialState;
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
      const folded = foldWithChanges(state, page);
      state = folded.state;
      const text = page
        .map((event, index) => {
          const change = folded.changes[index] as StateChange;
          if (format === 'csv') return csvRow(event, change);
          const item = `${first ? '' : ','}\n${JSON.stringify({
            ...eventBody(event),
            storedSchemaVersion: event.storedSchemaVersion,
            effectiveDate: effectiveDateOf(event.data),
            change,
          })}`;
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

// ---- the reads, authorised ------------------------------------------------------------------

/** A page of the lease's events, upcast (404 unless the actor may read the lease). */
export async function getLeaseEvents(
  runtime: Runtime,
  actor: Actor,
  leaseId: string,
  page: { fromVersion?: number; limit?: number },
) {
  assertCanReadLease(actor, await leaseAccessOf(runtime, leaseId));
  const events = await runtime.store.readStream(leaseStreamId(leaseId), {
    fromVersion: page.fromVersion,
    limit: page.limit ?? 1000,
  });
  return { events: events.map(eventBody) };
}

/** The lease as of a recorded time and/or version (404 if it did not exist then). */
export async function getLeaseStateAt(
  runtime: Runtime,
  actor: Actor,
  leaseId: string,
  at: { asOf?: string; version?: number },
) {
  assertCanReadLease(actor, await leaseAccessOf(runtime, leaseId));
  const found = await leaseStateAt(runtime, leaseId, at);
  if (!found) throw new NotFoundError('The lease did not exist at that point.');
  return found;
}

/** Recomputes the lease stream's hash chain: its manager and auditors (admins too). */
export async function verifyLease(runtime: Runtime, actor: Actor, leaseId: string) {
  assertCanAuditLease(actor, await leaseAccessOf(runtime, leaseId));
  return runtime.store.verifyStream(leaseStreamId(leaseId));
}

/** The lease's full timeline as a stream of CSV or JSON: its manager and auditors (admins too). */
export async function exportLeaseTimeline(
  runtime: Runtime,
  actor: Actor,
  leaseId: string,
  format: 'csv' | 'json',
): Promise<ReadableStream<Uint8Array>> {
  assertCanAuditLease(actor, await leaseAccessOf(runtime, leaseId));
  return exportStream(runtime, leaseId, format);
}

/** The global feed in commit-safe order, optionally only some event and stream types. */
export async function readEventFeed(
  runtime: Runtime,
  actor: Actor,
  query: { after?: string; limit?: number; eventTypes?: string[]; streamTypes?: string[] },
) {
  if (!canReadEventFeed(actor)) throw new ForbiddenError('Only auditors and admins read the event feed.');
  const page = await runtime.store.readAll({
    after: query.after,
    limit: query.limit ?? 500,
    eventTypes: query.eventTypes,
    streamTypes: query.streamTypes,
  });
  return { events: page.events.map(eventBody), next: page.next };
}
