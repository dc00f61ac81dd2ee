// The store's view of an aggregate: the pure half of a decider (initial state, evolve, state schema
// version) as a Folder over stored events. Structural, so the store needs nothing from the domain.
import type { Folder } from './snapshots';
import type { StoredEvent } from './types';

/** What folderOf needs of a decider (any domain decider has it). */
export interface Foldable<S, E extends { type: string; data: unknown }> {
  initialState: S;
  stateSchemaVersion: number;
  evolve(state: S, event: E): S;
}

/** A decider as a Folder: each stored (upcast) event becomes `{type, data}` for its evolve. */
export function folderOf<S, E extends { type: string; data: unknown }>(decider: Foldable<S, E>): Folder<S> {
  return {
    initialState: decider.initialState,
    stateSchemaVersion: decider.stateSchemaVersion,
    evolve: (state: S, event: StoredEvent) =>
      decider.evolve(state, { type: event.eventType, data: event.data } as E),
  };
}
