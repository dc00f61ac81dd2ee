// The maintenance request's state: where it is in its lifecycle and what was recorded on the way.
// requested -> scheduled (any number of times) -> completed (-> rated once); or cancelled.
import type { MaintenanceCategory, MaintenancePriority } from './events';

export type MaintenanceStatus = 'requested' | 'scheduled' | 'completed' | 'cancelled';

export type MaintenanceRequest = {
  status: MaintenanceStatus;
  requestId: string;
  leaseId: string;
  propertyId: string;
  unitId: string;
  tenantId: string;
  category: MaintenanceCategory;
  priority: MaintenancePriority;
  description: string;
  requestedOn: string;
  scheduledFor?: string;
  completedOn?: string;
  resolution?: string;
  rating?: number;
  ratingComment?: string;
  cancellationReason?: string;
};

export type MaintenanceState = { status: 'none' } | MaintenanceRequest;

export const initialState: MaintenanceState = { status: 'none' };

export const STATE_SCHEMA_VERSION = 1;
