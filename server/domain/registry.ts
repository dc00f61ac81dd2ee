// One place for the event store and projections to find every aggregate's decider, upcasters
// and current schema versions, keyed by stream or event type.
import { LEASE_EVENT_TYPES, leaseDecider } from './lease';
import {
  CURRENT_SCHEMA_VERSIONS as LEASE_SCHEMA_VERSIONS,
  upcasters as leaseUpcasters,
} from './lease/upcasters';
import { MAINTENANCE_EVENT_TYPES, maintenanceDecider } from './maintenance';
import { PROPERTY_EVENT_TYPES, propertyDecider } from './property';
import type { Upcaster } from './shared/event';

export const deciders = {
  [leaseDecider.streamType]: leaseDecider,
  [propertyDecider.streamType]: propertyDecider,
  [maintenanceDecider.streamType]: maintenanceDecider,
} as const;

/** Every upcaster of every aggregate; the event store runs them on all read paths. */
export const allUpcasters: readonly Upcaster[] = [...leaseUpcasters];

/** The schema version each event type is written with today (1 unless it evolved). */
const EVENT_SCHEMA_VERSIONS: Readonly<Record<string, number>> = Object.fromEntries([
  ...[...PROPERTY_EVENT_TYPES, ...MAINTENANCE_EVENT_TYPES, ...LEASE_EVENT_TYPES].map((type) => [type, 1]),
  ...Object.entries(LEASE_SCHEMA_VERSIONS),
]);

export const schemaVersionOf = (eventType: string): number => EVENT_SCHEMA_VERSIONS[eventType] ?? 1;

/** The stream type an event type belongs to, or undefined for a type no aggregate knows. */
export function streamTypeOfEvent(eventType: string): string | undefined {
  if ((LEASE_EVENT_TYPES as readonly string[]).includes(eventType)) return leaseDecider.streamType;
  if ((PROPERTY_EVENT_TYPES as readonly string[]).includes(eventType)) return propertyDecider.streamType;
  if ((MAINTENANCE_EVENT_TYPES as readonly string[]).includes(eventType))
    return maintenanceDecider.streamType;
  return undefined;
}
