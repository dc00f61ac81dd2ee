// What a projection handler may read besides its own tables (ProjectionIo), inside the
// transaction of the runner's batch or the rebuild's.
import type { Executor } from '../db/client';
import type { EventStore, Folder } from '../eventstore';
import type { ProjectionIo } from './types';

export const projectionIo = (store: EventStore, tx: Executor): ProjectionIo => ({
  readStream: (streamId, options) => store.readStream(streamId, options, tx),
  loadState: async <S>(streamId: string, folder: Folder<S>, toVersion: number) =>
    (await store.load(streamId, folder, { toVersion }, tx)).state,
});
