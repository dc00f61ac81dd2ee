// The auditor's per-lease timeline, read from the event store itself (the source of truth): a page
// of events with who/when/why, what each one changed (state folded with the lease decider's own
// evolve), and links from an event to the event that caused it. Also the recent-activity start of
// the global feed. Questions about the stored events go to the event store (eventstore/queries.ts).
import 'server-only';
import { NotFoundError } from '../auth/errors';
import { type Actor, assertCanReadLease, leaseAccessOf } from '../auth/policy';
import type { Executor } from '../db/client';
import {
  depositOf,
  foldLeaseSteps,
  type Lease,
  type LeaseEvent,
  type LeaseState,
  type LeaseStatus,
  leaseDecider,
  leaseStatusOn,
  leaseStreamId,
  type PeriodLine,
} from '../domain/lease';
import type { EventMetadata, JsonValue, StoredEvent } from '../eventstore';
import { folderOf } from '../eventstore/folder';
import { findEventsById, recentCursor, streamSummary } from '../eventstore/queries';
import type { Runtime } from '../runtime';
import { getLease, type LeaseSummary, listLeases } from './leases';
import type { Reader } from './scope';

/** Events per timeline page: a 10,000-event lease renders one page at a time. */
export const TIMELINE_PAGE_SIZE = 200;

export interface PeriodSummary {
  period: string;
  chargedCents: number;
  paidCents: number;
  lateFeeCents: number;
  completed: boolean;
}

export interface StateSummary {
  /** "none" before LeaseCreated. */
  status: LeaseStatus | 'none';
  balanceCents: number;
  /** The security deposit held (apart from the balance). */
  depositHeldCents: number;
}

export interface PeriodChange {
  period: string;
  before: PeriodSummary | null;
  after: PeriodSummary | null;
}

/** What one event did to the lease: before → after. */
export interface StateChange {
  before: StateSummary;
  after: StateSummary;
  periods: PeriodChange[];
}

export interface TimelineCause {
  eventId: string;
  /** Set when the cause is an event of this lease's stream (the link target). */
  version: number | null;
  eventType: string;
  streamId: string;
}

export interface TimelineEvent {
  version: number;
  globalPosition: number;
  eventId: string;
  eventType: string;
  schemaVersion: number;
  storedSchemaVersion: number;
  recordedAt: string;
  /** Payment date, period, due date or effective date from the data ('' when the event has none). */
  effectiveDate: string;
  data: JsonValue;
  metadata: EventMetadata;
  hash: string;
  /** The event named by metadata.causationId, when it is an event (not a command id). */
  cause: TimelineCause | null;
  change: StateChange;
}

export interface TimelinePage {
  leaseId: string;
  streamId: string;
  totalEvents: number;
  firstRecordedAt: string;
  lastRecordedAt: string;
  fromVersion: number;
  toVersion: number;
  pageSize: number;
  /** Every event type in the stream, for the filter. */
  eventTypes: string[];
  events: TimelineEvent[];
}

const folder = folderOf(leaseDecider);

// In order of preference: a payment's date, a charge's period, then the dates other events carry.
const EFFECTIVE_DATE_KEYS = [
  'paymentDate',
  'period',
  'dueDate',
  'effectiveDate',
  'effectivePeriod',
  'enrolledOn',
  'cancelledOn',
  'startDate',
];

/** The business date an event speaks about, as opposed to when it was recorded. */
export function effectiveDateOf(data: unknown): string {
  if (data && typeof data === 'object') {
    const d = data as Record<string, unknown>;
    for (const key of EFFECTIVE_DATE_KEYS) {
      if (typeof d[key] === 'string') return d[key];
    }
  }
  return '';
}

const periodsOf = (state: LeaseState): PeriodSummary[] =>
  state.status === 'none'
    ? []
    : state.periods.map(({ period, chargedCents, paidCents, lateFeeCents, completed }) => ({
        period,
        chargedCents,
        paidCents,
        lateFeeCents,
        completed,
      }));

