// Maintenance lifecycle: requested -> scheduled -> completed -> rated 1-5 once; or cancelled.
import { describe, expect, it } from 'vitest';
import { maintenanceDecider } from '@/server/domain/maintenance';
import type { MaintenanceCommand, MaintenanceCommandOf } from '@/server/domain/maintenance/commands';
import type { MaintenanceEvent } from '@/server/domain/maintenance/events';
import { givenFor, testCtx, testId } from '../support/given';

const given = givenFor(maintenanceDecider);

const request: MaintenanceCommandOf<'RequestMaintenance'> = {
  type: 'RequestMaintenance',
  requestId: testId(30),
  leaseId: testId(1),
  propertyId: testId(3),
  unitId: testId(4),
  tenantId: testId(2),
  category: 'plumbing',
  priority: 'high',
  description: 'The kitchen sink leaks under the cabinet.',
};
const { type: _type, ...requestedData } = request;
const requested: MaintenanceEvent = {
  type: 'MaintenanceRequested',
  data: { ...requestedData, requestedOn: '2027-03-15' },
};
const scheduled: MaintenanceEvent = { type: 'MaintenanceScheduled', data: { scheduledFor: '2027-03-18' } };
const done: MaintenanceEvent = {
  type: 'MaintenanceCompleted',
  data: { resolution: 'Replaced the trap seal.', completedOn: '2027-03-18' },
};
const cancelled: MaintenanceEvent = { type: 'MaintenanceCancelled', data: { reason: 'Fixed by the tenant' } };

const schedule = (scheduledFor: string): MaintenanceCommand => ({
  type: 'ScheduleMaintenance',
  scheduledFor,
});
const complete: MaintenanceCommand = { type: 'CompleteMaintenance', resolution: 'Replaced the trap seal.' };
const rate = (rating: number, comment?: string): MaintenanceCommand => ({
  type: 'RateMaintenance',
  rating,
  ...(comment ? { comment } : {}),
});
const cancel: MaintenanceCommand = { type: 'CancelMaintenance', reason: 'Fixed by the tenant' };

describe('maintenance lifecycle', () => {
  it('a tenant requests: category, priority and description are recorded', () => {
    given([]).when(request).then([requested]);
    given([requested]).when(request).thenThrows('maintenance_already_exists');
  });

  it('refuses an unknown category or priority and an empty description', () => {
    given([])
      .when({ ...request, category: 'roof' as never })
      .thenThrows('invalid_maintenance_request');
    given([])
      .when({ ...request, priority: 'asap' as never })
      .thenThrows('invalid_maintenance_request');
    given([])
      .when({ ...request, description: '   ' })
      .thenThrows('invalid_maintenance_request');
  });

  it('is scheduled, and may be rescheduled, but not into the past', () => {
    given([requested]).when(schedule('2027-03-18')).then([scheduled]);
    given([requested, scheduled])
      .when(schedule('2027-03-19'))
      .then([{ type: 'MaintenanceScheduled', data: { scheduledFor: '2027-03-19' } }]);
    given([requested]).when(schedule('2027-03-14')).thenThrows('invalid_schedule_date');
  });

  it('completes from requested or scheduled', () => {
    given([requested, scheduled]).when(complete, testCtx('2027-03-18')).then([done]);
    given([requested]).when(complete, testCtx('2027-03-18')).then([done]);
  });

  it('refuses to schedule, complete or cancel a closed request', () => {
    given([requested, done]).when(schedule('2027-03-20')).thenThrows('maintenance_invalid_transition');
    given([requested, done]).when(complete).thenThrows('maintenance_invalid_transition');
    given([requested, done]).when(cancel).thenThrows('maintenance_invalid_transition');
    given([requested, cancelled]).when(schedule('2027-03-20')).thenThrows('maintenance_invalid_transition');
    given([requested, cancelled]).when(complete).thenThrows('maintenance_invalid_transition');
  });

  it('is rated 1-5 once, only when completed', () => {
    given([requested, done])
      .when(rate(5, 'Quick and tidy'))
      .then([{ type: 'MaintenanceRated', data: { rating: 5, comment: 'Quick and tidy' } }]);
    given([requested, done])
      .when(rate(1))
      .then([{ type: 'MaintenanceRated', data: { rating: 1 } }]);
    given([requested, done]).when(rate(0)).thenThrows('invalid_rating');
    given([requested, done]).when(rate(6)).thenThrows('invalid_rating');
    given([requested, done]).when(rate(4.5)).thenThrows('invalid_rating');
    given([requested, scheduled]).when(rate(4)).thenThrows('maintenance_not_completed');
    given([requested, cancelled]).when(rate(4)).thenThrows('maintenance_not_completed');
    given([requested, done, { type: 'MaintenanceRated', data: { rating: 4 } }])
      .when(rate(5))
      .thenThrows('maintenance_already_rated');
  });

  it('is cancelled from requested or scheduled', () => {
    given([requested]).when(cancel).then([cancelled]);
    given([requested, scheduled]).when(cancel).then([cancelled]);
  });

  it('refuses commands for a request that does not exist', () => {
    given([]).when(complete).thenThrows('maintenance_not_found');
    given([]).when(rate(5)).thenThrows('maintenance_not_found');
  });

  it('the state tells where the request is and survives JSON', () => {
    const state = given([requested, scheduled, done]).when(rate(4, 'Good')).state();
    expect(state).toMatchObject({
      status: 'completed',
      rating: 4,
      ratingComment: 'Good',
      scheduledFor: '2027-03-18',
    });
    expect(JSON.parse(JSON.stringify(state))).toStrictEqual(state);
  });
});
