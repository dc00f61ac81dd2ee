// Maintenance commands: a tenant requests and rates; a manager schedules, completes, cancels.
// The handler checks who may send which (and that the lease belongs to the tenant).
import { z } from 'zod';
import { isoDateSchema } from '../shared/dates';
import { categorySchema, prioritySchema } from './events';

const uuid = z.uuid();

const requestMaintenanceCommand = z.object({
  type: z.literal('RequestMaintenance'),
  requestId: uuid,
  leaseId: uuid,
  propertyId: uuid,
  unitId: uuid,
  tenantId: uuid,
  category: categorySchema,
  priority: prioritySchema,
  description: z.string().trim().min(1).max(5000),
});

export const scheduleMaintenanceCommand = z.object({
  type: z.literal('ScheduleMaintenance'),
  scheduledFor: isoDateSchema,
});

export const completeMaintenanceCommand = z.object({
  type: z.literal('CompleteMaintenance'),
  resolution: z.string().trim().min(1).max(5000),
});

export const rateMaintenanceCommand = z.object({
  type: z.literal('RateMaintenance'),
  rating: z.int().min(1).max(5),
  comment: z.string().trim().min(1).max(2000).optional(),
});

export const cancelMaintenanceCommand = z.object({
  type: z.literal('CancelMaintenance'),
  reason: z.string().trim().min(1).max(2000),
});

export const maintenanceCommandSchema = z.discriminatedUnion('type', [
  requestMaintenanceCommand,
  scheduleMaintenanceCommand,
  completeMaintenanceCommand,
  rateMaintenanceCommand,
  cancelMaintenanceCommand,
]);

export type MaintenanceCommand = z.infer<typeof maintenanceCommandSchema>;
export type MaintenanceCommandOf<T extends MaintenanceCommand['type']> = Extract<
  MaintenanceCommand,
  { type: T }
>;
