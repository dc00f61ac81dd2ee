// Canonical JSON and hashing for the tamper-evident chain. The canonical form must survive a
// jsonb round trip unchanged, so only plain JSON values are accepted.
import { createHash } from 'node:crypto';
import { EventStoreInputError } from './errors';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Half of a surrogate pair with no other half: not Unicode. */
const UNPAIRED_SURROGATE = /\p{Cs}/u;

/**
 * Why PostgreSQL cannot store this text as it is, if it cannot: jsonb and text refuse the NUL
 * character, and text that is not Unicode (half of a surrogate pair) is not stored as it was.
 * The event store and every HTTP input check with this one test.
 */
export function unstorableText(text: string): 'nul' | 'unpaired surrogate' | undefined {
  if (text.includes('\u0000')) return 'nul';
  if (UNPAIRED_SURROGATE.test(text)) return 'unpaired surrogate';
  return undefined;
}

function assertStorableText(text: string, where: string): void {
  const reason = unstorableText(text);
  if (reason === 'nul') throw notSerialisable(where, 'strings may not contain NUL');
  if (reason === 'unpaired surrogate')
    throw notSerialisable(where, 'strings must be valid Unicode (an unpaired surrogate)');
}

/** Checks that `value` is plain JSON that PostgreSQL jsonb stores and returns unchanged. */
export function assertJsonValue(value: unknown, where: string, seen = new Set<object>()): JsonValue {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw notSerialisable(where, `${value} is not a finite number`);
    return Object.is(value, -0) ? 0 : value;
  }
  if (typeof value === 'string') {
    assertStorableText(value, where);
    return value;
  }
  if (typeof value !== 'object') throw notSerialisable(where, `a ${typeof value} is not JSON`);
  if (seen.has(value)) throw notSerialisable(where, 'it contains a cycle');
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item, i) => assertJsonValue(item, `${where}[${i}]`, seen));
    const prototype = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      throw notSerialisable(where, `a ${value.constructor?.name ?? 'class instance'} is not plain JSON`);
    }
    const out: { [key: string]: JsonValue } = {};
    for (const [key, item] of Object.entries(value)) {
      // Absent and undefined mean the same once stored; drop undefined like JSON.stringify does.
      if (item === undefined) continue;
      assertStorableText(key, `${where} (a key)`);
      out[key] = assertJsonValue(item, `${where}.${key}`, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

function notSerialisable(where: string, why: string): EventStoreInputError {
  return new EventStoreInputError('not_serialisable', `${where} cannot be stored as JSON: ${why}.`);
}

/** JSON with object keys sorted at every level: one text per value. */
export function canonicalJson(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] as JsonValue)}`).join(',')}}`;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface HashedFields {
  streamId: string;
  version: number;
  eventId: string;
  eventType: string;
  schemaVersion: number;
  data: JsonValue;
  metadata: JsonValue;
  recordedAt: string;
}

/** hash = sha256(previous hash in the stream + canonical serialisation of the stored event). */
export function chainHash(previousHash: string, event: HashedFields): string {
  return sha256Hex(
    previousHash +
      canonicalJson({
        streamId: event.streamId,
        version: event.version,
        eventId: event.eventId,
        eventType: event.eventType,
        schemaVersion: event.schemaVersion,
        data: event.data,
        metadata: event.metadata,
        recordedAt: event.recordedAt,
      }),
  );
}
