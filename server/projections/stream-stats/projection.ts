// stream-stats: events and streams per stream type. A small real read model that proves the
// path from append to page end to end (shown on the home page). The runner and the after-commit
// step apply each stream version once (projection_streams), so the handler may simply count.
import 'server-only';
import { type SQL, sql } from 'drizzle-orm';
import type { ProjectedEvent } from '../../eventstore';
import { type BulkWriter, bulkRows, type Projection } from '../types';
import { streamTypeStats } from './tables';

function count(event: ProjectedEvent): SQL {
  const newStream = event.version === 1 ? 1 : 0;
  // Commands apply their own events as they commit, so the last position only moves forward.
  return sql`INSERT INTO rm_stream_type_stats AS s (stream_type, streams, events, last_tx_id, last_position)
      VALUES (${event.streamType}, ${newStream}, 1, ${event.txId}::xid8, ${event.globalPosition})
      ON CONFLICT (stream_type) DO UPDATE
        SET streams = s.streams + excluded.streams, events = s.events + 1,
            last_tx_id = greatest(s.last_tx_id, excluded.last_tx_id),
            last_position = greatest(s.last_position, excluded.last_position)`;
}

/** Sums whole streams by type, written once at the end. */
function bulk(): BulkWriter {
  const byType = new Map<string, typeof streamTypeStats.$inferInsert>();
  return {
    stream(events) {
      const last = events[events.length - 1];
      if (!last) return [];
      const row = byType.get(last.streamType) ?? {
        streamType: last.streamType,
        streams: 0,
        events: 0,
        lastTxId: '0',
        lastPosition: 0,
      };
      row.streams = (row.streams ?? 0) + (events[0]?.version === 1 ? 1 : 0);
      row.events = (row.events ?? 0) + events.length;
      for (const event of events) {
        if (BigInt(event.txId) > BigInt(row.lastTxId)) row.lastTxId = event.txId;
        if (event.globalPosition > row.lastPosition) row.lastPosition = event.globalPosition;
      }
      byType.set(last.streamType, row);
      return [];
    },
    finish: () => [bulkRows(streamTypeStats, [...byType.values()])],
  };
}

export const streamStatsProjection: Projection = {
  name: 'stream-stats',
  tables: [streamTypeStats],
  bulk,
  async handle(tx, event) {
    await tx.execute(count(event));
  },
  statementsFor: (event) => [count(event)],
  async reset(tx) {
    await tx.execute(sql`DELETE FROM rm_stream_type_stats`);
  },
};
