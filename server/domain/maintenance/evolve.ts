// Folds one maintenance event into the state; events before the request are ignored.
import { assertNever } from '../shared/assert-never';
import type { MaintenanceEvent } from './events';
import type { MaintenanceState } from './state';

export function evolve(state: MaintenanceState, event: MaintenanceEvent): MaintenanceState {
  if (event.type === 'MaintenanceRequested') {
    if (state.status !== 'none') return state;
    const { requestId, leaseId, propertyId, unitId, tenantId, category, priority, description, requestedOn } =
      event.data;
    return {
      status: 'requested',
      ...{ requestId, leaseId, propertyId, unitId, tenantId, category, priority, description, requestedOn },
    };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'MaintenanceScheduled':
      return { ...state, status: 'scheduled', scheduledFor: event.data.scheduledFor };
    case 'MaintenanceCompleted':
      return {
        ...state,
        status: 'completed',
        resolution: event.data.resolution,
        completedOn: event.data.completedOn,
      };
    case 'MaintenanceRated': {
      const { rating, comment } = event.data;
      return { ...state, rating, ...(comment === undefined ? {} : { ratingComment: comment }) };
    }
    case 'MaintenanceCancelled':
      return { ...state, status: 'cancelled', cancellationReason: event.data.reason };
    default:
      return assertNever(event);
  }
}
