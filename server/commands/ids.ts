// Ids derived from an idempotency key: a retried request produces the same payment id, so the
// command (and the hash that guards its key) is identical on every attempt.
import { createHash, randomUUID } from 'node:crypto';

/** A version-4-shaped UUID that is a pure function of `seed`. */
export function uuidFromSeed(seed: string): string {
  const bytes = createHash('sha256').update(`leasebook:${seed}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const newUuid = (): string => randomUUID();

/** Fresh ids for one command: derived from its command id when it has one, random otherwise. */
export function idSource(commandId: string | undefined): () => string {
  if (commandId === undefined) return newUuid;
  let n = 0;
  return () => uuidFromSeed(`${commandId}#${++n}`);
}
