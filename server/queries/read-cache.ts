// Answers of costly read-model queries, kept per process while the read models they read stand
// still. An entry is named by the query's key and holds the version of the projections' tables it
// was computed at (settledVersion): a read first asks for the current version (one statement of
// index probes), and an equal version means the same rows, so the same answer. While the version
// is unknown (an event not yet through every checkpoint, a rebuild, a failing projection) nothing
// is kept and every read computes. Concurrent reads of one key at one version share one
// computation.
//
// Answers are frozen when kept: every later request receives the same object, so a caller that
// mutated it would throw instead of changing what the next reader sees. Per database handle (the
// primary and a replica are at different versions) and bounded: least recently used out first.
import 'server-only';
import type { Executor } from '../db/client';
import { deepFreeze } from '../eventstore/snapshot-cache';
import { settledVersion } from '../projections/checkpoints';

const MAX_ENTRIES = 64;

interface Entry {
  version: string;
  answer: Promise<unknown>;
}

const HOLDER = Symbol.for('leasebook.read-cache');
type Holder = { [HOLDER]?: WeakMap<object, Map<string, Entry>> };

/** One map per database handle, on globalThis: route and page bundles share it. */
function entriesFor(db: Executor): Map<string, Entry> {
  const holder = globalThis as Holder;
  holder[HOLDER] ??= new WeakMap();
  let entries = holder[HOLDER].get(db);
  if (!entries) {
    entries = new Map();
    holder[HOLDER].set(db, entries);
  }
  return entries;
}

/** Counts since the process started, for tests and the bench. */
export const readCacheStats = { hits: 0, misses: 0, unsettled: 0 };

/**
 * The answer of `compute` for `key`, reused while the tables of `projections` hold the same rows.
 * `key` must name everything the answer depends on besides those tables (the reader, the range,
 * the day it is computed for).
 */
export async function cachedRead<T>(
  db: Executor,
  projections: readonly string[],
  key: string,
  compute: () => Promise<T>,
): Promise<T> {
  const version = await settledVersion(db, projections);
  if (version === null) {
    readCacheStats.unsettled += 1;
    return compute();
  }
  const entries = entriesFor(db);
  const found = entries.get(key);
  entries.delete(key);
  if (found && found.version === version) {
    readCacheStats.hits += 1;
    entries.set(key, found);
    return found.answer as Promise<T>;
  }
  readCacheStats.misses += 1;
  const answer = compute().then((value) => {
    deepFreeze(value);
    return value;
  });
  const entry: Entry = { version, answer };
  entries.set(key, entry);
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
  // A failed computation is not kept: the next read tries again.
  answer.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  return answer;
}