const samePeriod = (a: PeriodSummary | undefined, b: PeriodSummary | undefined) =>
  a?.chargedCents === b?.chargedCents &&
  a?.paidCents === b?.paidCents &&
  a?.lateFeeCents === b?.lateFeeCents &&
  a?.completed === b?.completed;

/** Folds events onto `state`, returning each event's change and the state after the last one. */
export function foldWithChanges(state: LeaseState, events: readonly StoredEvent[]) {
  // One stepped fold (O(1) per event apart from what it touches): before/after come from the
  // draft after each event, and only the period lines an event wrote are compared.
  const lines = new Map(periodsOf(state).map((p) => [p.period, p]));
  type Scalars =
    | { status: 'none' }
    | (Pick<Lease, 'startDate' | 'endDate' | 'terminatedOn'> & {
        status: 'live';
        balanceCents: number;
        depositHeldCents: number;
      });
  const scalarsOf = (lease: Lease, balanceCents: number): Scalars => ({
    status: 'live',
    startDate: lease.startDate,
    endDate: lease.endDate,
    ...(lease.terminatedOn === undefined ? {} : { terminatedOn: lease.terminatedOn }),
    balanceCents,
    depositHeldCents: depositOf(lease).heldCents,
  });
  const summaryAt = (scalars: Scalars, day: string): StateSummary =>
    scalars.status === 'none'
      ? { status: 'none', balanceCents: 0, depositHeldCents: 0 }
      : {
          status: leaseStatusOn(scalars, day),
          balanceCents: scalars.balanceCents,
          depositHeldCents: scalars.depositHeldCents,
        };
  let previous: Scalars = state.status === 'none' ? { status: 'none' } : scalarsOf(state, state.balanceCents);
  const changes: StateChange[] = [];
  const domainEvents = events.map((event) => ({ type: event.eventType, data: event.data }) as LeaseEvent);
  const after = foldLeaseSteps(state, domainEvents, (index, view) => {
    const day = (events[index] as StoredEvent).recordedAt.slice(0, 10);
    const next: Scalars = view ? scalarsOf(view.lease, view.balanceCents) : { status: 'none' };
    const periods: PeriodChange[] = [];
    if (view && view.touched.size > 0) {
      const existing: string[] = [];
      const added: string[] = [];
      for (const period of view.touched) (lines.has(period) ? existing : added).push(period);
      for (const period of [...existing.sort(), ...added.sort()]) {
        const line = periodLineIn(view.periods, period);
        const now = line ? summaryOfLine(line) : undefined;
        const old = lines.get(period);
        if (samePeriod(old, now)) continue;
        periods.push({ period, before: old ?? null, after: now ?? null });
        if (now) lines.set(period, now);
        else lines.delete(period);
      }
    }
    changes.push({ before: summaryAt(previous, day), after: summaryAt(next, day), periods });
    previous = next;
  });
  return { changes, state: after };
}

const summaryOfLine = ({
  period,
  chargedCents,
  paidCents,
  lateFeeCents,
  completed,
}: PeriodLine): PeriodSummary => ({
  period,
  chargedCents,
  paidCents,
  lateFeeCents,
  completed,
});

/** The line of `period` in lines sorted by period (binary search). */
function periodLineIn(lines: readonly PeriodLine[], period: string): PeriodLine | undefined {
  let low = 0;
  let high = lines.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const line = lines[middle] as PeriodLine;
    if (line.period === period) return line;
    if (line.period < period) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}

/** The first version of the page that holds `version` (pages are aligned, so permalinks are stable). */
export const pageStartOf = (version: number, pageSize = TIMELINE_PAGE_SIZE): number =>
  Math.floor((Math.max(1, version) - 1) / pageSize) * pageSize + 1;

