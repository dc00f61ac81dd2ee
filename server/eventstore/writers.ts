// This process's writers per stream: a queue per key, so writers on one stream never race each
// other in process, and the state each stream was last left in, so the next command skips the
// load. A cached state is only a guess: if another process wrote meanwhile, the append's version
// check refuses it and the command reloads. Kept on the runtime (one per process).
import type { Loaded } from './snapshots';

export interface StreamWriters {
  serialise<T>(key: string, work: () => Promise<T>): Promise<T>;
  cached<S>(streamId: string): Loaded<S> | undefined;
  remember<S>(streamId: string, loaded: Loaded<S>): void;
  forget(streamId: string): void;
}

/** Keyed queues and a bounded cache of the streams this process wrote last. */
export function createStreamWriters(cacheSize = 2_000): StreamWriters {
  const queues = new Map<string, Promise<unknown>>();
  const states = new Map<string, Loaded<unknown>>();
  return {
    serialise<T>(key: string, work: () => Promise<T>): Promise<T> {
      const previous = queues.get(key) ?? Promise.resolve();
      const turn = previous.then(work, work);
      const tail = turn.then(
        () => undefined,
        () => undefined,
      );
      queues.set(key, tail);
      void tail.then(() => {
        if (queues.get(key) === tail) queues.delete(key);
      });
      return turn;
    },
    cached<S>(streamId: string) {
      return states.get(streamId) as Loaded<S> | undefined;
    },
    remember<S>(streamId: string, loaded: Loaded<S>) {
      states.delete(streamId);
      states.set(streamId, loaded as Loaded<unknown>);
      // A Map iterates in insertion order: the first key is the least recently written.
      if (states.size > cacheSize) states.delete(states.keys().next().value as string);
    },
    forget(streamId: string) {
      states.delete(streamId);
    },
  };
}
