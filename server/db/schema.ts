// Drizzle schema: the event store tables and the projection bookkeeping.
// Read-model tables live beside their projection and are re-exported here for drizzle-kit.
import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { xid8 } from './columns';

export const events = pgTable(
  'events',
  {
    globalPosition: bigint('global_position', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    streamId: text('stream_id').notNull(),
    streamType: text('stream_type').notNull(),
    version: integer('version').notNull(),
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    schemaVersion: integer('schema_version').notNull(),
    data: jsonb('data').notNull(),
    metadata: jsonb('metadata').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, precision: 3, mode: 'string' }).notNull(),
    txId: xid8('tx_id').notNull().default(sql`pg_current_xact_id()`),
    hash: text('hash').notNull(),
  },
  (t) => [
    uniqueIndex('events_stream_version_uq').on(t.streamId, t.version),
    uniqueIndex('events_event_id_uq').on(t.eventId),
    index('events_commit_order_idx').on(t.txId, t.globalPosition),
    index('events_type_idx').on(t.eventType),
  ],
);

export const streams = pgTable('streams', {
  streamId: text('stream_id').primaryKey(),
  streamType: text('stream_type').notNull(),
  version: integer('version').notNull(),
  lastHash: text('last_hash').notNull(),
  lastRecordedAt: timestamp('last_recorded_at', {
    withTimezone: true,
    precision: 3,
    mode: 'string',
  }).notNull(),
  /** Every event type the stream holds, sorted (the audit timeline's filter, without a scan). */
  eventTypes: text('event_types').array().notNull().default(sql`'{}'::text[]`),
});

/**
 * Idempotency: the first result of each command id, and for HTTP the response to replay. A row
 * without a stream records a reply only (a request that appended nothing, or touched many streams).
 */
export const processedCommands = pgTable('processed_commands', {
  commandId: text('command_id').primaryKey(),
  streamId: text('stream_id'),
  requestHash: text('request_hash').notNull(),
  result: jsonb('result').notNull(),
  /** `{status, body}` of the HTTP response to replay for this command id. */
  reply: jsonb('reply'),
  recordedAt: timestamp('recorded_at', { withTimezone: true, precision: 3, mode: 'string' })
    .notNull()
    .defaultNow(),
});

export const snapshots = pgTable(
  'snapshots',
  {
    streamId: text('stream_id').notNull(),
    version: integer('version').notNull(),
    stateSchemaVersion: integer('state_schema_version').notNull(),
    state: jsonb('state').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3, mode: 'string' })
      .notNull()
      .defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.streamId, t.version] })],
);

export const projectionCheckpoints = pgTable('projection_checkpoints', {
  name: text('name').primaryKey(),
  txId: xid8('tx_id').notNull().default(sql`'0'::xid8`),
  globalPosition: bigint('global_position', { mode: 'number' }).notNull().default(0),
  eventsProcessed: bigint('events_processed', { mode: 'number' }).notNull().default(0),
  status: text('status', { enum: ['ok', 'failing', 'rebuilding'] })
    .notNull()
    .default('ok'),
  lastError: text('last_error'),
  failedTxId: xid8('failed_tx_id'),
  failedPosition: bigint('failed_position', { mode: 'number' }),
  updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3, mode: 'string' })
    .notNull()
    .defaultNow(),
});

/**
 * The last version of each stream a projection has applied: the command's after-commit step and
 * the background runner both check it, so every event is applied once whoever gets there first.
 */
export const projectionStreams = pgTable(
  'projection_streams',
  {
    projection: text('projection').notNull(),
    streamId: text('stream_id').notNull(),
    version: integer('version').notNull(),
    /**
     * The version the latest claim replaced: a claim moves `version` forward and reads this back
     * in the same statement, so it learns what was applied before it in one round trip.
     */
    previousVersion: integer('previous_version').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.projection, t.streamId] })],
);

/**
 * Streams a projection has set aside: one of their events made its handler fail for a reason a
 * retry will not cure (a value the read table cannot hold, a bug). The projection skips the
 * stream's later events and goes on with every other stream; the runner retries the stream now
 * and then and takes it back once it applies (docs/security.md, "Poison events").
 */
export const projectionParkedStreams = pgTable(
  'projection_parked_streams',
  {
    projection: text('projection').notNull(),
    streamId: text('stream_id').notNull(),
    /** The event that failed. */
    globalPosition: bigint('global_position', { mode: 'number' }).notNull(),
    version: integer('version').notNull(),
    eventType: text('event_type').notNull(),
    lastError: text('last_error').notNull(),
    attempts: integer('attempts').notNull().default(1),
    parkedAt: timestamp('parked_at', { withTimezone: true, precision: 3, mode: 'string' })
      .notNull()
      .defaultNow(),
    retriedAt: timestamp('retried_at', { withTimezone: true, precision: 3, mode: 'string' })
      .notNull()
      .defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.projection, t.streamId] }),
    index('projection_parked_stream_idx').on(t.streamId),
  ],
);

// Read-model tables live beside their projections; re-exported so drizzle-kit sees them.
export * from '../auth/tables';
export * from '../notifications/tables';
export * from '../projections/leases/tables';
export * from '../projections/ledger/tables';
export * from '../projections/maintenance/tables';
export * from '../projections/payments/tables';
export * from '../projections/properties/tables';
export * from '../projections/stream-stats/tables';

export type EventRow = typeof events.$inferSelect;
export type NewEventRow = typeof events.$inferInsert;
export type StreamRow = typeof streams.$inferSelect;
export type SnapshotRow = typeof snapshots.$inferSelect;
export type ProjectionCheckpointRow = typeof projectionCheckpoints.$inferSelect;
export * from '../commands/tables';
