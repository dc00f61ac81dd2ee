// stream-stats: events and streams per stream type. A small real read model that proves the
// path from append to page end to end (shown on the home page).
import 'server-only';
import { sql } from 'drizzle-orm';
import type { Projection } from '../types';

export const streamStatsProjection: Projection = {
  name: 'stream-stats',
  async handle(tx, event) {
    const newStream = event.version === 1 ? 1 : 0;
    // The position guard makes a replayed event a no-op.
    await tx.execute(
      sql`INSERT INTO rm_stream_type_stats AS s (stream_type, streams, events, last_tx_id, last_position)
          VALUES (${event.streamType}, ${newStream}, 1, ${event.txId}::xid8, ${event.globalPosition})
          ON CONFLICT (stream_type) DO UPDATE
            SET streams = s.streams + excluded.streams, events = s.events + 1,
                last_tx_id = excluded.last_tx_id, last_position = excluded.last_position
            WHERE (s.last_tx_id, s.last_position) < (excluded.last_tx_id, excluded.last_position)`,
    );
  },
  async reset(tx) {
    await tx.execute(sql`DELETE FROM rm_stream_type_stats`);
  },
};
