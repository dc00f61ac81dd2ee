// Shapes going into and coming out of the event store.
import { z } from 'zod';
import type { JsonValue } from './canonical';
import { EventStoreInputError } from './errors';

const ROLES = ['tenant', 'manager', 'auditor', 'admin', 'system'] as const;
const SOURCES = ['web', 'api', 'billing', 'seed', 'import', 'system'] as const;

/** Metadata carried by every event: who, from where, and what caused it. */
export const EventMetadataSchema = z.looseObject({
  actor: z.object({
    userId: z.string().min(1).nullable(),
    role: z.enum(ROLES),
    name: z.string().optional(),
  }),
  correlationId: z.string().min(1).max(255),
  causationId: z.string().min(1).max(255).nullable(),
  commandId: z.string().min(1).max(255).optional(),
  source: z.enum(SOURCES),
});
export type EventMetadata = z.infer<typeof EventMetadataSchema>;

export interface NewEvent {
  type: string;
  data: unknown;
  /** Defaults to the newest schema version the upcaster registry knows for the type. */
  schemaVersion?: number;
  eventId?: string;
  /** Merged over the append's metadata, e.g. a per-event causationId. */
  metadata?: Partial<EventMetadata>;
}

export interface StoredEvent<D = JsonValue> {
  globalPosition: number;
  streamId: string;
  streamType: string;
  version: number;
  eventId: string;
  eventType: string;
  /** The schema version of `data` after upcasting (the current one). */
  schemaVersion: number;
  /** The schema version the event was written with. */
  storedSchemaVersion: number;
  data: D;
  metadata: EventMetadata;
  recordedAt: string;
  txId: string;
  hash: string;
  /** Opaque position in the global commit order, usable as a feed cursor. */
  cursor: string;
}

/**
 * What a projection sees of an event: enough to fold it and to place it in the log, not its
 * metadata, hash or ids. The rebuild reads only these columns (read.ts, `readStreamsToFold`):
 * metadata alone is a larger text than the data, and parsing it was a fifth of the read.
 */
export type ProjectedEvent<D = JsonValue> = Pick<
  StoredEvent<D>,
  | 'globalPosition'
  | 'streamId'
  | 'streamType'
  | 'version'
  | 'eventType'
  | 'schemaVersion'
  | 'data'
  | 'recordedAt'
  | 'txId'
>;

const STREAM_ID = /^([a-z][a-z0-9]*(?:_[a-z0-9]+)*)-([A-Za-z0-9][A-Za-z0-9_-]{0,127})$/;

/** `lease-<uuid>` → `lease`. Throws for anything that is not `<type>-<id>`. */
export function streamTypeOf(streamId: unknown): string {
  const match = typeof streamId === 'string' ? STREAM_ID.exec(streamId) : null;
  if (!match?.[1]) {
    throw new EventStoreInputError(
      'invalid_stream_id',
      `Invalid stream id ${JSON.stringify(streamId)}: expected "<type>-<id>", e.g. "lease-<uuid>".`,
    );
  }
  return match[1];
}

const EVENT_TYPE = /^[A-Z][A-Za-z0-9]{0,99}$/;

export function assertEventType(type: unknown): asserts type is string {
  if (typeof type !== 'string' || !EVENT_TYPE.test(type)) {
    throw new EventStoreInputError(
      'invalid_event',
      `Invalid event type ${JSON.stringify(type)}: expected PascalCase, e.g. "PaymentReceived".`,
    );
  }
}
