// The property aggregate: its decider, stream ids and the types other layers use.
// Streams are `property-<uuid>`.
import type { Decider } from '../shared/event';
import { idOfStream, streamIdOf } from '../shared/event';
import type { PropertyCommand } from './commands';
import { decide } from './decide';
import type { PropertyEvent } from './events';
import { evolve } from './evolve';
import { initialState, type PropertyState, STATE_SCHEMA_VERSION } from './state';

const PROPERTY_STREAM_TYPE = 'property';

export const propertyDecider: Decider<PropertyCommand, PropertyEvent, PropertyState> = {
  streamType: PROPERTY_STREAM_TYPE,
  initialState,
  evolve,
  decide,
  stateSchemaVersion: STATE_SCHEMA_VERSION,
};

export const propertyStreamId = (propertyId: string): string => streamIdOf(PROPERTY_STREAM_TYPE, propertyId);
export const propertyIdOfStream = (streamId: string): string | null =>
  idOfStream(PROPERTY_STREAM_TYPE, streamId);

export * from './commands';
export * from './events';
export * from './state';
