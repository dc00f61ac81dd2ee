// The store's view of an aggregate: the pure half of a decider (initial state, evolve, state schema
// version) as a Folder over stored events. Structural, so the store needs nothing from the domain.
import type { Folder } from './snapshots';
import type { StoredEvent } from './types';

/** What folderOf needs of a decider (any domain decider has it). */
export interface Foldable<S, E extends { type: string; data: unknown }> {
  initialState: S;
  stateSchemaVersion: number;
  evolve(state: S, event: E): S;
  /** Folds a batch at once (cheaper per event than `evolve` one by one); optional. */
  fold?(state: S, events: readonly E[]): S;
}

/** A decider as a Folder: each stored (upcast) event becomes `{type, data}` for its evolve. */
export function folderOf<S, E extends { type: string; data: unknown }>(decider: Foldable<S, E>): Folder<S> {
  const asDomain = (event: StoredEvent) => ({ type: event.eventType, data: event.data }) as E;
  const batch = decider.fold?.bind(decider);
  return {
    initialState: decider.initialState,
    stateSchemaVersion: decider.stateSchemaVersion,
    evolve: (state: S, event: StoredEvent) => decider.evolve(state, asDomain(event)),
    fold: (state: S, events: readonly StoredEvent[]) =>
      batch
        ? batch(state, events.map(asDomain))
        : events.reduce((s, e) => decider.evolve(s, asDomain(e)), state),
  };
}
