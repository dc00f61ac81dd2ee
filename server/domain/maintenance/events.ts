// Maintenance events: a tenant's request and its way through scheduling, completion and rating.
import { z } from 'zod';
import { isoDateSchema } from '../shared/dates';
import { eventSchema } from '../shared/event';

const id = z.string().min(1);

export const MAINTENANCE_CATEGORIES = [
  'plumbing',
  'electrical',
  'appliance',
  'heating',
  'cooling',
  'pest',
  'structural',
  'other',
] as const;
export const categorySchema = z.enum(MAINTENANCE_CATEGORIES);
export const prioritySchema = z.enum(['low', 'normal', 'high', 'urgent']);
export type MaintenanceCategory = z.infer<typeof categorySchema>;
export type MaintenancePriority = z.infer<typeof prioritySchema>;

const maintenanceRequestedData = z.object({
  requestId: id,
  leaseId: id,
  propertyId: id,
  unitId: id,
  tenantId: id,
  category: categorySchema,
  priority: prioritySchema,
  description: z.string().min(1),
  requestedOn: isoDateSchema,
});

const maintenanceScheduledData = z.object({ scheduledFor: isoDateSchema });
const maintenanceCompletedData = z.object({
  resolution: z.string().min(1),
  completedOn: isoDateSchema,
});
const maintenanceRatedData = z.object({
  rating: z.int().min(1).max(5),
  comment: z.string().optional(),
});
const maintenanceCancelledData = z.object({ reason: z.string().min(1) });

export const maintenanceEventSchema = z.discriminatedUnion('type', [
  eventSchema('MaintenanceRequested', maintenanceRequestedData),
  eventSchema('MaintenanceScheduled', maintenanceScheduledData),
  eventSchema('MaintenanceCompleted', maintenanceCompletedData),
  eventSchema('MaintenanceRated', maintenanceRatedData),
  eventSchema('MaintenanceCancelled', maintenanceCancelledData),
]);

export type MaintenanceEvent = z.infer<typeof maintenanceEventSchema>;
export type MaintenanceEventType = MaintenanceEvent['type'];

export const MAINTENANCE_EVENT_TYPES: readonly MaintenanceEventType[] = maintenanceEventSchema.options.map(
  (option) => option.shape.type.value,
);
