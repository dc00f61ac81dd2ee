// The maintenance decider: the request lifecycle and its one rating.
// Scheduling, completing and cancelling need an open request; rating needs a completed one.
import { assertNever } from '../shared/assert-never';
import type { Ctx } from '../shared/ctx';
import { todayUtc } from '../shared/dates';
import { DomainError } from '../shared/errors';
import { requireDate, requireText } from '../shared/validate';
import type { MaintenanceCommand, MaintenanceCommandOf } from './commands';
import { categorySchema, type MaintenanceEvent, prioritySchema } from './events';
import type { MaintenanceRequest, MaintenanceState } from './state';

function requireRequest(state: MaintenanceState): MaintenanceRequest {
  if (state.status === 'none') {
    throw new DomainError('maintenance_not_found', 'There is no such maintenance request.');
  }
  return state;
}

/** Schedule, complete and cancel are allowed only while the request is still open. */
function requireOpen(state: MaintenanceState, action: string): MaintenanceRequest {
  const request = requireRequest(state);
  if (request.status !== 'requested' && request.status !== 'scheduled') {
    throw new DomainError(
      'maintenance_invalid_transition',
      `This request is already ${request.status}, so it cannot be ${action}.`,
    );
  }
  return request;
}

function request(
  command: MaintenanceCommandOf<'RequestMaintenance'>,
  state: MaintenanceState,
  ctx: Ctx,
): MaintenanceEvent[] {
  if (state.status !== 'none') {
    throw new DomainError('maintenance_already_exists', 'A maintenance request with this id already exists.');
  }
  const invalid = (field: string, message: string) =>
    new DomainError('invalid_maintenance_request', message, field);
  const category = categorySchema.safeParse(command.category);
  if (!category.success)
    throw invalid('category', `Choose a category: ${categorySchema.options.join(', ')}.`);
  const priority = prioritySchema.safeParse(command.priority);
  if (!priority.success) throw invalid('priority', 'Choose a priority: low, normal, high or urgent.');
  const description = requireText(command.description, {
    code: 'invalid_maintenance_request',
    field: 'description',
    message: 'Describe the problem so the manager knows what to fix.',
  });
  const { requestId, leaseId, propertyId, unitId, tenantId } = command;
  const data = {
    requestId,
    leaseId,
    propertyId,
    unitId,
    tenantId,
    description,
    requestedOn: todayUtc(ctx.now),
  };
  return [
    { type: 'MaintenanceRequested', data: { ...data, category: category.data, priority: priority.data } },
  ];
}

function schedule(
  command: MaintenanceCommandOf<'ScheduleMaintenance'>,
  state: MaintenanceState,
  ctx: Ctx,
): MaintenanceEvent[] {
  requireOpen(state, 'scheduled');
  const scheduledFor = requireDate(command.scheduledFor, 'scheduledFor');
  const today = todayUtc(ctx.now);
  if (scheduledFor < today) {
    throw new DomainError(
      'invalid_schedule_date',
      `Schedule the visit for today (${today}) or later.`,
      'scheduledFor',
    );
  }
  return [{ type: 'MaintenanceScheduled', data: { scheduledFor } }];
}

function rate(command: MaintenanceCommandOf<'RateMaintenance'>, state: MaintenanceState): MaintenanceEvent[] {
  const current = requireRequest(state);
  if (current.status !== 'completed') {
    throw new DomainError('maintenance_not_completed', 'You can rate a request once the work is completed.');
  }
  if (current.rating !== undefined) {
    throw new DomainError('maintenance_already_rated', 'This request has already been rated.');
  }
  const { rating, comment } = command;
  if (!Number.isInteger(rating) || rating < 1 || rating > 5) {
    throw new DomainError('invalid_rating', 'Choose a rating from 1 to 5 stars.', 'rating');
  }
  const trimmed = comment?.trim();
  return [{ type: 'MaintenanceRated', data: { rating, ...(trimmed ? { comment: trimmed } : {}) } }];
}

export function decide(command: MaintenanceCommand, state: MaintenanceState, ctx: Ctx): MaintenanceEvent[] {
  const text = (value: string, field: string, message: string) =>
    requireText(value, { code: 'invalid_input', field, message });
  switch (command.type) {
    case 'RequestMaintenance':
      return request(command, state, ctx);
    case 'ScheduleMaintenance':
      return schedule(command, state, ctx);
    case 'CompleteMaintenance': {
      requireOpen(state, 'completed');
      const resolution = text(command.resolution, 'resolution', 'Say what was done to resolve the request.');
      return [{ type: 'MaintenanceCompleted', data: { resolution, completedOn: todayUtc(ctx.now) } }];
    }
    case 'RateMaintenance':
      return rate(command, state);
    case 'CancelMaintenance': {
      requireOpen(state, 'cancelled');
      const reason = text(command.reason, 'reason', 'Give a reason for cancelling the request.');
      return [{ type: 'MaintenanceCancelled', data: { reason } }];
    }
    default:
      return assertNever(command);
  }
}