/** The events named by the page's causation ids (a causation id may also be a command id). */
async function causesOf(db: Executor, streamId: string, events: readonly StoredEvent[]) {
  const ids = events.flatMap((e) => (e.metadata.causationId ? [e.metadata.causationId] : []));
  const found = await findEventsById(db, ids);
  return new Map(
    found.map((ref): [string, TimelineCause] => [
      ref.eventId,
      {
        eventId: ref.eventId,
        version: ref.streamId === streamId ? ref.version : null,
        eventType: ref.eventType,
        streamId: ref.streamId,
      },
    ]),
  );
}

/**
 * The audit page's read: one page of the lease's timeline and the lease itself, for a reader who
 * may see the lease (NotFoundError otherwise, and when the lease has no events).
 */
export async function getAuditTimeline(
  runtime: Runtime,
  reader: Actor,
  leaseId: string,
  options: { fromVersion?: number } = {},
) {
  assertCanReadLease(reader, await leaseAccessOf(runtime, leaseId));
  const [page, lease] = await Promise.all([
    auditTimelinePage(runtime, leaseId, options),
    getLease(runtime.database.db, reader, leaseId),
  ]);
  if (!page) throw new NotFoundError('That lease has no history.');
  return { page, lease };
}

/** One page of a lease's timeline; null when the lease has no events (unauthorised: see above). */
export async function auditTimelinePage(
  runtime: Runtime,
  leaseId: string,
  options: { fromVersion?: number; pageSize?: number } = {},
): Promise<TimelinePage | null> {
  const db = runtime.database.db;
  const streamId = leaseStreamId(leaseId);
  const pageSize = options.pageSize ?? TIMELINE_PAGE_SIZE;
  const summary = await streamSummary(db, streamId);
  if (!summary) return null;
  const totalEvents = summary.events;
  const fromVersion = pageStartOf(Math.min(options.fromVersion ?? 1, totalEvents), pageSize);
  // The state just before the page: the latest snapshot at or below it plus the events after it.
  const start =
    fromVersion > 1
      ? (await runtime.store.load(streamId, folder, { toVersion: fromVersion - 1 })).state
      : folder.initialState;
  const events = await runtime.store.readStream(streamId, { fromVersion, limit: pageSize });
  const { changes } = foldWithChanges(start, events);
  const causes = await causesOf(db, streamId, events);
  return {
    leaseId,
    streamId,
    totalEvents,
    firstRecordedAt: summary.firstRecordedAt,
    lastRecordedAt: summary.lastRecordedAt,
    fromVersion,
    toVersion: events.at(-1)?.version ?? fromVersion,
    pageSize,
    eventTypes: summary.eventTypes,
    events: events.map((event, index) => ({
      version: event.version,
      globalPosition: event.globalPosition,
      eventId: event.eventId,
      eventType: event.eventType,
      schemaVersion: event.schemaVersion,
      storedSchemaVersion: event.storedSchemaVersion,
      recordedAt: event.recordedAt,
      effectiveDate: effectiveDateOf(event.data),
      data: event.data,
      metadata: event.metadata,
      hash: event.hash,
      cause: (event.metadata.causationId && causes.get(event.metadata.causationId)) || null,
      change: changes[index] as StateChange,
    })),
  };
}

/**
 * A feed cursor `back` committed events before the end of the commit-safe log, so the activity feed
 * opens on recent activity and then follows new events as they commit (through readAll).
 */
export const recentFeedCursor = (db: Executor, back: number): Promise<string> => recentCursor(db, back);

const LEASE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The auditor's lease search: a lease id finds that lease; words match tenant, property, address, unit. */
export async function findLeasesForAudit(db: Executor, reader: Reader, q: string): Promise<LeaseSummary[]> {
  const text = q.trim();
  if (!text) return [];
  if (LEASE_ID.test(text)) {
    const lease = await getLease(db, reader, text.toLowerCase());
    return lease ? [lease] : [];
  }
  return (await listLeases(db, reader, { q: text, limit: 50 })).leases;
}
