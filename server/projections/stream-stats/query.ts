// Reads the stream-stats read model.
import 'server-only';
import { asc } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { streamTypeStats } from './tables';

export interface StreamTypeStats {
  streamType: string;
  streams: number;
  events: number;
}

export async function getStreamTypeStats(db: Executor): Promise<StreamTypeStats[]> {
  const found = await db
    .select({
      streamType: streamTypeStats.streamType,
      streams: streamTypeStats.streams,
      events: streamTypeStats.events,
    })
    .from(streamTypeStats)
    .orderBy(asc(streamTypeStats.streamType));
  return found.map((row) => ({ ...row, events: Number(row.events) }));
}
