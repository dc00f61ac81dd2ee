// Which events a projection takes: the runner and the rebuild ask the same two questions.
import { streamTypeOfEvent } from '../domain/registry';
import type { Projection } from './types';

/** Does the projection keep per-stream versions for streams of this type? */
export function follows(projection: Projection, streamType: string): boolean {
  if (!projection.eventTypes) return true;
  return projection.eventTypes.some((type) => streamTypeOfEvent(type) === streamType);
}

export function handles(projection: Projection, eventType: string): boolean {
  return !projection.eventTypes || projection.eventTypes.includes(eventType);
}
