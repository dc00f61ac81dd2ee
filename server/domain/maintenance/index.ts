// The maintenance aggregate: its decider, stream ids and the types other layers use.
// Streams are `maintenance-<uuid>`, one per request.
import type { Decider } from '../shared/event';
import { idOfStream, streamIdOf } from '../shared/event';
import type { MaintenanceCommand } from './commands';
import { decide } from './decide';
import type { MaintenanceEvent } from './events';
import { evolve } from './evolve';
import { initialState, type MaintenanceState, STATE_SCHEMA_VERSION } from './state';

const MAINTENANCE_STREAM_TYPE = 'maintenance';

export const maintenanceDecider: Decider<MaintenanceCommand, MaintenanceEvent, MaintenanceState> = {
  streamType: MAINTENANCE_STREAM_TYPE,
  initialState,
  evolve,
  decide,
  stateSchemaVersion: STATE_SCHEMA_VERSION,
};

export const maintenanceStreamId = (requestId: string): string =>
  streamIdOf(MAINTENANCE_STREAM_TYPE, requestId);
export const maintenanceIdOfStream = (streamId: string): string | null =>
  idOfStream(MAINTENANCE_STREAM_TYPE, streamId);

export * from './commands';
export * from './events';
export * from './state';
