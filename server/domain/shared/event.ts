// The shapes every aggregate shares: a domain event, a decider, and an upcaster that
// brings an event stored at an older schema version to the current one.
import { z } from 'zod';
import type { Ctx } from './ctx';

export type DomainEvent<T extends string = string, D = unknown> = { type: T; data: D };

/** One event schema: `{ type: <literal>, data: <schema> }`. */
export const eventSchema = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({ type: z.literal(type), data });

export type Decider<C, E, S> = {
  /** Stream ids are `${streamType}-${uuid}`. */
  streamType: string;
  initialState: S;
  evolve: (state: S, event: E) => S;
  /** Throws `DomainError` on a broken rule; never returns part of an answer. */
  decide: (command: C, state: S, ctx: Ctx) => E[];
  /** Bumped whenever the state shape changes, so stale snapshots are ignored. */
  stateSchemaVersion: number;
};

export type Upcaster = {
  eventType: string;
  fromVersion: number;
  toVersion: number;
  upcast: (data: unknown) => unknown;
};

/** `lease-<uuid>` from a stream type and an id. */
export const streamIdOf = (streamType: string, id: string): string => `${streamType}-${id}`;

/** The id part of a stream id, or null when the stream belongs to another type. */
export function idOfStream(streamType: string, streamId: string): string | null {
  const prefix = `${streamType}-`;
  return streamId.startsWith(prefix) ? streamId.slice(prefix.length) : null;
}
