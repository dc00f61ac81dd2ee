// Read table of the stream-stats projection: how many streams and events each stream type has.
import { bigint, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { xid8 } from '../../db/columns';

export const streamTypeStats = pgTable('rm_stream_type_stats', {
  streamType: text('stream_type').primaryKey(),
  streams: integer('streams').notNull().default(0),
  events: bigint('events', { mode: 'number' }).notNull().default(0),
  /** Commit-order position of the last event counted: a replayed event is not counted twice. */
  lastTxId: xid8('last_tx_id').notNull(),
  lastPosition: bigint('last_position', { mode: 'number' }).notNull(),
});

export type StreamTypeStatsRow = typeof streamTypeStats.$inferSelect;
